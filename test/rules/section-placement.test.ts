import { describe, expect, it } from "vitest";
import { sectionPlacement } from "../../rules/section-placement.js";
import { runRule } from "../support/rule-tester.js";

const run = (src: string) => runRule(sectionPlacement, src).map((f) => [f.ruleId, f.line, f.column]);

describe("section-placement", () => {
  it("reports validate-jwt outside inbound and forward-request outside backend", () => {
    const src = `<policies>
  <inbound>
    <forward-request />
  </inbound>
  <outbound>
    <validate-jwt header-name="Authorization" />
  </outbound>
</policies>`;
    const findings = runRule(sectionPlacement, src);
    expect(findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([
      ["section-placement", 3, 5],
      ["section-placement", 6, 5],
    ]);
    expect(findings[0]!.message).toBe(
      "<forward-request> is not allowed in <inbound>: APIM accepts it only in <backend>",
    );
    expect(findings[1]!.message).toBe("<validate-jwt> is not allowed in <outbound>: APIM accepts it only in <inbound>");
  });

  it("sees through choose/when/otherwise and retry nesting", () => {
    const src = `<policies>
  <backend>
    <choose>
      <when condition="@(true)">
        <retry condition="@(false)" count="1" interval="1">
          <rewrite-uri template="/x" />
        </retry>
      </when>
      <otherwise>
        <choose><when condition="@(true)"><validate-jwt header-name="a" /></when></choose>
      </otherwise>
    </choose>
  </backend>
</policies>`;
    const findings = runRule(sectionPlacement, src);
    expect(findings.map((f) => [f.line, f.column])).toEqual([
      [6, 11],
      [10, 43],
    ]);
    expect(findings[0]!.message).toContain("<rewrite-uri> is not allowed in <backend> (inside <retry>)");
  });

  it("reports a policy outside any section", () => {
    expect(run('<policies>\n  <set-variable name="a" value="1" />\n</policies>')).toEqual([
      ["section-placement", 2, 3],
    ]);
  });

  it("does not judge children of send-request or return-response as statements", () => {
    const src = `<policies><outbound>
  <send-request mode="new" response-variable-name="r"><set-url>https://x</set-url><set-method>GET</set-method><authentication-managed-identity resource="x" /></send-request>
  <return-response><set-header name="a" exists-action="delete" /><set-body>x</set-body></return-response>
</outbound><on-error><return-response><set-body>x</set-body></return-response></on-error></policies>`;
    expect(run(src)).toEqual([]);
  });

  it("does not judge policies in a fragment (no section is known)", () => {
    expect(run('<fragment><validate-jwt header-name="a" /><forward-request /></fragment>')).toEqual([]);
  });

  it("passes policies in their allowed sections", () => {
    const src = `<policies>
  <inbound><base /><validate-jwt header-name="a" /><rewrite-uri template="/x" /><set-backend-service base-url="https://x" /></inbound>
  <backend><forward-request /></backend>
  <outbound><base /><set-body>x</set-body></outbound>
  <on-error><base /><set-header name="a" exists-action="delete" /></on-error>
</policies>`;
    expect(run(src)).toEqual([]);
  });
});
