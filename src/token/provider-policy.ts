// The provider policy and named values `apimkit generate` would produce for a config: what doctor --token (and
// the acceptance matrix) check a token against.
import type { Config } from "../config/types.js";
import { generate } from "../generate/index.js";
import { parseNamedValues } from "./named-values.js";

export interface GeneratedProvider {
  /** A name for messages: the path generate writes the policy to. */
  file: string;
  source: string;
  /** The named values the policy references, with their values (empty when the config inlines them). */
  namedValues: Map<string, string>;
}

export const PROVIDER_POLICY_PATH = "provider/policy.xml";

export async function generatedProvider(config: Config): Promise<GeneratedProvider> {
  const files = generate(config, { layout: "plain" });
  const policy = files.find((f) => f.path === PROVIDER_POLICY_PATH);
  if (!policy) throw new Error(`generate produced no ${PROVIDER_POLICY_PATH}`);
  const nv = files.find((f) => f.path === "named-values.json");
  return {
    file: `(generated) ${PROVIDER_POLICY_PATH}`,
    source: policy.content,
    namedValues: nv ? parseNamedValues(nv.content, "(generated) named-values.json") : new Map(),
  };
}
