// jwt-issuer-format: Entra issuers are compared exactly, so a slash, a missing /v2.0 or a placeholder tenant means
// no token ever matches.
import { tenantKind } from "../src/lint/analysis/entra.js";
import { at } from "../src/lint/analysis/fixes.js";
import { type IssuerItem, validationVisitors } from "../src/lint/analysis/jwt.js";
import { attribute } from "../src/lint/analysis/nodes.js";
import type { Fix, Rule, RuleContext } from "../src/lint/types.js";
import type { PolicyDocument } from "../src/policy/model.js";

export const jwtIssuerFormat: Rule = {
  id: "jwt-issuer-format",
  meta: {
    severity: "error",
    category: "token-validation",
    description: "Malformed Entra issuer: slash, /v2.0, multi-tenant or invalid tenant, whitespace",
    docs: "rules/jwt-issuer-format.md",
    fixable: true,
  },
  create(context) {
    const { doc } = context.sourceCode;
    return validationVisitors(context.sourceCode, (v) => {
      for (const issuer of v.issuers) checkIssuer(doc, issuer, context);
      if (v.kind === "validate-azure-ad-token") {
        const tid = attribute(v.element, "tenant-id");
        if (tid && tid.value.kind !== "expression") {
          const t = tid.value.text.trim();
          const kind = tenantKind(t, context.sourceCode.placeholders);
          // A multi-tenant tenant-id (common, organizations) is jwt-any-tenant's: it asks whether a tid claim
          // restricts the tenant, so the two rules never report it twice.
          if (kind === "multi-tenant" && t.toLowerCase() === "consumers") {
            context.report({
              node: tid,
              message: `tenant-id "${t}" is not a tenant: tokens carry the real tenant ID; name the tenant whose tokens you accept (GUID or verified domain)`,
            });
          } else if (kind === "invalid" && !/^https?:\/\//i.test(t)) {
            context.report({ node: tid, message: `tenant-id "${t}" is neither a GUID nor a domain` });
          }
        }
      }
    });
  },
};

function checkIssuer(doc: PolicyDocument, issuer: IssuerItem, context: RuleContext): void {
  const value = issuer.value;
  if (!value || value.kind === "expression") return;
  const node = { range: value.range };
  const plain = value.raw === value.text; // no entities: offsets in the text are offsets in the source
  if (value.text !== value.text.trim()) {
    context.report({
      node,
      message: `issuer "${value.text.trim()}" has leading or trailing whitespace: issuers are compared exactly; remove it`,
      fix: plain
        ? { description: "trim the issuer", edits: [{ range: value.range, text: value.raw.trim() }] }
        : undefined,
    });
  }
  const e = issuer.entra;
  if (!e) return;
  // A deploy-time placeholder tenant ("placeholder" kind) is unknown, not invalid; a placeholder after the tenant
  // leaves the issuer's form unknown, so only what is literal is judged.
  const text = value.text.trim();
  const end = value.range.start.offset + value.raw.trimEnd().length;
  if (e.tenantKind === "multi-tenant") {
    context.report({
      node,
      message: `issuer "${text}" uses "${e.tenant}" as the tenant: Entra tokens always carry the real tenant ID, so it never matches; list one issuer per accepted tenant (GUID)`,
    });
  } else if (e.tenantKind === "invalid") {
    context.report({ node, message: `issuer "${text}": tenant "${e.tenant}" is neither a GUID nor a domain` });
  }
  if (e.restUnknown) return;
  if (e.version === 1) {
    if (e.rest === "") {
      context.report({
        node,
        message: `v1 issuer "${text}" lacks its trailing slash: v1 tokens carry ${e.canonical}; add the "/"`,
        fix: plain ? insert(doc, end, "/", "add the trailing slash") : undefined,
      });
    } else if (e.rest !== "/") {
      context.report({ node, message: `"${text}" is not a v1 issuer: v1 issuers are exactly ${e.canonical}` });
    }
    return;
  }
  const rest = e.rest;
  if (rest === "/v2.0") return;
  if (rest === "/v2.0/") {
    context.report({
      node,
      message: `v2 issuer "${text}" has a trailing slash: v2 tokens carry ${e.canonical}; remove the "/"`,
      fix: plain
        ? {
            description: "remove the trailing slash",
            edits: [{ range: { start: doc.positionAt(end - 1), end: doc.positionAt(end) }, text: "" }],
          }
        : undefined,
    });
  } else if (rest === "" || rest === "/") {
    context.report({
      node,
      message: `issuer "${text}" is neither v1 nor v2: v2 tokens carry ${e.canonical}, v1 tokens https://sts.windows.net/${e.tenant}/; use the one your API app's tokens carry`,
    });
  } else {
    context.report({ node, message: `"${text}" is not an Entra issuer: v2 issuers are exactly ${e.canonical}` });
  }
}

function insert(doc: PolicyDocument, offset: number, text: string, description: string): Fix {
  return { description, edits: [{ range: at(doc, offset), text }] };
}
