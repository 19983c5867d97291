// set-body template="liquid": liquidjs stands in for APIM's DotLiquid (runtime reference §5.10). APIM runs
// DotLiquid in "C# mode": filters are PascalCase (`AtLeast`) and map here to liquidjs' own where one exists.
// Differences (docs/emulator.md "Handlers"): `Date` takes C# formats in APIM and is not emulated; `Currency` is
// not emulated; liquidjs' lowercase names are also accepted.
import { Liquid } from "liquidjs";
import { NotEmulated, type SourceLocation } from "../../errors.js";
import type { GatewayRequest, GatewayResponse, HeaderMap, UrlModel } from "../message.js";

/** DotLiquid's PascalCase filters and the liquidjs filter each one is. */
const FILTERS: Readonly<Record<string, string>> = {
  Abs: "abs",
  Append: "append",
  AtLeast: "at_least",
  AtMost: "at_most",
  Capitalize: "capitalize",
  Compact: "compact",
  Default: "default",
  DividedBy: "divided_by",
  Downcase: "downcase",
  Escape: "escape",
  First: "first",
  H: "escape",
  Join: "join",
  Last: "last",
  Lstrip: "lstrip",
  Map: "map",
  Minus: "minus",
  Modulo: "modulo",
  NewlineToBr: "newline_to_br",
  Plus: "plus",
  Prepend: "prepend",
  Remove: "remove",
  RemoveFirst: "remove_first",
  Replace: "replace",
  ReplaceFirst: "replace_first",
  Round: "round",
  Rstrip: "rstrip",
  Size: "size",
  Slice: "slice",
  Sort: "sort",
  Split: "split",
  Strip: "strip",
  StripHtml: "strip_html",
  StripNewlines: "strip_newlines",
  Times: "times",
  Truncate: "truncate",
  TruncateWords: "truncatewords",
  Uniq: "uniq",
  Upcase: "upcase",
  UrlDecode: "url_decode",
  UrlEncode: "url_encode",
};

const NOT_EMULATED_FILTERS = ["Date", "Currency"];

let engine: Liquid | undefined;
let notEmulatedAt: SourceLocation | undefined;

function liquid(): Liquid {
  if (engine) return engine;
  const e = new Liquid({ strictFilters: true, strictVariables: false, jsTruthy: false });
  const builtins = (e as unknown as { filters: Record<string, { handler?: unknown } | ((...a: unknown[]) => unknown)> })
    .filters;
  for (const [pascal, snake] of Object.entries(FILTERS)) {
    const impl = builtins[snake];
    const fn =
      typeof impl === "function" ? impl : (impl as { handler?: (...a: unknown[]) => unknown } | undefined)?.handler;
    if (typeof fn === "function") e.registerFilter(pascal, fn as (...a: unknown[]) => unknown);
  }
  for (const name of NOT_EMULATED_FILTERS) {
    e.registerFilter(name, () => {
      throw new NotEmulated(`Liquid filter ${name} (DotLiquid C# formats)`, notEmulatedAt);
    });
  }
  engine = e;
  return e;
}

function joined(h: HeaderMap): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of h.names()) out[name] = (h.get(name) ?? []).join(",");
  return out;
}

function url(u: UrlModel): Record<string, unknown> {
  const query: Record<string, string> = {};
  for (const [k, v] of u.query) query[k] = k in query ? `${query[k]},${v}` : v;
  return {
    Scheme: u.scheme,
    Host: u.host,
    Port: u.port,
    Path: u.path,
    Query: query,
    QueryString: u.queryString,
    ToString: u.toString(),
    ToUri: u.toString(),
  };
}

export interface LiquidInput {
  template: string;
  /** The message body as text, or undefined (return-response: empty). */
  body: string | undefined;
  contentType: string | undefined;
  request: GatewayRequest;
  response: GatewayResponse;
  matched: ReadonlyMap<string, string>;
  at: SourceLocation;
}

/** The `body` binding: the parsed body for a JSON Content-Type [doc]; XML bodies are not emulated. */
function bodyBinding(input: LiquidInput): unknown {
  if (input.body === undefined || input.body === "") return undefined;
  const ct = (input.contentType ?? "").toLowerCase();
  if (ct.includes("json")) {
    try {
      return JSON.parse(input.body);
    } catch {
      return undefined;
    }
  }
  if (ct.includes("xml")) throw new NotEmulated("Liquid `body` of an XML message", input.at);
  return undefined;
}

export function renderLiquid(input: LiquidInput): string {
  const { request, response } = input;
  const context = {
    Request: {
      Url: url(request.url),
      Method: request.method,
      OriginalMethod: request.method,
      OriginalUrl: url(request.originalUrl),
      IpAddress: request.ipAddress,
      MatchedParameters: Object.fromEntries(input.matched),
      HasBody: request.body !== null,
      Headers: joined(request.headers),
    },
    Response: { StatusCode: response.status, StatusReason: response.reason, Headers: joined(response.headers) },
  };
  notEmulatedAt = input.at;
  return liquid().parseAndRenderSync(input.template, { body: bodyBinding(input), context });
}
