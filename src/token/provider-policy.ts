// The provider policy and named values `apimkit generate` would produce for a config: what doctor --token checks
// the token against.
import type { Config } from "../config/types.js";

export interface GeneratedProvider {
  file: string;
  source: string;
  namedValues: Map<string, string>;
}

export async function generatedProvider(_config: Config): Promise<GeneratedProvider> {
  throw new Error("generate is not available yet");
}
