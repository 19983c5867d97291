// The answers the access, identity and limit policies give a refused request: APIM's JSON error body
// `{ "statusCode": N, "message": "..." }` (runtime reference §5.8 observed bodies, §5.9 "Failure body" [3P] [U]), and
// the checks of where a policy may stand.

import type { ElementNode } from "../../../policy/model.js";
import type { Headers } from "../../api.js";
import { reasonPhrase } from "../message.js";
import type { ErrorResponse } from "../pipeline/signals.js";
import { EmulationError } from "../pipeline/signals.js";
import type { Run, SectionName } from "./handler.js";

/** APIM's JSON error body with Content-Type application/json (§5.8, §5.9 [U] for the access policies). */
export function jsonRefusal(status: number, message: string, headers: Headers = {}): ErrorResponse {
  return {
    status,
    reason: reasonPhrase(status),
    headers: { "Content-Type": "application/json", ...headers },
    body: `{ "statusCode": ${status}, "message": ${JSON.stringify(message)} }`,
  };
}

export function where(run: Run, el: ElementNode): string {
  const at = run.at(el);
  return `${at.file}:${at.line}:${at.column}`;
}

/** APIM refuses to save a policy in a section its docs do not list: the run stops with the test's error. */
export function onlyIn(run: Run, el: ElementNode, sections: readonly SectionName[]): void {
  if (!sections.includes(run.section))
    throw new EmulationError(
      `<${el.name}> at ${where(run, el)} is not allowed in ${run.section} (only ${sections.join(", ")})`,
    );
}

/** A required literal-or-expression attribute as a string. */
export function required(run: Run, el: ElementNode, name: string): string {
  const v = run.string(el, name);
  if (v === undefined || v.trim() === "")
    throw new EmulationError(`<${el.name}> at ${where(run, el)} needs the attribute ${name}`);
  return v;
}
