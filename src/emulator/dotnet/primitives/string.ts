// System.String. Ordinal where .NET is ordinal (Contains, Replace, Split, IndexOf(char), Equals, ==). Where .NET is
// culture-sensitive by default (IndexOf(string), LastIndexOf(string), StartsWith(string), EndsWith(string),
// CompareTo, Compare) comparison.ts decides: text of ASCII letters, digits and spaces compares the same in every
// culture, anything else is not emulated. GetHashCode is randomized per process in .NET: not emulated.

import { K, named } from "../../../policy/csharp/types/type-ref.js";
import { NetException, NotEmulated } from "../../errors.js";
import { netToString } from "../../interpreter/text.js";
import type { Arg, CallInfo, RuntimeRegistry } from "../../runtime-types.js";
import { char, int, NetArray, NetEnum, type NetValue, Num } from "../../values.js";
import {
  argumentNull,
  argumentOutOfRange,
  asInt,
  isCharArray,
  isEnumOf,
  type Members,
  method,
  overload,
  property,
  values,
} from "./args.js";
import { isWhiteSpace, toLowerInvariant, toUpperInvariant } from "./chars.js";
import {
  type Comparison,
  compareOrdinal,
  compareStrings,
  indexOf,
  lastIndexOf,
  STRING_COMPARISON,
  stringEquals,
} from "./comparison.js";
import { compositeFormat } from "./composite-format.js";

const STRING_COMPARISON_KEY = "System.StringComparison";
const SPLIT_OPTIONS_KEY = "System.StringSplitOptions";
export const CHAR_TYPE = named(K.char);
export const STRING_TYPE = named(K.string);

function comparisonOf(v: NetValue, call: CallInfo): Comparison {
  if (!isEnumOf(v, STRING_COMPARISON_KEY))
    throw new NotEmulated("a StringComparison argument that is not one", call.at);
  const c = STRING_COMPARISON[v.value];
  if (!c)
    throw new NetException(
      "ArgumentException",
      "The string comparison type passed in is currently not supported. (Parameter 'comparisonType')",
      call.at,
    );
  return c;
}

function self(s: NetValue): string {
  return s as string;
}

function str(v: NetValue, param: string, call: CallInfo): string {
  if (v === null) throw argumentNull(param, call);
  if (typeof v !== "string") throw new NotEmulated(`a ${param} argument that is not a string`, call.at);
  return v;
}

function chr(v: NetValue): string | undefined {
  return v instanceof Num && v.type === "char" ? String.fromCharCode(v.value as number) : undefined;
}

function charsOf(v: NetArray): string[] {
  return v.items.map((c) => String.fromCharCode((c as Num).value as number));
}

function intArg(v: NetValue, what: string, call: CallInfo): number {
  const n = asInt(v);
  if (n === undefined) throw new NotEmulated(`${what} with a non-int argument`, call.at);
  return n;
}

export function charArray(s: string): NetArray {
  return new NetArray(
    CHAR_TYPE,
    [...Array(s.length).keys()].map((i) => char(s.charCodeAt(i))),
  );
}

export function stringArray(items: readonly (string | null)[]): NetArray {
  return new NetArray(STRING_TYPE, [...items]);
}

/** The argument list of a `params` parameter: the one array passed, or the arguments themselves. */
function paramsOf(args: readonly NetValue[], from: number): NetValue[] {
  if (args.length === from + 1 && args[from] instanceof NetArray) return [...(args[from] as NetArray).items];
  return args.slice(from);
}

function trimSet(args: readonly NetValue[], call: CallInfo): ((c: string) => boolean) | undefined {
  const chars = paramsOf(args, 0);
  if (chars.length === 0) return undefined;
  const set = new Set<string>();
  for (const c of chars) {
    const ch = chr(c);
    if (ch === undefined) throw new NotEmulated("Trim with an argument that is not a char", call.at);
    set.add(ch);
  }
  return (c) => set.has(c);
}

function trim(s: string, args: readonly NetValue[], start: boolean, end: boolean, call: CallInfo): string {
  const inSet = trimSet(args, call) ?? ((c: string) => isWhiteSpace(c.charCodeAt(0)));
  let i = 0;
  let j = s.length;
  if (start) while (i < j && inSet(s[i]!)) i++;
  if (end) while (j > i && inSet(s[j - 1]!)) j--;
  return s.slice(i, j);
}

function substring(s: string, args: readonly NetValue[], call: CallInfo): string {
  const start = intArg(args[0] ?? null, "Substring", call);
  if (start < 0 || start > s.length)
    throw argumentOutOfRange(
      "startIndex",
      start < 0 ? "StartIndex cannot be less than zero." : "startIndex cannot be larger than length of string.",
      call,
    );
  if (args.length === 1) return s.slice(start);
  const length = intArg(args[1]!, "Substring", call);
  if (length < 0) throw argumentOutOfRange("length", "Length cannot be less than zero.", call);
  if (start + length > s.length)
    throw argumentOutOfRange("length", "Index and length must refer to a location within the string.", call);
  return s.slice(start, start + length);
}

/** IndexOf / LastIndexOf with every overload of (char | string) [, startIndex [, count]] [, StringComparison]. */
function find(s: string, args: readonly NetValue[], last: boolean, call: CallInfo): Num {
  const what = last ? "LastIndexOf" : "IndexOf";
  const a = [...args];
  let kind: Comparison | undefined;
  if (a.length > 1 && a.at(-1) instanceof NetEnum) kind = comparisonOf(a.pop()!, call);
  const target = a[0] ?? null;
  const ch = chr(target);
  const value = ch ?? str(target, "value", call);
  // IndexOf(char) is ordinal; IndexOf(string) uses the current culture unless told (see comparison.ts).
  kind ??= ch !== undefined ? "ordinal" : "culture";
  if (a.length > 3) overload(`String.${what}`, args, call);
  const startIndex = a.length > 1 ? intArg(a[1]!, what, call) : last ? s.length - 1 : 0;
  if (!last) {
    if (startIndex < 0 || startIndex > s.length)
      throw argumentOutOfRange(
        "startIndex",
        "Index was out of range. Must be non-negative and less than or equal to the size of the collection.",
        call,
      );
    const count = a.length > 2 ? intArg(a[2]!, what, call) : s.length - startIndex;
    if (count < 0 || startIndex + count > s.length)
      throw argumentOutOfRange(
        "count",
        "Count must be positive and count must refer to a location within the string/array/collection.",
        call,
      );
    const hit = indexOf(s.slice(0, startIndex + count), value, startIndex, kind, call);
    return int(hit);
  }
  if (s.length === 0) return int(value === "" ? 0 : -1);
  if (startIndex < 0 || startIndex >= s.length)
    throw argumentOutOfRange(
      "startIndex",
      "Index was out of range. Must be non-negative and less than the size of the collection.",
      call,
    );
  const count = a.length > 2 ? intArg(a[2]!, what, call) : startIndex + 1;
  if (count < 0 || startIndex - count + 1 < 0)
    throw argumentOutOfRange(
      "count",
      "Count must be positive and count must refer to a location within the string/array/collection.",
      call,
    );
  const lo = startIndex - count + 1;
  // The match must lie inside [lo, startIndex]: search the window's text and shift back.
  const window = s.slice(lo, startIndex + 1);
  if (value === "") return int(startIndex);
  const hit = lastIndexOf(window, value, window.length - value.length, kind, call);
  return int(hit < 0 ? -1 : hit + lo);
}

function startsOrEnds(s: string, args: readonly NetValue[], ends: boolean, call: CallInfo): boolean {
  const what = ends ? "EndsWith" : "StartsWith";
  const ch = chr(args[0] ?? null);
  if (ch !== undefined && args.length === 1) return ends ? s.endsWith(ch) : s.startsWith(ch);
  const value = str(args[0] ?? null, "value", call);
  let kind: Comparison = "culture";
  if (args.length === 2) kind = comparisonOf(args[1]!, call);
  else if (args.length !== 1) overload(`String.${what}`, args, call);
  if (value.length > s.length) return false;
  const part = ends ? s.slice(s.length - value.length) : s.slice(0, value.length);
  return stringEquals(part, value, kind, call);
}

interface Separators {
  chars?: Set<string>;
  strings?: string[];
}

/** Split: every (char | char[] | string | string[]) [, count] [, StringSplitOptions] overload. */
function split(s: string, args: readonly NetValue[], call: CallInfo): NetArray {
  const a = [...args];
  let options = 0;
  if (a.length > 0 && isEnumOf(a.at(-1)!, SPLIT_OPTIONS_KEY)) options = (a.pop() as NetEnum).value;
  let count = Number.MAX_SAFE_INTEGER;
  if (a.length >= 2 && asInt(a.at(-1)!) !== undefined && chr(a.at(-1)!) === undefined) count = asInt(a.pop()!)!;
  if (count < 0) throw argumentOutOfRange("count", "Count cannot be less than zero.", call);
  const sep: Separators = {};
  if (a.length === 0) sep.chars = undefined;
  else if (a.every((x) => chr(x) !== undefined)) sep.chars = new Set(a.map((x) => chr(x)!));
  else if (a.length === 1 && a[0] === null) sep.chars = undefined;
  else if (a.length === 1 && isCharArray(a[0]!))
    sep.chars = (a[0] as NetArray).items.length ? new Set(charsOf(a[0] as NetArray)) : undefined;
  else if (a.length === 1 && typeof a[0] === "string") sep.strings = a[0] === "" ? [] : [a[0]];
  else if (a.length === 1 && a[0] instanceof NetArray) {
    const list = (a[0] as NetArray).items.filter((x): x is string => typeof x === "string" && x !== "");
    if (list.length) sep.strings = list;
  } else overload("String.Split", args, call);
  // Split(string) with "" keeps the string whole; a null or empty separator list splits on white space.
  const wholeString = a.length === 1 && a[0] === "";
  const removeEmpty = (options & 1) !== 0;
  const trimEntries = (options & 2) !== 0;
  const positions: [number, number][] = [];
  if (!wholeString) {
    for (let i = 0; i < s.length; ) {
      let len = 0;
      if (sep.strings) {
        for (const t of sep.strings) {
          if (s.startsWith(t, i)) {
            len = t.length;
            break;
          }
        }
      } else if (sep.chars ? sep.chars.has(s[i]!) : isWhiteSpace(s.charCodeAt(i))) len = 1;
      if (len > 0) {
        positions.push([i, len]);
        i += len;
      } else i++;
    }
  }
  const pieces: string[] = [];
  let from = 0;
  for (const [at, len] of positions) {
    pieces.push(s.slice(from, at));
    from = at + len;
  }
  pieces.push(s.slice(from));
  const finish = (p: string): string => (trimEntries ? trim(p, [], true, true, call) : p);
  if (count === 0) return stringArray([]);
  if (!removeEmpty) {
    if (pieces.length <= count) return stringArray(pieces.map(finish));
    const head = pieces.slice(0, count - 1);
    const restStart = count - 1 === 0 ? 0 : positions[count - 2]![0] + positions[count - 2]![1];
    return stringArray([...head, s.slice(restStart)].map(finish));
  }
  const kept = pieces.map(finish).filter((p) => p !== "");
  if (kept.length <= count) return stringArray(kept);
  // How .NET fills the last slot when empty entries were removed before the limit is subtle: not guessed.
  if (pieces.map(finish).some((p, i) => p === "" && i < kept.length)) {
    throw new NotEmulated("Split with a count and RemoveEmptyEntries over empty entries", call.at);
  }
  const restStart = positions[count - 2]![0] + positions[count - 2]![1];
  return stringArray([...kept.slice(0, count - 1), finish(s.slice(restStart))]);
}

function replace(s: string, args: readonly NetValue[], call: CallInfo): string {
  if (args.length !== 2) overload("String.Replace", args, call);
  const c1 = chr(args[0]!);
  const c2 = chr(args[1]!);
  if (c1 !== undefined && c2 !== undefined) return s.split(c1).join(c2);
  const oldValue = str(args[0]!, "oldValue", call);
  if (oldValue === "")
    throw new NetException("ArgumentException", "String cannot be of zero length. (Parameter 'oldValue')", call.at);
  const newValue = args[1] === null ? "" : str(args[1]!, "newValue", call);
  return s.split(oldValue).join(newValue);
}

function pad(s: string, args: readonly NetValue[], left: boolean, call: CallInfo): string {
  const width = intArg(args[0] ?? null, left ? "PadLeft" : "PadRight", call);
  if (width < 0) throw argumentOutOfRange("totalWidth", "Non-negative number required.", call);
  const c = args.length > 1 ? chr(args[1]!) : " ";
  if (c === undefined) overload(left ? "String.PadLeft" : "String.PadRight", args, call);
  return left ? s.padStart(width, c) : s.padEnd(width, c);
}

function remove(s: string, args: readonly NetValue[], call: CallInfo): string {
  const start = intArg(args[0] ?? null, "Remove", call);
  if (args.length === 1) {
    if (start < 0) throw argumentOutOfRange("startIndex", "StartIndex cannot be less than zero.", call);
    if (start >= s.length)
      throw argumentOutOfRange("startIndex", "startIndex must be less than length of string.", call);
    return s.slice(0, start);
  }
  const count = intArg(args[1]!, "Remove", call);
  if (start < 0) throw argumentOutOfRange("startIndex", "StartIndex cannot be less than zero.", call);
  if (count < 0) throw argumentOutOfRange("count", "Count cannot be less than zero.", call);
  if (start + count > s.length)
    throw argumentOutOfRange("count", "Index and count must refer to a location within the string.", call);
  return s.slice(0, start) + s.slice(start + count);
}

function insert(s: string, args: readonly NetValue[], call: CallInfo): string {
  const start = intArg(args[0] ?? null, "Insert", call);
  const value = str(args[1] ?? null, "value", call);
  if (start < 0 || start > s.length)
    throw argumentOutOfRange("startIndex", "Index must be within the bounds of the List.", call);
  return s.slice(0, start) + value + s.slice(start);
}

function equalsWith(a: string | null, b: NetValue, comparison: NetValue | undefined, call: CallInfo): boolean {
  if (b !== null && typeof b !== "string") return false;
  const kind = comparison === undefined ? "ordinal" : comparisonOf(comparison, call);
  if (a === null || b === null) return a === b;
  return stringEquals(a, b, kind, call);
}

export function defineString(registry: RuntimeRegistry): void {
  const text = (v: NetValue, call: CallInfo): string => netToString(v, { registry, now: call.now });
  const call0 = (name: string, f: (s: string, args: NetValue[], call: CallInfo) => NetValue) =>
    method((s, args, call) => f(self(s), values(args, `String.${name}`, call), call));

  const instance: Members = {
    Length: property((s) => int(self(s).length)),
    Substring: call0("Substring", substring),
    IndexOf: call0("IndexOf", (s, a, c) => find(s, a, false, c)),
    LastIndexOf: call0("LastIndexOf", (s, a, c) => find(s, a, true, c)),
    IndexOfAny: call0("IndexOfAny", (s, a, c) => {
      if (!isCharArray(a[0] ?? null) || a.length > 1) overload("String.IndexOfAny", a, c);
      const set = new Set(charsOf(a[0] as NetArray));
      return int([...s].findIndex((ch) => set.has(ch)));
    }),
    Contains: call0("Contains", (s, a, c) => {
      const ch = chr(a[0] ?? null);
      const kind = a.length > 1 ? comparisonOf(a[1]!, c) : "ordinal";
      if (a.length > 2) overload("String.Contains", a, c);
      return indexOf(s, ch ?? str(a[0] ?? null, "value", c), 0, kind, c) >= 0;
    }),
    StartsWith: call0("StartsWith", (s, a, c) => startsOrEnds(s, a, false, c)),
    EndsWith: call0("EndsWith", (s, a, c) => startsOrEnds(s, a, true, c)),
    Split: call0("Split", split),
    Replace: call0("Replace", replace),
    Trim: call0("Trim", (s, a, c) => trim(s, a, true, true, c)),
    TrimStart: call0("TrimStart", (s, a, c) => trim(s, a, true, false, c)),
    TrimEnd: call0("TrimEnd", (s, a, c) => trim(s, a, false, true, c)),
    // [U] APIM's culture is not documented: the current culture's casing is taken as the invariant one.
    ToLower: call0("ToLower", (s, a, c) => (a.length ? overload("String.ToLower", a, c) : toLowerInvariant(s))),
    ToUpper: call0("ToUpper", (s, a, c) => (a.length ? overload("String.ToUpper", a, c) : toUpperInvariant(s))),
    ToLowerInvariant: call0("ToLowerInvariant", (s) => toLowerInvariant(s)),
    ToUpperInvariant: call0("ToUpperInvariant", (s) => toUpperInvariant(s)),
    PadLeft: call0("PadLeft", (s, a, c) => pad(s, a, true, c)),
    PadRight: call0("PadRight", (s, a, c) => pad(s, a, false, c)),
    Insert: call0("Insert", insert),
    Remove: call0("Remove", remove),
    Equals: call0("Equals", (s, a, c) => equalsWith(s, a[0] ?? null, a[1], c)),
    CompareTo: call0("CompareTo", (s, a, c) => {
      const other = a[0] ?? null;
      if (other !== null && typeof other !== "string") overload("String.CompareTo", a, c);
      return int(compareStrings(s, other, "culture", c));
    }),
    ToCharArray: call0("ToCharArray", (s, a, c) => (a.length ? overload("String.ToCharArray", a, c) : charArray(s))),
    ToString: call0("ToString", (s, a, c) => (a.length ? overload("String.ToString", a, c) : s)),
    GetHashCode: method((_s, _a, call) => {
      throw new NotEmulated("String.GetHashCode (randomized per process in .NET)", call.at);
    }),
  };

  const statics: Members = {
    Empty: property(() => ""),
    IsNullOrEmpty: method((_s, args) => args[0]?.value === null || args[0]?.value === ""),
    IsNullOrWhiteSpace: method((_s, args) => {
      const v = args[0]?.value ?? null;
      return v === null || [...(v as string)].every((c) => isWhiteSpace(c.charCodeAt(0)));
    }),
    Equals: method((_s, args, call) => {
      const a = values(args, "String.Equals", call);
      if (a[0] !== null && typeof a[0] !== "string") return false;
      return equalsWith((a[0] ?? null) as string | null, a[1] ?? null, a[2], call);
    }),
    Compare: method((_s, args, call) => {
      const a = values(args, "String.Compare", call);
      const x = (a[0] ?? null) as string | null;
      const y = (a[1] ?? null) as string | null;
      if (a.length === 2) return int(compareStrings(x, y, "culture", call));
      if (a.length === 3 && typeof a[2] === "boolean")
        return int(compareStrings(x, y, a[2] ? "cultureIgnoreCase" : "culture", call));
      if (a.length === 3 && a[2] instanceof NetEnum) return int(compareStrings(x, y, comparisonOf(a[2], call), call));
      return overload("String.Compare", a, call);
    }),
    CompareOrdinal: method((_s, args, call) => {
      const a = values(args, "String.CompareOrdinal", call);
      if (a.length !== 2) overload("String.CompareOrdinal", a, call);
      const x = a[0] as string | null;
      const y = a[1] as string | null;
      if (x === null || y === null) return int(x === y ? 0 : x === null ? -1 : 1);
      return int(compareOrdinal(x, y));
    }),
    Join: method((_s, args, call) => {
      const a = values(args, "String.Join", call);
      const sepValue = a[0] ?? null;
      const sep = sepValue === null ? "" : (chr(sepValue) ?? str(sepValue, "separator", call));
      let items: NetValue[];
      if (a.length === 2 && a[1] instanceof NetArray) items = [...(a[1] as NetArray).items];
      else if (
        a.length === 2 &&
        a[1] !== null &&
        typeof a[1] === "object" &&
        !(a[1] instanceof Num) &&
        !(a[1] instanceof NetEnum)
      ) {
        const key = (a[1] as { $type: string }).$type;
        const t = registry.find(key, "iterate");
        if (!t?.iterate) throw new NotEmulated(`String.Join over ${key}`, call.at);
        items = [...t.iterate(a[1], call)];
      } else if (a.length === 2 && a[1] === null) throw argumentNull("value", call);
      else items = a.slice(1);
      return items.map((x) => text(x, call)).join(sep);
    }),
    Concat: method((_s, args, call) => {
      const a = values(args, "String.Concat", call);
      const items = a.length === 1 && a[0] instanceof NetArray ? (a[0] as NetArray).items : a;
      return items.map((x) => text(x, call)).join("");
    }),
    Format: method((_s, args, call) => {
      const a = values(args, "String.Format", call);
      const format = a[0];
      if (format === null || format === undefined) throw argumentNull("format", call);
      if (typeof format !== "string") throw new NotEmulated("String.Format with an IFormatProvider", call.at);
      return compositeFormat(format, paramsOf(a, 1), (v, f) => netToString(v, { registry, now: call.now }, f), call);
    }),
  };

  registry.define({
    key: K.string,
    supertypes: [K.object],
    instance,
    static: statics,
    indexer: {
      get(s, args: readonly Arg[], call) {
        const i = asInt(args[0]?.value ?? null);
        if (i === undefined || args.length !== 1) throw new NotEmulated("string indexer with these arguments", call.at);
        const str0 = self(s);
        if (i < 0 || i >= str0.length)
          throw new NetException("IndexOutOfRangeException", "Index was outside the bounds of the array.", call.at);
        return char(str0.charCodeAt(i));
      },
    },
    toString: (s) => self(s),
    equals: (a, b) => a === b,
    iterate: (s) => [...Array(self(s).length).keys()].map((i) => char(self(s).charCodeAt(i))),
    construct(args, call) {
      const a = values(args, "new String", call);
      const c = chr(a[0] ?? null);
      if (c !== undefined && a.length === 2 && asInt(a[1]!) !== undefined) return c.repeat(asInt(a[1]!)!);
      if (a.length === 1 && isCharArray(a[0]!)) return charsOf(a[0] as NetArray).join("");
      return overload("new String", a, call);
    },
  });
}
