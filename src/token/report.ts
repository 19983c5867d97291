// Human and JSON renderings of an explanation. Neither ever contains the token or its signature.
import { escapeControl } from "../util/printable.js";
import { redactSecrets } from "../util/redact.js";
import type { Check, Explanation } from "./evaluate.js";
import type { ValidatorSpec } from "./validator-spec.js";

const MARK: Record<Check["status"], string> = { pass: "pass", fail: "FAIL", "not-verified": "not verified" };

/** One value on one line: a claim is the token sender's text, so its control characters are shown escaped. */
export function showValue(v: unknown): string {
  if (typeof v === "string") return escapeControl(v);
  if (Array.isArray(v)) return v.map(showValue).join(", ");
  if (v && typeof v === "object" && "match" in v && "values" in v) {
    const o = v as { match: string; values: unknown[] };
    return `${o.match} of [${o.values.map(showValue).join(", ")}]`;
  }
  return JSON.stringify(v);
}

export function verdictLine(e: Explanation): string {
  if (e.verdict === "valid")
    return "VALID: APIM lets the request through (validation passes, status 200 from the rest of the pipeline)";
  if (e.verdict === "unverified") {
    return "NOT VERIFIED: every check apimkit could run passes, but not all could be run (see above); APIM lets the request through only if they hold";
  }
  return `INVALID: APIM answers ${e.status} "${e.message}" (context.LastError.Reason = ${e.reason})`;
}

export function formatExplanation(e: Explanation, spec: ValidatorSpec): string {
  const out: string[] = [];
  out.push(`${spec.place.file}:${spec.place.line}:${spec.place.column}: ${spec.kind}`);
  const width = Math.max(...e.checks.map((c) => c.name.length));
  for (const c of e.checks) {
    const mark = MARK[c.status].padEnd(12);
    out.push(`  ${mark} ${c.name.padEnd(width)}  expected: ${showValue(c.expected)}`);
    out.push(`  ${" ".repeat(12)} ${" ".repeat(width)}  actual:   ${showValue(c.actual)}`);
    if (c.detail)
      out.push(`  ${" ".repeat(12)} ${" ".repeat(width)}  ${c.status === "fail" ? "fix" : "why"}:      ${c.detail}`);
  }
  const claimNames = Object.keys(e.claims);
  if (claimNames.length > 0) {
    out.push("", "claims:");
    const w = Math.max(...claimNames.map((n) => n.length));
    for (const n of claimNames) out.push(`  ${n.padEnd(w)}  ${showValue(e.claims[n])}`);
  }
  if (e.notes.length > 0) {
    out.push("", "notes:");
    for (const n of e.notes) out.push(`  - ${n}`);
  }
  out.push("", verdictLine(e));
  return `${escapeControl(redactSecrets(out.join("\n")), true)}\n`;
}

/** The public --json shape: { valid, status, reason, checks: [{ name, ok, expected, actual }], claims } (+ extras). */
export function explanationJson(e: Explanation): string {
  const body = {
    valid: e.valid,
    status: e.status,
    reason: e.reason,
    checks: e.checks.map((c) => ({
      name: c.name,
      ok: c.ok,
      expected: c.expected,
      actual: c.actual,
      status: c.status,
      ...(c.detail ? { detail: c.detail } : {}),
    })),
    claims: e.claims,
    message: e.message,
    verdict: e.verdict,
    notes: e.notes,
  };
  return `${redactSecrets(JSON.stringify(body, null, 2))}\n`;
}
