// .NET replacement patterns: $number, ${name}, $$, $&, $`, $', $+, $_ (anything else is literal text).
// https://learn.microsoft.com/dotnet/standard/base-types/substitutions-in-regular-expressions

import type { NetMatch } from "./match.js";

export function expandReplacement(replacement: string, m: NetMatch): string {
  const input = m.source?.input ?? "";
  const byNumber = (n: number) => m.groups.find((g) => g.number === n);
  let out = "";
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!;
    if (c !== "$" || i + 1 >= replacement.length) {
      out += c;
      continue;
    }
    const n = replacement[i + 1]!;
    if (n === "$") {
      out += "$";
      i++;
    } else if (n === "&") {
      out += m.value;
      i++;
    } else if (n === "`") {
      out += input.slice(0, m.index);
      i++;
    } else if (n === "'") {
      out += input.slice(m.index + m.length);
      i++;
    } else if (n === "_") {
      out += input;
      i++;
    } else if (n === "+") {
      const last = m.groups.length > 1 ? m.groups[m.groups.length - 1]! : m.groups[0]!;
      out += last.value;
      i++;
    } else if (n === "{") {
      const end = replacement.indexOf("}", i + 2);
      const name = end < 0 ? "" : replacement.slice(i + 2, end);
      const g = /^\d+$/.test(name) ? byNumber(Number(name)) : m.groups.find((x) => x.name === name);
      if (end < 0 || !g) {
        out += c;
        continue;
      }
      out += g.value;
      i = end;
    } else if (/\d/.test(n)) {
      // the longest run of digits that names a group (.NET's greedy group-number read)
      const digits = /^\d+/.exec(replacement.slice(i + 1))![0];
      let used = 0;
      for (let k = digits.length; k > 0; k--) {
        if (byNumber(Number(digits.slice(0, k)))) {
          used = k;
          break;
        }
      }
      if (used === 0) {
        out += c;
        continue;
      }
      out += byNumber(Number(digits.slice(0, used)))!.value;
      i += used;
    } else out += c;
  }
  return out;
}
