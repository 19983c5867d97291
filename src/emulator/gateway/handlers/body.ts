// set-body (runtime reference §5.10, §6): literal text or an expression's value; template="liquid" renders with
// liquidjs. A later set-body replaces an earlier one; the new body is readable again (not consumed).
import type { ElementNode } from "../../../policy/model.js";
import { attr, elementText } from "../../../policy/query.js";
import { NotEmulated } from "../../errors.js";
import { GatewayResponse, type HeaderMap, MessageBody } from "../message.js";
import { EmulationError, PolicyError } from "../pipeline/signals.js";
import type { Handler, Run } from "./handler.js";
import { renderLiquid } from "./liquid.js";

/**
 * The new body text for `target`. `emptyBody`: return-response removes the current bodies, so Liquid inside sees
 * an empty body [doc D-return-response].
 */
export function bodyText(
  el: ElementNode,
  run: Run,
  target: { headers: HeaderMap; body: MessageBody | null },
  emptyBody = false,
): string {
  for (const a of el.attributes) {
    if (a.name === "xsi-nil" && a.value.text.trim() !== "blank")
      throw new NotEmulated(`set-body xsi-nil="${a.value.text}"`, run.at(el));
    if (a.name === "html-decode-expression") throw new NotEmulated("set-body html-decode-expression", run.at(el));
  }
  const template = attr(el, "template")?.value.text.trim() ?? "none";
  if (template === "liquid") {
    const t = elementText(el);
    const current = target.body;
    try {
      return renderLiquid({
        template: t?.text ?? "",
        body: emptyBody ? "" : current && !current.consumed ? current.text : undefined,
        contentType: target.headers.get("Content-Type")?.[0],
        request: run.context.request,
        response: run.context.response,
        matched: run.context.matchedParameters,
        at: run.at(el),
      });
    } catch (e) {
      if (e instanceof NotEmulated) throw e;
      const cause = (e as { originalError?: unknown }).originalError;
      if (cause instanceof NotEmulated) throw cause;
      const message = e instanceof Error ? e.message : String(e);
      // A template liquidjs cannot parse is one APIM refuses to save; a failure while rendering is a policy error.
      if ((e as { name?: string }).name === "ParseError" || (e as { name?: string }).name === "TokenizationError")
        throw new EmulationError(`set-body Liquid template at ${fmt(run, el)}: ${message}`);
      throw new PolicyError("LiquidTemplateError", message);
    }
  }
  if (template !== "none") throw new EmulationError(`set-body template="${template}" at ${fmt(run, el)}`);
  return run.textString(el) ?? "";
}

function fmt(run: Run, el: ElementNode): string {
  const at = run.at(el);
  return `${at.file}:${at.line}:${at.column}`;
}

export const setBody: Handler = (el, run) => {
  const target = run.message();
  const text = bodyText(el, run, target);
  target.body = new MessageBody(text);
  if (target instanceof GatewayResponse) run.context.response = target;
  run.trace(el, `${text.length} characters`);
};
