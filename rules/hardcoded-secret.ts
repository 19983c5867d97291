// hardcoded-secret: secrets written into the policy text instead of a (secret / Key Vault) named value.

import { mayHoldEscape } from "../src/lint/analysis/code-words.js";
import { stringLiterals } from "../src/lint/analysis/expressions.js";
import { attribute, attributeText, childElements, textValue } from "../src/lint/analysis/nodes.js";
import type { PolicySourceCode } from "../src/lint/source-code.js";
import type { Rule, RuleContext } from "../src/lint/types.js";
import type { ElementNode, PolicyValue } from "../src/policy/model.js";
import type { Placeholders } from "../src/policy/placeholders.js";
import { NAMED_VALUE } from "../src/policy/values.js";

const JWT = /eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/;
// A literal value right after the parameter: not empty, not a named value, not the start of concatenation.
const CLIENT_SECRET = /(?:^|[?&\s"])client_secret=(?!\{\{)[^&\s"'{}+]{6,}/i;
const SAS_SIG = /[?&]sig=(?!\{\{)[A-Za-z0-9%+/=]{16,}/i;
const SUBSCRIPTION_KEY_PARAM = /[?&]subscription-key=(?!\{\{)[A-Za-z0-9]{16,}/i;
const KEY_HEADERS = new Set(["ocp-apim-subscription-key", "x-functions-key", "api-key", "x-api-key"]);
const KEY_QUERY_PARAMETERS = new Set(["subscription-key", "code"]);

const NAMED_VALUES = new RegExp(NAMED_VALUE.source, "g");

/**
 * The constant texts of a value: the literal text, or an expression's string literals. Named values and deploy-time
 * placeholders become `{{}}`: not literal, so no pattern below takes them for a secret.
 */
function constantTexts(source: PolicySourceCode, value: PolicyValue): string[] {
  const { placeholders } = source;
  if (value.kind === "expression") {
    if (!value.expression) return [];
    return placeholders.none
      ? stringLiterals(source, value.expression)
      : placeholders.stringLiterals(source.expressionTree(value.expression), "{{}}");
  }
  return [placeholders.mask(value.text, "{{}}").replace(NAMED_VALUES, "{{}}")];
}

/** Cheap test on the raw text before any tokenizing: most values contain none of these (nor a C# escape). */
const HINT = /eyJ|client_secret|sig=|subscription-key=/i;

function secretIn(tokens: PolicySourceCode, value: PolicyValue): string | undefined {
  if (!HINT.test(value.text) && !(value.kind === "expression" && mayHoldEscape(value.text))) return undefined;
  for (const text of constantTexts(tokens, value)) {
    if (JWT.test(text)) return "a JWT (eyJ...) literal";
    if (CLIENT_SECRET.test(text)) return "a literal client_secret";
    if (SAS_SIG.test(text)) return "a SAS signature (sig=) literal";
    if (SUBSCRIPTION_KEY_PARAM.test(text)) return "a literal subscription-key";
  }
  return undefined;
}

/** Editor-snippet and documentation placeholders (`$2`, `${2:password}`, `<password>`), not secrets. */
const PLACEHOLDER = /^(\$\d+|\$\{\d+(:[^}]*)?\}|<[^<>]*>|\[[^[\]]*\])$/;

/** A fixed, non-empty value: no expression, no named value, no snippet or deploy-time placeholder. */
function isLiteral(value: PolicyValue | undefined, placeholders: Placeholders): value is PolicyValue {
  if (value === undefined || value.kind !== "literal") return false;
  const text = value.text.trim();
  return text !== "" && !PLACEHOLDER.test(text) && !placeholders.holds(text);
}

export const hardcodedSecret: Rule = {
  id: "hardcoded-secret",
  meta: {
    severity: "error",
    category: "security",
    description: "Client secrets, passwords, JWTs, SAS signatures or API keys written literally into the policy",
    docs: "rules/hardcoded-secret.md",
  },
  create(context) {
    const tokens = context.sourceCode;
    return {
      "*"(el) {
        const specific = specificSecret(el, tokens.placeholders);
        if (specific) {
          report(context, specific.value, specific.what);
          return;
        }
        // Index loops: this runs for every element of every document.
        const attributes = el.attributes;
        for (let i = 0; i < attributes.length; i++) {
          const value = attributes[i]!.value;
          const what = secretIn(tokens, value);
          if (what) report(context, value, what);
        }
        const children = el.children;
        for (let i = 0; i < children.length; i++) {
          const c = children[i]!;
          if (c.type !== "text") continue;
          const what = secretIn(tokens, c.value);
          if (what) report(context, c.value, what);
        }
      },
    };
  },
};

function report(context: RuleContext, value: PolicyValue, what: string): void {
  context.report({
    node: { range: value.range },
    message: `${what} in the policy: anyone who can read the policy (or its git history) can use it; move it to a secret or Key Vault named value ({{name}}) and rotate it`,
  });
}

/** set-variable names that say the value is a credential. */
const SECRET_VARIABLE = /secret|password|passwd|api-?key|sas-?token|connection-?string/i;

/** Places that hold a secret whatever it looks like: basic-auth passwords, key headers and query parameters. */
function specificSecret(el: ElementNode, placeholders: Placeholders): { value: PolicyValue; what: string } | undefined {
  if (el.name === "set-variable") {
    const name = attributeText(el, "name") ?? "";
    const v = attribute(el, "value");
    if (SECRET_VARIABLE.test(name) && v && isLiteral(v.value, placeholders) && v.value.text.trim().length >= 6) {
      return { value: v.value, what: `a literal value for the variable "${name}"` };
    }
  }
  if (el.name === "authentication-basic") {
    const p = attribute(el, "password");
    if (p && isLiteral(p.value, placeholders))
      return { value: p.value, what: "a literal authentication-basic password" };
  }
  if (el.name === "set-header" || el.name === "set-query-parameter") {
    const name = attributeText(el, "name")?.toLowerCase() ?? "";
    const keyed = el.name === "set-header" ? KEY_HEADERS.has(name) : KEY_QUERY_PARAMETERS.has(name);
    // Only a key header or parameter, or Authorization, can hold one: the values of the others are not read.
    if (!keyed && !(el.name === "set-header" && name === "authorization")) return undefined;
    for (const v of childElements(el, "value")) {
      const value = textValue(v);
      if (!isLiteral(value, placeholders)) continue;
      if (keyed) return { value, what: `a literal ${attributeText(el, "name")} key` };
      if (
        el.name === "set-header" &&
        name === "authorization" &&
        /^\s*basic\s+[A-Za-z0-9+/=]{8,}\s*$/i.test(value.text)
      ) {
        return { value, what: "literal Basic credentials" };
      }
    }
  }
  return undefined;
}
