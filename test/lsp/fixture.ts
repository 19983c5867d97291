// The policy the feature tests share, written into a temporary folder with its named-values.json.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileUri } from "./client.js";

export const POLICY = [
  "<policies>",
  "  <inbound>",
  "    <base />",
  '    <set-variable name="user" value="@(context.Request.Headers.GetValueOrDefault("x-user", ""))" />',
  '    <set-header name="x-api" exists-action="override">',
  "      <value>{{api-key}}</value>",
  "    </set-header>",
  '    <set-header name="x-who" exists-action="override">',
  '      <value>@((string)context.Variables["user"] + "{{backend-url}}")</value>',
  "    </set-header>",
  '    <include-fragment fragment-id="common" />',
  "  </inbound>",
  "  <backend>",
  "    <base />",
  "  </backend>",
  "  <outbound>",
  "    <base />",
  "  </outbound>",
  "  <on-error>",
  "    <base />",
  "  </on-error>",
  "</policies>",
  "",
].join("\n");

export const NAMED_VALUES = [
  { name: "backend-url", value: "https://backend.example.com" },
  { name: "api-key", value: "s3cr3t-value-never-shown", secret: true },
  // Not marked secret, but a token all the same: printed text redacts it.
  { name: "static-token", value: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJl" },
];

export interface Workspace {
  dir: string;
  policyPath: string;
  uri: string;
  namedValuesPath: string;
}

export function workspace(text = POLICY): Workspace {
  const dir = mkdtempSync(join(tmpdir(), "apimkit-lsp-"));
  const policyPath = join(dir, "policy.xml");
  writeFileSync(policyPath, text);
  const namedValuesPath = join(dir, "named-values.json");
  writeFileSync(namedValuesPath, `${JSON.stringify(NAMED_VALUES, null, 2)}\n`);
  return { dir, policyPath, uri: fileUri(policyPath), namedValuesPath };
}
