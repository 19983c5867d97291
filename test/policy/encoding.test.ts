import { describe, expect, it } from "vitest";
import { decodePolicyBytes } from "../../src/policy/encoding.js";
import { parsePolicy } from "../../src/policy/parser.js";

const xml = '<policies><inbound><set-variable name="é" value="@("ü")" /></inbound></policies>';

describe("decodePolicyBytes", () => {
  it("reads UTF-8 and keeps its BOM for the parser", () => {
    const withBom = decodePolicyBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(xml, "utf8")]));
    const doc = parsePolicy(withBom);
    expect(doc.bom).toBe(true);
    expect(doc.source).toBe(xml);
    expect(decodePolicyBytes(Buffer.from(xml, "utf8"))).toBe(xml);
  });

  it("reads UTF-16 LE and BE files with a BOM", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml, "utf16le")]);
    const be = Buffer.from(le);
    be.swap16();
    for (const bytes of [le, be]) {
      const doc = parsePolicy(decodePolicyBytes(bytes));
      expect(doc.diagnostics).toEqual([]);
      expect(doc.source).toBe(xml);
      expect(doc.root?.children[0]?.type).toBe("element");
    }
  });
});
