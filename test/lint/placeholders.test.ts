import { describe, expect, it } from "vitest";
import { type LintFilesOptions, lintFiles } from "../../src/lint/lint-files.js";
import { runCli } from "../support/run-cli.js";
import { tmpTree } from "./tmp-tree.js";

// What a Bicep deployment fills with replace(loadTextContent('provider.xml'), '{tenant-id}', tenant().tenantId).
const BICEP_PROVIDER = `<policies>
  <inbound>
    <validate-jwt header-name="Authorization" failed-validation-httpcode="401">
      <openid-config url="https://login.microsoftonline.com/{tenant-id}/v2.0/.well-known/openid-configuration" />
      <audiences><audience>api://{api-app-id}</audience></audiences>
      <issuers><issuer>https://login.microsoftonline.com/{tenant-id}/v2.0</issuer></issuers>
      <required-claims><claim name="azpacr" match="any"><value>2</value></claim></required-claims>
    </validate-jwt>
    <validate-azure-ad-token tenant-id="{tenant-id}">
      <client-application-ids><application-id>{client-id}</application-id></client-application-ids>
    </validate-azure-ad-token>
    <base />
  </inbound>
  <backend><base /></backend>
  <outbound><base /></outbound>
  <on-error><base /></on-error>
</policies>`;

// What a pipeline's token replacement fills (#{key}#, __key__, $(key)).
const SCRIPT_FILLED = `<policies>
  <inbound>
    <base />
    <validate-jwt header-name="Authorization">
      <issuer-signing-keys><key>#{jwt_signing_key}#</key></issuer-signing-keys>
      <issuers><issuer>https://issuer.example.com/</issuer></issuers>
      <audiences><audience>api://app</audience></audiences>
    </validate-jwt>
    <authentication-basic username="svc" password="__backend_password__" />
    <set-header name="x-functions-key" exists-action="override"><value>$(functions.key)</value></set-header>
    <set-variable name="client-secret" value="#{client_secret}#" />
    <send-request mode="new" response-variable-name="r" timeout="20">
      <set-url>@("https://login.microsoftonline.com/t/oauth2/v2.0/token?client_secret=__secret__")</set-url>
      <set-method>POST</set-method>
    </send-request>
  </inbound>
  <backend><base /></backend>
  <outbound><base /></outbound>
  <on-error><base /></on-error>
</policies>`;

const ALL = ["{name}", "#{name}#", "__name__", "$(name)"];

async function lint(files: Record<string, string | object>, options: LintFilesOptions = {}) {
  const root = tmpTree(files);
  const { results } = await lintFiles(["."], { cwd: root, ...options });
  return results
    .flatMap((r) => r.findings.map((f) => ({ file: r.file.slice(root.length + 1), rule: f.ruleId, line: f.line })))
    .filter((f) => f.rule !== "named-value-undefined");
}

const config = (placeholders?: string[]) => ({ root: true, ...(placeholders ? { placeholders } : {}) });

describe("deploy-time placeholders in lint", () => {
  it("Bicep: without placeholders the {tenant-id} issuer is malformed; with them it is well-formed, tenant unknown", async () => {
    const before = await lint({ ".apimkitrc.json": config(), "provider.xml": BICEP_PROVIDER });
    expect(before.filter((f) => f.rule === "jwt-issuer-format").map((f) => f.line)).toEqual([6, 9]);

    const after = await lint({ ".apimkitrc.json": config(["{name}"]), "provider.xml": BICEP_PROVIDER });
    expect(after.filter((f) => f.rule.startsWith("jwt-issuer"))).toEqual([]);
  });

  it("a placeholder tenant still leaves the issuer's literal form judged (a v2 issuer with a trailing slash)", async () => {
    const slash = BICEP_PROVIDER.replace("{tenant-id}/v2.0</issuer>", "{tenant-id}/v2.0/</issuer>");
    const found = await lint({ ".apimkitrc.json": config(["{name}"]), "provider.xml": slash });
    expect(found.filter((f) => f.rule === "jwt-issuer-format").map((f) => f.line)).toEqual([6]);
  });

  it("a placeholder after the tenant leaves the issuer's form unknown", async () => {
    const unknownTail = BICEP_PROVIDER.replace("{tenant-id}/v2.0</issuer>", "{tenant-id}/{issuer-suffix}</issuer>");
    const found = await lint({ ".apimkitrc.json": config(["{name}"]), "provider.xml": unknownTail });
    expect(found.filter((f) => f.rule === "jwt-issuer-format")).toEqual([]);
  });

  it("script placeholders (#{key}#, __key__, $(key)) are not literal secrets or keys", async () => {
    const before = await lint({ ".apimkitrc.json": config(), "p.xml": SCRIPT_FILLED });
    expect(before.filter((f) => f.rule === "hardcoded-secret").map((f) => f.line)).toEqual([9, 10, 11, 13]);
    expect(before.filter((f) => f.rule === "jwt-unsafe-settings").map((f) => f.line)).toEqual([5]);

    const after = await lint({ ".apimkitrc.json": config(ALL), "p.xml": SCRIPT_FILLED });
    expect(after.filter((f) => f.rule === "hardcoded-secret" || f.rule === "jwt-unsafe-settings")).toEqual([]);
  });

  it("only the configured patterns count: $(key) is still literal when only #{name}# is configured", async () => {
    const found = await lint({ ".apimkitrc.json": config(["#{name}#"]), "p.xml": SCRIPT_FILLED });
    expect(found.filter((f) => f.rule === "hardcoded-secret").map((f) => f.line)).toEqual([9, 10, 13]);
    expect(found.filter((f) => f.rule === "jwt-unsafe-settings")).toEqual([]);
  });

  it("{{named values}} are never placeholders, even under the pattern {name}", async () => {
    const withNamedValue = SCRIPT_FILLED.replace("#{jwt_signing_key}#", "{{jwt-signing-key}}");
    const found = await lint({ ".apimkitrc.json": config(["{name}"]), "p.xml": withNamedValue });
    // The key is a named value: not literal either way (jwt-unsafe-settings judges literal keys only).
    expect(found.filter((f) => f.rule === "jwt-unsafe-settings")).toEqual([]);
    const literalKey = SCRIPT_FILLED.replace("#{jwt_signing_key}#", "c2VjcmV0LWtleS0xMjM0NTY3ODkw");
    const stillLiteral = await lint({ ".apimkitrc.json": config(ALL), "p.xml": literalKey });
    expect(stillLiteral.filter((f) => f.rule === "jwt-unsafe-settings").map((f) => f.line)).toEqual([5]);
  });

  it("a managed-identity resource that is a placeholder is not judged as the exchange audience", async () => {
    const caller = (resource: string) => `<policies>
  <inbound>
    <base />
    <authentication-managed-identity resource="${resource}" output-token-variable-name="assertion" />
    <send-request mode="new" response-variable-name="tok" timeout="20" ignore-error="false">
      <set-url>https://login.microsoftonline.com/{tenant2}/oauth2/v2.0/token</set-url>
      <set-method>POST</set-method>
      <set-body>@("client_assertion_type=urn%3Aietf%3Aparams%3Aoauth%3Aclient-assertion-type%3Ajwt-bearer&amp;client_assertion=" + (string)context.Variables["assertion"])</set-body>
    </send-request>
  </inbound>
  <backend><base /></backend>
  <outbound><base /></outbound>
  <on-error><base /></on-error>
</policies>`;
    const wrong = await lint({ ".apimkitrc.json": config(ALL), "c.xml": caller("https://management.azure.com/") });
    expect(wrong.filter((f) => f.rule === "token-exchange-audience").map((f) => f.line)).toEqual([4]);
    const unknown = await lint({ ".apimkitrc.json": config(ALL), "c.xml": caller("$(exchange.audience)") });
    expect(unknown.filter((f) => f.rule === "token-exchange-audience")).toEqual([]);
    const noPatterns = await lint({ ".apimkitrc.json": config(), "c.xml": caller("$(exchange.audience)") });
    expect(noPatterns.filter((f) => f.rule === "token-exchange-audience").map((f) => f.line)).toEqual([4]);
  });

  it("http:// stays plain HTTP with a placeholder host; with allowHosts a placeholder host is unknown", async () => {
    const policy = `<policies>
  <inbound><base /><set-backend-service base-url="http://{backend-host}/api" /></inbound>
  <backend><base /></backend>
  <outbound><base /></outbound>
  <on-error><base /></on-error>
</policies>`;
    const plain = await lint({ ".apimkitrc.json": config(["{name}"]), "b.xml": policy });
    expect(plain.filter((f) => f.rule === "http-url").map((f) => f.line)).toEqual([2]);
    const allowing = await lint({
      ".apimkitrc.json": { ...config(["{name}"]), rules: { "http-url": ["error", { allowHosts: ["localhost"] }] } },
      "b.xml": policy,
    });
    expect(allowing.filter((f) => f.rule === "http-url")).toEqual([]);
  });

  it("the nearest config's placeholders apply (not merged with those above)", async () => {
    const found = await lint({
      ".apimkitrc.json": config(["{name}", "__name__"]),
      "scripted/.apimkitrc.json": { placeholders: ["#{name}#"] },
      "scripted/p.xml": SCRIPT_FILLED,
      "bicep/provider.xml": BICEP_PROVIDER,
    });
    expect(found.filter((f) => f.file.startsWith("bicep") && f.rule === "jwt-issuer-format")).toEqual([]);
    expect(found.filter((f) => f.file.startsWith("scripted") && f.rule === "jwt-unsafe-settings")).toEqual([]);
    const secrets = found.filter((f) => f.file.startsWith("scripted") && f.rule === "hardcoded-secret");
    expect(secrets.map((f) => f.line)).toEqual([9, 10, 13]);
  });

  it("a pattern without name stops lint with exit 2 and one line naming the file, line and column", async () => {
    const root = tmpTree({
      ".apimkitrc.json": '{\n  "root": true,\n  "placeholders": ["{name}", "__key__"]\n}\n',
      "p.xml": SCRIPT_FILLED,
    });
    const r = await runCli(["lint", root]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.replaceAll(root, "<tmp>")).toBe(
      'apimkit: <tmp>/.apimkitrc.json:3:30: placeholders[1]: "__key__" has no "name" standing for the variable part (e.g. "{name}", "#{name}#", "__name__", "$(name)")\n',
    );
  });
});
