// The first lints of a fresh process run cold (parser, rules and the C# checker not yet compiled by the JIT): 5 to
// 30 times slower than later ones. Once the client is initialised, the server lints a representative policy a few
// times in the background, one lint per event-loop turn (a request or an edit never waits for more than one), so
// the user's first edits get diagnostics at full speed.
import { lintSource, recommendedConfig } from "../lint/engine.js";

const ROUNDS = 25;

const SAMPLE = (i: number) => `<policies>
  <inbound>
    <base />
    <validate-jwt header-name="Authorization" failed-validation-httpcode="401" require-scheme="Bearer">
      <openid-config url="https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0/.well-known/openid-configuration" />
      <audiences><audience>api://backend-${i}</audience></audiences>
      <issuers><issuer>https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0</issuer></issuers>
    </validate-jwt>
    <set-variable name="user${i}" value="@(context.Request.Headers.GetValueOrDefault(&quot;x-user&quot;, &quot;&quot;))" />
    <choose>
      <when condition="@(context.Variables.GetValueOrDefault<string>(&quot;user${i}&quot;) == &quot;a&quot;)">
        <set-header name="x-who" exists-action="override"><value>@((string)context.Variables["user${i}"] + "-" + context.Request.Method)</value></set-header>
      </when>
      <otherwise>
        <return-response><set-status code="403" reason="Forbidden" /></return-response>
      </otherwise>
    </choose>
    <send-request mode="new" response-variable-name="r${i}" timeout="10" ignore-error="false">
      <set-url>@($"https://example.com/{context.Request.MatchedParameters["id"]}")</set-url>
      <set-method>GET</set-method>
    </send-request>
    <set-body>@{ var body = context.Request.Body.As<JObject>(preserveContent: true); body["n"] = ${i}; return body.ToString(); }</set-body>
  </inbound>
  <backend>
    <base />
  </backend>
  <outbound>
    <base />
    <set-header name="x-res" exists-action="delete" />
  </outbound>
  <on-error>
    <base />
  </on-error>
</policies>
`;

/** Starts the warm-up; the returned function stops it (shutdown, or the first real lint when asked to). */
export function warmUp(): () => void {
  let round = 0;
  let timer: NodeJS.Immediate | undefined;
  const step = () => {
    if (round >= ROUNDS) return;
    try {
      lintSource(SAMPLE(round), { file: "warm-up/policy.xml", config: recommendedConfig() });
    } catch {
      return;
    }
    round++;
    timer = setImmediate(step);
  };
  timer = setImmediate(step);
  return () => {
    round = ROUNDS;
    if (timer) clearImmediate(timer);
  };
}
