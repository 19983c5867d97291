// The plugin rules of the lint config that applies in a folder (for `apimkit rules`).
import { knownRuleMeta } from "../presets.js";
import type { Rule } from "../types.js";
import { ConfigResolver } from "./resolver.js";

export async function pluginRulesFor(dir: string): Promise<Rule[]> {
  const resolver = new ConfigResolver({ knownRules: knownRuleMeta() });
  resolver.chainFor(dir);
  return (await resolver.loadPlugins()).flatMap((p) => p.rules);
}
