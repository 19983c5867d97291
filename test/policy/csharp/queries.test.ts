// Tree queries over expressions: what they find, with offsets of the original text.
import { describe, expect, it } from "vitest";
import { parseExpressionText } from "../../../src/policy/csharp/index.js";
import {
  headerReads,
  memberChains,
  names,
  stringIndexers,
  stringLiterals,
  variableUses,
} from "../../../src/policy/csharp/queries.js";

const p = parseExpressionText;

describe("variableUses", () => {
  it.each([
    ['@(context.Variables["a"])', [["a", "indexer", undefined, 'context.Variables["a"]']]],
    [
      '@(context.Variables.GetValueOrDefault<string>("b", ""))',
      [["b", "method", "GetValueOrDefault", 'context.Variables.GetValueOrDefault<string>("b"']],
    ],
    ['@(context.Variables.ContainsKey("c"))', [["c", "method", "ContainsKey", 'context.Variables.ContainsKey("c"']]],
    [
      '@{ object v; context.Variables.TryGetValue("d", out v); return v; }',
      [["d", "method", "TryGetValue", 'context.Variables.TryGetValue("d"']],
    ],
    [
      '@((string)context.Variables["a"] + context.Variables["b"])',
      [
        ["a", "indexer", undefined, 'context.Variables["a"]'],
        ["b", "indexer", undefined, 'context.Variables["b"]'],
      ],
    ],
  ])("%s", (text, expected) => {
    const uses = variableUses(p(text));
    // Each read spans from its `context` to its `]` or to the end of its key.
    expect(uses.reads.map((r) => [r.name, r.kind, r.method, text.slice(r.start, r.end)])).toEqual(expected);
    expect(uses.dynamic).toEqual([]);
  });

  it.each([
    ["@(context.Variables[name])", 1],
    ['@(context.Variables["a" + x])', 1],
    ['@(context.Variables[$"a{x}"])', 1],
    ["@(context.Variables.Keys.Count)", 1],
    ['@(string.Join(",", context.Variables))', 1],
    ["@(context.Variables.TryGetValue(out var v))", 1],
  ])("%s is a dynamic use", (text, n) => {
    const uses = variableUses(p(text));
    expect(uses.reads).toEqual([]);
    expect(uses.dynamic).toHaveLength(n);
  });

  it.each([
    ['@(other.context.Variables["a"])'],
    ['@("context.Variables[\\"a\\"]")'],
    ['@(/* context.Variables["a"] */ 1)'],
    ['@(@"context.Variables[""a""]")'],
  ])("%s is no use of context.Variables", (text) => {
    expect(variableUses(p(text))).toEqual({ reads: [], dynamic: [] });
  });

  it("finds reads inside interpolation holes and lambdas", () => {
    const uses = variableUses(p('@($"{context.Variables["a"]}" + list.Select(x => context.Variables["b"]).First())'));
    expect(uses.reads.map((r) => r.name)).toEqual(["a", "b"]);
  });
});

describe("variableUses: the forms the token scans handled", () => {
  it.each([
    ['@(context . Variables [ @"token" ])', "token", "indexer"],
    ['@($"Bearer {context.Variables["token"]}")', "token", "indexer"],
    [
      '@(context.Variables.GetValueOrDefault<Dictionary<string, List<Tuple<int, string, string, string>>>>("token", null))',
      "token",
      "method",
    ],
    ['@(context.Variables.GetValueOrDefault("token"))', "token", "method"],
  ])("%s", (text, name, kind) => {
    const uses = variableUses(p(text));
    expect(uses.dynamic).toEqual([]);
    expect(uses.reads.map((r) => [r.name, r.kind])).toEqual([[name, kind]]);
  });
});

describe("string queries", () => {
  it("stringLiterals: decoded values, interpolated strings by their literal parts", () => {
    expect(stringLiterals(p('@("https://" + host + @"/to""ken" + $"a{x["k"]}b")'))).toEqual([
      "https://",
      '/to"ken',
      "ab",
      "k",
    ]);
  });

  it("stringIndexers: constant keys in source order, outer after inner", () => {
    expect(stringIndexers(p('@(((JObject)r)["access_token"]["x"].ToString() + m[i])'))).toEqual(["access_token", "x"]);
  });

  it("headerReads: indexer, GetValueOrDefault and TryGetValue; not ContainsKey", () => {
    const parsed = p(
      '@(context.Request.Headers["Authorization"][0] + context.Request.Headers.GetValueOrDefault("X-Key", "") + context.Request.Headers.ContainsKey("Y"))',
    );
    expect(headerReads(parsed)).toEqual(["authorization", "x-key"]);
  });
});

describe("name queries", () => {
  it("memberChains: chains rooted at a simple name, the outermost access only", () => {
    expect(memberChains(p("@(context.LastError.Message + f(a.b).c + new System.Random().Next())"))).toEqual([
      ["context", "LastError", "Message"],
      ["a", "b"],
    ]);
  });

  it("names: simple names and member names", () => {
    expect([...names(p("@(((IResponse)r).StatusCode == 200 && r.Body != null)"))].sort()).toEqual([
      "Body",
      "StatusCode",
      "r",
    ]);
  });
});
