// set-variable, set-status, set-method (runtime reference §4, §5.10).
import type { ElementNode } from "../../../policy/model.js";
import { attr } from "../../../policy/query.js";
import { reasonPhrase } from "../message.js";
import { EmulationError } from "../pipeline/signals.js";
import type { Handler, Run } from "./handler.js";

function where(run: Run, el: ElementNode): string {
  const at = run.at(el);
  return `${at.file}:${at.line}:${at.column}`;
}

/** The expression's value as is; a literal value is a string (§4, D-set-variable). */
export const setVariable: Handler = (el, run) => {
  const name = attr(el, "name")?.value.text.trim();
  if (!name) throw new EmulationError(`set-variable without a name at ${where(run, el)}`);
  const value = run.attr(el, "value");
  if (value === undefined) throw new EmulationError(`set-variable ${name} without a value at ${where(run, el)}`);
  run.context.variables.set(name, value);
  run.trace(el, `${name} set`);
};

/** set-status on the response (all four sections, §5.10). */
export function applySetStatus(el: ElementNode, run: Run, target: { status: number; reason: string }): void {
  const code = run.number(el, "code");
  if (code === undefined || !Number.isInteger(code) || code < 100 || code > 599)
    throw new EmulationError(`set-status code at ${where(run, el)}: expected an HTTP status code`);
  target.status = code;
  target.reason = run.string(el, "reason") ?? reasonPhrase(code);
  run.trace(el, `${code} ${target.reason}`);
}

export const setStatus: Handler = (el, run) => {
  applySetStatus(el, run, run.context.response);
};

/** The verb is the element text, as written (the toolkit upper-cases it; APIM sends what it is given). */
export function methodOf(el: ElementNode, run: Run): string {
  const m = (run.textString(el) ?? "").trim();
  if (m === "") throw new EmulationError(`set-method without a method at ${where(run, el)}`);
  return m;
}

export const setMethod: Handler = (el, run) => {
  run.context.request.method = methodOf(el, run);
  run.trace(el, run.context.request.method);
};
