import { describe, expect, it } from "vitest";
import { variableReadsInCode, variableReadsInLiquid } from "../../../src/lint/analysis/variable-access.js";

describe("variableReadsInCode", () => {
  it.each([
    ['(string)context.Variables["token"]', "token", "indexer", undefined],
    ['context.Variables.GetValueOrDefault<string>("token", "")', "token", "method", "GetValueOrDefault"],
    [
      'context.Variables.GetValueOrDefault<Dictionary<string, List<int>>>("token")',
      "token",
      "method",
      "GetValueOrDefault",
    ],
    ['context.Variables.GetValueOrDefault("token")', "token", "method", "GetValueOrDefault"],
    ['!context.Variables.ContainsKey("token")', "token", "method", "ContainsKey"],
    ['context.Variables.TryGetValue("token", out var v)', "token", "method", "TryGetValue"],
    ['context . Variables [ @"token" ]', "token", "indexer", undefined],
    ['$"Bearer {context.Variables["token"]}"', "token", "indexer", undefined],
  ])("finds the read in %s", (code, name, kind, method) => {
    const { reads, dynamic } = variableReadsInCode(code);
    expect(dynamic).toEqual([]);
    expect(reads).toHaveLength(1);
    expect(reads[0]).toMatchObject({ name, kind });
    expect(reads[0]!.method).toBe(method);
    // The range covers the access from `context`.
    expect(code.slice(reads[0]!.start, reads[0]!.end)).toMatch(/^context/);
  });

  it.each([
    "context.Variables[name]",
    'context.Variables[$"k{i}"]',
    "context.Variables.Keys",
    "context.Variables.Count",
    "Helper(context.Variables)",
  ])("marks %s as a dynamic use", (code) => {
    const { reads, dynamic } = variableReadsInCode(code);
    expect(reads).toEqual([]);
    expect(dynamic).toHaveLength(1);
  });

  it("ignores mentions inside strings and comments, and other objects' Variables", () => {
    const code =
      '"context.Variables[\\"a\\"]" /* context.Variables["b"] */ // context.Variables["c"]\n other.context.Variables["d"]';
    expect(variableReadsInCode(code)).toEqual({ reads: [], dynamic: [] });
  });

  it("reads a key behind generic arguments longer than the tokens made near each access", () => {
    const code =
      'context.Variables.GetValueOrDefault<Dictionary<string, List<Tuple<int, string, string, string>>>>("deep", null) + context.Variables["b"]';
    expect(variableReadsInCode(code).reads.map((r) => [r.name, r.method])).toEqual([
      ["deep", "GetValueOrDefault"],
      ["b", undefined],
    ]);
  });

  it("finds several reads in order", () => {
    const code = '(string)context.Variables["a"] + context.Variables.GetValueOrDefault<string>("b")';
    expect(variableReadsInCode(code).reads.map((r) => r.name)).toEqual(["a", "b"]);
  });
});

describe("variableReadsInLiquid", () => {
  it("finds indexer and member reads", () => {
    const text = `{%- assign vars = context.Variables["jsonResponse"] -%} {{context.Variables['b']}} {{context.Variables.c}}`;
    expect(variableReadsInLiquid(text).reads.map((r) => r.name)).toEqual(["jsonResponse", "b", "c"]);
  });

  it("marks a bare context.Variables as dynamic", () => {
    expect(variableReadsInLiquid("{% for v in context.Variables %}").dynamic).toHaveLength(1);
  });
});
