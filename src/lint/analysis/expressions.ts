// Looking INTO policy expressions (opaque C# code in the model) through their tokens, so strings, comments and
// char literals never fool the checks. The tokens come from a TokenSource (the per-document object memoises them).
import type { PolicyValue } from "../../policy/model.js";
import type { CsToken, TokenSource } from "./csharp-tokens.js";

/** Index after the `>` closing the generic argument list that starts at t[j] = `<` (j itself if unclosed). */
function skipGenericArguments(t: readonly CsToken[], j: number): number {
  let depth = 0;
  for (let k = j; k < t.length && k < j + 40; k++) {
    if (isPunct(t[k], "<")) depth++;
    else if (isPunct(t[k], ">")) {
      depth--;
      if (depth === 0) return k + 1;
    }
  }
  return j;
}

/** The constant text of every string literal in the code (interpolated strings: their literal parts). */
export function stringLiterals(source: TokenSource, code: string): string[] {
  const out: string[] = [];
  for (const tok of source.tokensOf(code)) if (tok.kind === "string") out.push(tok.value);
  return out;
}

/** String literals used as indexers: `x["access_token"]` gives access_token. */
export function stringIndexers(source: TokenSource, code: string): string[] {
  const t = source.tokensOf(code);
  const out: string[] = [];
  for (let i = 1; i + 1 < t.length; i++) {
    if (t[i]!.kind === "string" && isPunct(t[i - 1], "[") && isPunct(t[i + 1], "]")) out.push(t[i]!.value);
  }
  return out;
}

/**
 * Header names read through `Headers["x"]`, `Headers.GetValueOrDefault("x", ...)` or `Headers.TryGetValue("x", ...)`
 * (lower-cased). `ContainsKey("x")` only tests presence and is not a read.
 */
export function headerReads(source: TokenSource, code: string): string[] {
  if (!code.includes("Headers")) return [];
  const t = source.tokensOf(code);
  const out: string[] = [];
  for (let i = 0; i + 2 < t.length; i++) {
    if (!isIdent(t[i], "Headers")) continue;
    let j = i + 1;
    if (isPunct(t[j], "[")) {
      if (t[j + 1]?.kind === "string") out.push(t[j + 1]!.value.toLowerCase());
      continue;
    }
    if (!(isPunct(t[j], ".") || isPunct(t[j], "?.")) || t[j + 1]?.kind !== "identifier") continue;
    const method = t[j + 1]!.value;
    if (method !== "GetValueOrDefault" && method !== "TryGetValue") continue;
    j += 2;
    if (isPunct(t[j], "<")) j = skipGenericArguments(t, j);
    if (isPunct(t[j], "(") && t[j + 1]?.kind === "string") out.push(t[j + 1]!.value.toLowerCase());
  }
  return out;
}

/** Identifier (member) names used in the code, e.g. StatusCode, LastError, Message. */
export function identifiers(source: TokenSource, code: string): Set<string> {
  const out = new Set<string>();
  for (const tok of source.tokensOf(code)) if (tok.kind === "identifier") out.add(tok.value);
  return out;
}

/** Member chains such as `context.LastError.Message` as [context, LastError, Message] lists. */
export function memberChains(source: TokenSource, code: string): string[][] {
  const t = source.tokensOf(code);
  const out: string[][] = [];
  for (let i = 0; i < t.length; i++) {
    if (t[i]!.kind !== "identifier" || isPunct(t[i - 1], ".") || isPunct(t[i - 1], "?.")) continue;
    const chain = [t[i]!.value];
    let j = i + 1;
    while ((isPunct(t[j], ".") || isPunct(t[j], "?.")) && t[j + 1]?.kind === "identifier") {
      chain.push(t[j + 1]!.value);
      j += 2;
    }
    if (chain.length > 1) out.push(chain);
  }
  return out;
}

/**
 * The texts of a value a check should look at: the decoded literal (named values kept as `{{name}}`), or for an
 * expression its string literals joined with a `{…}` placeholder, so `"https://" + host + "/token"` reads as
 * `https://{…}/token`.
 */
export function valueTexts(source: TokenSource, value: PolicyValue): string {
  if (value.kind !== "expression" || !value.expression) return value.text;
  return stringLiterals(source, value.expression.code).join("{…}");
}

/** The code of an expression value, or undefined for a literal or template. */
export function codeOf(value: PolicyValue): string | undefined {
  return value.kind === "expression" ? value.expression?.code : undefined;
}

function isIdent(t: CsToken | undefined, name: string): boolean {
  return t?.kind === "identifier" && t.value === name;
}

function isPunct(t: CsToken | undefined, p: string): boolean {
  return t?.kind === "punct" && t.value === p;
}
