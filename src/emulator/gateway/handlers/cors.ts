// cors (runtime reference §5.9, docs cors-policy): answers a preflight itself, and adds the CORS headers to the
// response of an allowed actual request.
import type { ElementNode } from "../../../policy/model.js";
import { childElement, childElements } from "../../../policy/query.js";
import { GatewayResponse, HeaderMap } from "../message.js";
import type { Handler, Run } from "./handler.js";
import { onlyIn } from "./refusal.js";

interface CorsRules {
  origins: string[];
  methods: string[] | "*";
  headers: string[] | "*";
  expose: string[];
  credentials: boolean;
  maxAge: number;
  terminate: boolean;
}

function items(run: Run, box: ElementNode | undefined, name: string): string[] {
  return box
    ? childElements(box, name)
        .map((e) => (run.textString(e) ?? "").trim())
        .filter(Boolean)
    : [];
}

function rules(el: ElementNode, run: Run): CorsRules {
  const methodsBox = childElement(el, "allowed-methods");
  const methods = items(run, methodsBox, "method");
  const headers = items(run, childElement(el, "allowed-headers"), "header");
  return {
    origins: items(run, childElement(el, "allowed-origins"), "origin"),
    // GET and POST when <allowed-methods> is absent; `*` allows every method (§5.9).
    methods: methods.includes("*") ? "*" : methods.length > 0 ? methods.map((m) => m.toUpperCase()) : ["GET", "POST"],
    headers: headers.includes("*") ? "*" : headers.map((h) => h.toLowerCase()),
    expose: items(run, childElement(el, "expose-headers"), "header"),
    credentials: run.bool(el, "allow-credentials", false),
    maxAge: methodsBox ? (run.number(methodsBox, "preflight-result-max-age") ?? 0) : 0,
    // [U] the 07/2024 table says false, its prose, other versions and a Microsoft moderator say true: true.
    terminate: run.bool(el, "terminate-unmatched-request", true),
  };
}

/** scheme://host:port with the scheme's default port (80/443) made explicit, lower case. */
function originKey(text: string): string | undefined {
  try {
    const u = new URL(text.trim());
    const port = u.port || (u.protocol === "https:" ? "443" : u.protocol === "http:" ? "80" : "");
    return `${u.protocol}//${u.hostname}:${port}`.toLowerCase();
  } catch {
    return undefined;
  }
}

function originAllowed(r: CorsRules, origin: string): boolean {
  if (r.origins.includes("*")) return true;
  const key = originKey(origin);
  return key !== undefined && r.origins.some((o) => originKey(o) === key);
}

/** `*` only for any origin without credentials; otherwise the caller's origin is echoed. */
function allowOrigin(r: CorsRules, origin: string): string {
  return r.origins.includes("*") && !r.credentials ? "*" : origin;
}

export const cors: Handler = (el, run) => {
  onlyIn(run, el, ["inbound"]);
  const r = rules(el, run);
  const req = run.context.request;
  const origin = req.headers.get("Origin")?.[0];
  if (origin === undefined) {
    run.trace(el, "no Origin: not a CORS request");
    return;
  }
  const requestedMethod = req.headers.get("Access-Control-Request-Method")?.[0]?.trim().toUpperCase();
  // [U] an API with its own OPTIONS operation skips the preflight logic (§5.9): known only when the test says so.
  const ownOptions =
    String((run.options.context?.operation as { method?: unknown } | undefined)?.method ?? "").toUpperCase() ===
    "OPTIONS";
  if (req.method.toUpperCase() === "OPTIONS" && requestedMethod && !ownOptions) {
    preflight(el, run, r, origin, requestedMethod);
    return;
  }
  const ok = originAllowed(r, origin) && (r.methods === "*" || r.methods.includes(req.method.toUpperCase()));
  if (!ok) {
    const simple = req.method.toUpperCase() === "GET" || req.method.toUpperCase() === "HEAD";
    if (r.terminate && simple) {
      run.trace(el, `origin ${origin} not allowed: empty 200 (terminate-unmatched-request)`);
      run.context.response = new GatewayResponse(200, "OK", new HeaderMap(), null);
      run.end("cors");
    }
    run.trace(el, `origin ${origin} not allowed: no CORS headers`);
    return;
  }
  run.trace(el, `origin ${origin} allowed`);
  // The headers go on the response the client finally gets, whatever produced it (backend, error, return-response) [U].
  run.assume("cors adds its headers to whatever response the client finally gets");
  run.afterResponse(() => {
    const h = run.context.response.headers;
    h.set("Access-Control-Allow-Origin", [allowOrigin(r, origin)]);
    if (r.credentials) h.set("Access-Control-Allow-Credentials", ["true"]);
    if (r.expose.length > 0) h.set("Access-Control-Expose-Headers", [r.expose.join(",")]);
  });
};

/**
 * A preflight: only cors answers it, nothing after it runs (§5.9: "only cors is evaluated"); policies before it
 * have run, as in APIM (which is why the docs put cors first). The allowed method and headers are echoed [U].
 */
function preflight(el: ElementNode, run: Run, r: CorsRules, origin: string, method: string): void {
  const requested = (run.context.request.headers.get("Access-Control-Request-Headers") ?? [])
    .flatMap((v) => v.split(","))
    .map((h) => h.trim())
    .filter(Boolean);
  const headersOk = r.headers === "*" || requested.every((h) => (r.headers as string[]).includes(h.toLowerCase()));
  const methodOk = r.methods === "*" || r.methods.includes(method);
  const res = new GatewayResponse(200, "OK", new HeaderMap(), null);
  if (originAllowed(r, origin) && methodOk && headersOk) {
    res.headers.set("Access-Control-Allow-Origin", [allowOrigin(r, origin)]);
    if (r.credentials) res.headers.set("Access-Control-Allow-Credentials", ["true"]);
    res.headers.set("Access-Control-Allow-Methods", [method]);
    if (requested.length > 0) res.headers.set("Access-Control-Allow-Headers", [requested.join(",")]);
    if (r.maxAge > 0) res.headers.set("Access-Control-Max-Age", [String(r.maxAge)]);
    run.assume("cors preflight echoes the requested method and headers");
    run.trace(el, `preflight from ${origin} for ${method} allowed`);
  } else if (r.terminate) {
    run.trace(el, `preflight from ${origin} for ${method} not allowed: empty 200 (terminate-unmatched-request)`);
  } else {
    run.trace(el, `preflight from ${origin} for ${method} not allowed: the request goes on`);
    return;
  }
  if (!el.attributes.some((a) => a.name === "terminate-unmatched-request"))
    run.assume("cors terminate-unmatched-request defaults to true");
  run.context.response = res;
  run.end("cors");
}
