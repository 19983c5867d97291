// return-response and mock-response end the pipeline (runtime reference §5.3).
import { attr, childElements } from "../../../policy/query.js";
import { ResponseHost } from "../context/index.js";
import { GatewayResponse, HeaderMap, MessageBody, reasonPhrase } from "../message.js";
import { EmulationError } from "../pipeline/signals.js";
import { applySetStatus } from "./basics.js";
import { bodyText } from "./body.js";
import type { Handler } from "./handler.js";
import { applySetHeader } from "./headers.js";

/**
 * return-response: a new 200 OK without body, or a copy of the response held in `response-variable-name`; then its
 * children set-status, set-header, set-body in order. Nothing after it runs: the rest of inbound, backend and
 * outbound is skipped ([U] §5.3: the docs say only "cancels pipeline execution").
 */
export const returnResponse: Handler = (el, run) => {
  const varName = attr(el, "response-variable-name")?.value.text.trim();
  let res = new GatewayResponse(200, "OK", new HeaderMap(), null);
  if (varName) {
    const held = run.context.variables.get(varName);
    if (!(held instanceof ResponseHost)) {
      const at = run.at(el);
      throw new EmulationError(
        `return-response response-variable-name="${varName}" at ${at.file}:${at.line}:${at.column}: the variable does not hold a response`,
      );
    }
    const r = held.read();
    res = new GatewayResponse(r.status, r.reason, r.headers.clone(), r.body ? new MessageBody(r.body.text) : null);
  }
  for (const child of childElements(el)) {
    if (child.name === "set-status") applySetStatus(child, run, res);
    else if (child.name === "set-header") applySetHeader(child, run, res.headers);
    else if (child.name === "set-body") res.body = new MessageBody(bodyText(child, run, res, true));
    else throw new EmulationError(`return-response cannot hold <${child.name}>`);
  }
  run.context.response = res;
  run.trace(el, `${res.status} ${res.reason}`);
  run.assume("return-response ends the pipeline: the rest of inbound, backend and outbound is skipped");
  run.end("return-response");
};

/**
 * mock-response: status-code (default 200) and content-type; the operation's examples and schemas are not known
 * offline, so the body is empty (docs/emulator.md). It ends the pipeline as return-response does.
 */
export const mockResponse: Handler = (el, run) => {
  const status = run.number(el, "status-code") ?? 200;
  const contentType = run.string(el, "content-type");
  const res = new GatewayResponse(status, reasonPhrase(status), new HeaderMap(), null);
  if (contentType) res.headers.set("Content-Type", [contentType]);
  run.context.response = res;
  run.trace(el, `${status}${contentType ? ` ${contentType}` : ""} (no examples offline: empty body)`);
  run.assume("mock-response has no operation examples offline: the body is empty");
  run.end("mock-response");
};
