#!/usr/bin/env node
// Builds src/policy/catalogue.data.json, the catalogue of known APIM policy elements.
//
// Regenerate (from the repository root, with ../shared present):
//   npm run catalogue                      # writes src/policy/catalogue.data.json
//   node scripts/build-catalogue.mjs --check   # exit 1 when the committed file is stale
//   node scripts/build-catalogue.mjs --stdout  # print instead of writing
//   node scripts/build-catalogue.mjs --toolkit-matrix GIT_DIR
//       # re-extract SECTION_MATRIX from a clone of the policy toolkit (prints JSON to paste below)
// Options: --schemas DIR (default ../shared/reference/policy-schemas), --out FILE.
//
// Sources, in increasing order of precedence:
//   1. The XSDs in ../shared/reference/policy-schemas (microsoft/vscode-apimanagement): elements, attributes,
//      children with order and cardinality. An attribute accepts expressions when its type is a union with the
//      `expression` member type (common-types.xsd). A typed attribute (boolean, int, enumeration) without that
//      member takes none. A plain xs:string attribute cannot say either way; APIM's rule is "expressions are
//      allowed unless the policy says otherwise" (reference §2), so it is recorded as allowed, source "default".
//   2. SECTION_MATRIX below: which policy may appear in which section, extracted from the policy toolkit's
//      context interfaces (Azure/azure-api-management-policy-toolkit @ 54f9b1a, src/Authoring/I*Context.cs:
//      every method's "Compiled to <a ...>element</a>" doc comment; methods without one take the element their
//      namesake maps to in another interface). The XSDs carry no section information.
//   3. EXTRA_ELEMENTS: policies and children that the XSDs lack but the toolkit and the real corpus use.
//   4. REFERENCE_FACTS: per-attribute facts from ../shared/reference/apim-reference.md §1 and §3 ("no
//      expressions", required, defaults). They override the XSDs; every override that changes an XSD answer is
//      listed in the output's `overrides` so the disagreement stays visible.
// The output is deterministic: same inputs, byte-identical JSON (sorted, no timestamps).
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { XMLParser } from "fast-xml-parser";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "..");

const SECTIONS = ["inbound", "backend", "outbound", "on-error"];

// --- 2. Section matrix (toolkit interfaces @ 54f9b1a) ------------------------------------------------------
const TOOLKIT = {
  repo: "Azure/azure-api-management-policy-toolkit",
  commit: "54f9b1a",
  files: [
    "src/Authoring/IInboundContext.cs",
    "src/Authoring/IBackendContext.cs",
    "src/Authoring/IOutboundContext.cs",
    "src/Authoring/IOnErrorContext.cs",
    "src/Authoring/IFragmentContext.cs",
  ],
};
// prettier-ignore
const SECTION_MATRIX = {
  inbound: [
    "authentication-basic",
    "authentication-certificate",
    "authentication-managed-identity",
    "azure-openai-emit-token-metric",
    "azure-openai-semantic-cache-lookup",
    "azure-openai-token-limit",
    "cache-lookup",
    "cache-lookup-value",
    "cache-remove-value",
    "cache-store-value",
    "cache-value",
    "check-header",
    "cors",
    "cross-domain",
    "emit-metric",
    "find-and-replace",
    "get-authorization-context",
    "include-fragment",
    "invoke-dapr-binding",
    "invoke-request",
    "ip-filter",
    "json-to-xml",
    "limit-concurrency",
    "llm-content-safety",
    "llm-emit-token-metric",
    "llm-semantic-cache-lookup",
    "llm-token-limit",
    "log-to-eventhub",
    "mock-response",
    "proxy",
    "publish-to-dapr",
    "quota",
    "quota-by-key",
    "rate-limit",
    "rate-limit-by-key",
    "redirect-content-urls",
    "retry",
    "return-response",
    "rewrite-uri",
    "send-one-way-request",
    "send-request",
    "send-service-bus-message",
    "set-backend-service",
    "set-body",
    "set-header",
    "set-method",
    "set-query-parameter",
    "set-status",
    "set-variable",
    "trace",
    "validate-azure-ad-token",
    "validate-client-certificate",
    "validate-content",
    "validate-jwt",
    "validate-odata-request",
    "validate-parameters",
    "wait",
    "xml-to-json",
    "xsl-transform",
  ],
  backend: [
    "cache-lookup-value",
    "cache-remove-value",
    "cache-store-value",
    "cache-value",
    "find-and-replace",
    "forward-request",
    "get-authorization-context",
    "include-fragment",
    "invoke-request",
    "json-to-xml",
    "limit-concurrency",
    "log-to-eventhub",
    "retry",
    "return-response",
    "send-one-way-request",
    "send-request",
    "set-backend-service",
    "set-body",
    "set-header",
    "set-method",
    "set-query-parameter",
    "set-status",
    "set-variable",
    "trace",
    "wait",
    "xml-to-json",
  ],
  outbound: [
    "authentication-managed-identity",
    "azure-openai-semantic-cache-store",
    "cache-lookup-value",
    "cache-remove-value",
    "cache-store",
    "cache-store-value",
    "cache-value",
    "emit-metric",
    "find-and-replace",
    "get-authorization-context",
    "include-fragment",
    "invoke-dapr-binding",
    "invoke-request",
    "json-to-xml",
    "jsonp",
    "limit-concurrency",
    "llm-semantic-cache-store",
    "log-to-eventhub",
    "mock-response",
    "publish-to-dapr",
    "redirect-content-urls",
    "retry",
    "return-response",
    "send-one-way-request",
    "send-request",
    "send-service-bus-message",
    "set-backend-service",
    "set-body",
    "set-header",
    "set-method",
    "set-query-parameter",
    "set-status",
    "set-variable",
    "trace",
    "validate-content",
    "validate-headers",
    "validate-status-code",
    "wait",
    "xml-to-json",
    "xsl-transform",
  ],
  "on-error": [
    "cache-lookup-value",
    "cache-remove-value",
    "cache-store-value",
    "cache-value",
    "emit-metric",
    "find-and-replace",
    "include-fragment",
    "invoke-dapr-binding",
    "invoke-request",
    "json-to-xml",
    "limit-concurrency",
    "log-to-eventhub",
    "mock-response",
    "publish-to-dapr",
    "retry",
    "return-response",
    "send-one-way-request",
    "send-request",
    "send-service-bus-message",
    "set-backend-service",
    "set-body",
    "set-header",
    "set-method",
    "set-query-parameter",
    "set-status",
    "set-variable",
    "trace",
    "validate-content",
    "validate-headers",
    "validate-status-code",
    "wait",
    "xml-to-json",
    "xsl-transform",
  ],
  fragment: [
    "authentication-basic",
    "authentication-certificate",
    "authentication-managed-identity",
    "azure-openai-emit-token-metric",
    "azure-openai-semantic-cache-lookup",
    "azure-openai-semantic-cache-store",
    "azure-openai-token-limit",
    "cache-lookup",
    "cache-lookup-value",
    "cache-remove-value",
    "cache-store",
    "cache-store-value",
    "cache-value",
    "check-header",
    "cors",
    "cross-domain",
    "emit-metric",
    "find-and-replace",
    "forward-request",
    "get-authorization-context",
    "include-fragment",
    "invoke-dapr-binding",
    "invoke-request",
    "ip-filter",
    "json-to-xml",
    "jsonp",
    "limit-concurrency",
    "llm-content-safety",
    "llm-emit-token-metric",
    "llm-semantic-cache-lookup",
    "llm-semantic-cache-store",
    "llm-token-limit",
    "log-to-eventhub",
    "mock-response",
    "proxy",
    "publish-to-dapr",
    "quota",
    "quota-by-key",
    "rate-limit",
    "rate-limit-by-key",
    "redirect-content-urls",
    "retry",
    "return-response",
    "rewrite-uri",
    "send-one-way-request",
    "send-request",
    "send-service-bus-message",
    "set-backend-service",
    "set-body",
    "set-header",
    "set-method",
    "set-query-parameter",
    "set-status",
    "set-variable",
    "trace",
    "validate-azure-ad-token",
    "validate-client-certificate",
    "validate-content",
    "validate-headers",
    "validate-jwt",
    "validate-odata-request",
    "validate-parameters",
    "validate-status-code",
    "wait",
    "xml-to-json",
    "xsl-transform",
  ],
};
// The toolkit writes C# if/else for <choose> and has Base() in the four sections only (fragments must not
// contain <base />, reference §1).
const STRUCTURAL_SECTIONS = {
  choose: { sections: SECTIONS, fragment: true },
  base: { sections: SECTIONS, fragment: false },
};

// Sections and scopes the Microsoft docs give (reference §1 table). Kept beside the toolkit matrix, which is
// broader in places (the reference calls the toolkit "the more current matrix [U]").
const ALL_SCOPES = ["global", "workspace", "product", "api", "operation"];
const DOCUMENTED = {
  "validate-jwt": { sections: ["inbound"], scopes: ALL_SCOPES },
  "validate-azure-ad-token": { sections: ["inbound"], scopes: ALL_SCOPES },
  "authentication-managed-identity": { sections: ["inbound"], scopes: ["global", "product", "api", "operation"] },
  "send-request": { sections: SECTIONS, scopes: ALL_SCOPES },
  "cache-lookup-value": { sections: SECTIONS, scopes: ALL_SCOPES },
  "cache-store-value": { sections: SECTIONS, scopes: ALL_SCOPES },
  "cache-remove-value": { sections: SECTIONS, scopes: ALL_SCOPES },
  "set-variable": { sections: SECTIONS, scopes: ALL_SCOPES },
  "set-header": { sections: SECTIONS, scopes: ALL_SCOPES },
  choose: { sections: SECTIONS, scopes: ALL_SCOPES },
  "return-response": { sections: SECTIONS, scopes: ALL_SCOPES },
  "include-fragment": { sections: SECTIONS, scopes: ALL_SCOPES },
  "set-body": { sections: ["inbound", "backend", "outbound"], scopes: ALL_SCOPES },
  "set-backend-service": { sections: ["inbound", "backend"], scopes: ALL_SCOPES },
  "rewrite-uri": { sections: ["inbound"], scopes: ["global", "product", "api", "operation"] },
  "forward-request": { sections: ["backend"], scopes: ["global", "product", "api", "operation"] },
};

// XSD top-level elements that only appear inside other elements (send-request>set-url, http-response>publish-event).
const CHILD_ONLY = ["set-url", "publish-event"];
// GraphQL resolver policies: each is the root of its own document.
const RESOLVER_ROOTS = ["cosmosdb-data-source", "graphql-data-source", "http-data-source", "sql-data-source"];

// Elements whose unconstrained content (xs:any) is a list of policy statements, not free XML.
const POLICY_CONTAINERS = new Set(["when", "otherwise", "retry", "limit-concurrency"]);

// --- 3. Elements missing from the XSDs ------------------------------------------------------------------------
const str = (name, extra = {}) => ({
  name,
  required: false,
  expressions: true,
  type: "string",
  source: "toolkit",
  ...extra,
});
const EXTRA_ELEMENTS = [
  {
    name: "policies",
    kind: "root",
    content: "elements",
    childOrder: "all",
    children: SECTIONS.map((name) => ({ name, min: 0, max: 1 })),
    source: "xsd",
  },
  { name: "fragment", kind: "root", content: "policies", source: "reference" },
  ...SECTIONS.map((name) => ({ name, kind: "section", content: "policies", source: "xsd" })),
  { name: "base", kind: "policy", content: "empty", source: "xsd" },
  {
    name: "xsl-transform",
    kind: "policy",
    content: "opaque",
    attributes: [],
    source: "toolkit",
    note: "No XSD; the XSLT stylesheet and <parameter name> children inside are not described.",
  },
  {
    name: "send-service-bus-message",
    kind: "policy",
    content: "elements",
    childOrder: "sequence",
    attributes: [str("queue-name"), str("topic-name"), str("namespace"), str("client-id")],
    children: [
      { name: "message-properties", min: 0, max: 1 },
      { name: "payload", min: 1, max: 1 },
    ],
    source: "toolkit",
  },
  {
    name: "message-properties",
    kind: "child",
    parent: "send-service-bus-message",
    content: "elements",
    children: [{ name: "message-property", min: 0, max: null }],
    source: "toolkit",
  },
  {
    name: "message-property",
    kind: "child",
    parent: "message-properties",
    content: "text",
    attributes: [str("name", { required: true, expressions: false })],
    source: "toolkit",
  },
  { name: "payload", kind: "child", parent: "send-service-bus-message", content: "text", source: "toolkit" },
  {
    name: "cache-value",
    kind: "policy",
    content: "elements",
    // CacheValueConfig / CacheValueCompiler: [ExpressionAllowed] marks the attributes that take expressions.
    attributes: [
      str("key", { required: true, source: "toolkit" }),
      str("variable-name", { required: true, expressions: false, source: "toolkit" }),
      str("expires-after", { type: "integer", source: "toolkit" }),
      str("refresh-after", { type: "integer", source: "toolkit" }),
      str("default-value", { source: "toolkit" }),
      str("caching-type", {
        expressions: false,
        values: ["prefer-external", "external", "internal"],
        type: "enum",
        source: "toolkit",
      }),
    ],
    children: [{ name: "value", min: 0, max: 1 }],
    source: "toolkit",
    note: "Known to the policy toolkit (CacheValueCompiler); not in the XSDs or the reference.",
  },
  // CacheValueCompiler compiles the value-producing block into policies inside <value>.
  { name: "value", kind: "child", parent: "cache-value", content: "policies", source: "toolkit" },
];

// --- 4. Reference facts (apim-reference.md §1, §3) ----------------------------------------------------------
// Keys: "element@attr" or "parent>element@attr"; "element#text" for element text. Values patch the spec.
const REFERENCE_FACTS = {
  "include-fragment@fragment-id": { required: true, expressions: false },
  "authentication-managed-identity@resource": { required: true, expressions: true },
  "authentication-managed-identity@client-id": { expressions: false },
  "authentication-managed-identity@output-token-variable-name": { expressions: false },
  "authentication-managed-identity@ignore-error": { default: "false" },
  "validate-jwt@output-token-variable-name": { expressions: false },
  "validate-jwt@header-name": { expressions: true },
  "validate-jwt@query-parameter-name": { expressions: true },
  "validate-jwt@token-value": { expressions: true },
  "validate-jwt@failed-validation-httpcode": { expressions: true, default: "401" },
  "validate-jwt@failed-validation-error-message": { expressions: true },
  "validate-jwt@require-expiration-time": { expressions: true, default: "true" },
  "validate-jwt@require-scheme": { expressions: true },
  "validate-jwt@require-signed-tokens": { expressions: true, default: "true" },
  "validate-jwt@clock-skew": { expressions: true, default: "0" },
  "issuer-signing-keys>key@n": { expressions: false },
  "issuer-signing-keys>key@e": { expressions: false },
  "audiences>audience#text": { expressions: true },
  "claim@match": { default: "all" },
  "validate-azure-ad-token@tenant-id": { required: true, expressions: true },
  "validate-azure-ad-token@header-name": { expressions: true, default: "Authorization" },
  "validate-azure-ad-token@failed-validation-httpcode": { default: "401" },
  "validate-azure-ad-token@output-token-variable-name": { expressions: false },
  "client-application-ids>application-id#text": { expressions: false },
  "backend-application-ids>application-id#text": { expressions: false },
  "send-request@mode": { expressions: true, default: "new" },
  "send-request@response-variable-name": { required: true, expressions: true },
  "send-request@timeout": { expressions: true, default: "60" },
  "send-request@ignore-error": { expressions: false, default: "false" },
  "send-request>set-url#text": { expressions: true },
  "send-request>set-method#text": { expressions: false },
  "cache-lookup-value@key": { required: true, expressions: true },
  "cache-lookup-value@variable-name": { required: true, expressions: false },
  "cache-lookup-value@default-value": { expressions: true },
  "cache-lookup-value@caching-type": { expressions: false, default: "prefer-external" },
  "cache-store-value@key": { required: true, expressions: true },
  "cache-store-value@value": { required: true, expressions: true },
  "cache-store-value@duration": { required: true, expressions: true },
  "cache-store-value@caching-type": { expressions: false, default: "prefer-external" },
  "cache-remove-value@key": { required: true, expressions: true },
  "cache-remove-value@caching-type": { expressions: false, default: "prefer-external" },
  "set-variable@name": { required: true, expressions: false },
  "set-variable@value": { expressions: true },
  "set-header@name": { required: true, expressions: true },
  "set-header@exists-action": { expressions: true, default: "override" },
  "set-header>value#text": { expressions: true },
  "rewrite-uri@template": { required: true },
  "rewrite-uri@copy-unmatched-params": { default: "true" },
  "return-response@response-variable-name": { expressions: false },
  "forward-request@timeout": { default: "300" },
  "forward-request@follow-redirects": { default: "false" },
  "forward-request@buffer-request-body": { default: "false" },
  "forward-request@buffer-response": { default: "true" },
  "forward-request@fail-on-error-status-code": { default: "false" },
  "set-body@xsi-nil": { expressions: false },
  "when@condition": { required: true },
};
// Children that are required by the reference although the XSD makes them optional.
// Constraints the XSDs cannot express (reference §3): exactly one attribute of each group, and notes.
const REFERENCE_ONE_OF = {
  "validate-jwt": [["header-name", "query-parameter-name", "token-value"]],
};
const REFERENCE_NOTES = {
  "send-request": 'set-url and set-method are required unless mode="copy" (reference §3).',
  "send-one-way-request": 'set-url and set-method are required unless mode="copy".',
  "validate-azure-ad-token":
    "Child order: the live page and toolkit use backend-application-ids, client-application-ids, audiences, required-claims, decryption-keys; the XSD (xs:all) and the older page accept any order.",
  "set-backend-service": "If a parent scope used backend-id, it can only be overridden with backend-id (reference §3).",
  "rewrite-uri": "When template uses an expression, the whole value must be the expression (reference §2).",
};
const REFERENCE_CHILD_FACTS = {
  "choose>when": { min: 1 },
  "validate-azure-ad-token>client-application-ids": { min: 1 },
};

// --- XSD reading ---------------------------------------------------------------------------------------------
const xml = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  removeNSPrefix: false,
  parseTagValue: false,
  parseAttributeValue: false,
  commentPropName: "#comment",
});

/** fast-xml-parser preserveOrder nodes -> { tag, attrs, children } */
function toNode(raw) {
  const tag = Object.keys(raw).find((k) => k !== ":@");
  const body = raw[tag];
  return {
    tag,
    attrs: raw[":@"] ?? {},
    children: Array.isArray(body) ? body.map(toNode).filter((n) => n.tag?.startsWith("xs:")) : [],
  };
}

function readSchemas(dir) {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".xsd"))
    .sort();
  const topElements = []; // { name, node, file }
  const types = new Map(); // named complexType / simpleType
  for (const file of files) {
    const text = readFileSync(join(dir, file), "utf8").replace(/^\uFEFF/, "");
    const doc = xml.parse(text).map(toNode);
    const schema = doc.find((n) => n.tag === "xs:schema");
    if (!schema) throw new Error(`${file}: no xs:schema element`);
    for (const n of schema.children) {
      if (n.tag === "xs:element" && n.attrs.name) topElements.push({ name: n.attrs.name, node: n, file });
      if ((n.tag === "xs:complexType" || n.tag === "xs:simpleType") && n.attrs.name) {
        if (types.has(n.attrs.name)) throw new Error(`${file}: type ${n.attrs.name} defined twice`);
        types.set(n.attrs.name, n);
      }
    }
  }
  return { files, topElements, types };
}

const XS_TYPES = {
  "xs:string": "string",
  "xs:boolean": "boolean",
  "xs:int": "integer",
  "xs:integer": "integer",
  "xs:long": "integer",
  "xs:unsignedInt": "integer",
  "xs:positiveInteger": "integer",
  "xs:nonNegativeInteger": "integer",
  "xs:double": "number",
  "xs:float": "number",
  "xs:dateTime": "datetime",
  "xs:anyURI": "string",
};

/** Describes a simple type: { type, values?, expressions, decided } (decided: the XSD settles expressions). */
function simpleTypeInfo(ctx, typeName, node) {
  if (typeName) {
    if (typeName === "expression") return { type: "expression", expressions: true, decided: true };
    if (XS_TYPES[typeName]) {
      const t = XS_TYPES[typeName];
      return t === "string"
        ? { type: t, expressions: true, decided: false }
        : { type: t, expressions: false, decided: true };
    }
    const named = ctx.types.get(typeName);
    if (!named) return { type: "string", expressions: true, decided: false };
    if (named.tag === "xs:simpleType") return simpleTypeInfo(ctx, undefined, named);
    return { type: "string", expressions: true, decided: false };
  }
  if (!node) return { type: "string", expressions: true, decided: false };
  const union = node.children.find((c) => c.tag === "xs:union");
  if (union) {
    const members = (union.attrs.memberTypes ?? "").split(/\s+/).filter(Boolean);
    const expressions = members.includes("expression");
    const others = members.filter((m) => m !== "expression").map((m) => simpleTypeInfo(ctx, m));
    const out = { type: others[0]?.type ?? "string", expressions, decided: true };
    const values = others.flatMap((o) => o.values ?? []);
    if (values.length) out.values = values;
    return out;
  }
  const restriction = node.children.find((c) => c.tag === "xs:restriction");
  if (restriction) {
    const values = restriction.children.filter((c) => c.tag === "xs:enumeration").map((c) => c.attrs.value);
    const base = simpleTypeInfo(ctx, restriction.attrs.base);
    if (values.length) return { type: "enum", values, expressions: false, decided: true };
    return base;
  }
  return { type: "string", expressions: true, decided: false };
}

function attributeSpec(ctx, node) {
  const inline = node.children.find((c) => c.tag === "xs:simpleType");
  const info = simpleTypeInfo(ctx, node.attrs.type, inline);
  const spec = {
    name: node.attrs.name,
    required: node.attrs.use === "required",
    expressions: info.expressions,
    type: info.values && info.type !== "enum" ? "enum" : info.type,
    source: info.decided ? "xsd" : "default",
  };
  if (info.values) spec.values = info.values;
  if (node.attrs.default !== undefined) spec.default = node.attrs.default;
  return spec;
}

/**
 * Reads a complex type's content: attributes, child particles (flattened, with order and cardinality), whether
 * it holds text, and whether it allows any element (xs:any).
 */
function complexContent(ctx, node, acc = { attributes: [], particles: [], text: false, any: false, group: "none" }) {
  if (node.attrs.mixed === "true") acc.text = true;
  for (const c of node.children) {
    if (c.tag === "xs:attribute") acc.attributes.push(attributeSpec(ctx, c));
    else if (c.tag === "xs:sequence" || c.tag === "xs:choice" || c.tag === "xs:all") {
      if (acc.group === "none") acc.group = c.tag.slice(3);
      flattenParticles(ctx, c, acc, { min: 1, max: 1, orderBase: acc.particles.length });
    } else if (c.tag === "xs:simpleContent") {
      acc.text = true;
      const ext = c.children.find((x) => x.tag === "xs:extension" || x.tag === "xs:restriction");
      if (ext) complexContent(ctx, ext, acc);
    } else if (c.tag === "xs:complexContent") {
      if (c.attrs.mixed === "true") acc.text = true;
      const ext = c.children.find((x) => x.tag === "xs:extension" || x.tag === "xs:restriction");
      if (ext) {
        const base = ctx.types.get(ext.attrs.base);
        if (base?.tag === "xs:complexType") complexContent(ctx, base, acc);
        complexContent(ctx, ext, acc);
      }
    } else if (c.tag === "xs:any") acc.any = true;
  }
  return acc;
}

const occurs = (v, dflt) => (v === undefined ? dflt : v === "unbounded" ? null : Number(v));
const mulMax = (a, b) => (a === null || b === null ? null : a * b);

function flattenParticles(ctx, group, acc, outer) {
  const gMin = occurs(group.attrs.minOccurs, 1) * outer.min;
  const gMax = mulMax(occurs(group.attrs.maxOccurs, 1), outer.max);
  const isChoice = group.tag === "xs:choice";
  const alternatives = group.children.filter((c) => c.tag !== "xs:annotation").length;
  let order = acc.particles.length;
  for (const c of group.children) {
    const min = isChoice && alternatives > 1 ? 0 : gMin;
    if (c.tag === "xs:element") {
      acc.particles.push({
        decl: c,
        min: occurs(c.attrs.minOccurs, 1) * min,
        max: mulMax(occurs(c.attrs.maxOccurs, 1), gMax),
        order: group.tag === "xs:sequence" ? order++ : order,
      });
    } else if (c.tag === "xs:any") acc.any = true;
    else if (c.tag === "xs:sequence" || c.tag === "xs:choice" || c.tag === "xs:all") {
      flattenParticles(ctx, c, acc, { min, max: gMax });
      order = acc.particles.length;
    }
  }
}

// --- Catalogue assembly --------------------------------------------------------------------------------------
function build(schemaDir) {
  const ctx = readSchemas(schemaDir);
  const policyNames = new Set(ctx.topElements.filter((e) => e.file !== "policies.xsd").map((e) => e.name));
  const entries = new Map(); // key "parent>name" or "name"
  const overrides = [];

  /** Turns an element declaration into entries (itself and, recursively, its locally defined children). */
  function describe(decl, parent, source) {
    const name = decl.attrs.name;
    const inlineComplex = decl.children.find((c) => c.tag === "xs:complexType");
    const inlineSimple = decl.children.find((c) => c.tag === "xs:simpleType");
    let shape;
    if (inlineComplex) shape = complexContent(ctx, inlineComplex);
    else if (decl.attrs.type && ctx.types.get(decl.attrs.type)?.tag === "xs:complexType")
      shape = complexContent(ctx, ctx.types.get(decl.attrs.type));
    else if (decl.attrs.type || inlineSimple)
      shape = { attributes: [], particles: [], text: true, any: false, group: "none" };
    else shape = { attributes: [], particles: [], text: true, any: true, group: "none" }; // xs:anyType

    const children = [];
    for (const p of shape.particles) {
      const childName = p.decl.attrs.name;
      const untyped =
        !p.decl.attrs.type && !p.decl.children.some((c) => c.tag === "xs:complexType" || c.tag === "xs:simpleType");
      const ref = policyNames.has(childName) && (untyped || p.decl.attrs.type === "xs:string");
      const existing = children.find((c) => c.name === childName);
      if (existing) {
        existing.max = existing.max === null || p.max === null ? null : existing.max + p.max;
        continue;
      }
      const spec = { name: childName, min: p.min, max: p.max };
      if (shape.group === "sequence") spec.order = p.order;
      if (ref) spec.ref = true;
      children.push(spec);
      if (!ref) describe(p.decl, name, source);
    }
    const content = POLICY_CONTAINERS.has(name)
      ? "policies"
      : shape.any
        ? "opaque"
        : children.length && shape.text
          ? "mixed"
          : children.length
            ? "elements"
            : shape.text
              ? "text"
              : "empty";
    const entry = {
      name,
      kind: parent ? "child" : "policy",
      ...(parent ? { parent } : {}),
      attributes: shape.attributes,
      children,
      childOrder: children.length ? (shape.group === "none" ? "sequence" : shape.group) : "none",
      content,
      sources: [source],
    };
    // Text (also beside free content, as in set-body) takes expressions unless the reference says otherwise.
    if (shape.text) entry.textExpressions = true;
    addEntry(entry);
  }

  function addEntry(entry) {
    const key = entry.parent ? `${entry.parent}>${entry.name}` : entry.name;
    const prev = entries.get(key);
    if (!prev) {
      entries.set(key, entry);
      return;
    }
    // Same name under the same parent name from two grandparents (e.g. decryption-keys>key): merge permissively.
    for (const a of entry.attributes) {
      const pa = prev.attributes.find((x) => x.name === a.name);
      if (!pa) prev.attributes.push({ ...a, required: false });
      else {
        pa.required = pa.required && a.required;
        pa.expressions = pa.expressions || a.expressions;
      }
    }
    for (const pa of prev.attributes) if (!entry.attributes.some((a) => a.name === pa.name)) pa.required = false;
    for (const c of entry.children) if (!prev.children.some((x) => x.name === c.name)) prev.children.push(c);
    for (const s of entry.sources) if (!prev.sources.includes(s)) prev.sources.push(s);
  }

  // policies.xsd only wires the sections to "any element"; the root and sections come from EXTRA_ELEMENTS.
  for (const top of ctx.topElements) if (top.file !== "policies.xsd") describe(top.node, undefined, `xsd:${top.file}`);

  for (const extra of EXTRA_ELEMENTS) {
    const { source, note, ...rest } = extra;
    const entry = {
      attributes: [],
      children: [],
      childOrder: extra.childOrder ?? (extra.children?.length ? "sequence" : "none"),
      ...rest,
      sources: [source],
    };
    entry.children = entry.children.map((c, i) => (entry.childOrder === "sequence" ? { ...c, order: i } : c));
    if (note) entry.note = note;
    if (entry.content === "text") entry.textExpressions = true;
    const key = entry.parent ? `${entry.parent}>${entry.name}` : entry.name;
    if (entries.has(key)) throw new Error(`EXTRA_ELEMENTS: ${key} is already defined by the XSDs`);
    entries.set(key, entry);
  }

  // Kinds of structural elements.
  for (const name of ["choose"]) entries.get(name).kind = "control";
  for (const key of ["choose>when", "choose>otherwise"]) entries.get(key).kind = "control";
  // XSD top-level elements that are not statements of a section: used only inside particular parents, or the
  // root of a GraphQL resolver policy (which is not a <policies> document).
  for (const name of CHILD_ONLY) entries.get(name).kind = "child";
  for (const name of RESOLVER_ROOTS) {
    entries.get(name).kind = "root";
    entries.get(name).note = "Root of a GraphQL resolver policy, not a statement inside <policies>.";
  }

  // Every policy accepts an optional id attribute (reference §1); it names the policy in context.LastError.
  for (const e of entries.values()) {
    if ((e.kind === "policy" || e.kind === "control") && !e.parent) {
      const id = e.attributes.find((a) => a.name === "id");
      if (id) {
        id.expressions = false;
        id.source = "reference";
      } else if (e.name !== "base") {
        e.attributes.push({ name: "id", required: false, expressions: false, type: "string", source: "reference" });
      }
    }
  }

  // Sections.
  const matrixNames = new Set(Object.values(SECTION_MATRIX).flat());
  for (const e of entries.values()) {
    if (e.parent || (e.kind !== "policy" && e.kind !== "control")) continue;
    const structural = STRUCTURAL_SECTIONS[e.name];
    if (structural) {
      e.sections = [...structural.sections];
      e.inFragment = structural.fragment;
      e.sectionsSource = "reference";
    } else if (matrixNames.has(e.name)) {
      e.sections = SECTIONS.filter((s) => SECTION_MATRIX[s].includes(e.name));
      e.inFragment = SECTION_MATRIX.fragment.includes(e.name);
      e.sectionsSource = "toolkit";
    }
    const doc = DOCUMENTED[e.name];
    if (doc) {
      e.scopes = [...doc.scopes];
      if (JSON.stringify(doc.sections) !== JSON.stringify(e.sections)) e.documentedSections = [...doc.sections];
    }
  }
  for (const name of matrixNames)
    if (!entries.has(name)) throw new Error(`section matrix names unknown element ${name}`);

  // Reference facts override the XSDs.
  for (const [key, patch] of Object.entries(REFERENCE_FACTS)) {
    const m = /^(?:([^>]+)>)?([^@#]+)(?:@(.+)|#text)$/.exec(key);
    if (!m) throw new Error(`bad fact key ${key}`);
    const [, parent, name, attr] = m;
    const targets = findEntries(entries, name, parent);
    if (!targets.length) throw new Error(`fact ${key}: no such element`);
    for (const { entry, contextual } of targets) {
      if (attr === undefined) {
        if (contextual) {
          // A policy used as a child (send-request>set-method): record the difference on the parent's child spec.
          const spec = entries.get(parent).children.find((c) => c.name === name);
          if (spec.textExpressions !== patch.expressions) spec.textExpressions = patch.expressions;
          if (entry.textExpressions !== patch.expressions)
            overrides.push({
              element: key.replace("#text", ""),
              attribute: "#text",
              field: "expressions",
              before: entry.textExpressions ?? null,
              reference: patch.expressions,
              basis: "default",
            });
          continue;
        }
        if (entry.textExpressions !== patch.expressions)
          overrides.push({
            element: key.replace("#text", ""),
            attribute: "#text",
            field: "expressions",
            before: entry.textExpressions ?? null,
            reference: patch.expressions,
            basis: "default",
          });
        entry.textExpressions = patch.expressions;
        continue;
      }
      let spec = entry.attributes.find((a) => a.name === attr);
      if (!spec) {
        spec = { name: attr, required: false, expressions: true, type: "string", source: "reference" };
        entry.attributes.push(spec);
        overrides.push({
          element: entryKey(entry),
          attribute: attr,
          field: "present",
          before: false,
          reference: true,
          basis: "xsd",
        });
      }
      for (const [field, value] of Object.entries(patch)) {
        const before = spec[field];
        // A "default" expressions answer is not an XSD statement, so confirming it is not a disagreement.
        const disagrees =
          before !== undefined &&
          before !== value &&
          !(field === "expressions" && spec.source === "default" && value === true);
        if (disagrees) {
          const basis = field === "expressions" && spec.source === "default" ? "default" : "xsd";
          overrides.push({ element: entryKey(entry), attribute: attr, field, before, reference: value, basis });
        }
        spec[field] = value;
      }
      spec.source = "reference";
    }
  }
  for (const [key, patch] of Object.entries(REFERENCE_CHILD_FACTS)) {
    const [parent, child] = key.split(">");
    const spec = entries.get(parent)?.children.find((c) => c.name === child);
    if (!spec) throw new Error(`child fact ${key}: no such child`);
    for (const [field, value] of Object.entries(patch)) {
      if (spec[field] !== value)
        overrides.push({
          element: parent,
          attribute: `<${child}>`,
          field,
          before: spec[field],
          reference: value,
          basis: "xsd",
        });
      spec[field] = value;
    }
  }

  for (const [name, groups] of Object.entries(REFERENCE_ONE_OF)) {
    const entry = entries.get(name);
    for (const g of groups)
      for (const a of g)
        if (!entry.attributes.some((x) => x.name === a)) throw new Error(`oneOf ${name}: no attribute ${a}`);
    entry.oneOf = groups;
  }
  for (const [name, note] of Object.entries(REFERENCE_NOTES)) {
    const entry = entries.get(name);
    if (!entry) throw new Error(`note for unknown element ${name}`);
    entry.note = entry.note ? `${entry.note} ${note}` : note;
  }

  // Where each element name may appear as a child (by parent name), so children can be checked without a walk.
  for (const e of entries.values()) {
    const parents = new Set();
    for (const p of entries.values())
      if (p.children.some((c) => c.name === e.name && (c.ref ? !e.parent : p.name === e.parent))) parents.add(p.name);
    if (e.parent) parents.add(e.parent);
    e.parents = [...parents].sort();
  }

  // Deterministic output.
  const elements = [...entries.values()]
    .map(normalise)
    .sort((a, b) => a.name.localeCompare(b.name, "en") || (a.parent ?? "").localeCompare(b.parent ?? "", "en"));
  overrides.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b), "en"));
  return {
    $comment: "Generated by scripts/build-catalogue.mjs (npm run catalogue). Do not edit by hand.",
    sources: {
      xsd: {
        path: "../shared/reference/policy-schemas",
        origin: "microsoft/vscode-apimanagement @ 2450924 resources/policySchemas (MIT)",
        files: ctx.files,
      },
      toolkit: { ...TOOLKIT, use: "section matrix (which policy is allowed in which section and in fragments)" },
      reference: {
        path: "../shared/reference/apim-reference.md",
        use: "§1 documented sections and scopes, §3 per-attribute facts; these override the XSDs",
      },
      default: "xs:string attribute: the XSD cannot exclude expressions; allowed unless the reference says otherwise",
    },
    sections: SECTIONS,
    elements,
    overrides,
  };
}

function entryKey(e) {
  return e.parent ? `${e.parent}>${e.name}` : e.name;
}

/** Entries an override key addresses: "parent>name" may mean a local child or a policy used as a child. */
function findEntries(entries, name, parent) {
  if (parent === undefined) {
    const own = entries.get(name);
    if (own) return [{ entry: own, contextual: false }];
    // A child name without a parent (claim@match): every child definition of that name.
    return [...entries.values()].filter((e) => e.name === name).map((entry) => ({ entry, contextual: false }));
  }
  const local = entries.get(`${parent}>${name}`);
  if (local) return [{ entry: local, contextual: false }];
  const parentEntries = [...entries.values()].filter((e) => e.name === parent);
  const refs = parentEntries.filter((p) => p.children.some((c) => c.name === name && c.ref));
  if (refs.length && entries.get(name)) return [{ entry: entries.get(name), contextual: true }];
  // A parent name that exists under several grandparents (e.g. audiences): its child entries.
  return [];
}

function normalise(e) {
  const out = { name: e.name, kind: e.kind };
  if (e.parent) out.parent = e.parent;
  if (e.parents.length) out.parents = e.parents;
  for (const k of ["sections", "inFragment", "sectionsSource", "documentedSections", "scopes"])
    if (e[k] !== undefined) out[k] = e[k];
  out.content = e.content;
  if (e.textExpressions !== undefined) out.textExpressions = e.textExpressions;
  out.attributes = [...e.attributes]
    .sort((a, b) => a.name.localeCompare(b.name, "en"))
    .map((a) => {
      const o = { name: a.name, required: a.required, expressions: a.expressions, type: a.type };
      if (a.values) o.values = a.values;
      if (a.default !== undefined) o.default = a.default;
      o.source = a.source;
      return o;
    });
  if (e.oneOf) out.oneOf = e.oneOf;
  out.childOrder = e.childOrder;
  out.children = e.children.map((c) => {
    const o = { name: c.name, min: c.min, max: c.max };
    if (c.order !== undefined) o.order = c.order;
    if (c.ref) o.ref = true;
    if (c.textExpressions !== undefined) o.textExpressions = c.textExpressions;
    return o;
  });
  out.sources = [...e.sources].sort();
  if (e.note) out.note = e.note;
  return out;
}

// --- Toolkit matrix extraction (maintenance: refresh SECTION_MATRIX from a newer toolkit) ---------------------
function extractToolkitMatrix(gitDir) {
  const contexts = { inbound: 0, backend: 1, outbound: 2, "on-error": 3, fragment: 4 };
  const methodToElement = new Map();
  const perContext = {};
  for (const [context, i] of Object.entries(contexts)) {
    const file = TOOLKIT.files[i];
    const src = execFileSync("git", ["-C", gitDir, "show", `HEAD:${file}`], { encoding: "utf8" });
    const methods = [];
    let doc = [];
    for (const line of src.split("\n")) {
      const t = line.trim();
      if (t.startsWith("///")) {
        doc.push(t);
        continue;
      }
      const m = /^(?:void|I\w+Context|\w+)\s+(\w+)\s*\(/.exec(t);
      if (m) {
        const d = doc.join(" ");
        const c =
          /Compiled to[^<]*<a [^>]*>([a-z0-9-]+)<\/a>/.exec(d) ?? /Compiled to[^<]*<c>([a-z0-9-]+)<\/c>/.exec(d);
        methods.push({ method: m[1], element: c?.[1] });
        if (c) methodToElement.set(m[1], c[1]);
      }
      if (t && !t.startsWith("[")) doc = [];
    }
    perContext[context] = methods;
  }
  // A method documented in one interface only (AppendHeader in outbound) takes the element named elsewhere;
  // WithId, Base and InlinePolicy compile to no policy of their own.
  const out = {};
  for (const [context, methods] of Object.entries(perContext)) {
    out[context] = [...new Set(methods.map((m) => m.element ?? methodToElement.get(m.method)).filter(Boolean))].sort();
  }
  return out;
}

// --- CLI ----------------------------------------------------------------------------------------------------
function main(argv) {
  const opt = (flag) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const toolkitDir = opt("--toolkit-matrix");
  if (toolkitDir) {
    process.stdout.write(`${JSON.stringify(extractToolkitMatrix(toolkitDir), null, 2)}\n`);
    return 0;
  }
  const schemaDir = resolve(opt("--schemas") ?? join(repoRoot, "..", "shared", "reference", "policy-schemas"));
  const out = resolve(opt("--out") ?? join(repoRoot, "src", "policy", "catalogue.data.json"));
  if (!existsSync(schemaDir)) {
    process.stderr.write(`build-catalogue: schema folder not found: ${schemaDir} (pass --schemas DIR)\n`);
    return 2;
  }
  const text = `${JSON.stringify(build(schemaDir), null, 2)}\n`;
  if (argv.includes("--stdout")) {
    process.stdout.write(text);
    return 0;
  }
  if (argv.includes("--check")) {
    const current = existsSync(out) ? readFileSync(out, "utf8") : "";
    if (current === text) return 0;
    process.stderr.write(`build-catalogue: ${out} is out of date; run npm run catalogue\n`);
    return 1;
  }
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, out);
  process.stderr.write(`build-catalogue: wrote ${out}\n`);
  return 0;
}

export { build };

if (process.argv[1] && basename(process.argv[1]) === "build-catalogue.mjs") {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`build-catalogue: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 2;
  }
}
