// send-request and send-one-way-request (runtime reference §5.5).
import type { ElementNode } from "../../../policy/model.js";
import { attr, childElements } from "../../../policy/query.js";
import type { EmulatedResponse, OutboundKind, OutboundRequest } from "../../api.js";
import { NotEmulated } from "../../errors.js";
import { ResponseHost } from "../context/index.js";
import { HeaderMap } from "../message.js";
import { EmulationError, PolicyError } from "../pipeline/signals.js";
import { applyManagedIdentity } from "./authentication.js";
import { isTimeout, responseFrom } from "./backend.js";
import { methodOf } from "./basics.js";
import { bodyText } from "./body.js";
import type { Handler, Run } from "./handler.js";
import { applySetHeader } from "./headers.js";

function where(run: Run, el: ElementNode): string {
  const at = run.at(el);
  return `${at.file}:${at.line}:${at.column}`;
}

/** The request a send-request / send-one-way-request describes (mode new or copy, then its children). */
function buildRequest(el: ElementNode, run: Run): OutboundRequest {
  const mode = (run.string(el, "mode") ?? "new").trim();
  if (mode !== "new" && mode !== "copy") throw new EmulationError(`${el.name} mode="${mode}" at ${where(run, el)}`);
  const current = run.context.request;
  const copy = mode === "copy";
  let method = copy ? current.method : "GET";
  let url: string | undefined = copy ? current.url.toString() : undefined;
  const headers = copy ? current.headers.clone() : new HeaderMap();
  // In outbound, copy mode does not carry the request body (it was sent already) [doc D-send-request].
  let body: string | undefined =
    copy && run.section !== "outbound" && current.body && !current.body.consumed ? current.body.text : undefined;
  for (const child of childElements(el)) {
    switch (child.name) {
      case "set-url":
        url = (run.textString(child) ?? "").trim();
        break;
      case "set-method":
        method = methodOf(child, run);
        break;
      case "set-header":
        applySetHeader(child, run, headers);
        break;
      case "authentication-managed-identity":
        // The token goes on this request's Authorization header (or into its output variable).
        applyManagedIdentity(child, run, headers);
        break;
      case "set-body": {
        body = bodyText(child, run, { headers, body: null });
        break;
      }
      default:
        throw new NotEmulated(`${el.name} child <${child.name}>`, run.at(child));
    }
  }
  if (url === undefined || url === "") throw new EmulationError(`${el.name} without set-url at ${where(run, el)}`);
  try {
    new URL(url);
  } catch {
    throw new PolicyError("ExpressionValueEvaluationFailure", `${el.name}: not an absolute URL: ${url}`);
  }
  return { method, url, headers: headers.toHeaders(), body };
}

async function send(run: Run, req: OutboundRequest, kind: OutboundKind, timeout: number): Promise<EmulatedResponse> {
  try {
    return await run.outbound(req, kind);
  } catch (e) {
    if (isTimeout(e)) throw new PolicyError("Timeout", `Request to ${req.url} timed out after ${timeout} seconds.`);
    // [U] the docs name no reason for a failed send-request: the backend one is used.
    throw new PolicyError("BackendConnectionFailure", `Error occured while calling ${req.url}.`);
  }
}

/**
 * send-request: the response (an IResponse) goes to `response-variable-name`; a 4xx/5xx answer is a normal
 * response [U]; with ignore-error="true" a failed call stores null [doc D-send-request, D-retry].
 */
export const sendRequest: Handler = async (el, run) => {
  const name = attr(el, "response-variable-name")?.value.text.trim();
  if (!name) throw new EmulationError(`send-request without response-variable-name at ${where(run, el)}`);
  const ignoreError = run.bool(el, "ignore-error", false);
  const timeout = run.number(el, "timeout") ?? 60;
  const req = buildRequest(el, run);
  try {
    const res = responseFrom(await send(run, req, "send-request", timeout));
    run.context.variables.set(name, new ResponseHost(() => res));
  } catch (e) {
    if (!(e instanceof PolicyError) || !ignoreError) throw e;
    run.trace(el, `${e.reason} ignored (ignore-error): ${name} = null`);
    run.context.variables.set(name, null);
  }
};

/** send-one-way-request: sent, the answer not awaited by the policy; a failed call is not an error. */
export const sendOneWayRequest: Handler = async (el, run) => {
  const timeout = run.number(el, "timeout") ?? 60;
  const req = buildRequest(el, run);
  try {
    await send(run, req, "send-one-way-request", timeout);
  } catch (e) {
    if (!(e instanceof PolicyError)) throw e;
    run.trace(el, `${e.reason} ignored (one-way)`);
  }
};
