// Corpus coverage of the emulator (issue 13, "Must show: Corpus coverage"): every C# expression of the corpus policy
// files (the list bench/expressions.bench.ts parses: attribute values and element text that are `@(...)`/`@{...}`)
// is evaluated once against one synthetic request, through the gateway's own context objects
// (src/emulator/gateway/expression-env.ts). Prints JSON.
//
// The synthetic input: a POST with a JSON body to an API operation, typical headers (Authorization with an unsigned
// JWT of typical Entra claims, Content-Type, Accept, User-Agent, a subscription key, X-Forwarded-For, Origin, ...),
// query parameters, the api/operation/product/subscription/user records of the emulator's defaults with plausible
// names, and every named value of the corpus with a plausible value (a URL, a GUID, a number, ...) by its name.
// Each expression is evaluated in the context of its own element: its document and section. In outbound
// context.Response is a backend's 200 with a JSON body; in on-error context.LastError is set (a validate-jwt failure).
// The elements of a document are visited in document order, and what they store in context.Variables is stored as
// the emulator's handlers store it: set-variable the value its expression gave (nothing when it failed), send-request
// an IResponse (a 200 with a token-like JSON body), cache-lookup-value its default-value (the cache is empty: a
// miss), validate-jwt/validate-azure-ad-token the Jwt of the request's token, authentication-managed-identity a
// token string. Every other variable is unset, as it would be for the gateway.
//
// Classification, per expression:
// - evaluated: it gave a value, or a .NET exception (NetException). The emulator raises NetException only where .NET
//   raises it on that input (a KeyNotFoundException for a variable nobody set, a FormatException for a claim that is
//   no number, a NullReferenceException for a header the request lacks): the policy's own code would fail the same
//   way in APIM. They are counted apart and listed by type with an example, so that each can be checked.
// - not emulated: NotEmulated, grouped by the construct its message names; a C# syntax error (APIM refuses to save
//   the policy) is listed here too, under its own construct, rather than left out.
// - runtime error: any other JS exception: an emulator bug.
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { NetException, NotEmulated } from "../src/emulator/errors.js";
import { ResponseHost } from "../src/emulator/gateway/context/index.js";
import { type ExpressionEnvironmentOptions, expressionEnvironment } from "../src/emulator/gateway/expression-env.js";
import { GatewayResponse, HeaderMap, MessageBody } from "../src/emulator/gateway/message.js";
import { EmulationError } from "../src/emulator/gateway/pipeline/signals.js";
import type { NetValue } from "../src/emulator/values.js";
import type { ElementNode, Expression, PolicyDocument } from "../src/policy/model.js";
import { parsePolicy } from "../src/policy/parser.js";
import { attr } from "../src/policy/query.js";
import { benchCorpus, corpusPolicyFiles } from "./corpus.js";

const NOW = Date.UTC(2026, 5, 1, 12, 0, 0);

function base64Url(s: string): string {
  return Buffer.from(s).toString("base64url");
}

/** An unsigned token with the claims Entra puts in an app or user token (v1 form). */
const CLAIMS = {
  aud: "api://11111111-1111-1111-1111-111111111111",
  iss: "https://sts.windows.net/22222222-2222-2222-2222-222222222222/",
  iat: NOW / 1000 - 300,
  nbf: NOW / 1000 - 300,
  exp: NOW / 1000 + 3300,
  appid: "33333333-3333-3333-3333-333333333333",
  appidacr: "2",
  azp: "33333333-3333-3333-3333-333333333333",
  oid: "44444444-4444-4444-4444-444444444444",
  sub: "44444444-4444-4444-4444-444444444444",
  tid: "22222222-2222-2222-2222-222222222222",
  upn: "user@contoso.com",
  email: "user@contoso.com",
  name: "Test User",
  unique_name: "user@contoso.com",
  preferred_username: "user@contoso.com",
  roles: ["Orders.Read", "Orders.Write"],
  scp: "user_impersonation",
  groups: ["55555555-5555-5555-5555-555555555555"],
  ver: "1.0",
};
const TOKEN = `${base64Url(JSON.stringify({ typ: "JWT", alg: "RS256", kid: "k1" }))}.${base64Url(JSON.stringify(CLAIMS))}.c2lnbmF0dXJl`;

const REQUEST_BODY = JSON.stringify({
  id: "42",
  name: "order",
  customerId: "c-1",
  model: "gpt-4o",
  messages: [{ role: "user", content: "Hello" }],
  stream: false,
  max_tokens: 100,
  items: [
    { sku: "a", quantity: 2, price: 9.5 },
    { sku: "b", quantity: 1, price: 3 },
  ],
  total: 22,
  date: "2026-06-01T12:00:00Z",
});

const RESPONSE_BODY = JSON.stringify({
  id: "42",
  status: "ok",
  value: [{ id: "1", name: "first" }],
  usage: { prompt_tokens: 10, completion_tokens: 20, total_tokens: 30 },
  access_token: TOKEN,
  token_type: "Bearer",
  expires_in: 3599,
});

const REQUEST: ExpressionEnvironmentOptions["request"] = {
  method: "POST",
  url: "https://contoso.azure-api.net/orders/42?api-version=2024-06-01&top=10&filter=active",
  headers: {
    Authorization: `Bearer ${TOKEN}`,
    "Content-Type": "application/json",
    Accept: "application/json",
    "User-Agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64)",
    Host: "contoso.azure-api.net",
    "Ocp-Apim-Subscription-Key": "0123456789abcdef0123456789abcdef",
    "X-Forwarded-For": "203.0.113.7",
    Origin: "https://app.contoso.com",
    "Accept-Language": "en-US",
    "x-request-id": "66666666-6666-6666-6666-666666666666",
    "api-key": "0123456789abcdef",
  },
  body: REQUEST_BODY,
  ipAddress: "203.0.113.7",
};

const CONTEXT = {
  api: { name: "orders-api", id: "orders-api", path: "orders", serviceUrl: "https://backend.contoso.com/api" },
  operation: { name: "create-order", id: "create-order", urlTemplate: "/{id}", method: "POST" },
  product: { name: "Starter", id: "starter" },
  subscription: { name: "sub-1", id: "sub-1" },
  user: { id: "user-1", email: "user@contoso.com" },
};

/** A plausible value of a named value, by what its name says it holds. */
function namedValueFor(name: string): string {
  const n = name.toLowerCase();
  if (/url|endpoint|uri|host|address|audience|issuer|authority|backend/.test(n)) return "https://example.contoso.com";
  if (/(^|-|_)(id|tenant|client|app)|guid/.test(n)) return "77777777-7777-7777-7777-777777777777";
  if (/limit|count|seconds|timeout|duration|ttl|max|min|port|calls|period|quota|size|retries|percent|weight/.test(n))
    return "10";
  if (/enabled|flag|debug|is-|^is/.test(n)) return "true";
  if (/key|secret|password|token|signature/.test(n)) return "c2VjcmV0LXZhbHVlLWZvci1iZW5jaA==";
  if (/scope|resource/.test(n)) return "api://88888888-8888-8888-8888-888888888888/.default";
  return "value";
}

type Section = "inbound" | "backend" | "outbound" | "on-error";

function sectionOf(el: ElementNode): Section {
  for (let e: ElementNode | undefined = el; e; e = e.parent) {
    if (e.name === "inbound" || e.name === "backend" || e.name === "outbound" || e.name === "on-error")
      return e.name as Section;
  }
  return "inbound"; // a fragment's elements: included in inbound as most fragments are
}

/** The per-document parts of the synthetic input. */
interface DocInput {
  request: ExpressionEnvironmentOptions["request"];
  context: Record<string, unknown>;
}

/**
 * The request shaped for one document: the operation's URL template has the path parameters the document reads
 * (`MatchedParameters["x"]`), and the body is a one-element JSON array when the document reads it as a JArray
 * (Event Grid deliveries).
 */
function docInput(doc: PolicyDocument): DocInput {
  const params = [...new Set([...doc.source.matchAll(/MatchedParameters\["([^"]+)"\]/g)].map((m) => m[1]!))];
  const request = { ...REQUEST };
  const context: Record<string, unknown> = { ...CONTEXT };
  if (params.length) {
    const values = params.map((p) =>
      encodeURIComponent(/ttl|seconds/i.test(p) ? "3600" : /mail/i.test(p) ? "user@contoso.com" : p.toLowerCase()),
    );
    context.operation = { ...CONTEXT.operation, urlTemplate: `/${params.map((p) => `{${p}}`).join("/")}` };
    request.url = `https://contoso.azure-api.net/orders/${values.join("/")}?api-version=2024-06-01&top=10&filter=active`;
  }
  if (/Body\.As<JArray>/.test(doc.source)) {
    request.body = JSON.stringify([
      {
        id: "1",
        eventType: "Microsoft.Storage.BlobCreated",
        subject: "/blobServices/default/containers/c/blobs/b",
        eventTime: "2026-06-01T12:00:00Z",
        data: { url: "https://account.blob.core.windows.net/c/b" },
        dataVersion: "1.0",
      },
    ]);
  }
  return { request, context };
}

function optionsFor(
  section: Section,
  input: DocInput,
  namedValues: Record<string, string>,
  variables: Map<string, NetValue>,
) {
  const o: ExpressionEnvironmentOptions = {
    request: input.request,
    context: input.context,
    namedValues,
    now: NOW,
    variables,
  };
  if (section === "outbound")
    o.response = { status: 200, headers: { "Content-Type": "application/json" }, body: RESPONSE_BODY };
  if (section === "on-error") {
    o.response = { status: 401, headers: {}, body: "" };
    o.lastError = {
      Source: "validate-jwt",
      Reason: "TokenSignatureKeyNotFound",
      Message: "IDX10501: Signature validation failed.",
      Scope: "api",
      Section: "inbound",
      Path: "validate-jwt[1]",
      PolicyId: null,
    };
  }
  return o;
}

type Outcome =
  | { kind: "value"; value: NetValue }
  | { kind: "exception"; type: string }
  | { kind: "not emulated"; construct: string }
  | { kind: "runtime error"; message: string };

function evaluate(
  doc: PolicyDocument,
  el: ElementNode,
  e: Expression,
  input: DocInput,
  nv: Record<string, string>,
  vars: Map<string, NetValue>,
): Outcome {
  try {
    const env = expressionEnvironment(optionsFor(sectionOf(el), input, nv, vars));
    return { kind: "value", value: env.evaluate(doc, e) };
  } catch (err) {
    if (err instanceof NetException) {
      if (process.env.COVERAGE_DEBUG)
        console.error(`${err.type} ${err.message} at ${err.at?.file}:${err.at?.line}:${err.at?.column}`);
      return { kind: "exception", type: err.type };
    }
    if (err instanceof NotEmulated) return { kind: "not emulated", construct: err.construct };
    if (err instanceof EmulationError && /C# syntax error/.test(err.message))
      return { kind: "not emulated", construct: "an expression with a C# syntax error (APIM refuses the policy)" };
    return { kind: "runtime error", message: err instanceof Error ? `${err.name}: ${err.message}` : String(err) };
  }
}

/** What an element stores in context.Variables, as the emulator's handler would on this synthetic input. */
function storeVariables(
  el: ElementNode,
  results: ReadonlyMap<Expression, Outcome>,
  nv: Record<string, string>,
  vars: Map<string, NetValue>,
  failed: Set<string>,
): void {
  const attrValue = (name: string): { ok: boolean; v: NetValue } | undefined => {
    const a = attr(el, name);
    if (!a) return undefined;
    if (a.value.expression) {
      const r = results.get(a.value.expression);
      return r?.kind === "value" ? { ok: true, v: r.value } : { ok: false, v: null };
    }
    return { ok: true, v: a.value.text.replace(/\{\{([^}]+)\}\}/g, (_m, n: string) => nv[n.trim()] ?? "") };
  };
  const nameOf = (a: string) => attr(el, a)?.value.text.trim();
  switch (el.name) {
    case "set-variable": {
      const name = nameOf("name");
      const v = attrValue("value");
      if (name && v?.ok) vars.set(name, v.v);
      else if (name) failed.add(name);
      break;
    }
    case "send-request": {
      const name = nameOf("response-variable-name");
      const res = new GatewayResponse(
        200,
        "OK",
        HeaderMap.from({ "Content-Type": "application/json" }),
        new MessageBody(RESPONSE_BODY),
      );
      if (name) vars.set(name, new ResponseHost(() => res));
      break;
    }
    case "cache-lookup-value": {
      const name = nameOf("variable-name");
      const v = attrValue("default-value");
      if (name && v?.ok) vars.set(name, v.v);
      break;
    }
    case "validate-jwt":
    case "validate-azure-ad-token": {
      const name = nameOf("output-token-variable-name");
      if (name) {
        const env = expressionEnvironment({ request: REQUEST, now: NOW });
        const asJwt = env.registry.extensionsNamed("AsJwt")[0];
        if (asJwt) vars.set(name, asJwt.call(TOKEN, [], { typeArgs: [], at: undefined, now: () => NOW }));
      }
      break;
    }
    case "authentication-managed-identity": {
      const name = nameOf("output-token-variable-name");
      if (name) vars.set(name, TOKEN);
      break;
    }
    default:
      break;
  }
}

function expressionsOf(el: ElementNode): Expression[] {
  const out: Expression[] = [];
  for (const a of el.attributes) if (a.value.expression) out.push(a.value.expression);
  for (const c of el.children) if (c.type === "text" && c.value.expression) out.push(c.value.expression);
  return out;
}

interface Group {
  count: number;
  example: string;
}

function add(groups: Map<string, Group>, key: string, example: string): void {
  const g = groups.get(key);
  if (g) g.count++;
  else groups.set(key, { count: 1, example });
}

function sorted(groups: Map<string, Group>, label: string) {
  return [...groups.entries()]
    .sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0]))
    .map(([k, g]) => ({ [label]: k, count: g.count, example: g.example }));
}

const pct = (n: number, total: number) => Math.round((n / Math.max(1, total)) * 10000) / 100;

export async function run(): Promise<void> {
  const corpus = benchCorpus();
  const files = corpusPolicyFiles(corpus, /\.(xml|cshtml)$/i);
  const namedValues: Record<string, string> = {};
  const docs = files.map((f) => parsePolicy(readFileSync(f, "utf8"), f));
  for (const d of docs)
    for (const m of d.source.matchAll(/\{\{([^{}]+)\}\}/g)) namedValues[m[1]!.trim()] ??= namedValueFor(m[1]!.trim());

  // Fragments by id (file name, or folder name of an APIOps `policy.xml`): evaluated where they are first included.
  const fragments = new Map<string, PolicyDocument>();
  for (const d of docs) {
    if (d.root?.name !== "fragment") continue;
    const base = d.file.replace(/\\/g, "/").split("/");
    const name = base[base.length - 1]!.replace(/\.xml$/i, "");
    fragments.set(name === "policy" ? base[base.length - 2]! : name, d);
  }
  const visited = new Set<PolicyDocument>();

  let total = 0;
  let values = 0;
  let afterFailedSetter = 0;
  const exceptions = new Map<string, Group>();
  const notEmulated = new Map<string, Group>();
  const runtimeErrors = new Map<string, Group>();

  const visitDocument = (doc: PolicyDocument, input: DocInput, vars: Map<string, NetValue>, failed: Set<string>) => {
    visited.add(doc);
    const evaluateAll = (el: ElementNode, results: Map<Expression, Outcome>) => {
      for (const e of expressionsOf(el)) {
        total++;
        const r = evaluate(doc, el, e, input, namedValues, vars);
        results.set(e, r);
        const p = doc.positionAt(e.range.start.offset);
        const where = `${relative(corpus, doc.file)}:${p.line}:${p.column}`;
        if (r.kind === "value") values++;
        else if (r.kind === "exception") {
          add(exceptions, r.type, where);
          const code = doc.source.slice(e.range.start.offset, e.range.end.offset);
          if ([...failed].some((v) => code.includes(`"${v}"`))) afterFailedSetter++;
        } else if (r.kind === "not emulated") add(notEmulated, r.construct, where);
        else add(runtimeErrors, r.message, where);
      }
    };
    const visit = (el: ElementNode) => {
      const results = new Map<Expression, Outcome>();
      // retry's condition is first evaluated after its body ran once.
      if (el.name !== "retry") evaluateAll(el, results);
      for (const c of el.children) if (c.type === "element") visit(c);
      if (el.name === "retry") evaluateAll(el, results);
      storeVariables(el, results, namedValues, vars, failed);
      if (el.name === "include-fragment") {
        const id = attr(el, "fragment-id")?.value.text.trim() ?? "";
        const fragment = fragments.get(id);
        if (fragment && !visited.has(fragment)) visitDocument(fragment, input, vars, failed);
      }
    };
    if (doc.root) visit(doc.root);
  };

  const t0 = process.hrtime.bigint();
  for (const doc of docs) {
    if (doc.root?.name === "fragment") continue;
    visitDocument(doc, docInput(doc), new Map(), new Set());
  }
  // Fragments no corpus policy includes: on their own, with no variables set.
  for (const doc of docs) if (!visited.has(doc)) visitDocument(doc, docInput(doc), new Map(), new Set());
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const thrown = [...exceptions.values()].reduce((n, g) => n + g.count, 0);
  const ne = [...notEmulated.values()].reduce((n, g) => n + g.count, 0);
  const re = [...runtimeErrors.values()].reduce((n, g) => n + g.count, 0);
  console.log(
    JSON.stringify(
      {
        bench: "emulator-coverage",
        corpus,
        files: files.length,
        expressions: total,
        evaluated: values + thrown,
        evaluatedPercent: pct(values + thrown, total),
        evaluatedToValue: values,
        evaluatedToException: thrown,
        evaluatedToExceptionReadingAVariableWhoseSetterFailed: afterFailedSetter,
        notEmulated: ne,
        notEmulatedPercent: pct(ne, total),
        runtimeErrors: re,
        runtimeErrorPercent: pct(re, total),
        seconds: Math.round(seconds * 1000) / 1000,
        exceptions: sorted(exceptions, "exception"),
        notEmulatedConstructs: sorted(notEmulated, "construct"),
        runtimeErrorMessages: sorted(runtimeErrors, "error"),
      },
      null,
      2,
    ),
  );
}
