// What the printed-text redaction removes, and what it leaves alone.
import { describe, expect, it } from "vitest";
import { redactSecrets, redactTokens } from "../../src/util/redact.js";

const SECRET = "Abc8Q~abcdefghijklmnopqrstuvwxyz0123456";
const STORAGE_KEY = `${"A1b2C3d4".repeat(11)}==`.slice(2);
const JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";

describe("redactTokens", () => {
  it.each([
    ["a JWT", `token ${JWT} here`, "token eyJ…[redacted] here"],
    ["an Entra client secret", `got "${SECRET}"`, 'got "[redacted client secret]"'],
    ["a client secret at the start", SECRET, "[redacted client secret]"],
    ["a base64 key", `AccountKey=${STORAGE_KEY};`, "AccountKey=[redacted key];"],
    ["a SAS key (44 characters)", `key ${"x".repeat(43)}=`, "key [redacted key]"],
  ])("%s", (_name, text, expected) => {
    expect(redactTokens(text)).toBe(expected);
  });

  it.each([
    ["a GUID", "d1d1d1d1-0000-4000-8000-000000000000"],
    ["Q~ in ordinary text", "press Q~ to quit"],
    ["a short base64 value", "value=YWJj=="],
    ["a secret-shaped word that runs on", `${SECRET}xyz`.replace("Q~", "Q~").padEnd(60, "a")],
    ["a rule description quoting sig=", "never put sig= in a URL"],
  ])("leaves %s alone", (_name, text) => {
    expect(redactTokens(text)).toBe(text);
  });
});

describe("redactSecrets", () => {
  it("also removes secret-looking parameters", () => {
    expect(redactSecrets(`client_secret=${"s".repeat(10)}&x=1 ${SECRET}`)).toBe(
      "client_secret=[redacted]&x=1 [redacted client secret]",
    );
  });
});
