// set-header and set-query-parameter (runtime reference §5.10): exists-action override (default), skip, append,
// delete; several <value> elements all set.
import type { ElementNode } from "../../../policy/model.js";
import { childElements } from "../../../policy/query.js";
import type { HeaderMap, UrlModel } from "../message.js";
import { EmulationError } from "../pipeline/signals.js";
import type { Handler, Run } from "./handler.js";

type ExistsAction = "override" | "skip" | "append" | "delete";

function existsAction(el: ElementNode, run: Run): ExistsAction {
  const a = (run.string(el, "exists-action") ?? "override").trim().toLowerCase();
  if (a === "override" || a === "skip" || a === "append" || a === "delete") return a;
  throw new EmulationError(
    `${el.name} exists-action="${a}" at ${loc(run, el)}: expected override, skip, append or delete`,
  );
}

function loc(run: Run, el: ElementNode): string {
  const at = run.at(el);
  return `${at.file}:${at.line}:${at.column}`;
}

function values(el: ElementNode, run: Run): string[] {
  return childElements(el, "value").map((v) => run.textString(v) ?? "");
}

function requiredName(el: ElementNode, run: Run): string {
  const name = run.string(el, "name");
  if (name === undefined || name.trim() === "")
    throw new EmulationError(`${el.name} without a name at ${loc(run, el)}`);
  return name.trim();
}

/** Headers the gateway manages itself: set-header cannot change them [doc D-set-header]. */
const UNMODIFIABLE = new Set(["connection", "content-length", "keep-alive", "transfer-encoding"]);

/** set-header on a given header collection (the section's message, or a send-request / return-response one). */
export function applySetHeader(el: ElementNode, run: Run, headers: HeaderMap): void {
  const name = requiredName(el, run);
  const action = existsAction(el, run);
  if (UNMODIFIABLE.has(name.toLowerCase()) || (action === "delete" && name.toLowerCase() === "server")) {
    run.trace(el, `${name} cannot be ${action === "delete" ? "removed" : "modified"}: left as it is`);
    run.assume(
      `set-header on ${name} is ignored (the docs say it cannot be modified; what APIM does instead is not stated)`,
    );
    return;
  }
  switch (action) {
    case "delete":
      headers.delete(name);
      break;
    case "skip":
      if (!headers.has(name)) headers.set(name, values(el, run));
      break;
    case "append":
      headers.append(name, values(el, run));
      break;
    default:
      headers.set(name, values(el, run));
  }
  run.trace(el, `${action} ${name}`);
}

export const setHeader: Handler = (el, run) => {
  applySetHeader(el, run, run.message().headers);
};

/** set-query-parameter on a URL's query (inbound and backend: the request to the backend). */
export function applySetQueryParameter(el: ElementNode, run: Run, url: UrlModel): void {
  const name = requiredName(el, run);
  const action = existsAction(el, run);
  const has = url.query.some(([k]) => k === name);
  const add = () => {
    for (const v of values(el, run)) url.query.push([name, v]);
  };
  switch (action) {
    case "delete":
      url.query = url.query.filter(([k]) => k !== name);
      break;
    case "skip":
      if (!has) add();
      break;
    case "append":
      add();
      break;
    default: {
      url.query = url.query.filter(([k]) => k !== name);
      add();
    }
  }
  run.trace(el, `${action} ${name}`);
}

export const setQueryParameter: Handler = (el, run) => {
  applySetQueryParameter(el, run, run.context.request.url);
};
