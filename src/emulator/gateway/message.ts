// The mutable HTTP model the gateway works on: the request on its way to the backend and the response on its way
// to the client. The `context` host objects (context/) are views over these, so an expression always sees what the
// policies before it did.
import type { Headers } from "../api.js";

/** HTTP headers: names case-insensitive (RFC 9110), the first spelling kept, values in order. */
/**
 * A header name's lower case, one string per name: the same names come back on every request (from the policy and
 * the test's options), and a fresh toLowerCase() string would be hashed again at each map lookup.
 */
function lower(name: string): string {
  let l = LOWER.get(name);
  if (l === undefined) {
    l = name.toLowerCase();
    if (LOWER.size >= 1024) LOWER.clear();
    LOWER.set(name, l);
  }
  return l;
}

const LOWER = new Map<string, string>();

export class HeaderMap {
  private readonly map = new Map<string, { name: string; values: string[] }>();

  static from(headers: Headers | undefined): HeaderMap {
    const h = new HeaderMap();
    if (headers) for (const name of Object.keys(headers)) h.append(name, headers[name] as string | string[]);
    return h;
  }

  get(name: string): readonly string[] | undefined {
    return this.map.get(lower(name))?.values;
  }

  has(name: string): boolean {
    return this.map.has(lower(name));
  }

  set(name: string, values: readonly string[]): void {
    const key = lower(name);
    const prev = this.map.get(key);
    this.map.set(key, { name: prev?.name ?? name, values: [...values] });
  }

  /** Adds values after those already there; one value may be given as itself. */
  append(name: string, values: readonly string[] | string): void {
    const key = lower(name);
    const prev = this.map.get(key);
    if (prev) {
      if (Array.isArray(values)) prev.values.push(...values);
      else prev.values.push(values as string);
    } else this.map.set(key, { name, values: Array.isArray(values) ? [...values] : [values as string] });
  }

  delete(name: string): void {
    this.map.delete(lower(name));
  }

  clear(): void {
    this.map.clear();
  }

  names(): string[] {
    return [...this.map.values()].map((e) => e.name);
  }

  /** One value per header as the wire would carry it in tests: a single value as a string, several as a list. */
  toHeaders(): Headers {
    const out: Headers = {};
    for (const { name, values } of this.map.values())
      out[name] = values.length === 1 ? (values[0] as string) : [...values];
    return out;
  }

  clone(): HeaderMap {
    const h = new HeaderMap();
    for (const { name, values } of this.map.values()) h.append(name, values);
    return h;
  }
}

/**
 * A message body: text, read at most once without `preserveContent` (runtime reference §6: As<T>() consumes the
 * stream, a later read throws).
 */
export class MessageBody {
  consumed = false;
  constructor(readonly text: string) {}
}

const PARSED_URLS = new Map<string, UrlModel>();

/** A URL split the way IUrl exposes it. Query parameters keep their order and repetitions. */
export class UrlModel {
  constructor(
    public scheme: string,
    public host: string,
    public port: number,
    public path: string,
    public query: Array<[string, string]>,
  ) {}

  /** Parsed once per text (WHATWG parsing is a good part of a request's cost); every caller gets its own copy. */
  static parse(text: string): UrlModel {
    let known = PARSED_URLS.get(text);
    if (!known) {
      known = UrlModel.parseNew(text);
      if (PARSED_URLS.size >= 256) PARSED_URLS.clear();
      PARSED_URLS.set(text, known);
    }
    return known.clone();
  }

  private static parseNew(text: string): UrlModel {
    const u = new URL(text);
    const scheme = u.protocol.replace(/:$/, "");
    const port = u.port !== "" ? Number(u.port) : scheme === "https" ? 443 : scheme === "http" ? 80 : -1;
    const query: Array<[string, string]> = [];
    for (const [k, v] of u.searchParams) query.push([k, v]);
    return new UrlModel(scheme, u.hostname, port, decodeURIComponent(u.pathname), query);
  }

  clone(): UrlModel {
    return new UrlModel(
      this.scheme,
      this.host,
      this.port,
      this.path,
      this.query.map(([k, v]) => [k, v]),
    );
  }

  /** `?a=1&b=2`, or "" without parameters (the toolkit's MockUrl shape; runtime reference §3 IUrl [U]). */
  get queryString(): string {
    if (this.query.length === 0) return "";
    return `?${this.query.map(([k, v]) => `${encodeQuery(k)}=${encodeQuery(v)}`).join("&")}`;
  }

  /** The default port of the scheme is left out, as System.Uri prints it. */
  get authority(): string {
    const dflt = (this.scheme === "https" && this.port === 443) || (this.scheme === "http" && this.port === 80);
    return dflt || this.port < 0 ? this.host : `${this.host}:${this.port}`;
  }

  toString(): string {
    return `${this.scheme}://${this.authority}${encodePath(this.path)}${this.queryString}`;
  }
}

/** RFC 3986 percent-encoding, as .NET's Uri.EscapeDataString (a space is %20, not `+`) [U]. */
function encodeQuery(s: string): string {
  return encodeURIComponent(s);
}

function encodePath(p: string): string {
  return encodeURI(p.startsWith("/") ? p : `/${p}`);
}

/** Joins a base URL's path and a relative path with exactly one slash between them. */
export function joinPath(base: string, rel: string): string {
  const b = base.endsWith("/") ? base.slice(0, -1) : base;
  if (rel === "") return b === "" ? "/" : b;
  return `${b}${rel.startsWith("/") ? "" : "/"}${rel}`;
}

export class GatewayRequest {
  /** The backend base (Api.ServiceUrl, or set-backend-service's base-url): scheme, host, port and base path. */
  backendBase: UrlModel | undefined;
  /** Path relative to the API (what rewrite-uri replaces); the request URL is backendBase + this + query. */
  relativePath: string;
  constructor(
    public method: string,
    readonly originalUrl: UrlModel,
    public url: UrlModel,
    public headers: HeaderMap,
    public body: MessageBody | null,
    readonly ipAddress: string,
    relativePath: string,
    backendBase: UrlModel | undefined,
  ) {
    this.relativePath = relativePath;
    this.backendBase = backendBase;
  }
}

export class GatewayResponse {
  constructor(
    public status: number,
    public reason: string,
    public headers: HeaderMap,
    public body: MessageBody | null,
  ) {}
}

/** The reason phrase .NET's HttpStatusCode/ReasonPhrase gives for a status. */
export function reasonPhrase(status: number): string {
  return REASONS[status] ?? "";
}

const REASONS: Readonly<Record<number, string>> = {
  100: "Continue",
  101: "Switching Protocols",
  200: "OK",
  201: "Created",
  202: "Accepted",
  203: "Non-Authoritative Information",
  204: "No Content",
  205: "Reset Content",
  206: "Partial Content",
  301: "Moved Permanently",
  302: "Found",
  303: "See Other",
  304: "Not Modified",
  307: "Temporary Redirect",
  308: "Permanent Redirect",
  400: "Bad Request",
  401: "Unauthorized",
  402: "Payment Required",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  406: "Not Acceptable",
  408: "Request Timeout",
  409: "Conflict",
  410: "Gone",
  411: "Length Required",
  412: "Precondition Failed",
  413: "Payload Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  501: "Not Implemented",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};
