import { describe, expect, it } from "vitest";
import { AADSTS_CODES, diagnoseAadsts } from "../../src/token/aadsts.js";
import { AADSTS, entraErrorBody } from "../support/fake-entra/errors.js";
import { BRIDGE_APP_ID, IDENTIFIER_URI, labConfig, MI_CLIENT_ID, MI_PRINCIPAL_ID, T1, T2 } from "./lab-config.js";

const config = labConfig(1);
const setup = { config, caller: config.callers[0]! };
const body = (e: Parameters<typeof entraErrorBody>[0]) =>
  JSON.stringify(entraErrorBody(e, new Date("2026-03-01T12:00:00Z")));

describe("diagnoseAadsts", () => {
  it("knows every code the issue and the reference name", () => {
    for (const code of [
      70021, 700213, 700211, 7002121, 700236, 700016, 500011, 70011, 7000215, 50013, 7000218, 90002, 500133, 700222,
      700226, 700229,
    ]) {
      expect(AADSTS_CODES).toContain(code);
    }
  });

  it("700213 with the principalId presented: the credential's subject is wrong (clientId entered)", () => {
    const [d] = diagnoseAadsts(body(AADSTS.ficSubject(MI_PRINCIPAL_ID)), setup);
    expect(d).toMatchObject({ code: 700213, known: true });
    expect(d!.likelyCause).toContain(`set the subject to ${MI_PRINCIPAL_ID}`);
    expect(d!.likelyCause).toContain(MI_CLIENT_ID);
    expect(d!.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("700213 with another identity presented: the caller uses the wrong managed identity", () => {
    const [d] = diagnoseAadsts(
      `AADSTS700213: No matching federated identity record found for presented assertion subject '99999999-0000-4000-8000-000000000000'.`,
      setup,
    );
    expect(d!.likelyCause).toMatch(/comes from identity 99999999-.* client-id should be 5555/);
  });

  it("700016 in the provider tenant: the bridge app has no service principal there", () => {
    const [d] = diagnoseAadsts(body(AADSTS.appNotFound(BRIDGE_APP_ID, T2)), setup);
    expect(d!.likelyCause).toMatch(/no service principal in the provider tenant/);
    expect(d!.likelyCause).toContain("az ad sp create");
  });

  it("700016 from another tenant: the exchange went to the wrong tenant", () => {
    const [d] = diagnoseAadsts(body(AADSTS.appNotFound(BRIDGE_APP_ID, T1)), setup);
    expect(d!.likelyCause).toContain(`went to tenant ${T1}, not the provider tenant ${T2}`);
  });

  it("500011 names the scope to use", () => {
    const [d] = diagnoseAadsts(body(AADSTS.resourceNotFound("api://typo", T2)), setup);
    expect(d!.likelyCause).toContain(`${IDENTIFIER_URI}/.default`);
    expect(d!.likelyCause).toContain("api://typo");
  });

  it("700211 quotes the expected issuer", () => {
    const [d] = diagnoseAadsts(
      "AADSTS700211: No matching federated identity record found for presented assertion issuer 'https://login.microsoftonline.com/x/v2.0'.",
      setup,
    );
    expect(d!.likelyCause).toContain(`https://login.microsoftonline.com/${T1}/v2.0`);
  });

  it("reads plain text and several codes, and points unknown codes to Microsoft's lookup", () => {
    const ds = diagnoseAadsts("first AADSTS70011 then AADSTS123456", setup);
    expect(ds.map((d) => d.code)).toEqual([70011, 123456]);
    expect(ds[1]).toMatchObject({ known: false });
    expect(ds[1]!.likelyCause).toContain("error?code=123456");
  });

  it("finds nothing in text without a code", () => {
    expect(diagnoseAadsts("401 Unauthorized")).toEqual([]);
  });
});
