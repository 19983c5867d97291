// http-url: plain-HTTP backends, callouts and token/metadata endpoints.
import { type ElementVisitors, NO_VISITORS } from "../src/lint/analysis/element-visitors.js";
import { valueTexts } from "../src/lint/analysis/expressions.js";
import { attribute, firstChild, textValue } from "../src/lint/analysis/nodes.js";
import type { Rule } from "../src/lint/types.js";
import type { ElementNode, PolicyValue } from "../src/policy/model.js";

const HTTP = /(^|\{…\})\s*http:\/\/([^/\s:{]*)/i;

/** The elements this rule visits (the visitors object is typed by it). */
const VISITED = ["set-backend-service", "openid-config", "send-request", "send-one-way-request"] as const;

export const httpUrl: Rule = {
  id: "http-url",
  meta: {
    severity: "error",
    category: "security",
    description: "http:// in set-backend-service base-url, send-request set-url or an openid-config url",
    docs: "rules/http-url.md",
    schema: {
      type: "object",
      properties: {
        allowHosts: { type: "array", items: { type: "string" }, description: "Hosts allowed over http://" },
      },
      additionalProperties: false,
    },
  },
  create(context) {
    if (!context.sourceCode.hasAnyOf(VISITED)) return NO_VISITORS;
    const allowHosts = context.options.allowHosts as string[] | undefined;
    const allow = new Set((allowHosts ?? []).map((h) => h.toLowerCase()));
    const check = (value: PolicyValue | undefined, where: string) => {
      if (!value) return;
      const text = valueTexts(context.sourceCode, value);
      const m = HTTP.exec(text);
      if (!m || allow.has(m[2]!.toLowerCase())) return;
      // http:// itself is literal, so a deploy-time placeholder host is still plain HTTP; but when some hosts are
      // allowed, a placeholder host may be one of them: unknown, not reported.
      const authority = /^[^/\s]*/.exec(text.slice(m.index + m[0].length - m[2]!.length))![0];
      if (allow.size > 0 && context.sourceCode.placeholders.holds(authority)) return;
      context.report({
        node: { range: value.range },
        message: `${where} uses http://${m[2]}: requests, tokens and keys travel unencrypted; use https://`,
      });
    };
    const sendUrl = (el: ElementNode) => {
      const url = firstChild(el, "set-url");
      check(url ? textValue(url) : undefined, `${el.name} set-url`);
    };
    const visitors: ElementVisitors<typeof VISITED> = {
      "set-backend-service": (el) => check(attribute(el, "base-url")?.value, "set-backend-service base-url"),
      "openid-config": (el) => check(attribute(el, "url")?.value, "openid-config url"),
      "send-request": sendUrl,
      "send-one-way-request": sendUrl,
    };
    return visitors;
  },
};
