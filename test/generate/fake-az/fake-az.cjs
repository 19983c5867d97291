// biome-ignore-all lint/suspicious/noAssignInExpressions: a compact dispatcher over regex matches (test tool)
// A fake Azure CLI for setup.sh tests: answers exactly the az calls setup.sh makes, from a JSON world in
// $FAKE_AZ_STATE, and records every write in it. Anything it does not know fails loudly (exit 99).
const fs = require("node:fs");
const crypto = require("node:crypto");

const file = process.env.FAKE_AZ_STATE;
const s = JSON.parse(fs.readFileSync(file, "utf8"));
// Every call's command line, as `ps` would show it (setup.sh must never put a secret there).
(s.commandLines ??= []).push(process.argv.slice(2).join(" "));
// Like az: an argument "@path" is replaced by the content of that file.
const argv = process.argv.slice(2).map((a) => (a.startsWith("@") ? fs.readFileSync(a.slice(1), "utf8") : a));
const words = [];
const flags = {};
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a.startsWith("-")) {
    const values = [];
    while (i + 1 < argv.length && !argv[i + 1].startsWith("-")) values.push(argv[++i]);
    flags[a] = values.length <= 1 ? (values[0] ?? true) : values;
  } else words.push(a);
}
const cmd = words.join(" ");
const q = flags["--query"];
const save = () => fs.writeFileSync(file, JSON.stringify(s, null, 2));
const write = (what) => {
  s.writes.push(what);
  save();
};
const out = (v) => {
  const o = flags["-o"];
  if (o === "none") return;
  if (o === "tsv") {
    if (Array.isArray(v) && v.length === 0) return; // az prints nothing for an empty list
    const t =
      v === null || v === undefined
        ? ""
        : v === true
          ? "True"
          : v === false
            ? "False"
            : Array.isArray(v)
              ? v.join("\n")
              : String(v);
    process.stdout.write(`${t}\n`);
  } else process.stdout.write(`${JSON.stringify(v ?? null)}\n`);
};
const notFound = (what) => {
  process.stderr.write(`ERROR: (ResourceNotFound) ${what} was not found\n`);
  process.exit(3);
};
const unknown = () => {
  process.stderr.write(`fake az: unsupported call: az ${argv.join(" ")}\n`);
  process.exit(99);
};
const tenant = () => s.current;
const apps = () => (s.apps[tenant()] ??= {});
const sps = () => (s.sps[tenant()] ??= {});
const anyApp = (appId) =>
  Object.values(s.apps)
    .map((t) => t[appId])
    .find(Boolean);
const sub = () => flags["--subscription"];
const m = (re) => (typeof q === "string" ? re.exec(q) : null);

switch (cmd) {
  case "cloud show":
    out(s.cloud);
    break;
  case "account set": {
    const t = s.subscriptions[sub()];
    if (!t || !s.logins.includes(t)) {
      process.stderr.write("ERROR: subscription not found\n");
      process.exit(1);
    }
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
    const id = flags["--ids"]
      ? s.identities.find((x) => x.id === flags["--ids"])
      : s.identities.find((x) => x.sub === sub() && x.rg === flags["-g"] && x.name === flags["-n"]);
    if (!id) notFound("identity");
    out(q ? id[q] : id);
    break;
  }
  case "identity create": {
    const id = {
      id: `/subscriptions/${sub()}/resourcegroups/${flags["-g"]}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${flags["-n"]}`,
      sub: sub(),
      rg: flags["-g"],
      name: flags["-n"],
      clientId: crypto.randomUUID(),
      principalId: crypto.randomUUID(),
    };
    s.identities.push(id);
    write(`identity create ${flags["-n"]}`);
    out(id);
    break;
  }
  case "apim show": {
    const apim = s.apims[`${sub()}/${flags["-g"]}/${flags["-n"]}`] ?? notFound("apim");
    if (q === "identity.userAssignedIdentities") out(apim.identity.userAssignedIdentities ?? null);
    else if (q === "identity.type") out(apim.identity.type);
    else if (q === "provisioningState") out(apim.provisioningState ?? "Succeeded");
    else unknown();
    break;
  }
  case "apim nv show": {
    const nv = s.namedValues[`${sub()}/${flags["-g"]}/${flags["-n"]}`]?.[flags["--named-value-id"]];
    if (!nv) notFound("named value");
    out(nv);
    break;
  }
  case "apim nv create": {
    const key = `${sub()}/${flags["-g"]}/${flags["-n"]}`;
    (s.namedValues[key] ??= {})[flags["--named-value-id"]] = { secret: flags["--secret"], value: flags["--value"] };
    write(`apim nv create ${flags["--named-value-id"]} secret=${flags["--secret"]}`);
    break;
  }
  case "rest": {
    const method = flags["--method"];
    const url = flags["--url"];
    const body = flags["--body"] ? JSON.parse(flags["--body"]) : undefined;
    let r;
    if (
      method === "patch" &&
      (r =
        /\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ApiManagement\/service\/([^?]+)\?api-version=/.exec(
          url,
        ))
    ) {
      const apim = s.apims[`${r[1]}/${r[2]}/${r[3]}`] ?? notFound("apim");
      apim.identity = body.identity;
      write(
        `apim identity ${r[3]} ${body.identity.type} ${Object.keys(body.identity.userAssignedIdentities).join(",")}`,
      );
    } else if (method === "get" && (r = /\/v1\.0\/servicePrincipals\/([^/]+)\/appRoleAssignments$/.exec(url))) {
      const qq = m(/^length\(value\[\?resourceId=='([^']+)' && appRoleId=='([^']+)'\]\)$/) ?? unknown();
      out(
        (s.assignments[tenant()] ?? []).filter(
          (a) => a.principalId === r[1] && a.resourceId === qq[1] && a.appRoleId === qq[2],
        ).length,
      );
    } else if (method === "post" && (r = /\/v1\.0\/servicePrincipals\/([^/]+)\/appRoleAssignedTo$/.exec(url))) {
      (s.assignments[tenant()] ??= []).push(body);
      write(`app role assignment ${body.principalId} -> ${body.resourceId} ${body.appRoleId}`);
    } else unknown();
    break;
  }
  case "ad app show": {
    const app = apps()[flags["--id"]] ?? notFound("application");
    let r;
    if (!q) out(app);
    else if (q === "signInAudience") out(app.signInAudience);
    else if ((r = m(/^contains\(identifierUris, '([^']+)'\)$/))) out(app.identifierUris.includes(r[1]));
    else if (q === "identifierUris[]") out(app.identifierUris);
    else if (q === "api.requestedAccessTokenVersion") out(app.requestedAccessTokenVersion);
    else if ((r = m(/^length\(appRoles\[\?value=='([^']+)'\]\)$/)))
      out(app.appRoles.filter((x) => x.value === r[1]).length);
    else if ((r = m(/^length\(appRoles\[\?value=='([^']+)' && contains\(allowedMemberTypes, 'Application'\)\]\)$/)))
      out(app.appRoles.filter((x) => x.value === r[1] && x.allowedMemberTypes.includes("Application")).length);
    // Graph returns each role with its read-only origin.
    else if (q === "appRoles") out(app.appRoles.map((x) => ({ ...x, origin: "Application" })));
    else unknown();
    break;
  }
  case "ad app update": {
    const app = apps()[flags["--id"]] ?? notFound("application");
    if (flags["--sign-in-audience"]) {
      app.signInAudience = flags["--sign-in-audience"];
      write(`app ${flags["--id"]} signInAudience=${app.signInAudience}`);
    } else if (flags["--identifier-uris"]) {
      app.identifierUris = [flags["--identifier-uris"]].flat();
      write(`app ${flags["--id"]} identifierUris=${app.identifierUris.join(",")}`);
    } else if (flags["--set"]) {
      const r = /^api\.requestedAccessTokenVersion=(\d)$/.exec(flags["--set"]) ?? unknown();
      app.requestedAccessTokenVersion = Number(r[1]);
      write(`app ${flags["--id"]} requestedAccessTokenVersion=${r[1]}`);
    } else if (flags["--app-roles"]) {
      const roles = JSON.parse(flags["--app-roles"]);
      // Graph appRole.origin: "Must not be included in any POST or PATCH requests. Read-only."
      if (roles.some((x) => "origin" in x)) {
        process.stderr.write("ERROR: Property 'origin' is read-only and cannot be set.\n");
        process.exit(1);
      }
      app.appRoles = roles;
      write(`app ${flags["--id"]} appRoles=${app.appRoles.map((x) => x.value).join(",")}`);
    } else unknown();
    break;
  }
  case "ad app federated-credential list": {
    const app = apps()[flags["--id"]] ?? notFound("application");
    let n;
    if ((n = m(/^\[\?name=='([^']+)'\]\.name \| \[0\]$/))) out(app.fics.find((f) => f.name === n[1])?.name);
    else {
      const r =
        m(/^\[\?issuer=='([^']+)' && subject=='([^']+)' && contains\(audiences, '([^']+)'\)\]\.name \| \[0\]$/) ??
        unknown();
      out(app.fics.find((f) => f.issuer === r[1] && f.subject === r[2] && f.audiences.includes(r[3]))?.name);
    }
    break;
  }
  case "ad app federated-credential update": {
    const app = apps()[flags["--id"]] ?? notFound("application");
    const i = app.fics.findIndex((f) => f.name === flags["--federated-credential-id"]);
    if (i < 0) notFound("federated credential");
    const changes = JSON.parse(flags["--parameters"]);
    if ("name" in changes) unknown(); // the name is immutable: setup.sh must not send it
    const fic = { ...app.fics[i], ...changes };
    app.fics[i] = fic;
    write(`fic update ${fic.name} issuer=${fic.issuer} subject=${fic.subject} audience=${fic.audiences.join(",")}`);
    break;
  }
  case "ad app federated-credential create": {
    const app = apps()[flags["--id"]] ?? notFound("application");
    const fic = JSON.parse(flags["--parameters"]);
    if (app.fics.some((f) => f.name === fic.name)) {
      process.stderr.write(`ERROR: FederatedIdentityCredential with name ${fic.name} already exists.\n`);
      process.exit(1);
    }
    app.fics.push(fic);
    write(`fic ${fic.name} issuer=${fic.issuer} subject=${fic.subject} audience=${fic.audiences.join(",")}`);
    break;
  }
  case "ad sp show": {
    const sp = sps()[flags["--id"]] ?? notFound("service principal");
    let r;
    if (!q) out(sp);
    else if (q === "id") out(sp.id);
    else if ((r = m(/^appRoles\[\?value=='([^']+)'\]\.id \| \[0\]$/)))
      out(anyApp(flags["--id"])?.appRoles.find((x) => x.value === r[1])?.id);
    else unknown();
    break;
  }
  case "ad sp create": {
    const app = anyApp(flags["--id"]);
    if (!app || (app.tenant !== tenant() && app.signInAudience !== "AzureADMultipleOrgs")) notFound("application");
    sps()[flags["--id"]] = { id: crypto.randomUUID() };
    write(`sp create ${flags["--id"]} in ${tenant()}`);
    break;
  }
  default:
    unknown();
}
