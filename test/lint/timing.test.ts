import { describe, expect, it } from "vitest";
import { addTime, timingTable } from "../../src/lint/timing.js";

describe("APIMKIT_TIMING table", () => {
  it("lists rules by time spent, with their share", () => {
    addTime("slow-rule", 30);
    addTime("fast-rule", 10);
    addTime("slow-rule", 30);
    expect(timingTable().split("\n").slice(0, 4)).toEqual([
      "Rule      | Time (ms) | Relative",
      "----------|-----------|---------",
      "slow-rule |      60.0 |    85.7%",
      "fast-rule |      10.0 |    14.3%",
    ]);
  });
});
