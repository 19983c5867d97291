// set-backend-service, rewrite-uri and forward-request (runtime reference §5.4, §5.10).
import type { ElementNode } from "../../../policy/model.js";
import { attr } from "../../../policy/query.js";
import type { EmulatedResponse, OutboundRequest } from "../../api.js";
import { NotEmulated } from "../../errors.js";
import {
  type GatewayRequest,
  GatewayResponse,
  HeaderMap,
  joinPath,
  MessageBody,
  reasonPhrase,
  UrlModel,
} from "../message.js";
import { backendUrl } from "../pipeline/request.js";
import { EmulationError, PolicyError } from "../pipeline/signals.js";
import type { Handler, Run } from "./handler.js";

function where(run: Run, el: ElementNode): string {
  const at = run.at(el);
  return `${at.file}:${at.line}:${at.column}`;
}

/** set-backend-service: base-url, or backend-id resolved from EmulateOptions.context.backends. */
export const setBackendService: Handler = (el, run) => {
  for (const a of el.attributes) {
    if (a.name.startsWith("sf-") || a.name.startsWith("dapr-"))
      throw new NotEmulated(`set-backend-service ${a.name}`, run.at(el));
  }
  let base = run.string(el, "base-url");
  const id = run.string(el, "backend-id");
  if (base === undefined && id !== undefined) {
    const backends = (run.options.context?.backends ?? {}) as Record<string, unknown>;
    const b = backends[id];
    const url = typeof b === "string" ? b : (b as { url?: unknown } | undefined)?.url;
    if (typeof url !== "string")
      throw new NotEmulated(`set-backend-service backend-id="${id}" (give context.backends.${id})`, run.at(el));
    base = url;
  }
  if (base === undefined)
    throw new EmulationError(`set-backend-service needs base-url or backend-id at ${where(run, el)}`);
  let parsed: UrlModel;
  try {
    parsed = UrlModel.parse(base.trim());
  } catch {
    throw new PolicyError("ExpressionValueEvaluationFailure", `set-backend-service: not an absolute URL: ${base}`);
  }
  const req = run.context.request;
  req.backendBase = parsed;
  req.url = backendUrl(parsed, req.relativePath, req.url) as UrlModel;
  if (run.tracing) run.trace(el, `backend ${parsed.toString()}`);
};

/**
 * rewrite-uri: the template (placeholders from the matched parameters) replaces the API-relative path and query.
 * copy-unmatched-params defaults to true as the docs say (the XSD says false) [U]; "unmatched" = query parameters
 * not in the operation's URL template (§5.10).
 */
export const rewriteUri: Handler = (el, run) => {
  const template = run.string(el, "template");
  if (template === undefined) throw new EmulationError(`rewrite-uri needs a template at ${where(run, el)}`);
  if (!attr(el, "copy-unmatched-params"))
    run.assume("rewrite-uri copy-unmatched-params defaults to true (docs; the XSD says false)");
  const copy = run.bool(el, "copy-unmatched-params", true);
  const matched = run.context.matchedParameters;
  const filled = !template.includes("{")
    ? template
    : template.replace(/\{([^}]+)\}/g, (_m, name: string) => {
        const v = [...matched].find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
        if (v === undefined)
          throw new EmulationError(
            `rewrite-uri template parameter {${name}} at ${where(run, el)} is not a matched parameter`,
          );
        return encodeURIComponent(v);
      });
  const q = filled.indexOf("?");
  const path = q < 0 ? filled : filled.slice(0, q);
  const req = run.context.request;
  const next: Array<[string, string]> = [];
  const pairs =
    q < 0
      ? []
      : (filled
          .slice(q + 1)
          .split("?", 1)[0]
          ?.split("&") ?? []);
  for (const pair of pairs) {
    if (pair === "") continue;
    const [k = "", v = ""] = pair.split("=");
    next.push([decoded(k), decoded(v.replace(/\+/g, " "))]);
  }
  if (copy) {
    const inTemplate = new Set(run.context.templateQuery);
    for (const [k, v] of req.url.query) if (!inTemplate.has(k) && !next.some(([n]) => n === k)) next.push([k, v]);
  }
  req.relativePath = decoded(path.startsWith("/") ? path : `/${path}`);
  const basePath = req.backendBase ? req.backendBase.path : `/${String(run.context.records.api?.fields.Path ?? "")}`;
  req.url.path = joinPath(basePath === "/" ? "" : basePath, req.relativePath);
  req.url.query = next;
  if (run.tracing) run.trace(el, req.url.toString());
};

/** decodeURIComponent, which is slow even on text without an escape (then the text is its own decoding). */
function decoded(s: string): string {
  return s.includes("%") ? decodeURIComponent(s) : s;
}

function outboundOf(req: GatewayRequest, url: string): OutboundRequest {
  // A body read without preserveContent and never replaced goes on empty [U] (docs/emulator.md).
  const body = req.body ? (req.body.consumed ? "" : req.body.text) : undefined;
  return { method: req.method, url, headers: req.headers.toHeaders(), body };
}

/** Whether an outbound handler's rejection is a timeout (`TimeoutError`, `ETIMEDOUT`, `AbortError`). */
export function isTimeout(e: unknown): boolean {
  const x = e as { name?: string; code?: string } | null;
  return x?.name === "TimeoutError" || x?.code === "ETIMEDOUT" || x?.name === "AbortError";
}

export function responseFrom(r: EmulatedResponse): GatewayResponse {
  return new GatewayResponse(
    r.status,
    r.reason ?? reasonPhrase(r.status),
    HeaderMap.from(r.headers),
    r.body === undefined ? null : new MessageBody(r.body),
  );
}

/**
 * forward-request: the request to context.Request.Url (service URL + API-relative path + query) through
 * EmulateOptions.outbound ("backend"). A rejected call is BackendConnectionFailure (a timeout: Timeout) [doc D-ERR];
 * fail-on-error-status-code sends 400-599 to on-error with the backend's response in context.Response.
 */
export const forwardRequest: Handler = async (el, run) => {
  const req = run.context.request;
  if (!req.backendBase)
    throw new EmulationError(
      `forward-request at ${where(run, el)}: no backend URL (give context.api.serviceUrl, or use set-backend-service)`,
    );
  const timeout = run.number(el, "timeout") ?? 300;
  const failOnError = run.bool(el, "fail-on-error-status-code", false);
  const out = outboundOf(req, req.url.toString());
  let r: EmulatedResponse;
  try {
    r = await run.outbound(out, "backend");
  } catch (e) {
    if (isTimeout(e)) {
      throw new PolicyError("Timeout", `Request to the backend service timed out after ${timeout} seconds.`, {
        status: 504,
        reason: "Gateway Timeout",
      });
    }
    throw new PolicyError("BackendConnectionFailure", "Error occured while calling backend service.");
  }
  const res = responseFrom(r);
  // follow-redirects="true" would send the request on to the Location: that second call is not emulated.
  if (res.status >= 300 && res.status < 400 && res.headers.has("Location") && run.bool(el, "follow-redirects", false))
    throw new NotEmulated("forward-request follow-redirects of a redirect", run.at(el));
  run.context.response = res;
  if (failOnError && res.status >= 400 && res.status <= 599) {
    throw new PolicyError("BackendErrorStatusCode", `The backend responded with status code ${res.status}.`, {
      status: res.status,
      reason: res.reason,
      headers: res.headers.toHeaders(),
      ...(res.body ? { body: res.body.text } : {}),
    });
  }
};
