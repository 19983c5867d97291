import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import {
  allowedInFragment,
  allowedSections,
  attributeSpec,
  childSpec,
  elementEntry,
  elementNames,
  exactlyOneOf,
  isKnownChild,
  isKnownElement,
  isKnownPolicy,
  isOpaque,
  knownChildren,
  overrides,
  policyElement,
  policyNames,
  requiredAttributes,
  requiredChildren,
  SECTIONS,
  suggestElement,
  textExpressionsAllowed,
} from "../../src/policy/catalogue.js";
import type { ElementNode } from "../../src/policy/model.js";
import { parsePolicy } from "../../src/policy/parser.js";
import { elementText } from "../../src/policy/query.js";
import { corpusFiles, repoRoot, sampleCorpus, sharedCorpus } from "./corpus-files.js";

const script = join(repoRoot, "scripts/build-catalogue.mjs");
const dataFile = join(repoRoot, "src/policy/catalogue.data.json");
const schemaDir = resolve(repoRoot, "../shared/reference/policy-schemas");
const haveSchemas = existsSync(schemaDir);
if (!haveSchemas) console.log(`catalogue generator tests skipped: ${schemaDir} not found`);

describe.skipIf(!haveSchemas)("generator (scripts/build-catalogue.mjs)", () => {
  it("is deterministic and the committed data is what it generates", () => {
    const first = execFileSync(process.execPath, [script, "--stdout"], { encoding: "utf8" });
    const second = execFileSync(process.execPath, [script, "--stdout"], { encoding: "utf8" });
    expect(second).toBe(first);
    // If this fails: run `npm run catalogue` and commit src/policy/catalogue.data.json.
    expect(readFileSync(dataFile, "utf8")).toBe(first);
  });

  it("--check passes on the committed data, and a missing schema folder is a clear usage error", () => {
    expect(spawnSync(process.execPath, [script, "--check"]).status).toBe(0);
    const r = spawnSync(process.execPath, [script, "--stdout", "--schemas", join(repoRoot, "no-such-dir")], {
      encoding: "utf8",
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/schema folder not found: .*no-such-dir/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe("toolkit matrix extraction (--toolkit-matrix)", () => {
  it("reads each context interface's 'Compiled to' links, borrowing undocumented methods' elements", () => {
    const dir = mkdtempSync(join(tmpdir(), "apimkit-toolkit-"));
    try {
      mkdirSync(join(dir, "src/Authoring"), { recursive: true });
      const method = (name: string, element?: string) =>
        `${element ? `    /// Compiled to <a href="https://x/${element}-policy">${element}</a> policy.\n` : ""}    [Obsolete]\n    void ${name}(string a);\n`;
      const files: Record<string, string> = {
        IInboundContext: method("SetHeader", "set-header") + method("ValidateJwt", "validate-jwt") + method("Base"),
        IBackendContext: method("ForwardRequest", "forward-request") + method("SetHeader"),
        IOutboundContext: method("SetHeader"),
        IOnErrorContext: method("InvokeRequest").replace(
          "void",
          "/// Compiled to custom <c>invoke-request</c> policy.\n    void",
        ),
        IFragmentContext: method("ValidateJwt"),
      };
      for (const [name, body] of Object.entries(files))
        writeFileSync(join(dir, `src/Authoring/${name}.cs`), `public interface ${name}\n{\n${body}}\n`);
      const git = (...args: string[]) => execFileSync("git", ["-C", dir, ...args], { stdio: "pipe" });
      git("init", "-q");
      git("add", ".");
      git("-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "fixture");
      const out = execFileSync(process.execPath, [script, "--toolkit-matrix", dir], { encoding: "utf8" });
      expect(JSON.parse(out)).toEqual({
        inbound: ["set-header", "validate-jwt"],
        backend: ["forward-request", "set-header"],
        outbound: ["set-header"],
        "on-error": ["invoke-request"],
        fragment: ["validate-jwt"],
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("sections (toolkit matrix and reference §1)", () => {
  it.each([
    ["validate-jwt", ["inbound"]],
    ["validate-azure-ad-token", ["inbound"]],
    ["forward-request", ["backend"]],
    ["rewrite-uri", ["inbound"]],
    ["authentication-managed-identity", ["inbound", "outbound"]],
    ["send-request", ["inbound", "backend", "outbound", "on-error"]],
    ["cache-lookup-value", ["inbound", "backend", "outbound", "on-error"]],
    ["include-fragment", ["inbound", "backend", "outbound", "on-error"]],
    ["choose", ["inbound", "backend", "outbound", "on-error"]],
    ["base", ["inbound", "backend", "outbound", "on-error"]],
    ["cache-store", ["outbound"]],
    ["validate-status-code", ["outbound", "on-error"]],
  ])("%s is allowed in %j", (name, sections) => {
    expect(allowedSections(name)).toEqual(sections);
  });

  it("keeps the narrower documented sections beside the toolkit's", () => {
    expect(policyElement("authentication-managed-identity")?.documentedSections).toEqual(["inbound"]);
    expect(policyElement("set-backend-service")?.documentedSections).toEqual(["inbound", "backend"]);
    expect(policyElement("validate-jwt")?.documentedSections).toBeUndefined(); // doc and toolkit agree
  });

  it("knows what may go in a fragment", () => {
    expect(allowedInFragment("base")).toBe(false);
    expect(allowedInFragment("forward-request")).toBe(true);
    expect(allowedInFragment("include-fragment")).toBe(true);
    expect(isKnownChild("fragment", "base")).toBe(false);
    expect(isKnownChild("fragment", "set-header")).toBe(true);
  });

  it("is silent (undefined) where no source gives the sections", () => {
    expect(allowedSections("authentication-token")).toBeUndefined();
    expect(allowedSections("no-such-policy")).toBeUndefined();
  });

  it("exports the four sections in document order", () => {
    expect(SECTIONS).toEqual(["inbound", "backend", "outbound", "on-error"]);
  });
});

describe("attributes (XSD, overridden by reference §3)", () => {
  it.each([
    // element, attribute, parent, required, expressions
    ["include-fragment", "fragment-id", undefined, true, false],
    ["authentication-managed-identity", "client-id", undefined, false, false],
    ["authentication-managed-identity", "output-token-variable-name", undefined, false, false],
    ["authentication-managed-identity", "resource", undefined, true, true],
    ["set-variable", "name", undefined, true, false],
    ["set-variable", "value", undefined, true, true],
    ["cache-lookup-value", "variable-name", undefined, true, false],
    ["cache-lookup-value", "key", undefined, true, true],
    ["cache-store-value", "duration", undefined, true, true],
    ["send-request", "response-variable-name", undefined, true, true],
    ["send-request", "ignore-error", undefined, false, false],
    ["send-request", "mode", undefined, false, true],
    ["validate-jwt", "output-token-variable-name", undefined, false, false],
    ["validate-jwt", "header-name", undefined, false, true],
    ["validate-azure-ad-token", "tenant-id", undefined, true, true],
    ["validate-azure-ad-token", "output-token-variable-name", undefined, false, false],
    ["return-response", "response-variable-name", undefined, false, false],
    ["set-header", "name", undefined, true, true],
    ["set-body", "xsi-nil", undefined, false, false],
    ["limit-concurrency", "max-count", undefined, true, false],
    ["when", "condition", "choose", true, true],
    ["claim", "match", "required-claims", false, true],
    ["key", "n", "issuer-signing-keys", false, false],
    ["openid-config", "url", "validate-jwt", true, true],
  ] as const)("%s@%s (in %s): required=%s expressions=%s", (el, attr, parent, required, expressions) => {
    const spec = attributeSpec(el, attr, parent);
    expect(spec).toBeDefined();
    expect(spec?.required).toBe(required);
    expect(spec?.expressions).toBe(expressions);
  });

  it("records enumerations and defaults", () => {
    expect(attributeSpec("set-header", "exists-action")?.values).toEqual(["override", "append", "skip", "delete"]);
    expect(attributeSpec("set-header", "exists-action")?.default).toBe("override");
    expect(attributeSpec("claim", "match", "required-claims")?.values).toEqual(["all", "any"]);
    expect(attributeSpec("claim", "match", "required-claims")?.default).toBe("all");
    expect(attributeSpec("cache-lookup-value", "caching-type")?.values).toEqual([
      "prefer-external",
      "internal",
      "external",
    ]);
    expect(attributeSpec("cache-lookup-value", "caching-type")?.default).toBe("prefer-external");
    expect(attributeSpec("send-request", "timeout")?.default).toBe("60");
    expect(attributeSpec("forward-request", "timeout")?.default).toBe("300");
  });

  it("gives every policy an optional id without expressions", () => {
    for (const name of policyNames()) {
      if (name === "base") continue;
      expect(attributeSpec(name, "id"), name).toMatchObject({ required: false, expressions: false });
    }
  });

  it("lists required attributes", () => {
    expect([...requiredAttributes("send-request")]).toEqual(["response-variable-name"]);
    expect([...requiredAttributes("cache-store-value")].sort()).toEqual(["duration", "key", "value"]);
    expect([...requiredAttributes("retry")].sort()).toEqual(["condition", "count", "interval"]);
    expect(requiredAttributes("no-such-policy")).toEqual([]);
  });

  it("answers text expressions per context (set-method inside send-request takes none)", () => {
    expect(textExpressionsAllowed("set-method", "send-request")).toBe(false);
    expect(textExpressionsAllowed("set-method", "inbound")).toBe(true);
    expect(textExpressionsAllowed("set-url", "send-request")).toBe(true);
    expect(textExpressionsAllowed("application-id", "client-application-ids")).toBe(false);
    expect(textExpressionsAllowed("value", "set-header")).toBe(true);
  });

  it("knows attribute groups of which exactly one is required", () => {
    expect(exactlyOneOf("validate-jwt")).toEqual([["header-name", "query-parameter-name", "token-value"]]);
    expect(exactlyOneOf("set-header")).toEqual([]);
  });

  it("allows expressions in set-body text beside its free content", () => {
    expect(textExpressionsAllowed("set-body")).toBe(true);
    expect(textExpressionsAllowed("set-body", "send-request")).toBe(true);
  });

  it("lists each disagreement between the reference and the XSDs", () => {
    const keys = overrides().map((o) => `${o.element}@${o.attribute}:${o.field}`);
    expect(keys).toContain("include-fragment@fragment-id:expressions");
    expect(keys).toContain("send-request@response-variable-name:required");
    expect(keys).toContain("send-request>set-method@#text:expressions");
    expect(keys).toContain("rewrite-uri@copy-unmatched-params:default");
  });
});

describe("children", () => {
  it.each([
    ["send-request", "set-header"],
    ["send-request", "set-url"],
    ["send-request", "set-method"],
    ["send-request", "set-body"],
    ["send-request", "authentication-managed-identity"],
    ["return-response", "set-status"],
    ["return-response", "set-header"],
    ["set-header", "value"],
    ["choose", "when"],
    ["choose", "otherwise"],
    ["when", "set-variable"],
    ["otherwise", "choose"],
    ["retry", "forward-request"],
    ["wait", "send-request"],
    ["validate-jwt", "openid-config"],
    ["validate-jwt", "audiences"],
    ["audiences", "audience"],
    ["issuers", "issuer"],
    ["validate-jwt", "issuer-signing-keys"],
    ["issuer-signing-keys", "key"],
    ["validate-jwt", "decryption-keys"],
    ["validate-jwt", "required-claims"],
    ["required-claims", "claim"],
    ["claim", "value"],
    ["validate-azure-ad-token", "client-application-ids"],
    ["client-application-ids", "application-id"],
    ["validate-azure-ad-token", "backend-application-ids"],
    ["policies", "inbound"],
    ["inbound", "base"],
    ["inbound", "validate-jwt"],
  ])("%s > %s is known", (parent, child) => {
    expect(isKnownChild(parent, child)).toBe(true);
  });

  it.each([
    ["validate-jwt", "set-header"],
    ["send-request", "value"],
    ["set-header", "set-header"],
    ["choose", "set-variable"],
    ["when", "base"],
    ["policies", "validate-jwt"],
    ["inbound", "when"],
    ["inbound", "audience"],
  ])("%s > %s is not known", (parent, child) => {
    expect(isKnownChild(parent, child)).toBe(false);
  });

  it("uses the grandparent to tell a policy container from a text child of the same name", () => {
    expect(isKnownChild("value", "set-variable", "cache-value")).toBe(true);
    expect(isKnownChild("value", "set-variable", "set-header")).toBe(false);
    expect(isKnownChild("value", "set-variable")).toBe(true); // ambiguous without the grandparent: permissive
  });

  it("keeps XSD order and cardinality", () => {
    expect(knownChildren("send-request").map((c) => c.name)).toEqual([
      "set-url",
      "set-method",
      "set-header",
      "set-body",
      "authentication-certificate",
      "authentication-token",
      "authentication-token-store",
      "authentication-managed-identity",
      "proxy",
    ]);
    expect(childSpec("send-request", "set-header")).toMatchObject({ min: 0, max: null, ref: true });
    expect(childSpec("send-request", "set-url")).toMatchObject({ min: 0, max: 1 });
    expect(requiredChildren("choose")).toEqual(["when"]);
    expect(requiredChildren("validate-azure-ad-token")).toEqual(["client-application-ids"]);
  });

  it("resolves a child name per parent", () => {
    expect(elementEntry("key", "decryption-keys")?.attributes.map((a) => a.name)).not.toContain("n");
    expect(elementEntry("key", "issuer-signing-keys")?.attributes.map((a) => a.name)).toContain("n");
    expect(elementEntry("set-header", "send-request")).toBe(policyElement("set-header"));
    expect(policyElement("set-header")?.parents).toEqual(expect.arrayContaining(["send-request", "return-response"]));
    expect(policyElement("audience")).toBeUndefined();
    expect(elementEntry("audience", "audiences")?.kind).toBe("child");
  });

  it("marks free content as opaque", () => {
    expect(isOpaque("set-body")).toBe(true);
    expect(isOpaque("xsl-transform")).toBe(true);
    expect(isOpaque("set-header")).toBe(false);
  });

  it("classifies kinds", () => {
    expect(policyElement("policies")?.kind).toBe("root");
    expect(policyElement("fragment")?.kind).toBe("root");
    expect(policyElement("inbound")?.kind).toBe("section");
    expect(policyElement("choose")?.kind).toBe("control");
    expect(elementEntry("when", "choose")?.kind).toBe("control");
    expect(policyElement("set-header")?.kind).toBe("policy");
    expect(policyElement("set-url")?.kind).toBe("child");
    expect(isKnownPolicy("set-url")).toBe(false);
    expect(isKnownPolicy("validate-jwt")).toBe(true);
    expect(isKnownPolicy("choose")).toBe(true);
    expect(isKnownPolicy("when")).toBe(false);
    expect(isKnownElement("audience")).toBe(true);
    expect(isKnownElement("no-such-element")).toBe(false);
  });
});

describe("suggestElement (did-you-mean)", () => {
  it.each([
    ["set-heder", "set-header"],
    ["validate-jwd", "validate-jwt"],
    ["send-requset", "send-request"],
    ["forward-requests", "forward-request"],
    ["invoke-darp-binding", "invoke-dapr-binding"],
    ["Set-Header", "set-header"],
  ])("%s -> %s", (typo, expected) => {
    expect(suggestElement(typo)).toBe(expected);
  });

  it("returns null when nothing is close, or for an exact name", () => {
    expect(suggestElement("completely-different")).toBeNull();
    expect(suggestElement("xyz")).toBeNull();
    expect(suggestElement("set-header", ["set-header"])).toBeNull();
  });

  it("searches the candidates it is given", () => {
    expect(suggestElement("audiance", ["audience", "issuer"])).toBe("audience");
    expect(suggestElement("set-heder", ["audience"])).toBeNull();
  });
});

describe("data integrity", () => {
  it("every referenced child is a top-level element, every section is one of SECTIONS", () => {
    for (const name of elementNames()) {
      for (const entry of [policyElement(name)].filter((e) => e !== undefined)) {
        for (const c of entry.children) if (c.ref) expect(policyElement(c.name), `${name} > ${c.name}`).toBeDefined();
        for (const s of entry.sections ?? []) expect(SECTIONS).toContain(s);
      }
    }
  });

  it("covers the XSD set and more (at least 70 policy statements)", () => {
    expect(policyNames().length).toBeGreaterThanOrEqual(70);
    expect(policyNames()).toContain("validate-jwt");
    expect(policyNames()).toContain("xsl-transform"); // toolkit-only
  });
});

// Every element in the real corpus must be known in its place, so unknown-element has no false positives.
// Checked with the real parser (exact parents); opaque content (set-body payloads, XSLT) is not checked.
const corpusRoot = existsSync(sharedCorpus) ? sharedCorpus : sampleCorpus;
if (!existsSync(sharedCorpus)) console.log(`catalogue corpus test: ${sharedCorpus} absent, using ${sampleCorpus}`);

// Genuinely unknown names in the corpus, each with its reason and the name APIM knows. The test fails when one
// disappears (the catalogue learnt a wrong name) or a new one appears (a false positive for unknown-element).
const KNOWN_UNKNOWN_ELEMENTS: Record<string, { reason: string; meant: string }> = {
  "inbound > invoke-darp-binding": {
    reason: "typo in the toolkit's decompiler test data",
    meant: "invoke-dapr-binding",
  },
  "inbound > publish-to-darp": { reason: "typo in the toolkit's decompiler test data", meant: "publish-to-dapr" },
};
const KNOWN_UNKNOWN_ATTRIBUTES: Record<string, { reason: string; meant: string }> = {
  "azure-openai-token-limit@estimate-prompt-token": {
    reason: "toolkit emits the singular",
    meant: "estimate-prompt-tokens",
  },
  "llm-token-limit@estimate-prompt-token": { reason: "toolkit emits the singular", meant: "estimate-prompt-tokens" },
  "validate-status-code@error-variable-name": { reason: "toolkit emits error-", meant: "errors-variable-name" },
};

describe.skipIf(!existsSync(corpusRoot))(`corpus element names (${corpusRoot})`, () => {
  const files = corpusFiles(corpusRoot);
  const unknownElements = new Map<string, string>();
  const unknownAttributes = new Map<string, string>();
  const forbiddenExpressions = new Map<string, string>();
  for (const file of files) {
    const doc = parsePolicy(file.source, file.name);
    if (!doc.root) continue;
    // Attributes are only trusted from documents that parse cleanly (a broken expression shifts names).
    const clean = doc.diagnostics.length === 0;
    const visit = (el: ElementNode): void => {
      const parent = el.parent?.name;
      const known =
        parent === undefined
          ? policyElement(el.name)?.kind === "root"
          : isKnownChild(parent, el.name, el.parent?.parent?.name);
      if (!known) {
        unknownElements.set(`${parent ?? "(root)"} > ${el.name}`, file.name);
        return;
      }
      if (clean)
        for (const a of el.attributes)
          if (!attributeSpec(el.name, a.name, parent)) unknownAttributes.set(`${el.name}@${a.name}`, file.name);
          else if (a.value.kind === "expression" && attributeSpec(el.name, a.name, parent)?.expressions === false)
            forbiddenExpressions.set(`${el.name}@${a.name}`, file.name);
      if (clean && elementText(el)?.kind === "expression" && textExpressionsAllowed(el.name, parent) === false)
        forbiddenExpressions.set(`${parent} > ${el.name} (text)`, file.name);
      if (isOpaque(el.name, parent)) return;
      for (const child of el.children) if (child.type === "element") visit(child);
    };
    visit(doc.root);
  }

  it("reads a real number of files", () => {
    expect(files.length).toBeGreaterThan(corpusRoot === sharedCorpus ? 100 : 0);
  });

  // With the full shared corpus the lists must match exactly; the bundled sample may hold only some of them.
  const expectKnownUnknowns = (found: Map<string, string>, listed: Record<string, unknown>): void => {
    const names = [...found.keys()].sort();
    const detail = JSON.stringify([...found]);
    if (corpusRoot === sharedCorpus) expect(names, detail).toEqual(Object.keys(listed).sort());
    else
      expect(
        names.filter((k) => !(k in listed)),
        detail,
      ).toEqual([]);
  };

  it("knows every element in its place, apart from the listed genuine unknowns", () => {
    expectKnownUnknowns(unknownElements, KNOWN_UNKNOWN_ELEMENTS);
  });

  it("knows every attribute, apart from the listed genuine unknowns", () => {
    expectKnownUnknowns(unknownAttributes, KNOWN_UNKNOWN_ATTRIBUTES);
  });

  // Real, working policies: an expression where the catalogue forbids one would be a false positive of
  // expression-not-allowed (the XSD's typed attributes are the risk).
  it("forbids no expression that a real policy uses", () => {
    expect([...forbiddenExpressions]).toEqual([]);
  });

  it("suggests the name APIM knows for each genuine unknown", () => {
    for (const [key, { meant }] of Object.entries(KNOWN_UNKNOWN_ELEMENTS)) {
      expect(suggestElement(key.split(" > ")[1] as string)).toBe(meant);
    }
    for (const [key, { meant }] of Object.entries(KNOWN_UNKNOWN_ATTRIBUTES)) {
      const [element, attribute] = key.split("@") as [string, string];
      const candidates = (policyElement(element)?.attributes ?? []).map((a) => a.name);
      expect(suggestElement(attribute, candidates)).toBe(meant);
    }
  });
});
