import { describe, expect, it } from "vitest";
import { lintText } from "../../src/lint/index.js";
import type { Rule } from "../../src/lint/types.js";
import type { ElementNode } from "../../src/policy/model.js";
import { configOf, elementRule } from "./helpers.js";
import { POLICY_WITH_HEADER, tmpTree } from "./tmp-tree.js";

const noHeader = elementRule("no-set-header", "set-header");

describe("lintText", () => {
  it("reports a rule's finding at the node's position with the configured severity", () => {
    const { findings } = lintText(POLICY_WITH_HEADER, { file: "a.xml", rules: [noHeader] });
    expect(findings).toEqual([
      {
        file: "a.xml",
        ruleId: "no-set-header",
        severity: "error",
        message: "<set-header> found",
        line: 4,
        column: 5,
        endLine: 4,
        endColumn: 80,
      },
    ]);
  });

  it("lints a text given without a file name (a caller in plain JavaScript may leave it out)", () => {
    const { findings } = lintText(POLICY_WITH_HEADER, { rules: [noHeader] });
    expect(findings.map((f) => [f.file, f.ruleId, f.line])).toEqual([["<text>", "no-set-header", 4]]);
  });

  it("uses the config level, and skips rules that are off", () => {
    const warn = lintText(POLICY_WITH_HEADER, {
      file: "a.xml",
      rules: [noHeader],
      config: configOf({ "no-set-header": "warn" }),
    });
    expect(warn.findings.map((f) => f.severity)).toEqual(["warn"]);
    const off = lintText(POLICY_WITH_HEADER, {
      file: "a.xml",
      rules: [noHeader],
      config: configOf({ "no-set-header": "off" }),
    });
    expect(off.findings).toEqual([]);
  });

  it("a rule that is off by default runs only when configured", () => {
    const optIn = elementRule("opt-in", "base", "off");
    expect(lintText(POLICY_WITH_HEADER, { file: "a.xml", rules: [optIn] }).findings).toEqual([]);
    const on = lintText(POLICY_WITH_HEADER, { file: "a.xml", rules: [optIn], config: configOf({ "opt-in": "info" }) });
    expect(on.findings.map((f) => [f.line, f.severity])).toEqual([
      [3, "info"],
      [6, "info"],
      [7, "info"],
      [8, "info"],
    ]);
  });

  it("calls an element visitor only for elements of that name, never on documents without one", () => {
    const visited: string[] = [];
    const rule: Rule = {
      id: "needs-cors",
      meta: { severity: "warn", category: "correctness", description: "spy", docs: "rules/spy.md" },
      create(ctx) {
        const seen = (el: ElementNode) => visited.push(`${ctx.sourceCode.doc.file}:${el.name}`);
        return { cors: seen, "set-header": seen };
      },
    };
    lintText(POLICY_WITH_HEADER, { file: "with-set-header.xml", rules: [rule] });
    lintText("<policies><inbound><base /></inbound></policies>", { file: "without.xml", rules: [rule] });
    expect(visited).toEqual(["with-set-header.xml:set-header"]);
  });

  it("walks once: enter in document order, :exit after the children, Document first and Document:exit last", () => {
    const calls: string[] = [];
    const rule: Rule = {
      id: "order",
      meta: { severity: "warn", category: "correctness", description: "spy", docs: "rules/spy.md" },
      create() {
        return {
          Document: () => calls.push("Document"),
          "Document:exit": () => calls.push("Document:exit"),
          inbound: (el) => calls.push(`<${el.name}>`),
          "inbound:exit": (el) => calls.push(`</${el.name}>`),
          "*"(el) {
            if (el.name !== "inbound") calls.push(el.name);
          },
          "*:exit"(el) {
            if (el.name === "policies") calls.push("/policies");
          },
        };
      },
    };
    lintText('<policies><inbound><base /><set-header name="a" /></inbound><outbound /></policies>', {
      file: "o.xml",
      rules: [rule],
    });
    expect(calls).toEqual([
      "Document",
      "policies",
      "<inbound>",
      "base",
      "set-header",
      "</inbound>",
      "outbound",
      "/policies",
      "Document:exit",
    ]);
  });

  it("visits expression nodes by kind, inside the element that holds them, each expression parsed once", () => {
    const calls: string[] = [];
    const trees = new Set<unknown>();
    const rule: Rule = {
      id: "expr",
      meta: { severity: "warn", category: "correctness", description: "spy", docs: "rules/spy.md" },
      create(ctx) {
        return {
          "set-header": (el) => calls.push(`<${el.name}>`),
          "set-header:exit": (el) => calls.push(`</${el.name}>`),
          MemberAccess(node, where) {
            calls.push(`.${node.name} in <${where.element.name}>`);
            trees.add(ctx.sourceCode.expressionTree(where.expression));
            if (node.name === "Headers") ctx.report({ node: { range: ctx.sourceCode.rangeOf(node) }, message: "h" });
          },
          "Invocation:exit"(node, where) {
            calls.push(
              `call ${node.arguments.length} in ${where.value === where.element.attributes[0]?.value ? "attribute" : "text"}`,
            );
            trees.add(ctx.sourceCode.expressionTree(where.expression));
          },
        };
      },
    };
    const source = `<policies><inbound>
  <set-header name="@(context.Request.Id.ToString())" exists-action="override">
    <value>@(context.Request.Headers.GetValueOrDefault("a", ""))</value>
  </set-header>
</inbound></policies>`;
    const { findings } = lintText(source, { file: "e.xml", rules: [rule] });
    expect(calls).toEqual([
      "<set-header>",
      ".ToString in <set-header>",
      ".Id in <set-header>",
      ".Request in <set-header>",
      "call 0 in attribute",
      // The <value> child holds the second expression: visited as part of it, before set-header is left.
      ".GetValueOrDefault in <value>",
      ".Headers in <value>",
      ".Request in <value>",
      "call 2 in text",
      "</set-header>",
    ]);
    // `context.Request.Headers`, where the file has it.
    expect(findings.map((f) => [f.line, f.column, f.endLine, f.endColumn])).toEqual([[3, 14, 3, 37]]);
    // Two expressions, each parsed once however many visitors look at it.
    expect(trees.size).toBe(2);
  });

  it("passes scope, options and named values to rules", () => {
    const seen: unknown[] = [];
    const spy: Rule = {
      id: "spy",
      meta: { severity: "warn", category: "correctness", description: "spy", docs: "rules/spy.md" },
      create(ctx) {
        seen.push([ctx.id, ctx.scope, ctx.options, ctx.namedValues ? [...ctx.namedValues] : undefined]);
        return {};
      },
    };
    lintText(POLICY_WITH_HEADER, {
      file: "x/apis/a/operations/op/policy.xml",
      rules: [spy],
      config: configOf({ spy: ["warn", { max: 3 }] }),
      namedValues: new Set(["nv"]),
    });
    lintText(POLICY_WITH_HEADER, { file: "x/apis/a/policy.xml", rules: [spy], scope: "product" });
    lintText('<fragment><set-variable name="a" value="1" /></fragment>', { file: "f.xml", rules: [spy] });
    lintText(POLICY_WITH_HEADER, { file: "whatever.xml", rules: [spy] });
    expect(seen).toEqual([
      ["spy", "operation", { max: 3 }, ["nv"]],
      ["spy", "product", {}, undefined],
      ["spy", "fragment", {}, undefined],
      ["spy", "api", {}, undefined],
    ]);
  });

  it("a report may lower, never raise, the configured level", () => {
    const mixed: Rule = {
      id: "mixed",
      meta: { severity: "warn", category: "security", description: "m", docs: "rules/mixed.md" },
      create(ctx) {
        return {
          policies(root) {
            ctx.report({ node: root, message: "lower", severity: "info" });
            ctx.report({ node: root, message: "higher", severity: "error" });
          },
        };
      },
    };
    const { findings } = lintText(POLICY_WITH_HEADER, { file: "a.xml", rules: [mixed] });
    expect(findings.map((f) => [f.message, f.severity])).toEqual([
      ["lower", "info"],
      ["higher", "warn"],
    ]);
  });

  it("turns each parser diagnostic into a parse-error finding and runs no rule on a broken document", () => {
    const broken =
      '<policies>\n  <inbound>\n    <set-variable name="x" value="@(1 + (2" />\n  </inbound>\n</policies>\n';
    const { findings } = lintText(broken, { file: "b.xml", rules: [noHeader, elementRule("any-inbound", "inbound")] });
    expect(findings.length).toBeGreaterThan(0);
    expect(new Set(findings.map((f) => f.ruleId))).toEqual(new Set(["parse-error"]));
    expect(findings[0]).toMatchObject({ file: "b.xml", severity: "error", line: 3 });
  });

  it("a visitor that throws is one internal-error finding for its rule; its later visitors and other rules go on", () => {
    const visits: string[] = [];
    const crash: Rule = {
      id: "crashy",
      meta: { severity: "error", category: "structure", description: "c", docs: "rules/crashy.md" },
      create(ctx) {
        return {
          inbound(el) {
            ctx.report({ node: el, message: "before the crash" });
          },
          "*"(el) {
            visits.push(el.name);
            if (el.name === "set-header") throw new TypeError("cannot read properties of undefined");
          },
        };
      },
    };
    const { findings } = lintText(POLICY_WITH_HEADER, { file: "dir/c.xml", rules: [crash, noHeader] });
    expect(findings.map((f) => f.ruleId)).toEqual(["internal-error", "crashy", "no-set-header"]);
    expect(findings[0]!.message).toContain("'crashy'");
    expect(findings[0]!.message).toContain("cannot read properties of undefined");
    // Not called again for this document after it threw.
    expect(visits.filter((n) => n === "set-header")).toHaveLength(1);
    expect(visits.at(-1)).toBe("set-header");
  });

  it("an unknown PascalCase visitor key is an internal error of that rule (a misspelt node kind would never run)", () => {
    const typo = {
      id: "typo",
      meta: { severity: "warn", category: "correctness", description: "t", docs: "rules/t.md" },
      create: () => ({ MemberAcess() {} }),
    } as unknown as Rule;
    const { findings } = lintText(POLICY_WITH_HEADER, { file: "t.xml", rules: [typo] });
    expect(findings.map((f) => f.ruleId)).toEqual(["internal-error"]);
    expect(findings[0]!.message).toContain('unknown visitor key "MemberAcess"');
  });

  it("a rule whose create throws becomes an internal-error finding naming the rule and file; other rules still run", () => {
    const crash: Rule = {
      id: "crashy",
      meta: { severity: "error", category: "structure", description: "c", docs: "rules/crashy.md" },
      create() {
        throw new TypeError("cannot read properties of undefined");
      },
    };
    const { findings } = lintText(POLICY_WITH_HEADER, { file: "dir/c.xml", rules: [crash, noHeader] });
    expect(findings.map((f) => f.ruleId)).toEqual(["internal-error", "no-set-header"]);
    expect(findings[0]).toMatchObject({ severity: "error", line: 1, column: 1 });
    expect(findings[0]!.message).toContain("'crashy'");
    expect(findings[0]!.message).toContain("dir/c.xml");
    expect(findings[0]!.message).toContain("cannot read properties of undefined");
  });

  it("redacts tokens quoted in messages", () => {
    const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl";
    const leaky: Rule = {
      id: "leaky",
      meta: { severity: "error", category: "security", description: "l", docs: "rules/leaky.md" },
      create(ctx) {
        return { Document: () => ctx.report({ node: ctx.sourceCode.root!, message: `hard-coded token ${jwt}` }) };
      },
    };
    const { findings } = lintText(POLICY_WITH_HEADER, { file: "a.xml", rules: [leaky] });
    expect(findings[0]!.message).not.toContain(jwt);
    expect(findings[0]!.message).toContain("[redacted]");
  });

  it("sorts findings by position", () => {
    const { findings } = lintText(POLICY_WITH_HEADER, {
      file: "a.xml",
      rules: [elementRule("z-base", "base"), elementRule("a-inbound", "inbound")],
    });
    expect(findings.map((f) => `${f.line}:${f.column}:${f.ruleId}`)).toEqual([
      "2:3:a-inbound",
      "3:5:z-base",
      "6:12:z-base",
      "7:13:z-base",
      "8:13:z-base",
    ]);
  });

  it("runs the real rule list by default without crashing", () => {
    const { findings } = lintText(POLICY_WITH_HEADER, { file: "a.xml" });
    expect(findings.filter((f) => f.ruleId === "internal-error" || f.ruleId === "parse-error")).toEqual([]);
  });
});

describe("lintConfigFor", () => {
  it("resolves the .apimkitrc.json that applies to a file, for lintText callers", async () => {
    const { lintConfigFor } = await import("../../src/lint/index.js");
    const { join } = await import("node:path");
    const root = tmpTree({ ".apimkitrc.json": { rules: { "base-missing": "off" }, namedValues: ["nv-a"] } });
    const config = lintConfigFor(join(root, "apis/x/policy.xml"));
    expect(config.rules.get("base-missing")?.severity).toBe("off");
    expect([...(config.namedValues ?? [])]).toEqual(["nv-a"]);
    const noBase = POLICY_WITH_HEADER.replace(/<base \/>/g, "");
    expect(lintText(noBase, { file: "x.xml", config }).findings.map((f) => f.ruleId)).not.toContain("base-missing");
    expect(lintText(noBase, { file: "x.xml" }).findings.map((f) => f.ruleId)).toContain("base-missing");
  });
});
