// http-url: plain-HTTP backends, callouts and token/metadata endpoints.
import { valueTexts } from "../src/lint/analysis/expressions.js";
import { elementsOf } from "../src/lint/analysis/index.js";
import { attribute, firstChild, textValue } from "../src/lint/analysis/nodes.js";
import type { Rule } from "../src/lint/types.js";
import type { PolicyValue } from "../src/policy/model.js";

const HTTP = /(^|\{…\})\s*http:\/\/([^/\s:{]*)/i;

export const httpUrl: Rule = {
  id: "http-url",
  appliesTo: ["set-backend-service", "openid-config", "send-request", "send-one-way-request"],
  meta: {
    severity: "error",
    category: "security",
    description: "http:// in set-backend-service base-url, send-request set-url or an openid-config url",
    docs: "rules/http-url.md",
  },
  check(doc, context) {
    const allow = new Set(
      (Array.isArray(context.options.allowHosts) ? context.options.allowHosts : []).map((h) => String(h).toLowerCase()),
    );
    const check = (value: PolicyValue | undefined, where: string) => {
      if (!value) return;
      const m = HTTP.exec(valueTexts(value));
      if (!m || allow.has(m[2]!.toLowerCase())) return;
      context.report({
        node: { range: value.range },
        message: `${where} uses http://${m[2]}: requests, tokens and keys travel unencrypted; use https://`,
      });
    };
    for (const el of elementsOf(doc)) {
      if (el.name === "set-backend-service") check(attribute(el, "base-url")?.value, "set-backend-service base-url");
      else if (el.name === "openid-config") check(attribute(el, "url")?.value, "openid-config url");
      else if (el.name === "send-request" || el.name === "send-one-way-request") {
        const url = firstChild(el, "set-url");
        check(url ? textValue(url) : undefined, `${el.name} set-url`);
      }
    }
  },
};
