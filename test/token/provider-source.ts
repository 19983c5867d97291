// The provider policy the matrix checks tokens against: what `apimkit generate` writes for the config.
import type { Config } from "../../src/config/types.js";
import { type GeneratedProvider, generatedProvider } from "../../src/token/provider-policy.js";

export function providerFor(config: Config): Promise<GeneratedProvider> {
  return generatedProvider(config);
}
