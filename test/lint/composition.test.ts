// Lint with the file's parents composed (issue 14 items 2 and 4): variable flow across scopes in pipeline order,
// base-missing against what the parents really have, fragments judged where they land; an APIOps tree and explicit
// parents; the worker path gives the same findings.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { type FileResult, lintFiles } from "../../src/lint/lint-files.js";
import type { Finding } from "../../src/lint/types.js";
import { packageRoot } from "../../src/util/paths.js";
import { tmpTree } from "./tmp-tree.js";

const GLOBAL = `<policies>
  <inbound>
    <set-variable name="fromGlobal" value="g" />
  </inbound>
  <backend><forward-request /></backend>
  <outbound />
  <on-error />
</policies>
`;

/** An API policy: validate-jwt sets "jwt" before <base />, "afterBase" after it, "outVar" in outbound. */
const API = `<policies>
  <inbound>
    <validate-jwt header-name="Authorization" output-token-variable-name="jwt">
      <openid-config url="https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration" />
      <audiences><audience>api://orders</audience></audiences>
    </validate-jwt>
    <base />
    <set-variable name="afterBase" value="1" />
  </inbound>
  <backend><base /></backend>
  <outbound>
    <base />
    <set-variable name="outVar" value="1" />
  </outbound>
  <on-error><base /></on-error>
</policies>
`;

/** The operation reads jwt and afterBase after its <base />, outVar and early before it. */
const OPERATION = `<policies>
  <inbound>
    <set-header name="early" exists-action="override"><value>@((string)context.Variables["afterBase"])</value></set-header>
    <base />
    <set-header name="sub" exists-action="override"><value>@(((Jwt)context.Variables["jwt"]).Subject)</value></set-header>
    <set-header name="b" exists-action="override"><value>@((string)context.Variables["afterBase"] + (string)context.Variables["fromGlobal"])</value></set-header>
    <set-header name="o" exists-action="override"><value>@((string)context.Variables["outVar"])</value></set-header>
  </inbound>
  <backend><base /></backend>
  <outbound><base /></outbound>
  <on-error><base /></on-error>
</policies>
`;

const OP_PATH = "apis/orders/operations/get/policy.xml";
const API_PATH = "apis/orders/policy.xml";

function apiopsTree(files: Record<string, string> = {}): string {
  return tmpTree({ "policy.xml": GLOBAL, [API_PATH]: API, [OP_PATH]: OPERATION, ...files });
}

async function lint(root: string, paths: string[], extra: Parameters<typeof lintFiles>[1] = {}): Promise<FileResult[]> {
  const { results } = await lintFiles(
    paths.map((p) => join(root, p)),
    { cwd: root, ...extra },
  );
  return results;
}

const of = (results: FileResult[], root: string, path: string, rule: string): Finding[] =>
  results.find((r) => r.file === join(root, path))!.findings.filter((f) => f.ruleId === rule);

const lines = (findings: Finding[]): number[] => findings.map((f) => f.line);

describe("variable flow across scopes (APIOps tree)", () => {
  it("a variable set by the API before <base /> reaches the operation is defined there", async () => {
    const root = apiopsTree();
    const results = await lint(root, [OP_PATH]);
    const undefinedReads = of(results, root, OP_PATH, "undefined-variable");
    // jwt (API before <base />), afterBase after the operation's <base /> (line 5) and fromGlobal are defined;
    // afterBase read before <base /> (line 3) and outVar (set in outbound) are not.
    expect(lines(undefinedReads)).toEqual([3, 7]);
    const [early, out] = undefinedReads;
    expect(early!.message).toContain('variable "afterBase" is read before it is set');
    expect(early!.message).toContain(`<set-variable> at ${join(root, API_PATH)}:8 sets it`);
    expect(out!.message).toContain('variable "outVar" is read before it is set');
    expect(out!.message).toContain(`${join(root, API_PATH)}:13`);
  });

  it("the same operation linted alone reports every read (single-file behaviour kept without parents)", async () => {
    const root = tmpTree({ "orders-get.xml": OPERATION });
    const results = await lint(root, ["orders-get.xml"]);
    const found = of(results, root, "orders-get.xml", "undefined-variable");
    expect(lines(found)).toEqual([3, 5, 6, 6, 7]);
    expect(found[0]!.message).toContain("no policy in this document sets it");
  });

  it("a variable the API sets and only the operation reads is not unused in the API", async () => {
    const root = apiopsTree();
    const results = await lint(root, [API_PATH]);
    const unused = of(results, root, API_PATH, "unused-variable");
    // afterBase and jwt are read below; outVar is read by the operation's inbound, which runs before it: unused.
    expect(unused.map((f) => f.message)).toEqual([
      expect.stringContaining(
        'variable "outVar" is set by <set-variable> name but never read in this document nor in the 1 policy that inherits from it',
      ),
    ]);
    expect(lines(unused)).toEqual([13]);
  });

  it("a variable the operation sets before its <base /> and the API reads is not unused in the operation", async () => {
    const api = API.replace(
      '<set-variable name="afterBase" value="1" />',
      '<set-variable name="afterBase" value="@((string)context.Variables[&quot;opFlag&quot;])" />',
    );
    const op = OPERATION.replace("<base />", '<set-variable name="opFlag" value="x" />\n    <base />');
    const opAfter = OPERATION.replace("<base />", '<base />\n    <set-variable name="opFlag" value="x" />');
    for (const [text, expected] of [
      [op, []],
      [opAfter, [5]],
    ] as const) {
      const root = apiopsTree({ [API_PATH]: api, [OP_PATH]: text });
      const results = await lint(root, [OP_PATH]);
      expect(lines(of(results, root, OP_PATH, "unused-variable"))).toEqual(expected);
    }
  });

  it("a variable a fragment sets before the read is defined; the include's fragment is inlined", async () => {
    const root = tmpTree({
      "policy.xml": GLOBAL,
      "policy fragments/set-tenant/policy.xml": '<fragment>\n  <set-variable name="tenant" value="t" />\n</fragment>\n',
      [API_PATH]: `<policies>
  <inbound>
    <base />
    <include-fragment fragment-id="set-tenant" />
    <set-header name="t" exists-action="override"><value>@((string)context.Variables["tenant"])</value></set-header>
    <set-header name="u" exists-action="override"><value>@((string)context.Variables["nobody"])</value></set-header>
  </inbound>
  <backend><base /></backend>
  <outbound><base /></outbound>
  <on-error><base /></on-error>
</policies>
`,
    });
    const results = await lint(root, [API_PATH]);
    const found = of(results, root, API_PATH, "undefined-variable");
    expect(lines(found)).toEqual([6]);
    // The fragment was inlined: not a hint about fragments any more, a warning naming the parents looked at.
    expect(found[0]!.severity).toBe("warn");
    expect(found[0]!.message).toContain(`the scopes it inherits from (${join(root, "policy.xml")})`);
  });
});

describe("variable flow through explicit parents", () => {
  it("reads the API policy named as the operation's parent, and the API knows its child", async () => {
    const root = tmpTree({ "hr_all_operations.xml": API, "hr_get.xml": OPERATION, "global.xml": GLOBAL });
    const parents = { "hr_get.xml": { api: "hr_all_operations.xml", global: "global.xml" } };
    const op = await lint(root, ["hr_get.xml"], { parents, scope: "operation" });
    expect(lines(of(op, root, "hr_get.xml", "undefined-variable"))).toEqual([3, 7]);
    const api = await lint(root, ["hr_all_operations.xml"], { parents, scope: "api" });
    expect(lines(of(api, root, "hr_all_operations.xml", "unused-variable"))).toEqual([13]);
  });

  it("compose: false lints every file alone", async () => {
    const root = apiopsTree();
    const results = await lint(root, [OP_PATH], { compose: false });
    expect(lines(of(results, root, OP_PATH, "undefined-variable"))).toEqual([3, 5, 6, 6, 7]);
  });
});

const EMPTY_SECTIONS_API = `<policies>
  <inbound><base /></inbound>
  <backend><base /></backend>
  <outbound><base /></outbound>
  <on-error><base /></on-error>
</policies>
`;

const OP_NO_BASE_INBOUND = `<policies>
  <inbound>
    <set-header name="x" exists-action="override"><value>1</value></set-header>
  </inbound>
  <backend><base /></backend>
  <outbound><base /></outbound>
  <on-error><base /></on-error>
</policies>
`;

describe("base-missing against what the parents have", () => {
  it("is a hint when the parents have nothing in that section", async () => {
    const global = GLOBAL.replace('<set-variable name="fromGlobal" value="g" />', "");
    const root = tmpTree({ "policy.xml": global, [API_PATH]: EMPTY_SECTIONS_API, [OP_PATH]: OP_NO_BASE_INBOUND });
    const [f, ...rest] = of(await lint(root, [OP_PATH]), root, OP_PATH, "base-missing");
    expect(rest).toEqual([]);
    expect(f!.line).toBe(2);
    expect(f!.severity).toBe("info");
    expect(f!.message).toContain("nothing is dropped today");
  });

  it("names what is dropped when the parents have something", async () => {
    const root = tmpTree({ "policy.xml": GLOBAL, [API_PATH]: EMPTY_SECTIONS_API, [OP_PATH]: OP_NO_BASE_INBOUND });
    const [f] = of(await lint(root, [OP_PATH]), root, OP_PATH, "base-missing");
    expect(f!.severity).toBe("error");
    expect(f!.message).toContain(`<set-variable> (${join(root, "policy.xml")}:3) is dropped`);
  });

  it("stays an error when the global policy is not known (APIM's default only stands in)", async () => {
    const root = tmpTree({ [API_PATH]: EMPTY_SECTIONS_API, [OP_PATH]: OP_NO_BASE_INBOUND });
    const [f] = of(await lint(root, [OP_PATH]), root, OP_PATH, "base-missing");
    expect(f!.severity).toBe("error");
    expect(f!.message).toContain("the chain above is not fully known");
  });

  it("does not judge backend and outbound when the parents' inbound always returns", async () => {
    const api = EMPTY_SECTIONS_API.replace(
      "<inbound><base /></inbound>",
      '<inbound><base /><return-response><set-status code="410" reason="Gone" /></return-response></inbound>',
    );
    const op =
      "<policies>\n  <inbound><base /></inbound>\n  <backend />\n  <outbound />\n  <on-error />\n</policies>\n";
    const root = tmpTree({ "policy.xml": GLOBAL, [API_PATH]: api, [OP_PATH]: op });
    expect(lines(of(await lint(root, [OP_PATH]), root, OP_PATH, "base-missing"))).toEqual([5]);
  });
});

describe("section placement once fragments are inlined", () => {
  it("judges a fragment's policies in the section they land in, at the include", async () => {
    const root = tmpTree({
      "policy.xml": GLOBAL,
      "policy fragments/fwd/policy.xml": "<fragment>\n  <forward-request />\n</fragment>\n",
      [API_PATH]: `<policies>
  <inbound>
    <base />
    <include-fragment fragment-id="fwd" />
  </inbound>
  <backend>
    <include-fragment fragment-id="fwd" />
  </backend>
  <outbound><base /></outbound>
  <on-error><base /></on-error>
</policies>
`,
    });
    const found = of(await lint(root, [API_PATH]), root, API_PATH, "section-placement");
    expect(lines(found)).toEqual([4]);
    expect(found[0]!.message).toContain(
      `fragment 'fwd' puts <forward-request> (${join(root, "policy fragments/fwd/policy.xml")}:2) in <inbound>`,
    );
  });
});

describe("the worker path", () => {
  it("gives the same findings as one thread (built dist)", async (ctx) => {
    const dist = join(packageRoot(), "dist/src/lint/lint-files.js");
    if (!existsSync(join(packageRoot(), "dist/src/lint/lint-worker.js"))) {
      console.log("skipped: dist is not built (npx tsc -p tsconfig.build.json)");
      ctx.skip();
    }
    const built = (await import(pathToFileURL(dist).href)) as typeof import("../../src/lint/lint-files.js");
    const root = apiopsTree({ "apis/other/policy.xml": API, "apis/other/operations/x/policy.xml": OPERATION });
    const paths = [root];
    const one = await built.lintFiles(paths, { cwd: root, workers: 1 });
    const two = await built.lintFiles(paths, { cwd: root, workers: 2 });
    const strip = (rs: FileResult[]) => rs.map((r) => ({ file: r.file, findings: r.findings }));
    expect(strip(two.results)).toEqual(strip(one.results));
    // The cross-scope answers are in both: the operations' reads of jwt are not reported.
    const op = one.results.find((r) => r.file === join(root, OP_PATH))!;
    expect(lines(op.findings.filter((f) => f.ruleId === "undefined-variable"))).toEqual([3, 7]);
  });
});

describe("parents from overrides[].inherits", () => {
  it("composes the operation with the API named in .apimkitrc.json, and the API knows its child", async () => {
    const root = tmpTree({
      ".apimkitrc.json": {
        overrides: [
          {
            files: "apis/hr_get.xml",
            scope: "operation",
            inherits: { api: "apis/hr_all_operations.xml", global: "global.xml" },
          },
        ],
      },
      "apis/hr_all_operations.xml": API,
      "apis/hr_get.xml": OPERATION,
      "global.xml": GLOBAL,
    });
    const results = await lint(root, ["apis"]);
    expect(lines(of(results, root, "apis/hr_get.xml", "undefined-variable"))).toEqual([3, 7]);
    expect(lines(of(results, root, "apis/hr_all_operations.xml", "unused-variable"))).toEqual([13]);
  });
});
