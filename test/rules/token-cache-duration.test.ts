import { describe, expect, it } from "vitest";
import { tokenCacheDuration as rule } from "../../rules/token-cache-duration.js";
import { runRule } from "../support/rule-tester.js";
import { GOOD_CALLER, policy } from "./token-security-support.js";

// GOOD_CALLER stores t2Token on line 21 with a duration of expires_in - 300 read through t2Json.
const withDuration = (duration: string) =>
  policy(GOOD_CALLER.replace(/duration="@\(Math\.Max[^"]*"/, `duration="${duration}"`));
const EXPIRES = `(int)JObject.Parse((string)context.Variables["t2Json"])["expires_in"]`;

describe("token-cache-duration", () => {
  it.each([
    ["a fixed duration under an hour", "3000", "fixed 3000 s"],
    ["a fixed duration of an hour or more", "3600", "longer than the shortest default token lifetime"],
    ["exactly expires_in", `@(${EXPIRES})`, "whole expires_in with no margin"],
    [
      "expires_in read straight from the response",
      `@((int)((IResponse)context.Variables["t2Resp"]).Body.As<JObject>()["expires_in"])`,
      "no margin",
    ],
  ])("reports %s", (_, duration, text) => {
    const findings = runRule(rule, withDuration(duration));
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([["token-cache-duration", 21]]);
    expect(findings[0]!.message).toContain(text);
  });

  it("follows expires_in through a set-variable and finds no margin there", () => {
    const src = policy(
      GOOD_CALLER.replace(/duration="@\(Math\.Max[^"]*"/, `duration="@((int)context.Variables["ttl"])"`).replace(
        "<cache-store-value",
        `<set-variable name="ttl" value="@(${EXPIRES})" />\n<cache-store-value`,
      ),
    );
    expect(runRule(rule, src).map((f) => [f.ruleId, f.line])).toEqual([["token-cache-duration", 22]]);
  });

  it.each([
    ["the reference caller (expires_in - 300)", GOOD_CALLER],
    [
      "a margin computed in a variable",
      GOOD_CALLER.replace(/duration="@\(Math\.Max[^"]*"/, `duration="@((int)context.Variables["ttl"])"`).replace(
        "<cache-store-value",
        `<set-variable name="ttl" value="@(${EXPIRES} - 120)" />\n<cache-store-value`,
      ),
    ],
    ["a Math.Min cap", GOOD_CALLER.replace(/duration="@\(Math\.Max[^"]*"/, `duration="@(Math.Min(3000, ${EXPIRES}))"`)],
    [
      "a fixed duration for something that is not a token",
      `<cache-store-value key="k" value="@(context.Request.Headers.GetValueOrDefault("X-Tier", ""))" duration="3600" />`,
    ],
    [
      "a managed-identity token (APIM caches those itself)",
      `<authentication-managed-identity resource="https://vault.azure.net" output-token-variable-name="mi" />
<cache-store-value key="k" value="@((string)context.Variables["mi"])" duration="3600" />`,
    ],
    [
      "the token response's expires_in stored under a fixed duration (not a token)",
      GOOD_CALLER.replace(
        'value="@((string)context.Variables["t2Token"])"',
        `value="@(((IResponse)context.Variables["t2Resp"]).Body.As<JObject>()["expires_in"].ToString())"`,
      ).replace(/duration="@\(Math\.Max[^"]*"/, `duration="3600"`),
    ],
  ])("accepts %s", (_, inbound) => {
    expect(runRule(rule, policy(inbound))).toEqual([]);
  });
});
