// The fake Azure CLI's behaviour: answers exactly the az calls setup.sh makes, from a small Entra/ARM world, and
// records every write in it. Anything it does not know fails loudly (exit 99). Like a process, a call that fails
// leaves the world as it was unless it had saved (the world is the JSON file the old process-per-call fake kept).

import { randomUUID } from "node:crypto";

export interface AppRole {
  id: string;
  value: string;
  allowedMemberTypes: string[];
  [key: string]: unknown;
}

export interface FederatedCredential {
  name: string;
  issuer: string;
  subject: string;
  audiences: string[];
}

export interface App {
  tenant: string;
  signInAudience: string;
  identifierUris: string[];
  requestedAccessTokenVersion: number | null;
  appRoles: AppRole[];
  fics: FederatedCredential[];
}

export interface World {
  cloud: string;
  current: string;
  subscriptions: Record<string, string>;
  logins: string[];
  identities: { id: string; sub: string; rg: string; name: string; clientId: string; principalId: string }[];
  apims: Record<
    string,
    { identity: { type: string; userAssignedIdentities?: Record<string, object> }; provisioningState?: string }
  >;
  apps: Record<string, Record<string, App>>;
  sps: Record<string, Record<string, { id: string }>>;
  assignments: Record<string, { principalId: string; resourceId: string; appRoleId: string }[]>;
  namedValues: Record<string, Record<string, { secret: string; value: string }>>;
  writes: string[];
  /** Every command line az was called with, as `ps` would show it (setup.sh must never put a secret there). */
  commandLines: string[];
}

export interface AzResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** How a process ends early: the exit code, and what it printed to stderr before. */
class Exit extends Error {
  constructor(
    readonly code: number,
    readonly stderr: string,
  ) {
    super(`exit ${code}`);
  }
}

/**
 * One az call. `args` is its argv; `files` holds the content of each "@path" argument (az reads such a file and
 * uses its content as the value). Returns the world after the call and what the process would have printed.
 */
export function callAz(
  before: World,
  args: readonly string[],
  files: ReadonlyMap<string, string>,
): { world: World; result: AzResult } {
  let committed = structuredClone(before);
  committed.commandLines.push(args.join(" "));
  const s = structuredClone(committed);
  let stdout = "";
  const save = () => {
    committed = structuredClone(s);
  };
  try {
    const print = (text: string) => {
      stdout += text;
    };
    azCommand(s, args, files, save, print);
    return { world: committed, result: { code: 0, stdout, stderr: "" } };
  } catch (e) {
    if (!(e instanceof Exit)) throw e;
    return { world: committed, result: { code: e.code, stdout, stderr: e.stderr } };
  }
}

type Flags = Record<string, string | string[] | true>;

function azCommand(
  s: World,
  rawArgs: readonly string[],
  files: ReadonlyMap<string, string>,
  save: () => void,
  print: (text: string) => void,
): void {
  const argv = rawArgs.map((a) => (a.startsWith("@") ? (files.get(a.slice(1)) ?? fail(`cannot read ${a}`)) : a));
  const words: string[] = [];
  const flags: Flags = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith("-")) {
      const values: string[] = [];
      while (i + 1 < argv.length && !argv[i + 1]!.startsWith("-")) {
        i++;
        values.push(argv[i]!);
      }
      flags[a] = values.length <= 1 ? (values[0] ?? true) : values;
    } else words.push(a);
  }
  const unknown = (): never => {
    throw new Exit(99, `fake az: unsupported call: az ${argv.join(" ")}\n`);
  };
  const notFound = (what: string): never => {
    throw new Exit(3, `ERROR: (ResourceNotFound) ${what} was not found\n`);
  };
  /** A flag's single value (as a string, like the old fake's template literals); a list where one is expected fails. */
  const flag = (name: string): string | undefined => {
    const v = flags[name];
    if (Array.isArray(v)) return unknown();
    return v === undefined ? undefined : String(v);
  };
  const cmd = words.join(" ");
  const q = flag("--query");
  const write = (what: string) => {
    s.writes.push(what);
    save();
  };
  const out = (v: unknown) => {
    const o = flag("-o");
    if (o === "none") return;
    if (o === "tsv") {
      if (Array.isArray(v) && v.length === 0) return; // az prints nothing for an empty list
      print(`${tsv(v)}\n`);
    } else print(`${JSON.stringify(v ?? null)}\n`);
  };
  const tenant = () => s.current;
  const apps = (): Record<string, App> => {
    s.apps[tenant()] ??= {};
    return s.apps[tenant()]!;
  };
  const sps = (): Record<string, { id: string }> => {
    s.sps[tenant()] ??= {};
    return s.sps[tenant()]!;
  };
  const anyApp = (appId: string | undefined) =>
    appId === undefined
      ? undefined
      : Object.values(s.apps)
          .map((t) => t[appId])
          .find(Boolean);
  const sub = () => flag("--subscription");
  const m = (re: RegExp) => (q === undefined ? null : re.exec(q));
  const serviceKey = () => `${sub()}/${flag("-g")}/${flag("-n")}`;
  const appById = () => apps()[flag("--id") ?? ""] ?? notFound("application");

  switch (cmd) {
    case "cloud show":
      out(s.cloud);
      break;
    case "account set": {
      const t = s.subscriptions[sub() ?? ""];
      if (!t || !s.logins.includes(t)) throw new Exit(1, "ERROR: subscription not found\n");
      s.current = t;
      save();
      break;
    }
    case "account show":
      out(s.current);
      break;
    case "identity list": {
      const r = m(/^\[\?clientId=='([^']+)'\]\.id \| \[0\]$/) ?? unknown();
      out(s.identities.find((x) => x.sub === sub() && x.clientId === r[1])?.id);
      break;
    }
    case "identity show": {
      const ids = flag("--ids");
      const id =
        (ids
          ? s.identities.find((x) => x.id === ids)
          : s.identities.find((x) => x.sub === sub() && x.rg === flag("-g") && x.name === flag("-n"))) ??
        notFound("identity");
      out(q ? id[q as keyof typeof id] : id);
      break;
    }
    case "identity create": {
      const id = {
        id: `/subscriptions/${sub()}/resourcegroups/${flag("-g")}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${flag("-n")}`,
        sub: sub() ?? "",
        rg: flag("-g") ?? "",
        name: flag("-n") ?? "",
        clientId: randomUUID(),
        principalId: randomUUID(),
      };
      s.identities.push(id);
      write(`identity create ${flag("-n")}`);
      out(id);
      break;
    }
    case "apim show": {
      const apim = s.apims[serviceKey()] ?? notFound("apim");
      if (q === "identity.userAssignedIdentities") out(apim.identity.userAssignedIdentities ?? null);
      else if (q === "identity.type") out(apim.identity.type);
      else if (q === "provisioningState") out(apim.provisioningState ?? "Succeeded");
      else unknown();
      break;
    }
    case "apim nv show": {
      const nv = s.namedValues[serviceKey()]?.[flag("--named-value-id") ?? ""] ?? notFound("named value");
      out(nv);
      break;
    }
    case "apim nv create": {
      const key = serviceKey();
      s.namedValues[key] ??= {};
      s.namedValues[key][flag("--named-value-id") ?? ""] = { secret: flag("--secret")!, value: flag("--value")! };
      write(`apim nv create ${flag("--named-value-id")} secret=${flag("--secret")}`);
      break;
    }
    case "rest":
      rest(s, flag("--method"), flag("--url") ?? "", flag("--body"), { m, out, write, notFound, unknown, tenant });
      break;
    case "ad app show": {
      const app = appById();
      if (!q) out(app);
      else if (q === "signInAudience") out(app.signInAudience);
      else if (q === "identifierUris[]") out(app.identifierUris);
      else if (q === "api.requestedAccessTokenVersion") out(app.requestedAccessTokenVersion);
      // Graph returns each role with its read-only origin.
      else if (q === "appRoles") out(app.appRoles.map((x) => ({ ...x, origin: "Application" })));
      else {
        const uri = m(/^contains\(identifierUris, '([^']+)'\)$/);
        const role = m(/^length\(appRoles\[\?value=='([^']+)'\]\)$/);
        const appRole = m(
          /^length\(appRoles\[\?value=='([^']+)' && contains\(allowedMemberTypes, 'Application'\)\]\)$/,
        );
        if (uri) out(app.identifierUris.includes(uri[1]!));
        else if (role) out(app.appRoles.filter((x) => x.value === role[1]).length);
        else if (appRole)
          out(
            app.appRoles.filter((x) => x.value === appRole[1] && x.allowedMemberTypes.includes("Application")).length,
          );
        else unknown();
      }
      break;
    }
    case "ad app update": {
      const app = appById();
      const id = flag("--id");
      const audience = flag("--sign-in-audience");
      const set = flag("--set");
      const roles = flag("--app-roles");
      if (audience) {
        app.signInAudience = audience;
        write(`app ${id} signInAudience=${app.signInAudience}`);
      } else if (flags["--identifier-uris"]) {
        app.identifierUris = [flags["--identifier-uris"]].flat().map(String);
        write(`app ${id} identifierUris=${app.identifierUris.join(",")}`);
      } else if (set) {
        const r = /^api\.requestedAccessTokenVersion=(\d)$/.exec(set) ?? unknown();
        app.requestedAccessTokenVersion = Number(r[1]);
        write(`app ${id} requestedAccessTokenVersion=${r[1]}`);
      } else if (roles) {
        const parsed = JSON.parse(roles) as AppRole[];
        // Graph appRole.origin: "Must not be included in any POST or PATCH requests. Read-only."
        if (parsed.some((x) => "origin" in x)) {
          throw new Exit(1, "ERROR: Property 'origin' is read-only and cannot be set.\n");
        }
        app.appRoles = parsed;
        write(`app ${id} appRoles=${app.appRoles.map((x) => x.value).join(",")}`);
      } else unknown();
      break;
    }
    case "ad app federated-credential list": {
      const app = appById();
      const n = m(/^\[\?name=='([^']+)'\]\.name \| \[0\]$/);
      if (n) out(app.fics.find((f) => f.name === n[1])?.name);
      else {
        const r =
          m(/^\[\?issuer=='([^']+)' && subject=='([^']+)' && contains\(audiences, '([^']+)'\)\]\.name \| \[0\]$/) ??
          unknown();
        out(app.fics.find((f) => f.issuer === r[1] && f.subject === r[2] && f.audiences.includes(r[3]!))?.name);
      }
      break;
    }
    case "ad app federated-credential update": {
      const app = appById();
      const i = app.fics.findIndex((f) => f.name === flag("--federated-credential-id"));
      if (i < 0) notFound("federated credential");
      const changes = JSON.parse(flag("--parameters") ?? "null") as Partial<FederatedCredential>;
      if ("name" in changes) unknown(); // the name is immutable: setup.sh must not send it
      const fic = { ...app.fics[i]!, ...changes };
      app.fics[i] = fic;
      write(`fic update ${fic.name} issuer=${fic.issuer} subject=${fic.subject} audience=${fic.audiences.join(",")}`);
      break;
    }
    case "ad app federated-credential create": {
      const app = appById();
      const fic = JSON.parse(flag("--parameters") ?? "null") as FederatedCredential;
      if (app.fics.some((f) => f.name === fic.name)) {
        throw new Exit(1, `ERROR: FederatedIdentityCredential with name ${fic.name} already exists.\n`);
      }
      app.fics.push(fic);
      write(`fic ${fic.name} issuer=${fic.issuer} subject=${fic.subject} audience=${fic.audiences.join(",")}`);
      break;
    }
    case "ad sp show": {
      const sp = sps()[flag("--id") ?? ""] ?? notFound("service principal");
      const role = m(/^appRoles\[\?value=='([^']+)'\]\.id \| \[0\]$/);
      if (!q) out(sp);
      else if (q === "id") out(sp.id);
      else if (role) out(anyApp(flag("--id"))?.appRoles.find((x) => x.value === role[1])?.id);
      else unknown();
      break;
    }
    case "ad sp create": {
      const app = anyApp(flag("--id"));
      if (!app || (app.tenant !== tenant() && app.signInAudience !== "AzureADMultipleOrgs")) notFound("application");
      sps()[flag("--id") ?? ""] = { id: randomUUID() };
      write(`sp create ${flag("--id")} in ${tenant()}`);
      break;
    }
    default:
      unknown();
  }
}

interface Answer {
  m: (re: RegExp) => RegExpExecArray | null;
  out: (v: unknown) => void;
  write: (what: string) => void;
  notFound: (what: string) => never;
  unknown: () => never;
  tenant: () => string;
}

const APIM_SERVICE =
  /\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ApiManagement\/service\/([^?]+)\?api-version=/;
const ASSIGNMENTS = /\/v1\.0\/servicePrincipals\/([^/]+)\/appRoleAssignments$/;
const ASSIGNED_TO = /\/v1\.0\/servicePrincipals\/([^/]+)\/appRoleAssignedTo$/;

/** `az rest`: the ARM and Graph requests setup.sh sends. */
function rest(s: World, method: string | undefined, url: string, rawBody: string | undefined, a: Answer): void {
  const body = rawBody ? JSON.parse(rawBody) : undefined;
  const service = method === "patch" ? APIM_SERVICE.exec(url) : null;
  const assignments = method === "get" ? ASSIGNMENTS.exec(url) : null;
  const assignedTo = method === "post" ? ASSIGNED_TO.exec(url) : null;
  if (service) {
    const apim = s.apims[`${service[1]}/${service[2]}/${service[3]}`] ?? a.notFound("apim");
    apim.identity = body.identity;
    a.write(
      `apim identity ${service[3]} ${body.identity.type} ${Object.keys(body.identity.userAssignedIdentities).join(",")}`,
    );
  } else if (assignments) {
    const qq = a.m(/^length\(value\[\?resourceId=='([^']+)' && appRoleId=='([^']+)'\]\)$/) ?? a.unknown();
    a.out(
      (s.assignments[a.tenant()] ?? []).filter(
        (x) => x.principalId === assignments[1] && x.resourceId === qq[1] && x.appRoleId === qq[2],
      ).length,
    );
  } else if (assignedTo) {
    s.assignments[a.tenant()] ??= [];
    s.assignments[a.tenant()]!.push(body);
    a.write(`app role assignment ${body.principalId} -> ${body.resourceId} ${body.appRoleId}`);
  } else a.unknown();
}

function tsv(v: unknown): string {
  if (v === null || v === undefined) return "";
  if (v === true) return "True";
  if (v === false) return "False";
  if (Array.isArray(v)) return v.join("\n");
  return String(v);
}

function fail(message: string): never {
  throw new Exit(99, `fake az: ${message}\n`);
}
