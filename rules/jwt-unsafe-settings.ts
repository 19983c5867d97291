// jwt-unsafe-settings: switches that turn validation off, and keys written into the policy.
import { validationVisitors } from "../src/lint/analysis/jwt.js";
import { attribute } from "../src/lint/analysis/nodes.js";
import type { Rule } from "../src/lint/types.js";

const MAX_CLOCK_SKEW = 300;

export const jwtUnsafeSettings: Rule = {
  id: "jwt-unsafe-settings",
  meta: {
    severity: "error",
    category: "token-validation",
    description: "Unsigned or non-expiring tokens accepted, clock-skew over 300 s, or a literal key in the policy",
    docs: "rules/jwt-unsafe-settings.md",
  },
  create(context) {
    return validationVisitors(context.sourceCode, (v) => {
      const el = v.element;
      for (const [name, what] of [
        ["require-signed-tokens", "unsigned tokens (alg none) are accepted: anyone can write one"],
        ["require-expiration-time", "tokens without exp are accepted: a leaked token works forever"],
      ] as const) {
        const a = attribute(el, name);
        if (a && a.value.kind === "literal" && a.value.text.trim().toLowerCase() === "false") {
          context.report({ node: a, message: `${name}="false": ${what}; remove the attribute (default true)` });
        }
      }
      const skew = attribute(el, "clock-skew");
      if (skew && skew.value.kind === "literal") {
        const seconds = Number(skew.value.text.trim());
        if (Number.isFinite(seconds) && seconds > MAX_CLOCK_SKEW) {
          context.report({
            node: skew,
            message: `clock-skew="${skew.value.text.trim()}" accepts expired tokens for ${seconds} s; keep it at ${MAX_CLOCK_SKEW} or less`,
          });
        }
      }
      for (const [list, keys] of [
        ["issuer-signing-keys", v.signingKeys],
        ["decryption-keys", v.decryptionKeys],
      ] as const) {
        for (const { value } of keys) {
          // A deploy-time placeholder (`{jwt_signing_key}`) is filled in by the deployment: not a key in the policy.
          if (
            value?.kind !== "literal" ||
            value.text.trim() === "" ||
            context.sourceCode.placeholders.holds(value.text)
          )
            continue;
          context.report({
            node: { range: value.range },
            message: `literal key in <${list}>: an inline Base64 key is a symmetric secret, and anyone who can read the policy can ${list === "issuer-signing-keys" ? "mint valid tokens" : "decrypt tokens"}; store it in a secret named value ({{name}}) or use certificate-id`,
          });
        }
      }
    });
  },
};
