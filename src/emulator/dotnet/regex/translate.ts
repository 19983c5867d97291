// .NET regular expression syntax to a JavaScript RegExp with the same meaning, or a clear "not emulated".
// .NET: https://learn.microsoft.com/dotnet/standard/base-types/regular-expression-language-quick-reference
// What is bridged (the JS pattern is always compiled with the `u` and `d` flags):
// - `.` is [^\n] (JS also stops at \r, \u2028, \u2029); `$` without Multiline also matches before a final \n;
//   with Multiline, `^`/`$` are at \n only (JS also at \r); `\A`, `\z`, `\Z` become lookarounds;
// - `\d`, `\w`, `\s`, `\b` are Unicode classes as in .NET (JS's are ASCII), unless RegexOptions.ECMAScript;
// - groups are numbered as .NET does: unnamed groups first, then named ones; `(?'n')` is `(?<n>)`;
// - leading inline options `(?imnsx)`; IgnorePatternWhitespace; ExplicitCapture; `(?#...)` comments.
// What is not (NotEmulated): atomic groups, balancing groups, conditionals, scoped inline options `(?i:...)`, inline
// options after the start, `\G`, character class subtraction, numbered names `(?<2>)`, a name used twice, Unicode
// block names (`\p{IsGreek}`), RightToLeft. Astral-plane characters are one character to JS and two to .NET.

export const OPTION = {
  None: 0,
  IgnoreCase: 1,
  Multiline: 2,
  ExplicitCapture: 4,
  Compiled: 8,
  Singleline: 16,
  IgnorePatternWhitespace: 32,
  RightToLeft: 64,
  ECMAScript: 256,
  CultureInvariant: 512,
  NonBacktracking: 1024,
} as const;

export interface GroupInfo {
  /** .NET group number. */
  number: number;
  /** .NET group name: the number as text for unnamed groups. */
  name: string;
  /** Index of the group in the JS match array. */
  js: number;
  /** Inside or under a quantifier: it may capture more than once, which JS does not record. */
  repeated: boolean;
}

export interface Translated {
  regex: RegExp;
  /** Groups in .NET order, group 0 (the whole match) first. */
  groups: GroupInfo[];
}

export class RegexUnsupported extends Error {}
export class RegexSyntax extends Error {}

const WORD = "\\p{L}\\p{Mn}\\p{Nd}\\p{Pc}";
const SPACE = "\\f\\n\\r\\t\\v\\x85\\p{Z}";
const SYNTAX = new Set("^$\\.*+?()[]{}|/".split(""));

interface OpenGroup {
  /** Where the group starts in the output and in the group list (a quantifier after ')' applies to them). */
  start: number;
  infoFrom: number;
}

export function translate(pattern: string, options: number): Translated {
  if (options & OPTION.RightToLeft) throw new RegexUnsupported("RegexOptions.RightToLeft");
  if (options & OPTION.NonBacktracking) throw new RegexUnsupported("RegexOptions.NonBacktracking");
  let opts = options;
  let i = 0;
  // Leading inline options apply to the whole pattern.
  const lead = /^\(\?([imnsx]*)(?:-([imnsx]*))?\)/.exec(pattern);
  if (lead && (lead[1] || lead[2])) {
    opts = applyInline(opts, lead[1] ?? "", lead[2] ?? "");
    i = lead[0].length;
  }
  const ecma = (opts & OPTION.ECMAScript) !== 0;
  const multiline = (opts & OPTION.Multiline) !== 0;
  const singleline = (opts & OPTION.Singleline) !== 0;
  const explicit = (opts & OPTION.ExplicitCapture) !== 0;
  const extended = (opts & OPTION.IgnorePatternWhitespace) !== 0;

  // First pass: number the groups as .NET does (unnamed left to right, then named in order of appearance).
  const plan = planGroups(pattern, i, explicit, extended);

  let out = "";
  let jsCount = 0;
  const jsOf = new Map<number, number>(); // .NET number -> JS index
  const infos: GroupInfo[] = [{ number: 0, name: "0", js: 0, repeated: false }];
  const stack: OpenGroup[] = [];
  let groupOrdinal = 0; // index into plan.order (capturing groups in pattern order)
  let lastAtom: { start: number; groupsFrom: number } | undefined;
  const wordClass = ecma ? "\\w" : `[${WORD}]`;
  const notWordClass = ecma ? "\\W" : `[^${WORD}]`;

  const markRepeated = (fromInfo: number): void => {
    for (let k = fromInfo; k < infos.length; k++) infos[k]!.repeated = true;
  };

  while (i < pattern.length) {
    const c = pattern[i]!;
    if (extended && /\s/.test(c)) {
      i++;
      continue;
    }
    if (extended && c === "#") {
      while (i < pattern.length && pattern[i] !== "\n") i++;
      continue;
    }
    const atomStart = out.length;
    const groupsBefore = infos.length;
    if (c === "\\") {
      const [js, len] = translateEscape(pattern, i, false, ecma, jsOf, plan, wordClass, notWordClass);
      out += js;
      i += len;
      lastAtom = { start: atomStart, groupsFrom: groupsBefore };
      continue;
    }
    if (c === "[") {
      const [js, len] = charClass(pattern, i, ecma);
      out += js;
      i += len;
      lastAtom = { start: atomStart, groupsFrom: groupsBefore };
      continue;
    }
    if (c === "(") {
      if (pattern.startsWith("(?#", i)) {
        const end = pattern.indexOf(")", i);
        if (end < 0) throw new RegexSyntax("unterminated (?#...) comment");
        i = end + 1;
        continue;
      }
      const head = groupHead(pattern, i);
      if (head.kind === "capture" || (head.kind === "plain" && !explicit)) {
        const dotnet = plan.order[groupOrdinal++]!;
        jsCount++;
        jsOf.set(dotnet.number, jsCount);
        infos.push({ number: dotnet.number, name: dotnet.name, js: jsCount, repeated: false });
        out += head.kind === "capture" ? `(?<${head.name}>` : "(";
        stack.push({ start: atomStart, infoFrom: groupsBefore });
      } else {
        out += head.kind === "plain" ? "(?:" : head.js;
        stack.push({ start: atomStart, infoFrom: groupsBefore });
      }
      i += head.length;
      lastAtom = undefined;
      continue;
    }
    if (c === ")") {
      const g = stack.pop();
      if (!g) throw new RegexSyntax("too many )'s");
      out += ")";
      i++;
      lastAtom = { start: g.start, groupsFrom: g.infoFrom };
      continue;
    }
    if (c === "*" || c === "+" || c === "?" || (c === "{" && /^\{\d+(,\d*)?\}/.test(pattern.slice(i)))) {
      if (!lastAtom) throw new RegexSyntax("quantifier following nothing");
      const q = c === "{" ? /^\{\d+(,\d*)?\}/.exec(pattern.slice(i))![0] : c;
      i += q.length;
      let lazy = "";
      if (pattern[i] === "?") {
        lazy = "?";
        i++;
      } else if (
        pattern[i] === "+" ||
        pattern[i] === "*" ||
        (pattern[i] === "{" && /^\{\d+(,\d*)?\}/.test(pattern.slice(i)))
      ) {
        throw new RegexSyntax("nested quantifier");
      }
      out += q + lazy;
      markRepeated(lastAtom.groupsFrom);
      lastAtom = undefined;
      continue;
    }
    if (c === ".") out += singleline ? "[\\s\\S]" : "[^\\n]";
    else if (c === "^") out += multiline ? "(?:(?<![\\s\\S])|(?<=\\n))" : "(?<![\\s\\S])";
    else if (c === "$") out += multiline ? "(?=\\n|(?![\\s\\S]))" : "(?=\\n?(?![\\s\\S]))";
    else if (c === "{" || c === "}" || c === "]" || c === "/") out += `\\${c}`;
    else out += c;
    i++;
    lastAtom = { start: atomStart, groupsFrom: groupsBefore };
  }
  if (stack.length > 0) throw new RegexSyntax("not enough )'s");

  let flags = "ud";
  if (opts & OPTION.IgnoreCase) flags += "i";
  let regex: RegExp;
  try {
    regex = new RegExp(out, flags);
  } catch (e) {
    throw new RegexUnsupported(`a pattern the emulator cannot translate (${(e as Error).message})`);
  }
  const ordered = [
    infos[0]!,
    ...plan.order
      .filter((g) => jsOf.has(g.number))
      .sort((a, b) => a.number - b.number)
      .map((g) => infos.find((x) => x.number === g.number)!),
  ];
  return { regex, groups: ordered };
}

function applyInline(opts: number, on: string, off: string): number {
  const bit: Record<string, number> = {
    i: OPTION.IgnoreCase,
    m: OPTION.Multiline,
    n: OPTION.ExplicitCapture,
    s: OPTION.Singleline,
    x: OPTION.IgnorePatternWhitespace,
  };
  let r = opts;
  for (const ch of on) r |= bit[ch]!;
  for (const ch of off) r &= ~bit[ch]!;
  return r;
}

type Head =
  | { kind: "plain"; length: number }
  | { kind: "capture"; name: string; length: number }
  | { kind: "other"; js: string; length: number };

function groupHead(p: string, i: number): Head {
  if (p[i + 1] !== "?") return { kind: "plain", length: 1 };
  const rest = p.slice(i);
  if (rest.startsWith("(?:")) return { kind: "other", js: "(?:", length: 3 };
  if (rest.startsWith("(?=")) return { kind: "other", js: "(?=", length: 3 };
  if (rest.startsWith("(?!")) return { kind: "other", js: "(?!", length: 3 };
  if (rest.startsWith("(?<=")) return { kind: "other", js: "(?<=", length: 4 };
  if (rest.startsWith("(?<!")) return { kind: "other", js: "(?<!", length: 4 };
  if (rest.startsWith("(?>")) throw new RegexUnsupported("an atomic group (?>...)");
  if (rest.startsWith("(?(")) throw new RegexUnsupported("a conditional (?(...)...)");
  const named = /^\(\?(?:<([^>]*)>|'([^']*)')/.exec(rest);
  if (named) {
    const name = named[1] ?? named[2]!;
    if (name.includes("-")) throw new RegexUnsupported("a balancing group");
    if (/^\d+$/.test(name)) throw new RegexUnsupported("a group named by a number");
    if (!/^[\p{L}_][\p{L}\p{Nd}_]*$/u.test(name)) throw new RegexSyntax(`invalid group name ${name}`);
    return { kind: "capture", name, length: named[0].length };
  }
  if (/^\(\?[imnsx-]+[:)]/.test(rest))
    throw new RegexUnsupported("inline options (?imnsx) after the start of the pattern");
  throw new RegexSyntax("unrecognized grouping construct");
}

interface Plan {
  /** Capturing groups in pattern order, with their .NET number and name. */
  order: { number: number; name: string }[];
  names: Map<string, number>;
  count: number;
}

function planGroups(p: string, from: number, explicit: boolean, extended: boolean): Plan {
  const kinds: (string | undefined)[] = []; // undefined: unnamed capture; string: named
  let inClass = false;
  for (let i = from; i < p.length; i++) {
    const c = p[i]!;
    if (c === "\\") {
      i++;
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (extended && c === "#") {
      while (i < p.length && p[i] !== "\n") i++;
      continue;
    }
    if (c === "[") {
      inClass = true;
      if (p[i + 1] === "^") i++;
      if (p[i + 1] === "]") i++;
      continue;
    }
    if (c !== "(") continue;
    if (p.startsWith("(?#", i)) {
      const end = p.indexOf(")", i);
      i = end < 0 ? p.length : end;
      continue;
    }
    if (p[i + 1] !== "?") {
      if (!explicit) kinds.push(undefined);
      continue;
    }
    const named = /^\(\?(?:<([^>=!]*)>|'([^']*)')/.exec(p.slice(i));
    if (named) kinds.push(named[1] ?? named[2]!);
  }
  const names = new Map<string, number>();
  let n = 0;
  const numbers = kinds.map((k) => (k === undefined ? ++n : 0));
  for (const k of kinds) {
    if (k === undefined) continue;
    if (names.has(k)) throw new RegexUnsupported(`the group name '${k}' used twice`);
    names.set(k, ++n);
  }
  const order = kinds.map((k, idx) =>
    k === undefined ? { number: numbers[idx]!, name: String(numbers[idx]) } : { number: names.get(k)!, name: k },
  );
  return { order, names, count: n };
}

/** An escape outside a character class: [JS text, consumed length]. */
function translateEscape(
  p: string,
  i: number,
  inClass: boolean,
  ecma: boolean,
  jsOf: Map<number, number>,
  plan: Plan | undefined,
  wordClass: string,
  notWordClass: string,
): [string, number] {
  const n = p[i + 1];
  if (n === undefined) throw new RegexSyntax("illegal \\ at end of pattern");
  switch (n) {
    case "d":
      return [ecma ? "\\d" : "\\p{Nd}", 2];
    case "D":
      return [ecma ? "\\D" : "\\P{Nd}", 2];
    case "w":
      return [ecma ? "\\w" : inClass ? WORD : wordClass, 2];
    case "W":
      if (inClass && !ecma) throw new RegexUnsupported("\\W inside a character class");
      return [ecma ? "\\W" : notWordClass, 2];
    case "s":
      return [ecma ? "\\s" : inClass ? SPACE : `[${SPACE}]`, 2];
    case "S":
      if (inClass && !ecma) throw new RegexUnsupported("\\S inside a character class");
      return [ecma ? "\\S" : `[^${SPACE}]`, 2];
    case "b":
      if (inClass) return ["\\x08", 2];
      return [ecma ? "\\b" : `(?:(?<=${wordClass})(?!${wordClass})|(?<!${wordClass})(?=${wordClass}))`, 2];
    case "B":
      return [ecma ? "\\B" : `(?:(?<=${wordClass})(?=${wordClass})|(?<!${wordClass})(?!${wordClass}))`, 2];
    case "A":
      return ["(?<![\\s\\S])", 2];
    case "z":
      return ["(?![\\s\\S])", 2];
    case "Z":
      return ["(?=\\n?(?![\\s\\S]))", 2];
    case "G":
      throw new RegexUnsupported("\\G");
    case "e":
      return ["\\x1B", 2];
    case "a":
      return ["\\x07", 2];
    case "t":
    case "n":
    case "r":
    case "f":
    case "v":
      return [`\\${n}`, 2];
    case "x": {
      const m = /^[0-9a-fA-F]{2}/.exec(p.slice(i + 2));
      if (!m) throw new RegexSyntax("insufficient hexadecimal digits");
      return [`\\x${m[0]}`, 4];
    }
    case "u": {
      const m = /^[0-9a-fA-F]{4}/.exec(p.slice(i + 2));
      if (!m) throw new RegexSyntax("insufficient hexadecimal digits");
      return [`\\u${m[0]}`, 6];
    }
    case "c": {
      const m = /^[A-Za-z]/.exec(p.slice(i + 2));
      if (!m) throw new RegexSyntax("missing control character");
      return [`\\c${m[0]}`, 3];
    }
    case "p":
    case "P": {
      const m = /^\{([A-Za-z_]+)\}/.exec(p.slice(i + 2));
      if (!m) throw new RegexSyntax("incomplete \\p{X} character escape");
      if (m[1]!.startsWith("Is")) throw new RegexUnsupported(`the Unicode block \\${n}{${m[1]}}`);
      return [`\\${n}{${m[1]}}`, 3 + m[0].length - 1];
    }
    case "k": {
      const m = /^(?:<([^>]+)>|'([^']+)')/.exec(p.slice(i + 2));
      if (!m) throw new RegexSyntax("malformed \\k<...> named back reference");
      const name = m[1] ?? m[2]!;
      if (/^\d+$/.test(name)) return [backref(Number(name), jsOf), 2 + m[0].length];
      if (!plan?.names.has(name)) throw new RegexSyntax(`reference to undefined group name ${name}`);
      return [`\\k<${name}>`, 2 + m[0].length];
    }
    case "0": {
      const m = /^[0-7]{0,2}/.exec(p.slice(i + 2));
      return [`\\x${Number.parseInt(`0${m![0]}`, 8).toString(16).padStart(2, "0")}`, 2 + m![0].length];
    }
    default:
      break;
  }
  if (/[1-9]/.test(n)) {
    if (inClass) throw new RegexUnsupported("an octal escape in a character class");
    const m = /^\d+/.exec(p.slice(i + 1))!;
    return [backref(Number(m[0]), jsOf), 1 + m[0].length];
  }
  if (/[A-Za-z0-9_]/.test(n)) throw new RegexSyntax(`unrecognized escape sequence \\${n}`);
  // an escaped punctuation or space character is that character
  if (SYNTAX.has(n) || (inClass && (n === "-" || n === "]" || n === "["))) return [`\\${n}`, 2];
  return [n, 2];
}

function backref(dotnet: number, jsOf: Map<number, number>): string {
  const js = jsOf.get(dotnet);
  if (js === undefined)
    throw new RegexUnsupported(`the back reference \\${dotnet} to a group not yet closed or not defined`);
  return `\\${js}`;
}

function charClass(p: string, i: number, ecma: boolean): [string, number] {
  let j = i + 1;
  let out = "[";
  if (p[j] === "^") {
    out += "^";
    j++;
  }
  let first = true;
  while (j < p.length) {
    const c = p[j]!;
    if (c === "]" && !first) return [`${out}]`, j + 1 - i];
    first = false;
    if (c === "\\") {
      const [js, len] = translateEscape(p, j, true, ecma, new Map(), undefined, "", "");
      out += js;
      j += len;
      continue;
    }
    if (c === "-" && p[j + 1] === "[") throw new RegexUnsupported("character class subtraction");
    if (c === "[" || c === "/" || (c === "]" && first)) out += `\\${c}`;
    else if (c === "]") out += "\\]";
    else out += c;
    j++;
  }
  throw new RegexSyntax("unterminated [] set");
}
