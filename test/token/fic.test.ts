import { describe, expect, it } from "vitest";
import { checkFederatedCredentials, FicInputError, parseFicJson } from "../../src/token/fic.js";
import { labConfig, MI_CLIENT_ID, MI_PRINCIPAL_ID, T1, T2 } from "./lab-config.js";

const config = labConfig(1);
const callers = config.callers;
const good = {
  name: "tenant1-uami",
  issuer: `https://login.microsoftonline.com/${T1}/v2.0`,
  subject: MI_PRINCIPAL_ID,
  audiences: ["api://AzureADTokenExchange"],
};
const failures = (fics: object[], cloud: "AzureCloud" | "AzureUSGovernment" = "AzureCloud") =>
  checkFederatedCredentials(parseFicJson(JSON.stringify(fics), "fic.json"), callers, cloud).filter((l) => !l.ok);

describe("checkFederatedCredentials", () => {
  it("passes the credential setup.sh creates", () => {
    const lines = checkFederatedCredentials(parseFicJson(JSON.stringify([good]), "fic.json"), callers, "AzureCloud");
    expect(lines.every((l) => l.ok)).toBe(true);
    expect(lines[1]!.title).toContain('"tenant1-uami" matches');
  });

  it.each([
    [
      "subject = clientId",
      { subject: MI_CLIENT_ID },
      /subject .* is the managed identity's clientId; the subject must be its principalId/,
    ],
    ["subject in other case", { subject: MI_PRINCIPAL_ID.toUpperCase() }, /letter case; the match is case-sensitive/],
    ["issuer with a trailing space", { issuer: `${good.issuer} ` }, /leading or trailing whitespace/],
    ["v1 issuer", { issuer: `https://sts.windows.net/${T1}/` }, /v1 form/],
    [
      "issuer of the provider tenant",
      { issuer: `https://login.microsoftonline.com/${T2}/v2.0` },
      new RegExp(`names tenant ${T2}`),
    ],
    ["audience of another cloud", { audiences: ["api://AzureADTokenExchangeUSGov"] }, /belongs to AzureUSGovernment/],
    ["two audiences", { audiences: ["api://AzureADTokenExchange", "api://x"] }, /exactly one value/],
  ])("%s", (_name, change, message) => {
    const fails = failures([{ ...good, ...change }]);
    expect(fails.length).toBeGreaterThan(0);
    expect(fails.map((f) => f.title).join("\n")).toMatch(message);
    expect(fails[0]!.fix).toContain(MI_PRINCIPAL_ID);
  });

  it("passes when one of several credentials matches, and explains the closest when none does", () => {
    expect(failures([{ ...good, subject: "x" }, good])).toEqual([]);
    const fails = failures([
      { ...good, subject: MI_CLIENT_ID, issuer: "x" },
      { ...good, subject: MI_CLIENT_ID },
    ]);
    expect(fails).toHaveLength(1);
    expect(fails[0]!.title).toContain("clientId");
  });

  it("uses the cloud's exchange audience", () => {
    expect(failures([good], "AzureUSGovernment")[0]!.title).toMatch(/belongs to AzureCloud.*AzureADTokenExchangeUSGov/);
  });

  it("fails more than 20 credentials", () => {
    const many = Array.from({ length: 21 }, (_, i) => ({ ...good, name: `c${i}` }));
    expect(failures(many)[0]!.title).toMatch(/21, more than 20/);
  });

  it("reports an empty list", () => {
    expect(failures([])[0]!.title).toMatch(/no federated credential/);
  });
});

describe("parseFicJson", () => {
  it("accepts one object as `show` prints it", () => {
    expect(parseFicJson(JSON.stringify(good), "f.json")).toHaveLength(1);
  });
  it.each([
    ["not json", "{", /^f\.json:1:2: invalid JSON: expected a property name in double quotes, found end of file$/],
    ["not json, line 3", '[\n  {"issuer": "i",\n   "subject": s}]', /^f\.json:3:15: invalid JSON: expected a value/],
    [
      "issuer missing",
      JSON.stringify([{ subject: "s", audiences: [] }]),
      /^f\.json:1:2: \[0\]\.issuer: expected a string$/,
    ],
    ["a field of one object (show)", '{\n  "issuer": 1\n}', /^f\.json:2:13: issuer: expected a string$/],
    [
      "audiences not a list",
      JSON.stringify([{ ...good, audiences: "a" }]),
      /\[0\]\.audiences: expected an array of strings/,
    ],
  ])("%s", (_n, text, message) => {
    expect(() => parseFicJson(text, "f.json")).toThrow(FicInputError);
    expect(() => parseFicJson(text, "f.json")).toThrow(message);
  });
});
