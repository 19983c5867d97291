// System.Security.Cryptography: hashes, HMACs and a deterministic RandomNumberGenerator.
import type { RuntimeRegistry } from "../../runtime-types.js";
import { defineHashes } from "./hash.js";
import { defineRandom } from "./random.js";

export function defineCrypto(registry: RuntimeRegistry): void {
  defineHashes(registry);
  defineRandom(registry);
}
