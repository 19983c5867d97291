// writeGenerated (all-or-nothing), checkGenerated (drift), the self-check and the template helpers.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  checkGenerated,
  type GeneratedFile,
  GenerateError,
  generate,
  writeGenerated,
} from "../../src/generate/index.js";
import { selfCheck } from "../../src/generate/self-check.js";
import { escapeCsString, escapeXml, render, shellQuote } from "../../src/generate/templates.js";
import { callerView } from "../../src/generate/view-models.js";
import { goodConfig, listFiles } from "./helpers.js";

const work = mkdtempSync(join(tmpdir(), "apimkit-write-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(work, `d${n++}`);

describe("writeGenerated", () => {
  it("writes every file under the folder and returns their paths", () => {
    const dir = fresh();
    const files = generate(goodConfig("v2-jwt-three-callers"), { layout: "plain" });
    expect(writeGenerated(dir, files)).toEqual(files.map((f) => f.path));
    expect(listFiles(dir)).toEqual(files.map((f) => f.path).sort());
  });

  it("is all-or-nothing: when one file cannot be written, no file changes and no temporary file is left", () => {
    const dir = fresh();
    const files: GeneratedFile[] = [
      { path: "a/one.txt", content: "new 1\n", kind: "other" },
      { path: "b/two.txt", content: "new 2\n", kind: "other" },
      { path: "c/three.txt", content: "new 3\n", kind: "other" },
    ];
    mkdirSync(join(dir, "a"), { recursive: true });
    writeFileSync(join(dir, "a/one.txt"), "old 1\n");
    writeFileSync(join(dir, "c"), "a file where a folder must go\n");
    expect(() => writeGenerated(dir, files)).toThrow();
    expect(readFileSync(join(dir, "a/one.txt"), "utf8")).toBe("old 1\n");
    expect(existsSync(join(dir, "b/two.txt"))).toBe(false);
    expect(readdirSync(join(dir, "a"))).toEqual(["one.txt"]);
    expect(readdirSync(join(dir, "b"))).toEqual([]);
  });
});

describe("checkGenerated", () => {
  it("is empty for an up-to-date folder, and lists changed and missing files with unified diffs", () => {
    const dir = fresh();
    const files: GeneratedFile[] = [
      { path: "x.txt", content: "a\nb\nc\n", kind: "other" },
      { path: "y/z.txt", content: "z\n", kind: "other" },
    ];
    writeGenerated(dir, files);
    expect(checkGenerated(dir, files)).toEqual([]);
    writeFileSync(join(dir, "x.txt"), "a\nB\nc\n");
    rmSync(join(dir, "y/z.txt"));
    const drifts = checkGenerated(dir, files);
    expect(drifts.map((d) => [d.path, d.status])).toEqual([
      ["x.txt", "changed"],
      ["y/z.txt", "missing"],
    ]);
    expect(drifts[0]!.diff).toContain("@@ -1,3 +1,3 @@\n a\n-B\n+b\n c\n");
    expect(drifts[1]!.diff).toContain("+z\n");
  });
});

describe("self-check", () => {
  it("a generated policy that fails lint is refused with file:line:column and the rule id", () => {
    const config = goodConfig("flagship");
    const files = generate(config, { layout: "plain" });
    const broken = files.map((f) =>
      f.path === "provider/policy.xml"
        ? // inbound: the echo provider's inbound always returns, so its outbound never runs (base-missing skips it).
          { ...f, content: f.content.replace("<inbound>\n    <base />\n", "<inbound>\n") }
        : f,
    );
    let error: GenerateError | undefined;
    try {
      selfCheck(config, broken);
    } catch (err) {
      error = err as GenerateError;
    }
    expect(error).toBeInstanceOf(GenerateError);
    expect(error!.message).toMatch(
      /^the generated policies failed apimkit's own checks \(nothing was written\):\n {2}provider\/policy\.xml:\d+:\d+: .*\(base-missing\)/,
    );
  });

  it("a policy the parser cannot read is refused too", () => {
    const config = goodConfig("flagship");
    const files = generate(config, { layout: "plain" }).map((f) =>
      f.path === "provider/policy.xml" ? { ...f, content: f.content.replace("</inbound>", "") } : f,
    );
    expect(() => selfCheck(config, files)).toThrow(/provider\/policy\.xml:\d+:\d+: /);
  });

  it("the good configs pass it with no warning (a turned-off cache is the only one)", () => {
    const config = goodConfig("v2-jwt-three-callers");
    const { findings } = selfCheck(config, generate(config, { layout: "plain" }));
    expect(findings.filter((f) => f.severity === "warn").map((f) => `${f.file} ${f.ruleId}`)).toEqual([
      "callers/tailspin/policy.xml token-exchange-cache",
    ]);
  });
});

describe("templates", () => {
  it("run in strict mode: a view without a field the template uses is an error, not an empty string", () => {
    const view = callerView(goodConfig("flagship"), goodConfig("flagship").callers[0]!);
    const { timeoutSeconds: _t, ...noTimeout } = view;
    expect(() => render("caller.xml", noTimeout)).toThrow(/"timeoutSeconds" not defined/);
    // Helper arguments escape handlebars' strict lookups: the helpers check their argument themselves.
    const { backendBaseUrl: _b, ...noBaseUrl } = view;
    expect(() => render("caller.xml", noBaseUrl)).toThrow("{{xml}} expects a string, got undefined");
  });

  it("escape on purpose: XML, C# strings and shell words", () => {
    expect(escapeXml(`a<b>&"c"'d'=\``)).toBe("a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;=`");
    expect(escapeCsString('say "hi" \\ bye')).toBe('say \\"hi\\" \\\\ bye');
    expect(() => escapeCsString("two\nlines")).toThrow();
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });

  it("named value references come out literally, and values are XML-escaped", () => {
    const config = goodConfig("flagship");
    const view = { ...callerView(config, config.callers[0]!), backendBaseUrl: "https://x.example/?a=1&b=2" };
    const xml = render("caller.xml", view);
    expect(xml).toContain('client-id="{{tenant1-uami-client-id}}"');
    expect(xml).toContain('base-url="https://x.example/?a=1&amp;b=2"');
  });
});
