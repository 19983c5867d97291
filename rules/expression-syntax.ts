// expression-syntax: policy expressions APIM rejects or never evaluates: C# syntax errors (the C# front end's
// diagnostics, with their compiler codes), syntax newer than C# 7 (a warning), empty expressions, a block without
// return, statements in @( ), an expression inside literal text.
// (Unterminated and unbalanced expressions are the pre-pass's diagnostics, reported by the engine as parse-error.)

import { isInsideLiquidBody } from "../src/lint/analysis/variables.js";
import type { PolicySourceCode } from "../src/lint/source-code.js";
import type { Rule, RuleContext } from "../src/lint/types.js";
import type { Expression as CsExpression, Statement } from "../src/policy/csharp/ast.js";
import { type Token, tokenizeExpression } from "../src/policy/csharp/index.js";
import type { ElementNode, Expression, PolicyDocument, PolicyValue, Range } from "../src/policy/model.js";

export const expressionSyntax: Rule = {
  id: "expression-syntax",
  meta: {
    severity: "error",
    category: "structure",
    description:
      "A policy expression that APIM rejects or never evaluates: a C# syntax error, empty, a @{ } block without return, statements in @( ), an expression inside literal text; C# newer than 7 (warning)",
    docs: "rules/expression-syntax.md",
  },
  create(context) {
    return {
      Document() {
        for (const element of context.sourceCode.elements()) {
          for (const attr of element.attributes) checkValue(context, element, attr.value, false);
          for (const c of element.children) if (c.type === "text") checkValue(context, element, c.value, c.cdata);
        }
      },
    };
  },
};

function checkValue(context: RuleContext, element: ElementNode, value: PolicyValue, cdata: boolean): void {
  const { sourceCode } = context;
  const doc = sourceCode.doc;
  // A value the parser already reported (parse-error) is not judged again.
  if (doc.diagnostics.length > 0 && hasDiagnostic(doc, value.range)) return;
  if (value.expression) {
    const problem = expressionProblem(sourceCode, value.expression);
    if (problem) context.report({ node: { range: problem.range() }, message: problem.message });
    for (const d of sourceCode.expressionTree(value.expression).diagnostics) {
      if (d.severity === "warning") {
        // [U] in the runtime reference (C# 8+ syntax in a C# 7 language): a warning, never an error.
        context.report({ node: { range: sourceCode.rangeOf(d) }, message: d.message, severity: "warn" });
      } else if (!problem?.inline) {
        // Statements or nothing in @( ) make the parser's errors too (`) expected`): the message above says it better.
        context.report({ node: { range: sourceCode.rangeOf(d) }, message: `${d.message} (${d.code})` });
      }
    }
    return;
  }
  const at = embeddedExpressionStart(value.text);
  if (at < 0 || cdata || isInsideLiquidBody(element)) return;
  context.report({
    node: { range: embeddedRange(doc, value, at) },
    message: `"${excerpt(value.text, at)}" is inside literal text: APIM evaluates an expression only when it is the whole value, so this is sent as plain text. Write the whole value as one expression, e.g. @("prefix" + ...)`,
  });
}

/**
 * Whether every path through the statement ends in a throw (C#'s unreachable end point, for the statements a block
 * without return can hold): a throw, a block with such a statement, an if/else or a try/catch all of whose parts do.
 */
function alwaysThrows(s: Statement | CsExpression | undefined): boolean {
  if (!s) return false;
  switch (s.kind) {
    case "Throw":
      return true;
    case "Block":
      return s.statements.some(alwaysThrows);
    case "If":
      return alwaysThrows(s.consequent) && alwaysThrows(s.alternate);
    case "Try":
      return alwaysThrows(s.block) && s.handlers.every((h) => alwaysThrows(h.body));
    default:
      return false;
  }
}

interface Problem {
  message: string;
  range(): Range;
  /** A problem of an inline expression's shape (empty, return, `;`): the parser's errors are the same mistake. */
  inline?: boolean;
}

function expressionProblem(sourceCode: PolicySourceCode, expr: Expression): Problem | undefined {
  // Fast path: an inline expression can only be wrong if it is blank, starts with a comment or `return`, or has a `;`.
  if (expr.form === "inline") {
    const trimmed = expr.code.trim();
    if (trimmed !== "" && trimmed[0] !== "/" && !expr.code.includes(";") && !/^return\b/.test(trimmed))
      return undefined;
  } else if (/\breturn\b/.test(expr.code)) {
    // A block that says `return` is taken as returning (one inside a string or comment only is not looked for).
    return undefined;
  }
  const whole = { range: () => expr.range, inline: expr.form === "inline" };
  const tokens = tokenizeExpression(sourceCode.text, expr).filter((t) => t.kind !== "eof");
  const delimiters = expr.form === "inline" ? "@( )" : "@{ }";
  if (tokens.length === 0) {
    return { ...whole, message: `empty expression ${delimiters}: it has no value; write the C# code or remove it` };
  }
  if (expr.form === "block") {
    if (!tokens.some((t) => t.kind === "return")) {
      // A block whose every path throws compiles (C# asks a return only of an end point it can reach).
      if (tokens.some((t) => t.kind === "throw") && alwaysThrows(sourceCode.expressionTree(expr).body))
        return undefined;
      return {
        ...whole,
        message: "@{ } block without return: every code path of a multi-statement expression must return the value",
      };
    }
    return undefined;
  }
  const first = tokens[0]!;
  if (first.kind === "return") {
    return {
      message:
        "return inside @( ): an inline expression is a single C# expression; use @{ ... return ...; } for statements",
      range: () => sourceCode.rangeOf(first),
      inline: true,
    };
  }
  const semi = topLevelSemicolon(tokens);
  if (semi) {
    return {
      message:
        "';' inside @( ): an inline expression is a single C# expression; use @{ ... return ...; } for statements",
      range: () => sourceCode.rangeOf(semi),
      inline: true,
    };
  }
  return undefined;
}

/** A `;` outside any (), [] or {} (those inside a lambda body or an initializer are fine). */
function topLevelSemicolon(tokens: readonly Token[]): Token | undefined {
  let depth = 0;
  for (const t of tokens) {
    const k = t.kind;
    if (k === "(" || k === "[" || k === "{" || k === "hole-open") depth++;
    else if (k === ")" || k === "]" || k === "}" || k === "hole-close") depth = Math.max(0, depth - 1);
    else if (k === ";" && depth === 0) return t;
  }
  return undefined;
}

/** Index of `@(` or `@{` in literal text (not `@{{`, a named value after an @ as in user@{{domain}}), or -1. */
function embeddedExpressionStart(text: string): number {
  for (let i = text.indexOf("@"); i >= 0; i = text.indexOf("@", i + 1)) {
    const next = text[i + 1];
    if (next === "(" || (next === "{" && text[i + 2] !== "{")) return i;
  }
  return -1;
}

function embeddedRange(doc: PolicyDocument, value: PolicyValue, at: number): Range {
  // Exact only when no entity was decoded before the @; otherwise the whole value.
  if (value.raw.slice(0, at) !== value.text.slice(0, at)) return value.range;
  const start = value.range.start.offset + at;
  return { start: doc.positionAt(start), end: doc.positionAt(Math.min(start + 2, value.range.end.offset)) };
}

function hasDiagnostic(doc: PolicyDocument, range: Range): boolean {
  return doc.diagnostics.some(
    (d) => d.range.start.offset < range.end.offset && d.range.end.offset >= range.start.offset,
  );
}

function excerpt(text: string, at: number): string {
  const line = text.slice(at).split(/\r?\n/)[0] ?? "";
  return line.length > 40 ? `${line.slice(0, 40)}...` : line;
}
