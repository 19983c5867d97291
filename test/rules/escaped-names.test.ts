// C# escapes spell names and strings without their letters (`context.\u0052equest`, `"\x41uthorization"`). The
// rules' word pre-checks read the code's text, so a policy written with escapes must get exactly the findings of
// the same policy written plainly: nothing skipped because the text did not spell a word.
import { describe, expect, it } from "vitest";
import { lintText } from "../../src/lint/index.js";
import { GOOD_CALLER, policy } from "./token-security-support.js";

/** The same code with the names the pre-checks look for spelt through escapes. */
function escaped(xml: string): string {
  return xml
    .replaceAll("context.Request", "context.\\u0052equest")
    .replaceAll(".Variables", ".V\\u0061riables")
    .replaceAll(".LastError", ".L\\u0061stError")
    .replaceAll(".Headers", ".He\\u0061ders")
    .replaceAll(".Body", ".B\\u006Fdy")
    .replaceAll(".StatusCode", ".St\\u0061tusCode")
    .replaceAll(".Url", ".U\\u0072l")
    .replaceAll(".AsJwt", ".AsJw\\U00000074")
    .replaceAll('("Authorization"', '("\\x41uthorization"');
}

const findings = (src: string) =>
  lintText(src, { scope: "api" })
    .findings.map((f) => `${f.ruleId} ${f.line} ${f.message}`)
    .sort();

const AUTH = `context.Request.Headers.GetValueOrDefault("Authorization", "")`;
const CALL = `<send-request mode="new" response-variable-name="r" timeout="10"><set-url>https://svc.example.com/x</set-url><set-method>GET</set-method></send-request>`;
const header = (code: string) =>
  `<set-header name="X-Info" exists-action="override"><value>@(${code})</value></set-header>`;

describe("names and strings spelt with escapes", () => {
  it.each([
    ["secret-leak", "the Authorization header sent back", policy({ outbound: header(AUTH) })],
    [
      "secret-leak",
      "a token in a trace",
      policy({
        inbound: GOOD_CALLER,
        onError: `<trace source="debug"><message>@((string)context.Variables["t2Token"])</message></trace>`,
      }),
    ],
    ["internal-details-exposed", "LastError.Source", policy({ onError: header("context.LastError.Source") })],
    ["internal-details-exposed", "the backend URL", policy({ outbound: header("context.Request.Url.ToString()") })],
    [
      "internal-details-exposed",
      "every request header",
      policy({ outbound: `<set-body>@(JsonConvert.SerializeObject(context.Request.Headers))</set-body>` }),
    ],
    [
      "send-request-unchecked",
      "an unchecked body",
      policy(`${CALL}\n${header(`((IResponse)context.Variables["r"]).Body.As<string>()`)}`),
    ],
    [
      "client-controlled-value",
      "a rate-limit key from a header",
      policy(
        `<rate-limit-by-key calls="10" renewal-period="60" counter-key="@(context.Request.Headers.GetValueOrDefault("X-Caller", ""))" />`,
      ),
    ],
    [
      "jwt-claims-unvalidated",
      "claims of an unvalidated token",
      policy(
        `<choose><when condition="@(${AUTH}.AsJwt()?.Claims.GetValueOrDefault("roles", "") == "admin")"><return-response><set-status code="403" /></return-response></when></choose>`,
      ),
    ],
    ["undefined-variable", "a read of a variable never set", policy(header(`(string)context.Variables["ghost"]`))],
    ["expression-unknown-member", "a member typo", policy(header("context.Request.Heders.Count.ToString()"))],
  ])("%s: %s", (ruleId, _, plain) => {
    const written = escaped(plain);
    expect(written).not.toBe(plain);
    const want = findings(plain);
    expect(want.some((f) => f.startsWith(`${ruleId} `))).toBe(true);
    expect(findings(written)).toEqual(want);
  });

  it("finds a literal secret whose string spells its marker with an escape", () => {
    const jwt = ["eyJhbGciOiJSUzI1NiJ9", "eyJzdWIiOiIxMjM0NTY3ODkwIn0", "c2lnbmF0dXJl"].join(".");
    const plain = policy(`<base />\n${header(`"Bearer ${jwt}"`)}`);
    const want = findings(plain);
    expect(want.some((f) => f.startsWith("hardcoded-secret "))).toBe(true);
    expect(findings(plain.replaceAll("eyJ", "\\x65yJ"))).toEqual(want);
  });

  it("counts a read spelt with escapes as a use of the variable", () => {
    const plain = policy(`<base />\n<set-variable name="a" value="x" />\n${header(`(string)context.Variables["a"]`)}`);
    expect(findings(plain)).toEqual([]);
    expect(findings(escaped(plain))).toEqual([]);
  });
});
