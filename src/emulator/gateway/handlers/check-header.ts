// check-header (runtime reference §5.9, §5.2): the header must be present and, when <value> elements are given,
// one of its values must equal one of them.
import { childElements } from "../../../policy/query.js";
import { EmulationError } from "../pipeline/signals.js";
import type { Handler } from "./handler.js";
import { jsonRefusal, onlyIn, required, where } from "./refusal.js";

/**
 * Each header line counts as one value, compared whole (not split on commas) [U]; the toolkit demands exactly one
 * line, the docs say only "any match". failed-check-error-message is both the body's message and LastError.Message
 * [U]; the reference's default messages apply when it is absent.
 */
export const checkHeader: Handler = (el, run) => {
  onlyIn(run, el, ["inbound"]);
  const name = required(run, el, "name").trim();
  const code = run.number(el, "failed-check-httpcode");
  if (code === undefined || !Number.isInteger(code) || code < 100 || code > 599)
    throw new EmulationError(`check-header at ${where(run, el)} needs failed-check-httpcode (an HTTP status code)`);
  const custom = run.string(el, "failed-check-error-message");
  const ignoreCase = run.bool(el, "ignore-case", false);
  const allowed = childElements(el, "value").map((v) => run.textString(v) ?? "");
  const sent = run.context.request.headers.get(name);
  run.assume("check-header compares each header line whole; failed-check-error-message is LastError.Message too");
  if (!sent) {
    const message = custom ?? `Header ${name} was not found in the request. Access denied.`;
    run.trace(el, `${name} absent`);
    return run.fail("HeaderNotFound", message, jsonRefusal(code, message));
  }
  if (allowed.length === 0) {
    run.trace(el, `${name} present`);
    return;
  }
  const norm = (s: string) => (ignoreCase ? s.toLowerCase() : s);
  const match = sent.some((v) => allowed.some((a) => norm(a) === norm(v)));
  if (!match) {
    const message = custom ?? `Header ${name} value is not allowed. Access denied.`;
    run.trace(el, `${name} value not allowed`);
    run.fail("HeaderValueNotAllowed", message, jsonRefusal(code, message));
  }
  run.trace(el, `${name} value allowed`);
};
