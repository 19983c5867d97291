// Looking INTO policy expressions for the rules: questions answered from each expression's syntax tree (the C# front
// end's queries), with the trees kept by the per-document object, so strings, comments and char literals never
// fool a check and every expression is parsed once per document.
import type { ParsedExpression } from "../../policy/csharp/ast.js";
import * as queries from "../../policy/csharp/queries.js";
import type { Expression, PolicyValue } from "../../policy/model.js";
import { mayName } from "./code-words.js";

/** Where rules and analyses get an expression's tree: the per-document object, which keeps it. */
export interface TreeSource {
  expressionTree(expr: Expression): ParsedExpression;
}

/** The text of every string literal of the expression (interpolated strings: their literal parts). */
export function stringLiterals(source: TreeSource, expr: Expression): string[] {
  return queries.stringLiterals(source.expressionTree(expr));
}

/** Header names read through `Headers["x"]`, `.GetValueOrDefault("x", ...)` or `.TryGetValue("x", ...)`, lower-cased. */
export function headerReads(source: TreeSource, expr: Expression): string[] {
  // Most expressions never mention headers: no tree needed for them.
  return mayName(expr.code, "Headers") ? queries.headerReads(source.expressionTree(expr)) : [];
}

/** Simple names and member names used in the expression, e.g. StatusCode, LastError, Message. */
export function identifiers(source: TreeSource, expr: Expression): Set<string> {
  return queries.names(source.expressionTree(expr));
}

/** Member chains such as `context.LastError.Message` as [context, LastError, Message] lists. */
export function memberChains(source: TreeSource, expr: Expression): string[][] {
  return queries.memberChains(source.expressionTree(expr));
}

/**
 * The texts of a value a check should look at: the decoded literal (named values kept as `{{name}}`), or for an
 * expression its string literals joined with a `{…}` placeholder, so `"https://" + host + "/token"` reads as
 * `https://{…}/token`.
 */
export function valueTexts(source: TreeSource, value: PolicyValue): string {
  if (value.kind !== "expression" || !value.expression) return value.text;
  return stringLiterals(source, value.expression).join("{…}");
}
