import { describe, expect, it } from "vitest";
import { variableReadsInLiquid } from "../../../src/lint/analysis/liquid-reads.js";

describe("variableReadsInLiquid", () => {
  it("finds indexer and member reads", () => {
    const text = `{%- assign vars = context.Variables["jsonResponse"] -%} {{context.Variables['b']}} {{context.Variables.c}}`;
    expect(variableReadsInLiquid(text).reads.map((r) => r.name)).toEqual(["jsonResponse", "b", "c"]);
  });

  it("marks a bare context.Variables as dynamic", () => {
    expect(variableReadsInLiquid("{% for v in context.Variables %}").dynamic).toHaveLength(1);
  });
});
