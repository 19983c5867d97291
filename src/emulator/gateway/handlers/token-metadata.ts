// The signing keys and issuer of an OpenID configuration, fetched through EmulateOptions.outbound (kind
// "metadata") and kept per test state for an hour of emulated time, as APIM caches them (apim-reference §3).
import type { JWK } from "jose";
import type { EmulatorState } from "../../api.js";
import type { Run } from "./handler.js";

export interface Metadata {
  keys: JWK[];
  issuer?: string;
  /** Why nothing usable came back (the status, not JSON, no jwks_uri), for the trace. */
  problem?: string;
}

const HOUR = 3_600_000;
const cached = new WeakMap<EmulatorState, Map<string, { metadata: Metadata; until: number }>>();

async function getJson(run: Run, url: string): Promise<{ data?: unknown; problem?: string }> {
  const res = await run.outbound(
    { method: "GET", url, headers: { Accept: "application/json" }, body: undefined },
    "metadata",
  );
  if (res.status !== 200) return { problem: `${url} answered ${res.status}` };
  try {
    return { data: JSON.parse(res.body ?? "") };
  } catch {
    return { problem: `${url} did not answer JSON` };
  }
}

function jwks(data: unknown): JWK[] | undefined {
  const keys = (data as { keys?: unknown } | null)?.keys;
  return Array.isArray(keys)
    ? keys.filter((k): k is JWK => typeof k === "object" && k !== null && "kty" in k)
    : undefined;
}

/** The configuration document and its jwks_uri (or a JWKS given as the URL itself). */
export async function openIdMetadata(run: Run, url: string): Promise<Metadata> {
  let byUrl = cached.get(run.state);
  if (!byUrl) {
    byUrl = new Map();
    cached.set(run.state, byUrl);
  }
  const hit = byUrl.get(url);
  if (hit && hit.until > run.now()) return hit.metadata;
  const metadata = await load(run, url);
  if (!metadata.problem) byUrl.set(url, { metadata, until: run.now() + HOUR });
  return metadata;
}

async function load(run: Run, url: string): Promise<Metadata> {
  const config = await getJson(run, url);
  if (config.problem) return { keys: [], problem: config.problem };
  const direct = jwks(config.data);
  if (direct) return { keys: direct };
  const doc = config.data as { jwks_uri?: unknown; issuer?: unknown } | null;
  if (typeof doc?.jwks_uri !== "string") return { keys: [], problem: `${url} has no jwks_uri` };
  const issuer = typeof doc.issuer === "string" ? doc.issuer : undefined;
  const set = await getJson(run, doc.jwks_uri);
  if (set.problem) return { keys: [], issuer, problem: set.problem };
  const keys = jwks(set.data);
  if (!keys) return { keys: [], issuer, problem: `${doc.jwks_uri} is not a JWKS` };
  return { keys, issuer };
}
