// Offline checks of a bridge app's federated identity credentials, as `az ad app federated-credential list` prints
// them, against a caller of the config (apim-reference §5: issuer, subject = principalId, one audience, <= 20).
import { CLOUDS, cloudByName } from "../config/clouds.js";
import { childPath, type JsonSource, JsonSyntaxError, readJson } from "../config/json-source.js";
import type { CallerConfig, CloudName } from "../config/types.js";

export interface FederatedCredentialJson {
  name?: string;
  issuer: string;
  subject: string;
  audiences: string[];
}

export class FicInputError extends Error {}

export interface DoctorLine {
  ok: boolean;
  /** A check that could not be run offline: not passed, but no failure either. */
  notVerified?: boolean;
  title: string;
  detail?: string;
  fix?: string;
}

export const MAX_FICS = 20;

export function parseFicJson(text: string, file: string): FederatedCredentialJson[] {
  let source: JsonSource;
  try {
    source = readJson(text);
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    // file:line:column like the config's errors (JSON.parse would only say "position 42").
    throw new FicInputError(`${file}:${err.position.line}:${err.position.column}: ${err.message}`);
  }
  const data = source.value;
  // `az ... federated-credential show` prints one object; `list` an array.
  const single = !Array.isArray(data);
  const list = single ? [data] : (data as unknown[]);
  // A missing field is reported at its object.
  const fail = (path: string, message: string, object = ""): never => {
    const pos = source.valueAt(path) ?? source.valueAt(object);
    const shown = single ? path.replace(/^\[0\]\.?/, "") || "(root)" : path;
    throw new FicInputError(`${file}:${pos?.line ?? 1}:${pos?.column ?? 1}: ${shown}: ${message}`);
  };
  return list.map((item, i) => {
    const at = single ? "" : `[${i}]`;
    const field = (key: string) => childPath(at, key);
    if (typeof item !== "object" || item === null) fail(at, "expected an object");
    const o = item as Record<string, unknown>;
    if (typeof o.issuer !== "string") fail(field("issuer"), "expected a string", at);
    if (typeof o.subject !== "string") fail(field("subject"), "expected a string", at);
    if (!Array.isArray(o.audiences) || !o.audiences.every((a) => typeof a === "string")) {
      fail(field("audiences"), "expected an array of strings", at);
    }
    return {
      name: typeof o.name === "string" ? o.name : undefined,
      issuer: o.issuer as string,
      subject: o.subject as string,
      audiences: o.audiences as string[],
    };
  });
}

const label = (f: FederatedCredentialJson, i: number) => `credential ${f.name ? `"${f.name}"` : `#${i + 1}`}`;

function issuerProblem(issuer: string, expected: string, callerTenant: string): string | undefined {
  if (issuer === expected) return undefined;
  if (issuer.trim() === expected)
    return `issuer ${JSON.stringify(issuer)} has leading or trailing whitespace, which blocks the exchange`;
  if (issuer.toLowerCase() === expected.toLowerCase())
    return `issuer ${issuer} differs from ${expected} in letter case`;
  if (/^https:\/\/sts\.windows\.net\//.test(issuer))
    return `issuer ${issuer} is the v1 form; managed-identity assertions carry the v2.0 issuer`;
  const tenant = /login\.[^/]+\/([^/]+)\/v2\.0\/?$/.exec(issuer.trim())?.[1];
  if (tenant && tenant.toLowerCase() !== callerTenant.toLowerCase()) {
    return `issuer ${issuer} names tenant ${tenant}; the managed identity lives in the caller tenant ${callerTenant}`;
  }
  return `issuer ${issuer} is not ${expected}`;
}

function subjectProblem(subject: string, caller: CallerConfig): string | undefined {
  const mi = caller.managedIdentity;
  if (subject === mi.principalId) return undefined;
  if (subject.trim().toLowerCase() === mi.clientId.toLowerCase()) {
    return `subject ${subject} is the managed identity's clientId; the subject must be its principalId (object ID) ${mi.principalId} (AADSTS700213 otherwise)`;
  }
  if (subject.trim() === mi.principalId) return `subject ${JSON.stringify(subject)} has surrounding whitespace`;
  if (subject.toLowerCase() === mi.principalId.toLowerCase())
    return `subject ${subject} differs from ${mi.principalId} in letter case; the match is case-sensitive`;
  return `subject ${subject} is not the managed identity's principalId ${mi.principalId}`;
}

function audienceProblem(audiences: string[], expected: string): string | undefined {
  if (audiences.length === 1 && audiences[0] === expected) return undefined;
  if (audiences.length !== 1)
    return `audiences ${JSON.stringify(audiences)}: exactly one value is allowed, ${expected}`;
  const a = audiences[0]!;
  const otherCloud = (Object.keys(CLOUDS) as CloudName[]).find((c) => CLOUDS[c].exchangeAudience === a.trim());
  if (otherCloud && a.trim() !== expected)
    return `audience ${a} belongs to ${otherCloud}; this setup's cloud needs ${expected} (cross-cloud exchange is not supported)`;
  return `audience ${JSON.stringify(a)} is not ${expected}`;
}

/** One line per check: the count, then for each caller whether a credential matches and what is wrong if not. */
export function checkFederatedCredentials(
  fics: FederatedCredentialJson[],
  callers: CallerConfig[],
  cloud: CloudName | undefined,
): DoctorLine[] {
  const lines: DoctorLine[] = [];
  const audience = cloudByName(cloud).exchangeAudience;
  lines.push(
    fics.length <= MAX_FICS
      ? { ok: true, title: `federated credentials: ${fics.length} (at most ${MAX_FICS} per app)` }
      : {
          ok: false,
          title: `federated credentials: ${fics.length}, more than ${MAX_FICS}`,
          fix: "remove unused credentials: Entra allows 20 per application",
        },
  );
  for (const caller of callers) {
    const issuer = `https://login.microsoftonline.com/${caller.tenantId}/v2.0`;
    const problems = fics.map((f) =>
      [
        issuerProblem(f.issuer, issuer, caller.tenantId),
        subjectProblem(f.subject, caller),
        audienceProblem(f.audiences, audience),
      ].filter((p): p is string => p !== undefined),
    );
    const exact = problems.findIndex((p) => p.length === 0);
    const want = `issuer ${issuer}, subject ${caller.managedIdentity.principalId}, audience ${audience}`;
    if (exact >= 0) {
      lines.push({ ok: true, title: `caller ${caller.name}: ${label(fics[exact]!, exact)} matches (${want})` });
      continue;
    }
    if (fics.length === 0) {
      lines.push({
        ok: false,
        title: `caller ${caller.name}: no federated credential`,
        fix: `add one with ${want} (setup.sh does it)`,
      });
      continue;
    }
    // Explain the closest credential: the one with the fewest problems.
    let best = 0;
    problems.forEach((p, i) => {
      if (p.length < problems[best]!.length) best = i;
    });
    for (const p of problems[best]!) {
      lines.push({
        ok: false,
        title: `caller ${caller.name}: ${label(fics[best]!, best)}: ${p}`,
        fix: `the credential must have ${want}`,
      });
    }
  }
  return lines;
}
