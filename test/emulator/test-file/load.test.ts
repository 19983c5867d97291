import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTestFile, parseTestFile, TestFileError } from "../../../src/emulator/test-file/load.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/apimtest");
const RES = join(FIXTURES, "resources");
const yamlFile = join(RES, "inline.apimtest.yaml");
const jsonFile = join(RES, "inline.apimtest.json");

function problems(text: string, file: string): string[] {
  try {
    parseTestFile(text, file);
  } catch (err) {
    if (!(err instanceof TestFileError)) throw err;
    return err.problems.map((p) => `${p.line}:${p.column}: ${p.path}: ${p.message}`);
  }
  throw new Error("expected the file to be refused");
}

const head = "policy: policy.xml\ntests:\n  - name: t\n";

describe("test file problems: file:line:column, the key, what was expected", () => {
  it.each([
    [
      "an unknown key, with a did-you-mean",
      `${head}    requst: { url: https://h/x }\n`,
      ['4:5: tests[0].requst: unknown key: did you mean "request"?'],
    ],
    [
      "a string where an integer is expected",
      `${head}    request: { url: https://h/x }\n    expect: { status: "200" }\n`,
      ['5:23: tests[0].expect.status: must be an integer, got "200"'],
    ],
    [
      "a status out of range",
      `${head}    request: { url: https://h/x }\n    expect: { status: 42 }\n`,
      ["5:23: tests[0].expect.status: must be >= 100, got number 42"],
    ],
    [
      "a header value that is a number",
      `${head}    request: { url: https://h/x, headers: { A: 1 } }\n`,
      ["4:48: tests[0].request.headers.A: must be a string or a list, got number 1"],
    ],
    [
      "a missing url (points at the request)",
      `${head}    request: { method: GET }\n`,
      ["4:14: tests[0].request.url: is required (Absolute URL as the client calls it)"],
    ],
    [
      "neither request nor steps (points at the test)",
      `${head}    expect: { status: 200 }\n`,
      ["3:5: tests[0].request: is required (or steps: a sequence of requests)"],
    ],
    [
      "a test with steps and its own request",
      `${head}    request: { url: https://h/x }\n    steps:\n      - request: { url: https://h/y }\n`,
      ["4:14: tests[0].request: a test with steps has no request of its own (put it in each step)"],
    ],
    [
      "a malformed duration",
      `${head}    steps:\n      - { advance: 10m, request: { url: https://h/y } }\n`,
      ['5:20: tests[0].steps[0].advance: must be an ISO 8601 duration such as PT10M, PT1H30M, PT90S or P1D, got "10m"'],
    ],
    [
      "months are refused",
      `${head}    steps:\n      - { advance: P1M, request: { url: https://h/y } }\n`,
      [
        '5:20: tests[0].steps[0].advance: must be an ISO 8601 duration such as PT10M, PT1H30M, PT90S or P1D; years and months have no fixed length (write days: P30D), got "P1M"',
      ],
    ],
    [
      "a clock without a zone",
      `${head}    clock: 2026-06-01T12:00:00\n    request: { url: https://h/x }\n`,
      [
        '4:12: tests[0].clock: must be an ISO 8601 instant with a zone, e.g. "2026-06-01T12:00:00Z" or "2026-06-01T14:00:00+02:00", got "2026-06-01T12:00:00"',
      ],
    ],
    [
      "a clock that is not a real date",
      `${head}    clock: "2026-02-30T12:00:00Z"\n    request: { url: https://h/x }\n`,
      [
        '4:12: tests[0].clock: must be an ISO 8601 instant with a zone, e.g. "2026-06-01T12:00:00Z" or "2026-06-01T14:00:00+02:00"; "2026-02-30T12:00:00Z" is not a real date and time',
      ],
    ],
    [
      "two tests with one name",
      `${head}    request: { url: https://h/x }\n  - name: t\n    request: { url: https://h/x }\n`,
      ['5:11: tests[1].name: "t" is also the name of tests[0]'],
    ],
    [
      "a missing policy file",
      "policy: nope.xml\ntests:\n  - { name: t, request: { url: https://h/x } }\n",
      [`1:9: policy: ${join(RES, "nope.xml")}: no such file (expected a policy document)`],
    ],
    [
      "a missing fragments folder",
      "policy: policy.xml\nfragments: frags\ntests:\n  - { name: t, request: { url: https://h/x } }\n",
      [`2:12: fragments: ${join(RES, "frags")}: no such folder (expected a folder of <fragment-id>.xml files)`],
    ],
    [
      "a relative request URL",
      `${head}    request: { url: /orders }\n`,
      [
        '4:21: tests[0].request.url: must be an absolute http(s) URL such as https://apim.example/orders?id=1, got "/orders"',
      ],
    ],
    ["an empty file", "# nothing yet\n", ["1:1: : the file is empty (expected policy: and tests:)"]],
    ["a list instead of a mapping", "- policy.xml\n", ["1:1: : must be a mapping (key: value), got a list"]],
    ["no tests", "policy: policy.xml\ntests: []\n", ["2:8: tests: must have at least 1 item"]],
    ["a key written twice", "policy: policy.xml\npolicy: p.xml\n", ["2:1: : invalid YAML: Map keys must be unique"]],
    [
      "YAML that does not parse",
      "policy: [\n",
      ["2:1: : invalid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]"],
    ],
  ])("YAML: %s", (_what, text, expected) => {
    const got = problems(text, yamlFile);
    expect(got.map((g) => g.slice(0, expected[0]!.length))).toEqual(expected);
  });

  it.each([
    [
      "an unknown key",
      '{\n  "policy": "policy.xml",\n  "tests": [{ "name": "t", "request": { "url": "https://h/x", "methd": "GET" } }]\n}\n',
      ['3:63: tests[0].request.methd: unknown key: did you mean "method"?'],
    ],
    [
      "a wrong type",
      '{\n  "policy": "policy.xml",\n  "tests": [\n    { "name": 7, "request": { "url": "https://h/x" } }\n  ]\n}\n',
      ["4:15: tests[0].name: must be a string, got number 7"],
    ],
    [
      "a syntax error",
      '{\n  "policy": "policy.xml",\n}\n',
      ['3:1: : invalid JSON: expected a property name in double quotes, found "}"'],
    ],
    [
      "a key written twice",
      '{\n  "policy": "policy.xml",\n  "policy": "p.xml"\n}\n',
      ["3:3: policy: key written twice (JSON keeps only the last one)"],
    ],
    [
      "a bad advance in a step",
      '{"policy": "policy.xml", "tests": [{"name": "t",\n "steps": [{"advance": "PT", "request": {"url": "https://h/x"}}]}]}',
      ["2:24: tests[0].steps[0].advance: must be an ISO 8601 duration"],
    ],
  ])("JSON: %s", (_what, text, expected) => {
    const got = problems(text, jsonFile);
    expect(got.map((g) => g.slice(0, expected[0]!.length))).toEqual(expected);
  });

  it("reports every problem of a file at once, in file order", () => {
    const err = (() => {
      try {
        loadTestFile(join(FIXTURES, "bad/typo.apimtest.yaml"));
      } catch (e) {
        return e as TestFileError;
      }
    })();
    expect(err).toBeInstanceOf(TestFileError);
    expect(err!.message.split("\n")).toEqual([
      `${join(FIXTURES, "bad/typo.apimtest.yaml")}:6:7: tests[0].expect.stauts: unknown key: did you mean "status"? (allowed here: status, reason, headers, body, bodyContains, backend, requests, variables, lastError, traces, eventhub, metrics)`,
      `${join(FIXTURES, "bad/typo.apimtest.yaml")}:9:23: tests[1].expect.status: must be an integer, got "200"`,
    ]);
  });
});

describe("loading what a test file names", () => {
  it("reads the policy, scopes, a flat fragments folder and generate's named-values array", () => {
    const loaded = loadTestFile(join(RES, "resources.apimtest.yaml"));
    expect(loaded.policy.file).toBe(join(RES, "policy.xml"));
    expect(loaded.policy.text).toContain("{{api-name}}");
    expect(loaded.scopes.global?.file).toBe(join(RES, "global.xml"));
    expect(Object.keys(loaded.fragments)).toEqual(["add-id"]);
    expect(loaded.namedValues).toEqual({
      "api-name": "orders",
      "t2-tenant-id": "11111111-2222-3333-4444-555555555555",
    });
    expect(loaded.tests).toHaveLength(1);
    expect(loaded.tests[0]!.steps[0]!.request.url).toBe("https://host/orders");
  });

  it.each([
    ["a {name: value} file", "namedValues: named-values-map.json", { "api-name": "inventory" }],
    ["an inline map", "namedValues: { api-name: inline }", { "api-name": "inline" }],
    // The secret has no value in the folder: left out, so a policy using it fails naming it.
    [
      "an APIOps 'named values' folder",
      'namedValues: "apiops/named values"',
      { "backend-url": "https://backend.example" },
    ],
  ])("named values from %s", (_what, line, expected) => {
    const loaded = parseTestFile(
      `policy: policy.xml\n${line}\ntests:\n  - { name: t, request: { url: https://h/x } }\n`,
      yamlFile,
    );
    expect(loaded.namedValues).toEqual(expected);
  });

  it("reads an APIOps 'policy fragments' folder (<id>/policy.xml)", () => {
    const loaded = parseTestFile(
      'policy: policy.xml\nfragments: "apiops/policy fragments"\ntests:\n  - { name: t, request: { url: https://h/x } }\n',
      yamlFile,
    );
    expect(Object.keys(loaded.fragments)).toEqual(["cors-fragment"]);
    expect(loaded.fragments["cors-fragment"]!.file).toBe(join(RES, "apiops/policy fragments/cors-fragment/policy.xml"));
  });

  it("gives each step the layers it inherits: context broadest first, mocks narrowest first", () => {
    const loaded = parseTestFile(
      [
        "policy: policy.xml",
        "context: { api: { name: file } }",
        "mocks: { backend: { status: 201 } }",
        "tests:",
        "  - name: seq",
        '    clock: "2026-06-01T12:00:00Z"',
        "    context: { api: { id: test } }",
        "    mocks: { managedIdentity: tok }",
        "    steps:",
        "      - { request: { url: https://h/a } }",
        "      - { advance: PT10M, request: { url: https://h/b }, mocks: { http: [] }, context: { x: 1 } }",
      ].join("\n"),
      yamlFile,
    );
    const [test] = loaded.tests;
    expect(test!.clock).toBe(Date.UTC(2026, 5, 1, 12));
    expect(test!.sequence).toBe(true);
    expect(test!.steps.map((s) => s.advance)).toEqual([0, 600_000]);
    expect(test!.steps[1]!.context).toEqual([{ api: { name: "file" } }, { api: { id: "test" } }, { x: 1 }]);
    expect(test!.steps[1]!.mocks).toEqual([{ http: [] }, { managedIdentity: "tok" }, { backend: { status: 201 } }]);
  });
});
