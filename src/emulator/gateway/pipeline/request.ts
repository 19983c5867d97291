// The incoming request as the gateway sees it: the operation matched against the API-relative path, the backend URL
// (Api.ServiceUrl + that path), the context records with their defaults and the test's overrides.
import type { EmulateOptions } from "../../api.js";
import { buildRecord, type FieldValue, type RecordHost } from "../context/index.js";
import { GatewayRequest, HeaderMap, joinPath, MessageBody, UrlModel } from "../message.js";
import { EmulationError } from "./signals.js";

export interface IncomingRequest {
  request: GatewayRequest;
  matched: Map<string, string>;
  /** Query parameter names of the operation's URL template (`/get?a={b}` has `a`), for rewrite-uri. */
  templateQuery: string[];
  records: {
    api: RecordHost | null;
    deployment: RecordHost | null;
    operation: RecordHost | null;
    product: RecordHost | null;
    subscription: RecordHost | null;
    user: RecordHost | null;
  };
}

const OVERRIDE_KEYS = new Set([
  "api",
  "deployment",
  "operation",
  "product",
  "subscription",
  "user",
  "backends",
  "requestId",
  "tracing",
]);

export function incomingRequest(options: EmulateOptions, now: number): IncomingRequest {
  const o = (options.context ?? {}) as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    if (!OVERRIDE_KEYS.has(k))
      throw new EmulationError(`context.${k}: unknown key (known: ${[...OVERRIDE_KEYS].join(", ")})`);
  }
  const sub = (o.api as Record<string, unknown> | undefined)?.subscriptionKeyParameterNames as
    | Record<string, string>
    | undefined;
  let original: UrlModel;
  try {
    original = UrlModel.parse(options.request.url);
  } catch {
    throw new EmulationError(`request.url: not an absolute URL: ${options.request.url}`);
  }
  const headers = HeaderMap.from(options.request.headers);
  const apiOverride = (o.api ?? {}) as Record<string, unknown>;
  const apiPath = String(apiOverride.path ?? "").replace(/^\/+|\/+$/g, "");
  const prefix = apiPath === "" ? "" : `/${apiPath}`;
  if (prefix !== "" && !(original.path === prefix || original.path.startsWith(`${prefix}/`)))
    throw new EmulationError(
      `request.url: the path ${original.path} is not under the API path ${prefix} (context.api.path)`,
    );
  const relativePath = original.path.slice(prefix.length) || "";
  const method = options.request.method.toUpperCase();

  const keyHeader = sub?.header ?? "Ocp-Apim-Subscription-Key";
  const keyQuery = sub?.query ?? "subscription-key";
  const sentKey = headers.get(keyHeader)?.[0] ?? original.query.find(([k]) => k === keyQuery)?.[1] ?? null;

  // Defaults as APIM's (SubscriptionKeyParameterNames) or plain placeholders a test overrides (docs/emulator.md).
  const api = buildRecord(
    "IContextApi",
    {
      Id: "api",
      Name: "api",
      Path: apiPath,
      Protocols: ["https"],
      ServiceUrl: null,
      SubscriptionKeyParameterNames: { Header: "Ocp-Apim-Subscription-Key", Query: "subscription-key" },
      IsCurrentRevision: true,
      Revision: "1",
      Version: null,
    },
    o.api,
    "context.api",
  );
  const operationFields = buildRecord(
    "IOperation",
    { Id: "operation", Name: "operation", Method: method, UrlTemplate: "/*" },
    o.operation,
    "context.operation",
  );
  const template = String(operationFields.fields.UrlTemplate ?? "/*");
  const { matched, templateQuery } = matchTemplate(template, relativePath, original);
  if (!matched) {
    throw new EmulationError(
      `request.url: the path ${relativePath || "/"} does not match the operation's URL template ${template} (context.operation.urlTemplate)`,
    );
  }
  const record = (name: string, key: string, defaults: Record<string, FieldValue>): RecordHost | null =>
    o[key] === null ? null : buildRecord(name, defaults, o[key], `context.${key}`);
  // Built on first read: most policies never look at them, and every request would pay for them.
  const records = lazyRecords(api, operationFields, {
    deployment: () =>
      record("IDeployment", "deployment", {
        GatewayId: "managed",
        Region: "West Europe",
        ServiceId:
          "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.ApiManagement/service/apim",
        ServiceName: "apim",
      }),
    product: () =>
      record("IProduct", "product", {
        Id: "product",
        Name: "product",
        ApprovalRequired: false,
        State: "Published",
        SubscriptionRequired: true,
        SubscriptionLimit: null,
        SubscriptionsLimit: null,
      }),
    subscription: () =>
      record("ISubscription", "subscription", {
        Id: "subscription",
        Name: "subscription",
        Key: sentKey,
        PrimaryKey: sentKey,
        SecondaryKey: null,
        CreatedDate: now,
        StartDate: null,
        EndDate: null,
      }),
    user: () =>
      record("IUser", "user", {
        Id: "user",
        Email: "user@example.com",
        FirstName: "First",
        LastName: "Last",
        Note: null,
        RegistrationDate: now,
      }),
  });

  // An override is read at once, so that a mistake in it is reported whether or not the policy reads it.
  for (const k of ["deployment", "product", "subscription", "user"] as const) if (o[k] !== undefined) void records[k];

  const serviceUrl = api.fields.ServiceUrl;
  let backendBase: UrlModel | undefined;
  if (serviceUrl !== null && serviceUrl !== undefined) {
    try {
      backendBase = UrlModel.parse(String(serviceUrl));
    } catch {
      throw new EmulationError(`context.api.serviceUrl: not an absolute URL: ${String(serviceUrl)}`);
    }
  }
  const url = backendUrl(backendBase, relativePath, original) ?? original.clone();
  const body = options.request.body === undefined ? null : new MessageBody(options.request.body);
  const request = new GatewayRequest(
    method,
    original,
    url,
    headers,
    body,
    options.request.ipAddress ?? "127.0.0.1",
    relativePath,
    backendBase,
  );
  return { request, matched: matched ?? new Map(), templateQuery, records };
}

type Records = IncomingRequest["records"];
type LazyKey = "deployment" | "product" | "subscription" | "user";

function lazyRecords(
  api: RecordHost,
  operation: RecordHost,
  makers: Record<LazyKey, () => RecordHost | null>,
): Records {
  return new LazyRecords(api, operation, makers);
}

/** A class, not an object literal with getters: V8 builds such a literal slowly, and every request makes one. */
class LazyRecords implements Records {
  private readonly made = new Map<LazyKey, RecordHost | null>();
  constructor(
    readonly api: RecordHost,
    readonly operation: RecordHost,
    private readonly makers: Record<LazyKey, () => RecordHost | null>,
  ) {}

  private get(k: LazyKey): RecordHost | null {
    if (!this.made.has(k)) this.made.set(k, this.makers[k]());
    return this.made.get(k) ?? null;
  }
  get deployment(): RecordHost | null {
    return this.get("deployment");
  }
  get product(): RecordHost | null {
    return this.get("product");
  }
  get subscription(): RecordHost | null {
    return this.get("subscription");
  }
  get user(): RecordHost | null {
    return this.get("user");
  }
}

/**
 * context.Request.Url is the URL the request will be forwarded to: the backend base + the API-relative path + the
 * query (what forward-request sends, runtime reference §5.4). Without a service URL it is the original URL [U].
 */
export function backendUrl(base: UrlModel | undefined, relativePath: string, from: UrlModel): UrlModel | undefined {
  if (!base) return undefined;
  const u = base.clone();
  u.path = joinPath(base.path === "/" ? "" : base.path, relativePath);
  u.query = from.query.map(([k, v]) => [k, v]);
  return u;
}

/** `/users/{id}` against `/users/42` -> {id: 42}; `*` matches the rest; the template's query part is not matched. */
export function matchTemplate(
  template: string,
  path: string,
  url: UrlModel,
): { matched: Map<string, string> | undefined; templateQuery: string[] } {
  const { pathPart, query, re, names } = compiledTemplate(template);
  const templateQuery = query.map((q) => q.name);
  const out = new Map<string, string>();
  for (const q of query) {
    const sent = q.parameter === undefined ? undefined : url.query.find(([k]) => k === q.name)?.[1];
    if (q.parameter !== undefined && sent !== undefined) out.set(q.parameter, sent);
  }
  const m = re.exec(path === "" ? "/" : path);
  if (!m && !(pathPart.replace(/\/+$/, "") === "" && (path === "" || path === "/")))
    return { matched: undefined, templateQuery };
  names.forEach((n, i) => {
    if (n !== "*" && m) out.set(n, decodeURIComponent(m[i + 1] ?? ""));
  });
  return { matched: out, templateQuery };
}

interface CompiledTemplate {
  pathPart: string;
  /** The query part's names, each with the parameter its value names (`a={b}`: b), in order. */
  query: Array<{ name: string; parameter: string | undefined }>;
  re: RegExp;
  names: string[];
}

const compiled = new Map<string, CompiledTemplate>();

/** A URL template's path part as a regular expression with its parameter names, and its query part (kept per template). */
function compiledTemplate(template: string): CompiledTemplate {
  const known = compiled.get(template);
  if (known) return known;
  const [pathPart = "", queryPart] = template.split("?");
  const query: CompiledTemplate["query"] = [];
  for (const pair of (queryPart ?? "").split("&").filter(Boolean)) {
    const [k = "", v = ""] = pair.split("=");
    query.push({ name: k, parameter: /^\{([^}]+)\}$/.exec(v)?.[1] });
  }
  const names: string[] = [];
  const source = pathPart
    .replace(/\/+$/, "")
    .split(/(\{[^}]+\}|\*)/)
    .map((part) => {
      if (part === "*") {
        names.push("*");
        return "(.*)";
      }
      const m = /^\{\*?([^}]+)\}$/.exec(part);
      if (m) {
        names.push(m[1] as string);
        return part.startsWith("{*") ? "(.*)" : "([^/]+)";
      }
      return part.replace(/[.+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("");
  const result = { pathPart, query, re: new RegExp(`^${source}/?$`, "i"), names };
  if (compiled.size > 256) compiled.clear();
  compiled.set(template, result);
  return result;
}
