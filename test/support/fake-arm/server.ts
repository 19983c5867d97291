// A fake Azure Resource Manager for the APIM policy and named-value endpoints (apim-reference §6), served over
// HTTPS on 127.0.0.1 with a certificate made at start. It keeps ETags on every entity, answers a stale If-Match
// with 412, rejects bad policies with APIM's 400 ValidationError bodies, runs named-value PUTs as long-running
// operations, and can inject faults. Every request lands in a log the tests assert on.
import { randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer, type Server } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { generate } from "selfsigned";
import { checkPolicy, toXmlExport } from "./policy-check.js";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SERVICE_PATH =
  /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.ApiManagement\/service\/([^/]+)(\/.*)?$/i;

export interface ServiceRef {
  subscriptionId: string;
  resourceGroup: string;
  serviceName: string;
}

export interface StoredPolicy {
  value: string;
  format: string;
  etag: string;
}

export interface StoredNamedValue {
  id: string;
  displayName: string;
  value: string;
  secret: boolean;
  tags: string[];
  etag: string;
}

interface ServiceState {
  ref: ServiceRef;
  etag: string;
  apis: Map<string, Set<string>>;
  products: Set<string>;
  /** Keyed by scope: "" (global), "products/p", "apis/a", "apis/a/operations/o" (lower case). */
  policies: Map<string, StoredPolicy>;
  namedValues: Map<string, StoredNamedValue>;
}

export interface LoggedRequest {
  method: string;
  /** Path without the query, as sent. */
  path: string;
  format?: string;
  ifMatch?: string;
  status: number;
  /** True for PUT/PATCH/DELETE of an entity (LRO status polls and listValue are not writes). */
  write: boolean;
  /** The injected fault that answered, if any. */
  fault?: string;
}

export interface FaultMatch {
  method?: string;
  /** Case-insensitive substring of the path. */
  path?: string;
  /** Only entity writes (PUT/PATCH/DELETE). */
  write?: boolean;
}

export type FaultAction =
  | { status: 429 | 503; retryAfterSeconds?: number }
  | { status: number; code: string; message: string }
  /** Close the connection without an answer; `after: true` does the work first (the client cannot tell). */
  | { drop: true; after?: boolean };

export interface Fault {
  match: FaultMatch;
  action: FaultAction;
  /** Let this many matching requests through first (the Nth write fails with skip N-1). */
  skip?: number;
  /** How many matching requests get the fault (default 1). */
  times?: number;
}

interface ActiveFault extends Fault {
  seen: number;
  fired: number;
}

export interface RequestInfo {
  method: string;
  path: string;
  write: boolean;
}

export interface FakeArmOptions {
  /** Which bearer tokens are accepted (default: any non-empty token). */
  acceptToken?: (token: string) => boolean;
  /** How named-value PUTs answer: "async" = 202 + Azure-AsyncOperation polling (default), "sync" = 200/201. */
  lroMode?: "async" | "sync";
}

/** Marks a handled request, so every route branch visibly answers. */
type Sent = "sent";
type Reply = (status: number, payload?: string, headers?: Record<string, string>) => Sent;

// One certificate per test process: RSA key generation is the slow part of starting a fake.
let pemsOnce: ReturnType<typeof generate> | undefined;
function certificate(): ReturnType<typeof generate> {
  pemsOnce ??= generate([{ name: "commonName", value: "127.0.0.1" }], {
    keySize: 2048,
    algorithm: "sha256",
    extensions: [
      { name: "basicConstraints", cA: true },
      { name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] },
    ],
  });
  return pemsOnce;
}

let etagCounter = 0;
function newEtag(): string {
  etagCounter++;
  return `"${Buffer.from(`etag-${etagCounter}-${randomUUID().slice(0, 8)}`).toString("base64")}"`;
}

function errorBody(code: string, message: string, details: unknown[] | null = null): string {
  return JSON.stringify({ error: { code, message, details } });
}

export class FakeArm {
  readonly log: LoggedRequest[] = [];
  /** Called before a request is answered (after auth, before any fault), e.g. to change an entity "meanwhile". */
  beforeRequest?: (info: RequestInfo, fake: FakeArm) => void;
  private readonly services = new Map<string, ServiceState>();
  private readonly faults: ActiveFault[] = [];
  private readonly operations = new Map<string, { polls: number; resourcePath: string }>();
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    /** PEM of the self-signed certificate, to trust in clients. */
    readonly ca: string,
    private readonly options: FakeArmOptions,
  ) {}

  static async start(options: FakeArmOptions = {}): Promise<FakeArm> {
    const pems = await certificate();
    let fake: FakeArm | undefined;
    const server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
      fake?.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    fake = new FakeArm(server, `https://127.0.0.1:${port}`, pems.cert, options);
    server.on("connection", (socket: Socket) => {
      fake?.sockets.add(socket);
      socket.on("close", () => fake?.sockets.delete(socket));
    });
    return fake;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- state set-up and inspection for tests ----

  addService(ref: ServiceRef, apis: Record<string, string[]> = {}, products: string[] = []): void {
    const state: ServiceState = {
      ref,
      etag: newEtag(),
      apis: new Map(
        Object.entries(apis).map(([api, ops]) => [api.toLowerCase(), new Set(ops.map((o) => o.toLowerCase()))]),
      ),
      products: new Set(products.map((p) => p.toLowerCase())),
      policies: new Map(),
      namedValues: new Map(),
    };
    this.services.set(serviceKey(ref), state);
  }

  /** Sets a policy directly (not logged). scope: "", "apis/a", "apis/a/operations/o", "products/p". */
  setPolicy(ref: ServiceRef, scope: string, value: string, format = "rawxml"): StoredPolicy {
    const stored = { value, format, etag: newEtag() };
    this.service(ref).policies.set(scope.toLowerCase(), stored);
    return stored;
  }

  policy(ref: ServiceRef, scope: string): StoredPolicy | undefined {
    return this.service(ref).policies.get(scope.toLowerCase());
  }

  setNamedValue(ref: ServiceRef, nv: Omit<StoredNamedValue, "etag" | "tags"> & { tags?: string[] }): StoredNamedValue {
    const stored = { tags: [], ...nv, etag: newEtag() };
    this.service(ref).namedValues.set(nv.id.toLowerCase(), stored);
    return stored;
  }

  namedValue(ref: ServiceRef, id: string): StoredNamedValue | undefined {
    return this.service(ref).namedValues.get(id.toLowerCase());
  }

  addFault(fault: Fault): void {
    this.faults.push({ ...fault, seen: 0, fired: 0 });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  writes(): LoggedRequest[] {
    return this.log.filter((r) => r.write);
  }

  successfulWrites(): LoggedRequest[] {
    return this.log.filter((r) => r.write && r.status < 300);
  }

  clearLog(): void {
    this.log.length = 0;
  }

  private service(ref: ServiceRef): ServiceState {
    const state = this.services.get(serviceKey(ref));
    if (!state) throw new Error(`fake ARM: no service ${serviceKey(ref)}`);
    return state;
  }

  // ---- HTTP ----

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const url = new URL(req.url ?? "/", this.url);
      const method = (req.method ?? "GET").toUpperCase();
      const entry: LoggedRequest = {
        method,
        path: url.pathname,
        status: 0,
        write:
          (method === "PUT" || method === "PATCH" || method === "DELETE") &&
          !url.pathname.startsWith("/fake-operations/"),
      };
      const format = url.searchParams.get("format");
      if (format) entry.format = format;
      const ifMatch = req.headers["if-match"];
      if (typeof ifMatch === "string") entry.ifMatch = ifMatch;
      this.log.push(entry);
      const send: Reply = (status, payload, headers = {}) => {
        entry.status = status;
        res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
        res.end(method === "HEAD" ? undefined : payload);
        return "sent";
      };

      const auth = req.headers.authorization ?? "";
      const token = auth.startsWith("Bearer ") ? auth.slice(7) : "";
      const accept = this.options.acceptToken ?? ((t: string) => t.length > 0);
      if (!token || !accept(token)) {
        send(
          401,
          errorBody(
            token ? "InvalidAuthenticationToken" : "AuthenticationFailed",
            token ? "The access token is invalid." : "Authentication failed. The 'Authorization' header is missing.",
          ),
        );
        return;
      }

      this.beforeRequest?.({ method, path: url.pathname, write: entry.write }, this);
      const fault = this.takeFault(method, url.pathname, entry.write);
      if (fault) {
        const action = fault.action;
        if ("drop" in action) {
          entry.fault = action.after ? "drop-after" : "drop";
          if (action.after) {
            // Do the work, then lose the answer.
            const silent: Reply = () => {
              req.socket.destroy();
              return "sent";
            };
            this.route(method, url, body, typeof ifMatch === "string" ? ifMatch : undefined, silent);
          } else {
            req.socket.destroy();
          }
          entry.status = -1;
          return;
        }
        entry.fault = String(action.status);
        if ("code" in action) {
          send(action.status, errorBody(action.code, action.message));
        } else {
          const code = action.status === 429 ? "TooManyRequests" : "ServiceUnavailable";
          send(action.status, errorBody(code, "Injected by the fake ARM."), {
            "retry-after": String(action.retryAfterSeconds ?? 1),
          });
        }
        return;
      }

      try {
        this.route(method, url, body, typeof ifMatch === "string" ? ifMatch : undefined, send);
      } catch (err) {
        send(500, errorBody("InternalServerError", `fake ARM: ${(err as Error).message}`));
      }
    });
  }

  private takeFault(method: string, path: string, write: boolean): ActiveFault | undefined {
    for (const fault of this.faults) {
      const m = fault.match;
      if (m.method && m.method.toUpperCase() !== method) continue;
      if (m.path && !path.toLowerCase().includes(m.path.toLowerCase())) continue;
      if (m.write && !write) continue;
      fault.seen++;
      if (fault.seen <= (fault.skip ?? 0)) continue;
      if (fault.fired >= (fault.times ?? 1)) continue;
      fault.fired++;
      return fault;
    }
    return undefined;
  }

  private route(method: string, url: URL, body: string, ifMatch: string | undefined, send: Reply): Sent {
    if (url.pathname.startsWith("/fake-operations/")) {
      const op = this.operations.get(url.pathname.slice("/fake-operations/".length));
      if (!op) return send(404, errorBody("NotFound", "Operation not found."));
      op.polls++;
      // One "InProgress" answer first, as a real LRO often gives.
      return op.polls < 2
        ? send(200, JSON.stringify({ status: "InProgress" }), { "retry-after": "0" })
        : send(200, JSON.stringify({ status: "Succeeded" }));
    }
    if (!url.searchParams.get("api-version")) {
      return send(
        400,
        errorBody(
          "MissingApiVersionParameter",
          "The api-version query parameter (?api-version=) is required for all requests.",
        ),
      );
    }
    const m = SERVICE_PATH.exec(url.pathname);
    if (!m) return send(404, errorBody("InvalidResourceType", `The resource type could not be found: ${url.pathname}`));
    const [, sub = "", rg = "", svc = "", rest = ""] = m;
    if (!GUID.test(sub)) {
      return send(
        400,
        errorBody("InvalidSubscriptionId", `The provided subscription identifier '${sub}' is malformed or invalid.`),
      );
    }
    const state = this.services.get(serviceKey({ subscriptionId: sub, resourceGroup: rg, serviceName: svc }));
    if (!state) {
      return send(
        404,
        errorBody(
          "ResourceNotFound",
          `The Resource 'Microsoft.ApiManagement/service/${svc}' under resource group '${rg}' was not found.`,
        ),
      );
    }
    const base = url.pathname.slice(0, url.pathname.length - rest.length);
    if (rest === "" || rest === "/") {
      if (method !== "GET") return send(405, errorBody("MethodNotAllowed", "Only GET is supported by the fake."));
      return send(
        200,
        JSON.stringify({
          id: base,
          name: svc,
          type: "Microsoft.ApiManagement/service",
          location: "West Europe",
          sku: { name: "Developer", capacity: 1 },
          properties: {
            provisioningState: "Succeeded",
            publisherEmail: "apis@example.com",
            publisherName: "example",
            gatewayUrl: `https://${svc}.azure-api.net`,
          },
        }),
        { etag: state.etag },
      );
    }
    const policyScope = /^\/(?:(products\/[^/]+|apis\/[^/]+(?:\/operations\/[^/]+)?)\/)?policies\/([^/]+)$/i.exec(rest);
    if (policyScope)
      return this.policyRoute(state, method, url, body, ifMatch, policyScope[1] ?? "", policyScope[2] ?? "", send);
    const parentMatch = /^\/((?:products\/[^/]+)|(?:apis\/[^/]+(?:\/operations\/[^/]+)?))$/i.exec(rest);
    if (parentMatch) {
      // The API, operation and product entities themselves: only GET, enough to check they exist.
      if (method !== "GET") return send(405, errorBody("MethodNotAllowed", "Only GET is supported by the fake."));
      const scope = decodeURIComponent(parentMatch[1] ?? "").toLowerCase();
      const missing = parentExists(state, scope);
      if (missing) return send(404, errorBody("ResourceNotFound", missing));
      const name = scope.split("/").at(-1) ?? "";
      return send(200, JSON.stringify({ id: url.pathname, name, properties: { displayName: name } }), {
        etag: newEtag(),
      });
    }
    if (/^\/namedValues$/i.test(rest)) {
      if (method !== "GET") return send(405, errorBody("MethodNotAllowed", "Method not allowed."));
      const value = [...state.namedValues.values()].map((nv) => namedValueJson(`${base}/namedValues`, nv));
      return send(200, JSON.stringify({ value, count: value.length }));
    }
    const nvMatch = /^\/namedValues\/([^/]+)(\/listValue)?$/i.exec(rest);
    if (nvMatch) return this.namedValueRoute(state, method, url, body, ifMatch, nvMatch[1] ?? "", !!nvMatch[2], send);
    return send(404, errorBody("ResourceNotFound", `Not served by the fake: ${rest}`));
  }

  private policyRoute(
    state: ServiceState,
    method: string,
    url: URL,
    body: string,
    ifMatch: string | undefined,
    scopeRaw: string,
    policyId: string,
    send: Reply,
  ): Sent {
    if (policyId !== "policy") {
      return send(400, errorBody("ValidationError", `'${policyId}' is not a valid policy identifier; use 'policy'.`));
    }
    const scope = decodeURIComponent(scopeRaw).toLowerCase();
    const parent = parentExists(state, scope);
    if (parent) return send(404, errorBody("ResourceNotFound", parent));
    const id = url.pathname;
    const current = state.policies.get(scope);
    const json = (p: StoredPolicy, format: string) =>
      JSON.stringify({
        id,
        type: `Microsoft.ApiManagement/service/${scope ? `${scope.split("/").at(-2)}/` : ""}policies`,
        name: "policy",
        properties: { format, value: format === "rawxml" ? p.value : toXmlExport(p.value) },
      });
    switch (method) {
      case "GET": {
        if (!current) return send(404, errorBody("ResourceNotFound", "Policy configuration not found."));
        const format = url.searchParams.get("format") ?? "xml";
        return send(200, json(current, format === "rawxml" ? "rawxml" : "xml"), { etag: current.etag });
      }
      case "HEAD":
        return current ? send(200, undefined, { etag: current.etag }) : send(404);
      case "PUT": {
        const stale = staleIfMatch(current?.etag, ifMatch);
        if (stale) return send(412, stale);
        let parsed: { properties?: { value?: unknown; format?: unknown } };
        try {
          parsed = JSON.parse(body);
        } catch {
          return send(
            400,
            errorBody("InvalidRequestContent", "The request content was invalid and could not be deserialized."),
          );
        }
        const value = parsed.properties?.value;
        const format = typeof parsed.properties?.format === "string" ? parsed.properties.format : "xml";
        if (typeof value !== "string" || value.trim() === "") {
          return send(400, errorBody("ValidationError", "Policy content is required."));
        }
        const problems = checkPolicy(
          value,
          format,
          new Set([...state.namedValues.values()].map((nv) => nv.displayName)),
        );
        if (problems.length > 0) {
          return send(
            400,
            errorBody(
              "ValidationError",
              "One or more fields contain incorrect values:",
              problems.map((p) => ({ code: "ValidationError", target: p.target, message: p.message })),
            ),
          );
        }
        const stored: StoredPolicy = { value, format, etag: newEtag() };
        state.policies.set(scope, stored);
        return send(current ? 200 : 201, json(stored, "rawxml"), { etag: stored.etag });
      }
      case "DELETE": {
        if (!ifMatch) return send(400, errorBody("InvalidRequest", "If-Match header is required."));
        if (!current) return send(204);
        const stale = staleIfMatch(current.etag, ifMatch);
        if (stale) return send(412, stale);
        state.policies.delete(scope);
        return send(200);
      }
      default:
        return send(405, errorBody("MethodNotAllowed", "Method not allowed."));
    }
  }

  private namedValueRoute(
    state: ServiceState,
    method: string,
    url: URL,
    body: string,
    ifMatch: string | undefined,
    idRaw: string,
    listValue: boolean,
    send: Reply,
  ): Sent {
    const id = decodeURIComponent(idRaw);
    const key = id.toLowerCase();
    const current = state.namedValues.get(key);
    const collection = url.pathname.replace(/\/namedValues\/.*$/i, "/namedValues");
    const notFound = () => send(404, errorBody("ResourceNotFound", "Named value not found."));
    if (listValue) {
      if (method !== "POST") return send(405, errorBody("MethodNotAllowed", "Method not allowed."));
      if (!current) return notFound();
      return send(200, JSON.stringify({ value: current.value }), { etag: current.etag });
    }
    switch (method) {
      case "GET":
        return current
          ? send(200, JSON.stringify(namedValueJson(collection, current)), { etag: current.etag })
          : notFound();
      case "HEAD":
        return current ? send(200, undefined, { etag: current.etag }) : send(404);
      case "PUT": {
        const stale = staleIfMatch(current?.etag, ifMatch);
        if (stale) return send(412, stale);
        let parsed: { properties?: { displayName?: unknown; value?: unknown; secret?: unknown; tags?: unknown } };
        try {
          parsed = JSON.parse(body);
        } catch {
          return send(
            400,
            errorBody("InvalidRequestContent", "The request content was invalid and could not be deserialized."),
          );
        }
        const p = parsed.properties ?? {};
        if (typeof p.displayName !== "string" || !/^[A-Za-z0-9-._]+$/.test(p.displayName)) {
          return send(400, errorBody("ValidationError", "'displayName' must match ^[A-Za-z0-9-._]+$."));
        }
        if (typeof p.value !== "string" || p.value.length > 4096) {
          return send(400, errorBody("ValidationError", "'value' is required and at most 4096 characters."));
        }
        const stored: StoredNamedValue = {
          id,
          displayName: p.displayName,
          value: p.value,
          secret: p.secret === true,
          tags: Array.isArray(p.tags) ? p.tags.map(String) : [],
          etag: newEtag(),
        };
        state.namedValues.set(key, stored);
        const status = current ? 200 : 201;
        if ((this.options.lroMode ?? "async") === "sync") {
          return send(status, JSON.stringify(namedValueJson(collection, stored)), { etag: stored.etag });
        }
        const opId = randomUUID();
        this.operations.set(opId, { polls: 0, resourcePath: url.pathname });
        return send(202, undefined, {
          "azure-asyncoperation": `${this.url}/fake-operations/${opId}`,
          "retry-after": "0",
        });
      }
      case "DELETE": {
        if (!ifMatch) return send(400, errorBody("InvalidRequest", "If-Match header is required."));
        if (!current) return send(204);
        const stale = staleIfMatch(current.etag, ifMatch);
        if (stale) return send(412, stale);
        const ref = `{{${current.displayName}}}`.toLowerCase();
        if ([...state.policies.values()].some((p) => p.value.toLowerCase().includes(ref))) {
          return send(
            400,
            errorBody(
              "ValidationError",
              `Named value '${current.displayName}' is referenced by policies and cannot be deleted.`,
            ),
          );
        }
        state.namedValues.delete(key);
        return send(200);
      }
      default:
        return send(405, errorBody("MethodNotAllowed", "Method not allowed."));
    }
  }
}

function serviceKey(ref: ServiceRef): string {
  return `${ref.subscriptionId}/${ref.resourceGroup}/${ref.serviceName}`.toLowerCase();
}

function parentExists(state: ServiceState, scope: string): string | undefined {
  if (scope === "") return undefined;
  const parts = scope.split("/");
  if (parts[0] === "products") {
    return state.products.has(parts[1] ?? "") ? undefined : `Product '${parts[1]}' not found.`;
  }
  const ops = state.apis.get((parts[1] ?? "").split(";")[0] ?? "");
  if (!ops) return `API '${parts[1]}' not found.`;
  if (parts.length > 2 && !ops.has(parts[3] ?? "")) return `Operation '${parts[3]}' not found.`;
  return undefined;
}

/** The 412 body for a stale If-Match (the wording of the captured APIM answer), or undefined when it matches. */
function staleIfMatch(currentEtag: string | undefined, ifMatch: string | undefined): string | undefined {
  if (ifMatch === undefined) return undefined;
  if (ifMatch === "*" ? currentEtag !== undefined : ifMatch === currentEtag) return undefined;
  return errorBody("ValidationError", "Resource was modified since last retrieval.");
}

function namedValueJson(collection: string, nv: StoredNamedValue): unknown {
  return {
    id: `${collection}/${nv.id}`,
    type: "Microsoft.ApiManagement/service/namedValues",
    name: nv.id,
    properties: {
      displayName: nv.displayName,
      tags: nv.tags,
      secret: nv.secret,
      ...(nv.secret ? {} : { value: nv.value }),
      provisioningState: "Succeeded",
    },
  };
}
