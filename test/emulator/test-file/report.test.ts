import { describe, expect, it } from "vitest";
import { formatJsonReport } from "../../../src/emulator/test-file/report/json.js";
import { formatJunitReport } from "../../../src/emulator/test-file/report/junit.js";
import { formatStylishReport } from "../../../src/emulator/test-file/report/stylish.js";
import type { ReportInput } from "../../../src/emulator/test-file/report/types.js";
import type { TestResult } from "../../../src/emulator/test-file/runner.js";

const cwd = "/repo";
const results: TestResult[] = [
  {
    file: "/repo/apis/a.apimtest.yaml",
    name: "returns 200",
    status: "passed",
    message: "",
    misses: [],
    assumptions: [],
    durationMs: 3.2,
  },
  {
    file: "/repo/apis/a.apimtest.yaml",
    name: 'wrong <status> & "body"',
    status: "failed",
    message: "status: expected 200, got 401\nbody: not the expected text",
    misses: [
      { key: "status", message: "status: expected 200, got 401" },
      {
        key: "body",
        message: "body: not the expected text",
        diff: "- Expected\n+ Received\n\n- ok\n+ Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln",
      },
    ],
    assumptions: [],
    durationMs: 12,
  },
  {
    file: "/repo/b.apimtest.json",
    name: "sequence",
    status: "failed",
    message:
      "step 2 (after ten minutes): no mock answers the send-request call POST https://login.example/t (add a mock for it)",
    misses: [
      {
        key: "error",
        message: "no mock answers the send-request call POST https://login.example/t (add a mock for it)",
      },
    ],
    failedStep: { index: 2, name: "after ten minutes" },
    assumptions: [],
    durationMs: 1500,
  },
];
const input: ReportInput = { results, durationMs: 1520, cwd };

describe("reports", () => {
  it("json: passed, failed and one entry per test with the file relative to the working folder", () => {
    expect(JSON.parse(formatJsonReport(input))).toEqual({
      passed: 1,
      failed: 2,
      tests: [
        { file: "apis/a.apimtest.yaml", name: "returns 200", status: "passed", message: "" },
        {
          file: "apis/a.apimtest.yaml",
          name: 'wrong <status> & "body"',
          status: "failed",
          message: results[1]!.message,
        },
        { file: "b.apimtest.json", name: "sequence", status: "failed", message: results[2]!.message },
      ],
    });
  });

  it("junit: a suite per file, failures for misses, errors for runs that could not finish, escaped, tokens redacted", () => {
    expect(formatJunitReport(input)).toBe(
      [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<testsuites name="apimkit test" tests="3" failures="1" errors="1" time="1.520">',
        '  <testsuite name="apis/a.apimtest.yaml" tests="2" failures="1" errors="0" time="0.015">',
        '    <testcase name="returns 200" classname="apis/a.apimtest.yaml" time="0.003" />',
        '    <testcase name="wrong &lt;status&gt; &amp; &quot;body&quot;" classname="apis/a.apimtest.yaml" time="0.012">',
        '      <failure message="status: expected 200, got 401" type="ExpectationFailed">status: expected 200, got 401&#10;&#10;body: not the expected text&#10;- Expected&#10;+ Received&#10;&#10;- ok&#10;+ Bearer eyJ…[redacted]</failure>',
        "    </testcase>",
        "  </testsuite>",
        '  <testsuite name="b.apimtest.json" tests="1" failures="0" errors="1" time="1.500">',
        '    <testcase name="sequence" classname="b.apimtest.json" time="1.500">',
        '      <error message="step 2 (after ten minutes): no mock answers the send-request call POST https://login.example/t (add a mock for it)" type="TestError">no mock answers the send-request call POST https://login.example/t (add a mock for it)</error>',
        "    </testcase>",
        "  </testsuite>",
        "</testsuites>",
        "",
      ].join("\n"),
    );
  });

  it("stylish: ✓/✗ per test, the misses and diffs under a failure, the summary and the duration; no colour off a TTY", () => {
    expect(formatStylishReport(input)).toBe(
      [
        " ✓ apis/a.apimtest.yaml > returns 200 3ms",
        ' ✗ apis/a.apimtest.yaml > wrong <status> & "body" 12ms',
        "     → status: expected 200, got 401",
        "     → body: not the expected text",
        "       - Expected",
        "       + Received",
        "       ",
        "       - ok",
        "       + Bearer eyJ…[redacted]",
        " ✗ b.apimtest.json > sequence 1.50s",
        "     → step 2 (after ten minutes): no mock answers the send-request call POST https://login.example/t (add a mock for it)",
        "",
        " Test Files  2 failed (2)",
        "      Tests  1 passed | 2 failed (3)",
        "   Duration  1.52s",
        "",
      ].join("\n"),
    );
  });

  it("stylish: colours only when asked", () => {
    const coloured = formatStylishReport({ results: [results[0]!], durationMs: 3, cwd }, true);
    expect(coloured).toContain("\u001b[32m✓\u001b[0m");
    expect(coloured).toContain("Tests\u001b[0m  \u001b[32m1 passed\u001b[0m (1)");
    expect(formatStylishReport({ results: [results[0]!], durationMs: 3, cwd })).not.toContain("\u001b[");
  });
});
