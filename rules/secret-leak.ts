// secret-leak: tokens, assertions, token responses or error internals written where the client can read them.

import { headerReads, memberChains, type TreeSource } from "../src/lint/analysis/expressions.js";
import { attribute, attributeText, childElements, sectionOf } from "../src/lint/analysis/nodes.js";
import { readCarriesToken } from "../src/lint/analysis/token-flow.js";
import type { PolicySourceCode } from "../src/lint/source-code.js";
import type { Rule, RuleContext } from "../src/lint/types.js";
import type { ElementNode, Expression, PolicyValue } from "../src/policy/model.js";

/** LastError members that only name what failed (the Message is free text and may quote the failing response). */
const LAST_ERROR_SAFE = new Set(["Source", "Reason", "Scope", "Section", "Path", "PolicyId"]);
/** Variable names that say they hold a credential (for values that did not come through a tracked flow). */
const SECRET_NAME = /token|assertion|secret|bearer|password|credential/i;
/** A sink expression without any of these reads nothing this rule looks for. */
const SUSPECT = /Variables|LastError|Authorization/;
const SINK_NAMES: ReadonlySet<string> = new Set(["set-header", "set-body", "set-status"]);
const CALLOUTS = new Set(["send-request", "send-one-way-request", "log-to-eventhub", "trace", "emit-metric"]);

/** Is a set-header / set-body / set-status written into what the client receives? */
function clientVisible(el: ElementNode): string | undefined {
  for (let p = el.parent; p; p = p.parent) {
    if (p.name === "return-response") return "return-response";
    if (CALLOUTS.has(p.name)) return undefined;
  }
  const section = sectionOf(el);
  return section === "outbound" || section === "on-error" ? section : undefined;
}

export const secretLeak: Rule = {
  id: "secret-leak",
  meta: {
    severity: "error",
    category: "security",
    description: "A token, assertion, token response or context.LastError details sent to the client",
    docs: "rules/secret-leak.md",
  },
  create(context) {
    const { sourceCode } = context;
    // Whether any sink the client sees holds an expression worth looking into; when none does, no sink is judged.
    let anySinkMayLeak: boolean | undefined;
    let jwtOnly: Set<string> | undefined;
    const sink = (el: ElementNode) => {
      const where = clientVisible(el);
      if (!where) return;
      anySinkMayLeak ??= someSinkMayLeak(sourceCode);
      if (!anySinkMayLeak) return;
      const flow = sourceCode.variables();
      jwtOnly ??= new Set(flow.definitions.filter((d) => d.kind === "jwt").map((d) => d.name));
      if (el.name === "set-header" && attributeText(el, "exists-action") === "delete") return;
      const tf = sourceCode.tokenFlow();
      const header = el.name === "set-header" ? attributeText(el, "name") : undefined;
      const target = header
        ? `response header ${header}`
        : el.name === "set-status"
          ? "status reason"
          : "response body";
      let reported = false;
      const parts = [el, ...childElements(el, "value")];
      for (const read of parts.flatMap((p) => flow.codeReadsIn(p))) {
        const tracked = tf.tokenVariables.has(read.name);
        const named = SECRET_NAME.test(read.name) && !jwtOnly.has(read.name);
        // Names first: readCarriesToken looks into the code, and most variables written to a client are neither.
        if ((!tracked && !named) || !readCarriesToken(sourceCode, read, tf.responseVariables)) continue;
        context.report({
          node: { range: read.value.range },
          message: `"${read.name}" ${tracked ? "holds a token or token response" : "looks like a credential"} and is written into the ${target} (${where}) the client receives; never echo tokens, return a fixed message and log details server-side`,
        });
        reported = true; // one finding per sink element: the fix is the same
        break;
      }
      if (reported) return;
      for (const value of parts.flatMap(codeValues)) {
        const expr = value.expression!;
        const leak = lastErrorDetail(sourceCode, expr) ?? authorizationEcho(sourceCode, expr);
        if (!leak) continue;
        context.report({
          node: { range: value.range },
          message: `${leak} is written into the ${target} (${where}) the client receives: it can carry tokens or internal details; return a fixed message and the request id instead`,
        });
        break;
      }
    };
    return {
      "return-response"(el) {
        reportReturnedResponse(context, el);
      },
      "set-header": sink,
      "set-body": sink,
      "set-status": sink,
    };
  },
};

/** Does any set-header / set-body / set-status whose output reaches the client hold a suspect expression? */
function someSinkMayLeak(sourceCode: PolicySourceCode): boolean {
  for (const el of sourceCode.elements()) if (SINK_NAMES.has(el.name) && mayLeak(el) && clientVisible(el)) return true;
  return false;
}

/** Does the sink (or one of its <value>s) hold an expression that reads a variable, LastError or Authorization? */
function mayLeak(sink: ElementNode): boolean {
  const suspect = (el: ElementNode): boolean => {
    for (const a of el.attributes) if (a.value.kind === "expression" && SUSPECT.test(a.value.text)) return true;
    for (const c of el.children)
      if (c.type === "text" && c.value.kind === "expression" && SUSPECT.test(c.value.text)) return true;
    return false;
  };
  if (suspect(sink)) return true;
  for (const c of sink.children) if (c.type === "element" && c.name === "value" && suspect(c)) return true;
  return false;
}

function codeValues(el: ElementNode): PolicyValue[] {
  const out: PolicyValue[] = [];
  for (const a of el.attributes) if (a.value.kind === "expression" && a.value.expression) out.push(a.value);
  for (const c of el.children)
    if (c.type === "text" && c.value.kind === "expression" && c.value.expression) out.push(c.value);
  return out;
}

function lastErrorDetail(tokens: TreeSource, expr: Expression): string | undefined {
  for (const chain of memberChains(tokens, expr)) {
    const i = chain.indexOf("LastError");
    if (i < 1 || chain[i - 1] !== "context") continue;
    const member = chain[i + 1];
    if (member === undefined) return "context.LastError";
    if (!LAST_ERROR_SAFE.has(member)) return `context.LastError.${member}`;
  }
  return undefined;
}

function authorizationEcho(tokens: TreeSource, expr: Expression): string | undefined {
  return headerReads(tokens, expr).includes("authorization")
    ? "the request's Authorization header (a bearer token)"
    : undefined;
}

/** `<return-response response-variable-name="tokenResp">` sends the token endpoint's whole response to the client. */
function reportReturnedResponse(context: RuleContext, el: ElementNode): void {
  const a = attribute(el, "response-variable-name");
  const name = a?.value.text.trim();
  if (!a || !name || !context.sourceCode.tokenFlow().tokenVariables.has(name)) return;
  context.report({
    node: a,
    message: `return-response sends "${name}", a token response, to the client as it is; return a fixed message instead`,
  });
}
