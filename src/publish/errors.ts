// Turning ARM failures into one clear line: what was refused, where, and what to do. The SDK throws RestError
// with statusCode and code; the body is parsed from bodyAsText to be robust across SDK versions (apim-reference §6).
import { redactSecrets } from "../util/redact.js";
import { describeTarget, type Target } from "./targets.js";

interface ArmErrorBody {
  code?: string;
  message?: string;
  details?: Array<{ code?: string; target?: string; message?: string }> | null;
}

export interface ArmFailure {
  statusCode?: number;
  code?: string;
  /** One or more lines, already redacted. */
  message: string;
  /** True for 412: the target changed since the plan read it. */
  conflict: boolean;
  /** True when no token could be had (the request never reached ARM). */
  credential?: boolean;
}

function errorBody(err: unknown): ArmErrorBody | undefined {
  const text = (err as { response?: { bodyAsText?: string } })?.response?.bodyAsText;
  if (!text) return undefined;
  try {
    const parsed = JSON.parse(text);
    return parsed?.error ?? parsed;
  } catch {
    return undefined;
  }
}

/** "line 5, column 6" or "Line 5, position 92" in APIM's messages. */
const APIM_POSITION = /\bline (\d+), (?:column|position) (\d+)/i;

export function describeArmFailure(
  err: unknown,
  target: Target | undefined,
  secrets: SecretMask,
  /** The tenant the call was for, when there is no target (service-level calls). */
  tenantId: string | undefined = target?.service.tenantId,
): ArmFailure {
  const statusCode = (err as { statusCode?: number })?.statusCode;
  const body = errorBody(err);
  const code = body?.code ?? (err as { code?: string })?.code;
  const what = target ? describeTarget(target) : "ARM";
  const base = (err as Error)?.message ?? String(err);
  let message: string;
  const name = (err as Error)?.name ?? "";
  if (
    statusCode === undefined &&
    /^(CredentialUnavailableError|AuthenticationError|AggregateAuthenticationError)$/.test(name)
  ) {
    message = `could not get an ARM token${tenantId ? ` for tenant ${tenantId}` : ""} (${name}): ${credentialReason(name, base, tenantId)}`;
    return { code, message: secrets.apply(message), conflict: false, credential: true };
  }
  if (statusCode === 412) {
    message = `${what} was changed by someone else after the plan read it (412 Precondition Failed, ETag no longer current); it was not overwritten. Run publish again to plan against the current state.`;
  } else if (statusCode === 400 && code === "ValidationError") {
    const details = (body?.details ?? []).map((d) => d.message).filter((m): m is string => !!m);
    const lines = details.length > 0 ? details : [body?.message ?? base];
    const file = target?.file;
    message = `APIM rejected ${what} (400 ValidationError):\n${lines
      .map((m) => {
        const pos = APIM_POSITION.exec(m);
        if (file && pos) return `  ${file}:${pos[1]}:${pos[2]}: ${m}`;
        return file ? `  ${file}: ${m}` : `  ${m}`;
      })
      .join("\n")}`;
  } else if (statusCode === 401 || statusCode === 403) {
    const tenant = tenantId ? ` for tenant ${tenantId}` : "";
    const on = target ? ` on ${what}` : "";
    message = `ARM refused the credential${tenant}${on} (${statusCode} ${code ?? ""}): ${sentence(body?.message ?? base)} Check the login for that tenant and its role on the APIM service.`;
  } else if (statusCode === 404) {
    message = `${what}: not found (404 ${code ?? ""}): ${body?.message ?? base}`;
  } else if (statusCode !== undefined) {
    message = `${what}: ARM answered ${statusCode} ${code ?? ""}: ${body?.message ?? base}`;
  } else {
    const netCode = (err as { code?: string })?.code;
    message = `${what}: ${netCode ? `${netCode}: ` : ""}${base}${networkHint(netCode)}`;
  }
  return { statusCode, code, message: secrets.apply(message), conflict: statusCode === 412 };
}

/**
 * One line for a credential failure. DefaultAzureCredential's AggregateAuthenticationError lists every source it
 * tried, one per line with a troubleshooting link each: keep the first sentence of each and say what to do.
 */
function credentialReason(name: string, text: string, tenantId: string | undefined): string {
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  if (name !== "AggregateAuthenticationError") return lines[0] ?? text;
  const reasons = lines
    .slice(1)
    .map((l) =>
      l
        .replace(/^\w*Error: /, "")
        .replace(/^(.*?\.)(\s.*)?$/, "$1")
        .replace(/\.$/, ""),
    )
    .filter(Boolean);
  const tried = reasons.length > 0 ? ` (${reasons.join("; ")})` : "";
  const login = tenantId ? `az login --tenant ${tenantId}` : "az login";
  return `no credential source gave a token${tried}. Sign in to that tenant (${login}), or use --auth token`;
}

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** What to check for the usual transport failures (after the SDK's own retries). */
function networkHint(code: string | undefined): string {
  if (!code) return "";
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY/.test(code)) {
    return " (the ARM endpoint's certificate is not trusted; for a test endpoint set NODE_EXTRA_CA_CERTS to its CA)";
  }
  if (code === "ENOTFOUND" || code === "EAI_AGAIN")
    return " (the ARM endpoint's host name does not resolve; check --arm-endpoint and the cloud)";
  if (code === "ECONNREFUSED" || code === "ECONNRESET" || code === "ETIMEDOUT")
    return " (the ARM endpoint could not be reached, even after retries)";
  return "";
}

/** Masks tokens and every known secret value in text about to be printed. */
export class SecretMask {
  private readonly values = new Set<string>();

  add(value: string | undefined): void {
    // Very short values would mask ordinary words; APIM secrets are keys and passwords, far longer.
    if (value && value.length >= 4) this.values.add(value);
  }

  apply(text: string): string {
    let out = redactSecrets(text);
    for (const v of [...this.values].sort((a, b) => b.length - a.length)) out = out.split(v).join("[secret]");
    return out;
  }
}
