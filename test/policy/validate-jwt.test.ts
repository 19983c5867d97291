// The one validate-jwt / validate-azure-ad-token reader (lint and explain-token both build on it).
import { describe, expect, it } from "vitest";
import { parsePolicy } from "../../src/policy/parser.js";
import { findValidators, readValidator } from "../../src/policy/validate-jwt.js";

const read = (xml: string) => {
  const doc = parsePolicy(`<policies><inbound>${xml}</inbound></policies>`);
  return readValidator(findValidators(doc)[0]!);
};
const texts = (items: { value?: { text: string } }[] | undefined) => items?.map((i) => i.value?.text);

describe("readValidator", () => {
  it("reads where the token comes from", () => {
    expect(read('<validate-jwt header-name="Authorization" />').tokenSource).toBe("header");
    expect(read('<validate-jwt query-parameter-name="t" />').tokenSource).toBe("query");
    expect(read('<validate-jwt token-value="@(x)" />').tokenSource).toBe("token-value");
    expect(read("<validate-azure-ad-token />").kind).toBe("validate-azure-ad-token");
  });

  it("tells a missing list (undefined) from an empty one", () => {
    const v = read("<validate-jwt><audiences /></validate-jwt>");
    expect(v.audiences).toEqual([]);
    expect(v.issuers).toBeUndefined();
    expect(v.clientApplicationIds).toBeUndefined();
  });

  // [U] APIM's schema allows each list once; a second copy is read too (reading all hides nothing from lint or
  // explain-token), in document order.
  it("reads every copy of a list, in document order", () => {
    const v = read(
      "<validate-jwt><issuers><issuer>a</issuer></issuers><audiences><audience>x</audience></audiences>" +
        '<issuers><issuer>b</issuer></issuers><required-claims><claim name="roles" /></required-claims>' +
        '<required-claims><claim name=" aud "><value>y</value></claim></required-claims></validate-jwt>',
    );
    expect(texts(v.issuers)).toEqual(["a", "b"]);
    expect(texts(v.audiences)).toEqual(["x"]);
    expect(v.claims.map((c) => c.name)).toEqual(["roles", "aud"]);
    // The element a fix adds claims to is the first required-claims.
    expect(v.requiredClaims).toBe(v.claims[0]!.element.parent);
  });

  it("reads claims: match (any case; default all), separator, values as written", () => {
    const [claim] = read(
      '<validate-jwt><required-claims><claim name="roles" match="ANY" separator=","><value> r1 </value><value /></claim></required-claims></validate-jwt>',
    ).claims;
    expect(claim).toMatchObject({ name: "roles", match: "any", separator: "," });
    expect(texts(claim!.values)).toEqual([" r1 ", undefined]);
    const [plain] = read(
      '<validate-jwt><required-claims><claim name="x" separator="" /></required-claims></validate-jwt>',
    ).claims;
    expect(plain).toMatchObject({ match: "all", separator: undefined });
  });

  it("reads signing and decryption keys with their attributes and text", () => {
    const v = read(
      '<validate-jwt><issuer-signing-keys><key id="k1">c2VjcmV0</key><key certificate-id="cert" /><key n="nn" e="AQAB" /></issuer-signing-keys>' +
        "<decryption-keys><key>ZGVj</key></decryption-keys></validate-jwt>",
    );
    expect(v.signingKeys.map((k) => [k.id, k.certificateId, k.n, k.e, k.value?.text])).toEqual([
      ["k1", undefined, undefined, undefined, "c2VjcmV0"],
      [undefined, "cert", undefined, undefined, undefined],
      [undefined, undefined, "nn", "AQAB", undefined],
    ]);
    expect(texts(v.decryptionKeys)).toEqual(["ZGVj"]);
  });
});
