// The two rule sets users can extend: apimkit:recommended and apimkit:strict, derived from each rule's meta.
import { allRules } from "../../rules/index.js";
import { builtinRuleMeta } from "./builtin-rules.js";
import type { Rule, RuleMeta, SeverityOrOff } from "./types.js";

export const PRESETS = ["apimkit:recommended", "apimkit:strict"] as const;
export type PresetName = (typeof PRESETS)[number];

/** Every rule the engine knows, by id: the rules in rules/ and the engine's built-in findings. */
export function knownRuleMeta(rules: readonly Rule[] = allRules): ReadonlyMap<string, RuleMeta> {
  const map = new Map<string, RuleMeta>(builtinRuleMeta);
  for (const rule of rules) map.set(rule.id, rule.meta);
  return map;
}

export function presetLevel(meta: RuleMeta, preset: PresetName): SeverityOrOff {
  if (preset === "apimkit:recommended") return meta.severity;
  return meta.strictSeverity ?? (meta.severity === "off" ? "warn" : meta.severity);
}

/** Rule id -> level for a preset (the unused-directive check is switched on by its CLI flag, not by presets). */
export function presetLevels(preset: PresetName): Map<string, SeverityOrOff> {
  const levels = new Map<string, SeverityOrOff>();
  for (const [id, meta] of knownRuleMeta()) levels.set(id, presetLevel(meta, preset));
  return levels;
}
