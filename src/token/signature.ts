// Signature and key id, checked with jose the way APIM does: find the key by kid (x5t for old v1 tokens), then
// verify. Without any key source the answer is "not verified", never "passed".
import { compactVerify, importJWK, type JWK, type ProtectedHeaderParameters } from "jose";
import type { KeySet } from "./keys.js";

export type SignatureOutcome =
  | { status: "pass"; kid?: string; source: string }
  | { status: "fail"; reason: "TokenSignatureKeyNotFound" | "TokenSignatureInvalid"; detail: string }
  | { status: "not-verified"; detail: string };

function keyMatches(key: JWK, header: ProtectedHeaderParameters): boolean {
  if (header.kid !== undefined) return key.kid === header.kid;
  if (header.x5t !== undefined) return key.x5t === header.x5t || key.kid === header.x5t;
  return true;
}

/**
 * The key of a JWK for an algorithm, imported once per key object: importing (parsing an RSA modulus) cost more
 * than the verification itself when the emulator checks a token on every request. A key set's keys are plain data
 * that nothing changes; a new key set brings new objects.
 */
const imported = new WeakMap<JWK, Map<string | undefined, Promise<CryptoKey | Uint8Array>>>();

function importedKey(jwk: JWK, alg: string | undefined): Promise<CryptoKey | Uint8Array> {
  let byAlg = imported.get(jwk);
  if (!byAlg) {
    byAlg = new Map();
    imported.set(jwk, byAlg);
  }
  let key = byAlg.get(alg);
  if (!key) {
    key = importJWK({ ...jwk, alg }, alg);
    // A key that cannot be imported is tried again next time (the error is the caller's "does not verify").
    key.catch(() => byAlg.delete(alg));
    byAlg.set(alg, key);
  }
  return key;
}

export async function checkSignature(
  jwt: string,
  header: ProtectedHeaderParameters,
  keySet: KeySet | undefined,
  requireSigned: boolean,
): Promise<SignatureOutcome> {
  if (header.alg === "none" || jwt.endsWith(".")) {
    return requireSigned
      ? {
          status: "fail",
          reason: "TokenSignatureInvalid",
          detail: "the token is not signed and require-signed-tokens is true",
        }
      : { status: "pass", source: "unsigned token accepted (require-signed-tokens=false)" };
  }
  if (!keySet || (keySet.keys.length === 0 && keySet.unusable.length > 0)) {
    const extra = keySet?.unusable.length ? ` (the policy's ${keySet.unusable.join(", ")} cannot be read offline)` : "";
    return {
      status: "not-verified",
      detail: `no signing keys to check against${extra}: pass --jwks FILE or --openid-config URL`,
    };
  }
  const candidates = keySet.keys.filter((k) => keyMatches(k, header));
  const kidText = header.kid ?? header.x5t;
  if (candidates.length === 0) {
    return {
      status: "fail",
      reason: "TokenSignatureKeyNotFound",
      detail: `no key with kid "${kidText}" in ${keySet.source} (${keySet.keys.length} key(s) there)`,
    };
  }
  for (const jwk of candidates) {
    try {
      const key = await importedKey(jwk, header.alg);
      await compactVerify(jwt, key);
      return { status: "pass", kid: kidText, source: keySet.source };
    } catch {
      // try the next candidate: APIM accepts a token any configured key verifies
    }
  }
  return {
    status: "fail",
    reason: "TokenSignatureInvalid",
    detail: `the signature does not verify with ${kidText ? `key "${kidText}"` : "any key"} from ${keySet.source}`,
  };
}
