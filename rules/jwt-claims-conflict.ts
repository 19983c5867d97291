// jwt-claims-conflict: required claims that no single token can carry together.
import { claimNamed, type JwtValidation, type RequiredClaim, validationVisitors } from "../src/lint/analysis/jwt.js";
import type { Rule, RuleContext } from "../src/lint/types.js";

/** Claims that hold one value in an Entra token: match="all" with two values can never pass. */
const SINGLE_VALUED = new Set(["appid", "azp", "appidacr", "azpacr", "ver", "tid", "oid", "sub", "idtyp", "iss"]);
const PAIRS: [string, string, string][] = [
  ["appid", "azp", "appid exists only in v1 tokens and azp only in v2 tokens"],
  ["appidacr", "azpacr", "appidacr exists only in v1 tokens and azpacr only in v2 tokens"],
];

export const jwtClaimsConflict: Rule = {
  id: "jwt-claims-conflict",
  meta: {
    severity: "error",
    category: "token-validation",
    description: "Required claims no token can carry at once",
    docs: "rules/jwt-claims-conflict.md",
  },
  create(context) {
    return validationVisitors(context.sourceCode, (v) => {
      for (const [a, b, why] of PAIRS) {
        const ca = claimNamed(v, a);
        const cb = claimNamed(v, b);
        if (!ca || !cb) continue;
        const later = ca.element.range.start.offset > cb.element.range.start.offset ? ca : cb;
        context.report({
          node: later.element,
          message: `${a} and ${b} are both required, but ${why}: every listed claim is mandatory, so no token passes; keep the one of your API app's token version`,
        });
      }
      checkVer(v, context);
      for (const claim of v.claims) checkSingleValued(claim, context);
    });
  },
};

function checkVer(v: JwtValidation, context: RuleContext): void {
  const ver = claimNamed(v, "ver");
  if (!ver || !v.acceptedVersion) return;
  const wanted = v.acceptedVersion === 1 ? "1.0" : "2.0";
  const other = ver.values.filter((x) => x.text === "1.0" || x.text === "2.0");
  if (other.length > 0 && other.every((x) => x.text !== wanted)) {
    context.report({
      node: ver.element,
      message: `ver ${other[0]!.text} is required but the issuer accepts only v${v.acceptedVersion} tokens (ver ${wanted}): no token passes`,
    });
  }
}

function checkSingleValued(claim: RequiredClaim, context: RuleContext): void {
  if (claim.match !== "all" || !SINGLE_VALUED.has(claim.name.toLowerCase())) return;
  // A deploy-time placeholder may be filled with any value, also one listed beside it: only literal values count.
  const { placeholders } = context.sourceCode;
  const distinct = new Set(claim.values.map((x) => x.text).filter((t) => t !== "" && !placeholders.holds(t)));
  if (distinct.size < 2) return;
  context.report({
    node: claim.element,
    message: `${claim.name} holds one value in a token, but match="all" requires all ${distinct.size} listed values: no token passes; use match="any"`,
  });
}
