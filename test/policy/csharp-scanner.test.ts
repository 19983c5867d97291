// The C# expression scanner on its own: where each form ends, what the decoded code is, and why it fails.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ScanResult, scanExpression } from "../../src/policy/csharp-scanner.js";
import { xmlText } from "../../src/policy/entities.js";

/** Scans `text` (which starts with the expression) and returns the matched expression text and code. */
function scan(text: string): ScanResult & { matched?: string } {
  const r = scanExpression(text, 0, { steps: 1_000_000 });
  return r.ok ? { ...r, matched: text.slice(0, r.end) } : r;
}

describe("scanExpression: where the expression ends", () => {
  const cases: [name: string, expression: string][] = [
    ["simple call", "@(context.Request.Method)"],
    ["generics and lambda", '@(context.Request.Headers.Where(h => h.Key == "a").Select(h => h.Value).As<JObject>())'],
    ["comparison operators", "@(1 < 2 && 3 > 2 || a <= b)"],
    ["brackets", '@(context.Variables["a"][0])'],
    ["string with ) and escapes", '@("a)b\\"c)" + "\\\\")'],
    ['verbatim string with "" and backslash', '@(@"C:\\x\\" + @"say ""hi"")")'],
    ["interpolated with nested holes and quotes", '@($"{(a ? "x)" : $"y{b["k"]}z")}")'],
    ["interpolated with escaped braces", '@($"{{not a hole}} {x}")'],
    ["interpolated with a format holding quotes", "@($\"{d:yyyy'T'HH}\")"],
    ["verbatim interpolated $@ and @$", '@($@"a{b}""c" + @$"{c}\\")'],
    ["char literals", "@(new[] { '\"', ')', '\\'', '\\u0041', '(' })"],
    ["raw string", '@("""a "b" ) c""")'],
    ["line comment", "@{ // ) } \n return 1; }"],
    ["block comment", '@{ /* ) } " */ return 1; }'],
    ["block with braces in strings", '@{ var s = "}{"; if (s != null) { return s; } return "{"; }'],
    ["empty strings", '@(a == "" && b == @"")'],
    ["xml-escaped quotes and operators", "@(a == &quot;)&quot; &amp;&amp; b &lt; 2)"],
    ["xml-escaped char literal", "@(c == &apos;)&apos;)"],
    ["numeric references", "@(&#34;)&#34; + &#x22;(&#x22;)"],
  ];

  it.each(cases)("%s", (_name, expression) => {
    const r = scan(`${expression} tail"`);
    expect(r.ok).toBe(true);
    expect(r.matched).toBe(expression);
  });

  it("decodes XML references in the code, and leaves a bare & alone", () => {
    const r = scan("@(a &amp;&amp; b && c == &quot;&lt;&quot; &#65; &unknown;)");
    expect(r.ok && r.code).toBe('a && b && c == "<" A &unknown;');
  });

  it("gives the code between the delimiters of a block", () => {
    const r = scan("@{ return 1; }");
    expect(r.ok && r.code).toBe(" return 1; ");
  });

  it("ends a regular string at the end of its line (as C# does) and records it", () => {
    const r = scan('@{ var s = "abc\n; }');
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.cutLiterals).toEqual([{ at: 11, what: "string" }]);
  });
});

describe("scanExpression: mismatched brackets", () => {
  it("are counted as closing (the scan goes on) and reported", () => {
    const r = scan("@(a[1)] + b)");
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.matched).toBe("@(a[1)]");
      expect(r.mismatches).toEqual([
        { at: 5, found: ")", expected: "]", openedAt: 3 },
        { at: 6, found: "]", expected: ")", openedAt: 1 },
      ]);
    }
  });
});

describe("scanExpression: failures", () => {
  it("reports the innermost open bracket", () => {
    const r = scan("@(a.b(c[1]");
    expect(r).toMatchObject({ ok: false, reason: "unclosed", openAt: 5, open: "'('" });
  });

  it("reports an unclosed verbatim string where it opens", () => {
    const r = scan('@(@"abc');
    expect(r).toMatchObject({ ok: false, reason: "unclosed", openAt: 2, open: "verbatim string" });
  });

  it("reports an unclosed block comment", () => {
    expect(scan("@{ /* x }")).toMatchObject({ ok: false, openAt: 3, open: "comment" });
  });

  it("reports an unclosed interpolation hole", () => {
    expect(scan('@($"a{b')).toMatchObject({ ok: false, open: "interpolation hole '{'" });
  });

  it("stops when the shared step budget runs out", () => {
    const budget = { steps: 10 };
    const r = scanExpression(`@(${"x".repeat(100)})`, 0, budget);
    expect(r).toMatchObject({ ok: false, reason: "budget" });
    expect(budget.steps).toBeLessThanOrEqual(0);
  });

  it("spends one step per character scanned, plain runs included", () => {
    // `@(` is not scanned; every character after it up to and including the closing `)` costs one step.
    for (const body of ["", "x", "abc def", "a(b)c", 'x + "s" + y', "a\n  b // c\n"]) {
      const budget = { steps: 100 };
      expect(scanExpression(`@(${body})`, 0, budget).ok).toBe(true);
      expect(budget.steps).toBe(100 - body.length - 1);
    }
    // A budget of exactly that many steps is enough; one fewer is not.
    expect(scanExpression("@(abcdef)", 0, { steps: 7 }).ok).toBe(true);
    expect(scanExpression("@(abcdef)", 0, { steps: 6 })).toMatchObject({ ok: false, reason: "budget" });
  });

  it("respects the limit", () => {
    const text = "@(abc) and more";
    expect(scanExpression(text, 0, { steps: 1000 }, 4).ok).toBe(false);
    expect(scanExpression(text, 0, { steps: 1000 }, 6).ok).toBe(true);
  });
});

describe("scanExpression: the code", () => {
  it("is the text between the delimiters as an XML reader delivers it (xmlText of the slice)", () => {
    const piece = fc.constantFrom(
      "a",
      " ",
      "(",
      ")",
      "{",
      "}",
      '"',
      "'",
      "&quot;",
      "&amp;",
      "&lt;",
      "&#41;",
      "&#x1F600;",
      "&bad;",
      "&",
      "\r\n",
      "\r",
      "\n",
      "&#13;",
      "$",
      "@",
      "//",
      "/*",
      "*/",
      "é",
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), fc.boolean(), (parts, block) => {
        const text = `${block ? "@{" : "@("}${parts.join("")}${block ? "}" : ")"} tail`;
        const r = scanExpression(text, 0, { steps: 1_000_000 });
        if (!r.ok) return;
        const closer = r.end - (text.slice(0, r.end).endsWith("&#41;") ? 5 : 1);
        expect(r.code).toBe(xmlText(text.slice(2, closer)));
      }),
      { numRuns: 2000 },
    );
  });
});
