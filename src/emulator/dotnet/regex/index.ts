// System.Text.RegularExpressions: Regex (instance and static), RegexOptions, Match, Group, Capture and their
// collections. Patterns are translated to JS once per (pattern, options) (translate.ts lists what is bridged).
// The match timeout argument is accepted and not enforced (no policy observes it unless a match runs away).

import { NetException, NotEmulated } from "../../errors.js";
import type { Arg, CallInfo, MemberImpl, RuntimeRegistry } from "../../runtime-types.js";
import { int, NetDelegate, NetEnum, type NetValue, Num } from "../../values.js";
import { describe, fail, intArg, stringArg, stringArray } from "../format/args.js";
import {
  allMatches,
  CAPTURE,
  CAPTURE_COLLECTION,
  emptyMatch,
  GROUP,
  GROUP_COLLECTION,
  MATCH,
  MATCH_COLLECTION,
  matchAt,
  NetCapture,
  type NetCaptureCollection,
  NetGroup,
  NetGroupCollection,
  NetMatch,
  NetMatchCollection,
  NS,
  nextMatch,
  unmatchedGroup,
} from "./match.js";
import { expandReplacement } from "./replace.js";
import { OPTION, RegexSyntax, RegexUnsupported, type Translated, translate } from "./translate.js";

export const REGEX = `${NS}.Regex`;
export const REGEX_OPTIONS = `${NS}.RegexOptions`;

export class NetRegex {
  readonly $type = REGEX;
  constructor(
    readonly pattern: string,
    readonly options: number,
    readonly translated: Translated,
  ) {}
}

const cache = new Map<string, Translated>();

function compile(pattern: string, options: number, call: CallInfo): Translated {
  const key = `${options}\u0000${pattern}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const allowedWithEcma =
    OPTION.ECMAScript | OPTION.IgnoreCase | OPTION.Multiline | OPTION.Compiled | OPTION.CultureInvariant;
  if (options & OPTION.ECMAScript && options & ~allowedWithEcma) {
    throw new NetException(
      "ArgumentOutOfRangeException",
      "Specified argument was out of the range of valid values. (Parameter 'options')",
      call.at,
    );
  }
  try {
    const t = translate(pattern, options);
    if (cache.size > 500) cache.clear();
    cache.set(key, t);
    return t;
  } catch (e) {
    if (e instanceof RegexUnsupported)
      throw new NotEmulated(`Regex ${e.message} in pattern ${JSON.stringify(pattern)}`, call.at);
    if (e instanceof RegexSyntax) {
      // RegexParseException derives from ArgumentException
      throw new NetException(
        "ArgumentException",
        `Invalid pattern '${pattern}' at offset ${pattern.length}. ${e.message}.`,
        call.at,
        ["ArgumentException", "SystemException", "Exception"],
      );
    }
    throw e;
  }
}

function optionsOf(v: NetValue | undefined, call: CallInfo): number {
  if (v === undefined) return 0;
  if (v instanceof NetEnum && v.$type === REGEX_OPTIONS) return v.value;
  fail(`RegexOptions argument of type ${describe(v ?? null)}`, call);
}

/** Regex(pattern[, options[, matchTimeout]]) or, for static calls, (input, pattern[, ...rest]). */
function regexOf(pattern: string, optionsArg: NetValue | undefined, call: CallInfo): NetRegex {
  const options = optionsOf(optionsArg, call);
  return new NetRegex(pattern, options, compile(pattern, options, call));
}

function asRegex(v: NetValue, call: CallInfo): NetRegex {
  if (v instanceof NetRegex) return v;
  fail(`Regex member on a ${describe(v)}`, call);
}

function startAt(args: readonly Arg[], i: number, input: string, what: string, call: CallInfo): number {
  if (args.length <= i) return 0;
  const n = intArg(args, i, what, call);
  if (n < 0 || n > input.length) {
    throw new NetException(
      "ArgumentOutOfRangeException",
      "Start index cannot be less than 0 or greater than input length. (Parameter 'startat')",
      call.at,
    );
  }
  return n;
}

/** The replacement of each match: a pattern string or a MatchEvaluator. */
function replacer(v: NetValue | undefined, call: CallInfo): (m: NetMatch) => string {
  if (v === null)
    throw new NetException("ArgumentNullException", "Value cannot be null. (Parameter 'replacement')", call.at);
  if (typeof v === "string") return (m) => expandReplacement(v, m);
  if (v instanceof NetDelegate) {
    return (m) => {
      const r = v.invoke([m]);
      if (r !== null && typeof r !== "string") fail("a MatchEvaluator that does not return a string", call);
      return r ?? "";
    };
  }
  fail(`Regex.Replace with a ${describe(v ?? null)} replacement`, call);
}

function replace(re: NetRegex, input: string, f: (m: NetMatch) => string, count: number, start: number): string {
  let out = "";
  let prev = 0;
  let n = 0;
  for (const m of allMatches(re.translated, input, start)) {
    if (count >= 0 && n >= count) break;
    out += input.slice(prev, m.index) + f(m);
    prev = m.index + m.length;
    n++;
  }
  return out + input.slice(prev);
}

function split(re: NetRegex, input: string, count: number, start: number): string[] {
  if (count === 1) return [input];
  const out: string[] = [];
  let prev = 0;
  let splits = 0;
  for (const m of allMatches(re.translated, input, start)) {
    out.push(input.slice(prev, m.index));
    // captured groups go into the result, in group-number order (.NET Regex.Split)
    for (const g of m.groups.slice(1)) if (g.success) out.push(g.value);
    prev = m.index + m.length;
    // count limits the pieces: count - 1 matches split, whatever the captures add
    splits++;
    if (count > 0 && splits >= count - 1) break;
  }
  out.push(input.slice(prev));
  return out;
}

const input = (args: readonly Arg[], i: number, what: string, call: CallInfo) =>
  stringArg(args, i, what, call, "input");
const pattern = (args: readonly Arg[], i: number, what: string, call: CallInfo) =>
  stringArg(args, i, what, call, "pattern");

const m = (f: (self: NetValue, args: readonly Arg[], call: CallInfo) => NetValue): MemberImpl => ({
  kind: "method",
  call: f,
});
const p = (get: (self: NetValue, call: CallInfo) => NetValue): MemberImpl => ({ kind: "property", get });

/** Regex.Escape: \, *, +, ?, |, {, [, (, ), ^, $, ., #, and white space (as escape codes). */
export function regexEscape(s: string): string {
  return s.replace(/[\\*+?|{[()^$.#\s]/g, (c) => {
    switch (c) {
      case "\t":
        return "\\t";
      case "\n":
        return "\\n";
      case "\r":
        return "\\r";
      case "\f":
        return "\\f";
      case "\v":
        return "\\v";
      case " ":
        return "\\ ";
      default:
        return /\s/.test(c) ? c : `\\${c}`;
    }
  });
}

/** Regex.Unescape: the escape codes back to characters; any other escaped character is itself. */
export function regexUnescape(s: string, call: CallInfo): string {
  return s.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|c[A-Za-z]|[0-7]{1,3}|.|$)/gs, (_all, e: string) => {
    if (e === "")
      throw new NetException("ArgumentException", "Invalid pattern. Illegal \\ at end of pattern.", call.at);
    const simple: Record<string, string> = {
      t: "\t",
      n: "\n",
      r: "\r",
      f: "\f",
      v: "\v",
      a: "\x07",
      e: "\x1b",
      b: "\b",
    };
    if (e.length === 1 && simple[e]) return simple[e]!;
    if (e[0] === "x" || (e[0] === "u" && e.length === 5)) return String.fromCharCode(Number.parseInt(e.slice(1), 16));
    if (e[0] === "c" && e.length === 2) return String.fromCharCode(e.toUpperCase().charCodeAt(1) - 64);
    if (/^[0-7]+$/.test(e)) return String.fromCharCode(Number.parseInt(e, 8));
    return e;
  });
}

function groupAt(match: NetMatch, key: NetValue, call: CallInfo): NetGroup {
  if (typeof key === "string") return match.groups.find((g) => g.name === key) ?? unmatchedGroup(key);
  if (key instanceof Num) {
    const n = intArg([{ value: key }], 0, "GroupCollection[int]", call);
    return match.groups.find((g) => g.number === n) ?? unmatchedGroup(String(n));
  }
  fail(`GroupCollection indexer with a ${describe(key)}`, call);
}

function asCapture(v: NetValue, call: CallInfo): NetCapture {
  if (v instanceof NetCapture) return v;
  fail(`Capture member on a ${describe(v)}`, call);
}

function asGroup(v: NetValue, call: CallInfo): NetGroup {
  if (v instanceof NetGroup) return v;
  fail(`Group member on a ${describe(v)}`, call);
}

function asMatch(v: NetValue, call: CallInfo): NetMatch {
  if (v instanceof NetMatch) return v;
  fail(`Match member on a ${describe(v)}`, call);
}

function listIndex(items: readonly NetValue[], args: readonly Arg[], what: string, call: CallInfo): NetValue {
  const i = intArg(args, 0, what, call);
  if (i < 0 || i >= items.length) {
    throw new NetException(
      "ArgumentOutOfRangeException",
      "Specified argument was out of the range of valid values. (Parameter 'i')",
      call.at,
    );
  }
  return items[i]!;
}

export function defineRegex(registry: RuntimeRegistry): void {
  registry.define({
    key: REGEX,
    supertypes: ["System.Object"],
    construct(args, call) {
      return regexOf(pattern(args, 0, "new Regex", call), args[1]?.value, call);
    },
    instance: {
      IsMatch: m((self, a, c) => {
        const re = asRegex(self, c);
        const s = input(a, 0, "Regex.IsMatch", c);
        return matchAt(re.translated, s, startAt(a, 1, s, "Regex.IsMatch", c)).success;
      }),
      Match: m((self, a, c) => {
        const re = asRegex(self, c);
        const s = input(a, 0, "Regex.Match", c);
        if (a.length > 2) fail("Regex.Match(input, beginning, length)", c);
        return matchAt(re.translated, s, startAt(a, 1, s, "Regex.Match", c));
      }),
      Matches: m((self, a, c) => {
        const re = asRegex(self, c);
        const s = input(a, 0, "Regex.Matches", c);
        return new NetMatchCollection(allMatches(re.translated, s, startAt(a, 1, s, "Regex.Matches", c)));
      }),
      Replace: m((self, a, c) => {
        const re = asRegex(self, c);
        const s = input(a, 0, "Regex.Replace", c);
        const count = a.length > 2 ? intArg(a, 2, "Regex.Replace", c) : -1;
        return replace(re, s, replacer(a[1]?.value, c), count, startAt(a, 3, s, "Regex.Replace", c));
      }),
      Split: m((self, a, c) => {
        const re = asRegex(self, c);
        const s = input(a, 0, "Regex.Split", c);
        const count = a.length > 1 ? intArg(a, 1, "Regex.Split", c) : 0;
        return stringArray(split(re, s, count, startAt(a, 2, s, "Regex.Split", c)));
      }),
      GetGroupNames: m((self, _a, c) => stringArray(asRegex(self, c).translated.groups.map((g) => g.name))),
      ToString: m((self, _a, c) => asRegex(self, c).pattern),
      Options: p((self, c) => optionsEnum(asRegex(self, c).options)),
    },
    static: {
      IsMatch: m((_s, a, c) => {
        const s = input(a, 0, "Regex.IsMatch", c);
        return matchAt(regexOf(pattern(a, 1, "Regex.IsMatch", c), a[2]?.value, c).translated, s, 0).success;
      }),
      Match: m((_s, a, c) => {
        const s = input(a, 0, "Regex.Match", c);
        return matchAt(regexOf(pattern(a, 1, "Regex.Match", c), a[2]?.value, c).translated, s, 0);
      }),
      Matches: m((_s, a, c) => {
        const s = input(a, 0, "Regex.Matches", c);
        return new NetMatchCollection(
          allMatches(regexOf(pattern(a, 1, "Regex.Matches", c), a[2]?.value, c).translated, s),
        );
      }),
      Replace: m((_s, a, c) => {
        const s = input(a, 0, "Regex.Replace", c);
        const re = regexOf(pattern(a, 1, "Regex.Replace", c), a[3]?.value, c);
        return replace(re, s, replacer(a[2]?.value, c), -1, 0);
      }),
      Split: m((_s, a, c) => {
        const s = input(a, 0, "Regex.Split", c);
        return stringArray(split(regexOf(pattern(a, 1, "Regex.Split", c), a[2]?.value, c), s, 0, 0));
      }),
      Escape: m((_s, a, c) => regexEscape(stringArg(a, 0, "Regex.Escape", c, "str"))),
      Unescape: m((_s, a, c) => regexUnescape(stringArg(a, 0, "Regex.Unescape", c, "str"), c)),
    },
    toString: (self, _f, c) => asRegex(self, c).pattern,
  });

  const captureMembers = {
    Index: p((self, c) => int(asCapture(self, c).index)),
    Length: p((self, c) => int(asCapture(self, c).length)),
    Value: p((self, c) => asCapture(self, c).value),
    ToString: m((self, _a, c) => asCapture(self, c).value),
  };
  registry.define({
    key: CAPTURE,
    supertypes: ["System.Object"],
    instance: captureMembers,
    toString: (self, _f, c) => asCapture(self, c).value,
  });
  registry.define({
    key: GROUP,
    supertypes: [CAPTURE, "System.Object"],
    instance: {
      Success: p((self, c) => asGroup(self, c).success),
      Name: p((self, c) => asGroup(self, c).name),
      Captures: p((self, c) => asGroup(self, c).captures(c)),
    },
  });
  registry.define({
    key: MATCH,
    supertypes: [GROUP, CAPTURE, "System.Object"],
    instance: {
      Groups: p((self, c) => new NetGroupCollection(asMatch(self, c))),
      NextMatch: m((self, _a, c) => nextMatch(asMatch(self, c))),
      Result: m((self, a, c) => {
        const match = asMatch(self, c);
        const r = stringArg(a, 0, "Match.Result", c, "replacement");
        if (!match.success)
          throw new NetException("NotSupportedException", "Result cannot be called on a failed Match.", c.at);
        return expandReplacement(r, match);
      }),
    },
    static: { Empty: p(() => emptyMatch()) },
  });
  registry.define({
    key: GROUP_COLLECTION,
    supertypes: ["System.Object"],
    instance: {
      Count: p((self, c) => int(asGc(self, c).match.groups.length)),
      ContainsKey: m((self, a, c) =>
        asGc(self, c).match.groups.some((g) => g.name === stringArg(a, 0, "GroupCollection.ContainsKey", c, "key")),
      ),
    },
    indexer: { get: (self, a, c) => groupAt(asGc(self, c).match, a[0]?.value ?? null, c) },
    iterate: (self, c) => asGc(self, c).match.groups,
  });
  registry.define({
    key: CAPTURE_COLLECTION,
    supertypes: ["System.Object"],
    instance: { Count: p((self) => int((self as NetCaptureCollection).items.length)) },
    indexer: { get: (self, a, c) => listIndex((self as NetCaptureCollection).items, a, "CaptureCollection[int]", c) },
    iterate: (self) => (self as NetCaptureCollection).items,
  });
  registry.define({
    key: MATCH_COLLECTION,
    supertypes: ["System.Object"],
    instance: { Count: p((self) => int((self as NetMatchCollection).matches.length)) },
    indexer: { get: (self, a, c) => listIndex((self as NetMatchCollection).matches, a, "MatchCollection[int]", c) },
    iterate: (self) => (self as NetMatchCollection).matches,
  });
}

function asGc(v: NetValue, call: CallInfo): NetGroupCollection {
  if (v instanceof NetGroupCollection) return v;
  fail(`GroupCollection member on a ${describe(v)}`, call);
}

const OPTION_NAMES = Object.entries(OPTION).filter(([, v]) => v !== 0);

/** A RegexOptions value, named as .NET's flags enum ToString names it ("IgnoreCase, Multiline"). */
export function optionsEnum(value: number): NetEnum {
  const names = OPTION_NAMES.filter(([, v]) => value & v).map(([n]) => n);
  return new NetEnum(REGEX_OPTIONS, names.length ? names.join(", ") : "None", value);
}
