import { describe, expect, it } from "vitest";
import { readTokenValueExpression } from "../../src/token/token-source.js";

describe("readTokenValueExpression", () => {
  it.each([
    [`@(context.Request.Headers.GetValueOrDefault("X-Token",""))`, { where: "header", name: "X-Token" }],
    [`@(context.Request.Headers.GetValueOrDefault("X-Token"))`, { where: "header", name: "X-Token" }],
    [
      `@(context.Request.Headers.GetValueOrDefault("Authorization","").Split(' ').Last())`,
      { where: "header", name: "Authorization", afterLastSpace: true },
    ],
    [
      `@(context.Request.Headers.GetValueOrDefault("Authorization","").Replace("Bearer ", ""))`,
      { where: "header", name: "Authorization", afterLastSpace: true },
    ],
    [`@(context.Request.Url.Query.GetValueOrDefault("access_token", ""))`, { where: "query", name: "access_token" }],
    [`@((string)context.Variables["token"])`, { where: "variable", name: "token" }],
    [`@(context.Variables.GetValueOrDefault<string>("token"))`, { where: "variable", name: "token" }],
  ])("%s", (expr, expected) => {
    expect(readTokenValueExpression(expr)).toEqual(expected);
  });

  it.each([
    `@(context.Request.Headers.GetValueOrDefault("Authorization","").Trim())`,
    `@{ return context.Request.Headers.GetValueOrDefault("X",""); }`,
    `@(context.Request.Body.As<string>())`,
  ])("cannot evaluate %s", (expr) => {
    expect(readTokenValueExpression(expr).where).toBe("unknown");
  });
});

describe("readTokenValueExpression reads the expression as C#, not as text", () => {
  it.each([
    // As written in an APIM `xml`-format export: entities, not raw quotes.
    [
      `@(context.Request.Headers.GetValueOrDefault(&quot;X-Token&quot;,&quot;&quot;))`,
      { where: "header", name: "X-Token" },
    ],
    [
      `@( context.Request.Headers.GetValueOrDefault( "X-Token" /* the token */ ) )`,
      { where: "header", name: "X-Token" },
    ],
    [`@(context.Request.Headers.GetValueOrDefault(@"X-Token", ""))`, { where: "header", name: "X-Token" }],
    [`@((string)(context.Variables["token"]))`, { where: "variable", name: "token" }],
    [
      `@(context.Request.Headers.GetValueOrDefault("Authorization","").Substring(7))`,
      { where: "header", name: "Authorization", afterLastSpace: true },
    ],
  ])("%s", (expr, expected) => {
    expect(readTokenValueExpression(expr)).toEqual(expected);
  });

  it("names the transformation it cannot follow", () => {
    expect(readTokenValueExpression(`@(context.Request.Headers.GetValueOrDefault("Authorization","").Trim())`)).toEqual(
      {
        where: "unknown",
        why: "reads header Authorization then transforms it (.Trim())",
      },
    );
  });

  it.each([
    `@(context.Request.Headers.GetValueOrDefault("X" + "-Token",""))`,
    `@(context.Request.Headers.GetValueOrDefault("X-Token",""`,
    `@(other.Request.Headers.GetValueOrDefault("X-Token",""))`,
  ])("cannot evaluate %s", (expr) => {
    expect(readTokenValueExpression(expr).where).toBe("unknown");
  });
});
