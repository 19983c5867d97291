import { describe, expect, it } from "vitest";
import { hardcodedSecret as rule } from "../../rules/hardcoded-secret.js";
import { runRule } from "../support/rule-tester.js";
import { expectAt, GOOD_CALLER, policy } from "./token-security-support.js";

// Built at run time so the repository holds no secret-looking literal outside the policies under test.
const JWT = ["eyJhbGciOiJSUzI1NiJ9", "eyJzdWIiOiIxMjM0NTY3ODkwIn0", "c2lnbmF0dXJl"].join(".");

describe("hardcoded-secret", () => {
  it("accepts named values and expressions that read them", () => {
    expect(runRule(rule, policy(GOOD_CALLER))).toEqual([]);
    const src = policy(`<authentication-basic username="svc" password="{{svc-password}}" />
<set-header name="Ocp-Apim-Subscription-Key"><value>{{backend-key}}</value></set-header>
<set-body>@("client_id=x&amp;client_secret=" + "{{secret}}" + "&amp;grant_type=client_credentials")</set-body>
<send-request response-variable-name="r" timeout="5"><set-url>https://login.microsoftonline.com/{{tid}}/oauth2/v2.0/token</set-url><set-method>POST</set-method>
<set-body>client_id={{cid}}&amp;client_secret={{secret}}&amp;grant_type=client_credentials</set-body></send-request>
<set-header name="x-functions-key" exists-action="delete" />
<authentication-basic username="$1" password="$2" />
<authentication-basic username="svc" password="\${2:password}" />
<set-variable name="clientSecret" value="{{client-secret}}" />
<set-variable name="passwordHint" value="none" />`);
    expect(runRule(rule, src)).toEqual([]);
  });

  it("reports literal client secrets, passwords, JWTs, SAS signatures and keys, without printing them", () => {
    const src =
      policy(`<set-body>client_id=abc&amp;client_secret=Zx8Q~verysecretvalue&amp;grant_type=client_credentials</set-body>
<authentication-basic username="svc" password="P@ssw0rd!" />
<set-header name="Authorization"><value>@("Bearer ${JWT}")</value></set-header>
<set-backend-service base-url="https://acct.blob.core.windows.net/c?sv=2022-11-02&amp;sig=abcdefghijklmnop1234567890%3D" />
<set-header name="x-functions-key"><value>QmFzZTY0RnVuY3Rpb25LZXlWYWx1ZQ==</value></set-header>
<set-header name="Authorization"><value>Basic dXNlcjpwYXNzd29yZA==</value></set-header>
<set-variable name="clientSecret" value="Qx8~abcdefghijkl" />`);
    const findings = runRule(rule, src);
    expectAt(findings, [
      ["hardcoded-secret", 3, 11],
      ["hardcoded-secret", 4, 48],
      ["hardcoded-secret", 5, 41],
      ["hardcoded-secret", 6, 32],
      ["hardcoded-secret", 7, 43],
      ["hardcoded-secret", 8, 41],
      ["hardcoded-secret", 9, 42],
    ]);
    const text = findings.map((f) => f.message).join("\n");
    for (const secret of [
      "verysecretvalue",
      "P@ssw0rd",
      JWT.slice(0, 12),
      "abcdefghijklmnop",
      "QmFzZTY0",
      "dXNlcjpw",
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(findings[0]!.message).toContain("a literal client_secret in the policy");
  });
});
