import { describe, expect, it } from "vitest";
import { parseExpressionText } from "../../src/policy/csharp/index.js";
import { Placeholders, placeholderPatternProblem } from "../../src/policy/placeholders.js";

const ALL = new Placeholders(["{name}", "#{name}#", "__name__", "$(name)"]);

describe("deploy-time placeholders", () => {
  it.each([
    ["https://login.microsoftonline.com/{tenant-id}/v2.0", ["{tenant-id}"]],
    ["#{jwt.key}#", ["#{jwt.key}#"]],
    ["prefix-__SIGNING_KEY__-suffix", ["__SIGNING_KEY__"]],
    ["$(Build.Secret_1)", ["$(Build.Secret_1)"]],
    ["{a}/{b}", ["{a}", "{b}"]],
    // APIM's named values are never placeholders, also not their inner braces under "{name}".
    ["{{tenant-id}}", []],
    ["https://sts.windows.net/{{t}}/", []],
    ["{{a}}{b}", ["{b}"]],
    // Not the variable part: spaces, empty, other characters.
    ["{not one}", []],
    ["{}", []],
    ["{a/b}", []],
    ["plain text", []],
  ])("%s holds %j", (text, expected) => {
    expect(ALL.find(text).map((m) => m.text)).toEqual(expected);
    expect(ALL.holds(text)).toBe(expected.length > 0);
  });

  it("offsets point into the original text, also after a named value", () => {
    expect(ALL.find("{{nv}}-{x}")).toEqual([{ start: 7, end: 10, text: "{x}" }]);
  });

  it("only the configured patterns count; none by default", () => {
    expect(Placeholders.NONE.holds("{tenant-id}")).toBe(false);
    expect(new Placeholders(["#{name}#"]).holds("{tenant-id}")).toBe(false);
    expect(new Placeholders(["#{name}#"]).holds("#{tenant-id}#")).toBe(true);
    // The literal parts of a pattern are literal, not regular-expression syntax.
    expect(new Placeholders(["$(name)"]).holds("(x)")).toBe(false);
    expect(new Placeholders(["[name]"]).holds("n")).toBe(false);
  });

  it("mask replaces each placeholder and keeps the rest", () => {
    expect(ALL.mask("client_secret=__s__&x={{nv}}", "{{}}")).toBe("client_secret={{}}&x={{nv}}");
    expect(ALL.mask("nothing here")).toBe("nothing here");
  });

  it.each([
    ["{name}", undefined],
    ["#{name}#", undefined],
    ["$" + "{name}", undefined],
    ["{key}", /has no "name"/],
    ["", /has no "name"/],
    ["{name}-{name}", /more than once/],
    ["name", /no delimiters/],
    ["{ name }", /whitespace/],
    ["{{name}}", /named-value syntax/],
  ])("pattern %j: %s", (pattern, problem) => {
    const found = placeholderPatternProblem(pattern);
    if (problem === undefined) expect(found).toBeUndefined();
    else expect(found).toMatch(problem);
  });

  it("count in plain C# string literals, not in an interpolated string's holes", () => {
    const plain = parseExpressionText('"https://login.microsoftonline.com/{tenant-id}/v2.0"');
    expect(ALL.inExpression(plain)).toBe(true);
    expect(ALL.stringLiterals(plain, "?")).toEqual(["https://login.microsoftonline.com/?/v2.0"]);
    const interpolated = parseExpressionText('$"https://login.microsoftonline.com/{tenant}/v2.0"');
    expect(ALL.inExpression(interpolated)).toBe(false);
    // A plain literal inside a hole is a plain literal.
    const nested = parseExpressionText('$"{("__key__")}"');
    expect(ALL.inExpression(nested)).toBe(true);
  });
});
