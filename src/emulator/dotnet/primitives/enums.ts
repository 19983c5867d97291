// Enums the primitives use, with their .NET values: `Enum.Member` through the registry's statics, and the hidden
// statics the interpreter asks for a cast from a number (`__fromValue`) and default(T) (`__default`).

import { NotEmulated } from "../../errors.js";
import type { RuntimeRegistry } from "../../runtime-types.js";
import { NetEnum, type NetValue, Num } from "../../values.js";
import { constant, type Members, method } from "./args.js";

export interface EnumSpec {
  key: string;
  values: Readonly<Record<string, number>>;
  flags?: boolean;
}

export const PRIMITIVE_ENUMS: readonly EnumSpec[] = [
  {
    key: "System.StringComparison",
    values: {
      CurrentCulture: 0,
      CurrentCultureIgnoreCase: 1,
      InvariantCulture: 2,
      InvariantCultureIgnoreCase: 3,
      Ordinal: 4,
      OrdinalIgnoreCase: 5,
    },
  },
  { key: "System.StringSplitOptions", values: { None: 0, RemoveEmptyEntries: 1, TrimEntries: 2 }, flags: true },
  {
    key: "System.MidpointRounding",
    values: { ToEven: 0, AwayFromZero: 1, ToZero: 2, ToNegativeInfinity: 3, ToPositiveInfinity: 4 },
  },
  { key: "System.Base64FormattingOptions", values: { None: 0, InsertLineBreaks: 1 }, flags: true },
];

/** The NetEnum of `value` (a flags combination names its members "A, B"; an unnamed value prints as a number). */
export function enumValue(spec: EnumSpec, value: number): NetEnum {
  const exact = Object.entries(spec.values).find(([, v]) => v === value);
  if (exact) return new NetEnum(spec.key, exact[0], value);
  if (spec.flags) {
    const parts = Object.entries(spec.values).filter(([, v]) => v !== 0 && (value & v) === v);
    const covered = parts.reduce((acc, [, v]) => acc | v, 0);
    if (covered === value) return new NetEnum(spec.key, parts.map(([n]) => n).join(", "), value);
  }
  return new NetEnum(spec.key, String(value), value);
}

export function defineEnum(registry: RuntimeRegistry, spec: EnumSpec): void {
  const statics: Members = {};
  for (const [name, v] of Object.entries(spec.values)) statics[name] = constant(new NetEnum(spec.key, name, v));
  statics.__fromValue = method((_s, args, call) => {
    const n = args[0]?.value ?? null;
    if (!(n instanceof Num) || typeof n.value !== "number") throw new NotEmulated(`a cast to ${spec.key}`, call.at);
    return enumValue(spec, n.value);
  });
  statics.__default = constant(enumValue(spec, 0));
  registry.define({
    key: spec.key,
    supertypes: ["System.Enum"],
    static: statics,
    toString: (self: NetValue, format) => {
      const e = self as NetEnum;
      if (format === undefined || format === "G" || format === "g") return e.name;
      if (format === "D" || format === "d") return String(e.value);
      throw new NotEmulated(`enum format "${format}"`);
    },
    equals: (a, b) => (a as NetEnum).value === (b as NetEnum).value,
  });
}
