// Match, Group, Capture and their collections, built from one JS exec result with .NET's group numbering.

import { NotEmulated } from "../../errors.js";
import type { CallInfo } from "../../runtime-types.js";
import type { NetObject } from "../../values.js";
import type { GroupInfo, Translated } from "./translate.js";

export const NS = "System.Text.RegularExpressions";
export const MATCH = `${NS}.Match`;
export const GROUP = `${NS}.Group`;
export const CAPTURE = `${NS}.Capture`;
export const GROUP_COLLECTION = `${NS}.GroupCollection`;
export const CAPTURE_COLLECTION = `${NS}.CaptureCollection`;
export const MATCH_COLLECTION = `${NS}.MatchCollection`;

export class NetCapture implements NetObject {
  readonly $type: string = CAPTURE;
  constructor(
    readonly index: number,
    readonly length: number,
    readonly value: string,
  ) {}
}

export class NetGroup extends NetCapture {
  override readonly $type: string = GROUP;
  constructor(
    readonly success: boolean,
    index: number,
    length: number,
    value: string,
    readonly name: string,
    readonly number: number,
    /** The group may have captured more than once: JS keeps only the last capture. */
    readonly repeated: boolean,
  ) {
    super(index, length, value);
  }

  captures(call: CallInfo): NetCaptureCollection {
    if (this.repeated && this.success)
      throw new NotEmulated("Captures of a group under a quantifier (JS keeps only the last capture)", call.at);
    return new NetCaptureCollection(this.success ? [new NetCapture(this.index, this.length, this.value)] : []);
  }
}

export class NetCaptureCollection implements NetObject {
  readonly $type = CAPTURE_COLLECTION;
  constructor(readonly items: NetCapture[]) {}
}

/** What a Match needs to find the next one. */
export interface MatchSource {
  translated: Translated;
  input: string;
}

export class NetMatch extends NetGroup {
  override readonly $type: string = MATCH;
  constructor(
    readonly groups: NetGroup[],
    readonly source: MatchSource | undefined,
  ) {
    const g0 = groups[0]!;
    super(g0.success, g0.index, g0.length, g0.value, "0", 0, false);
  }
}

export class NetGroupCollection implements NetObject {
  readonly $type = GROUP_COLLECTION;
  constructor(readonly match: NetMatch) {}
}

export class NetMatchCollection implements NetObject {
  readonly $type = MATCH_COLLECTION;
  constructor(readonly matches: NetMatch[]) {}
}

const failedGroup = (name: string, number: number): NetGroup => new NetGroup(false, 0, 0, "", name, number, false);

export function unmatchedGroup(name: string): NetGroup {
  return failedGroup(name, -1);
}

export function emptyMatch(): NetMatch {
  return new NetMatch([failedGroup("0", 0)], undefined);
}

/** One global copy of each translated pattern, to scan from a position (lastIndex is set before every exec). */
const scanners = new WeakMap<Translated, RegExp>();

/** The match at or after `start` (JS lastIndex semantics), or Match.Empty. */
export function matchAt(t: Translated, input: string, start: number): NetMatch {
  let re = scanners.get(t);
  if (!re) {
    re = new RegExp(t.regex.source, `${t.regex.flags}g`);
    scanners.set(t, re);
  }
  re.lastIndex = start;
  const m = re.exec(input);
  if (!m) return emptyMatch();
  return fromExec(t, input, m);
}

function fromExec(t: Translated, input: string, m: RegExpExecArray): NetMatch {
  const indices = m.indices!;
  const groups = t.groups.map((g: GroupInfo) => {
    const v = m[g.js];
    if (v === undefined) return failedGroup(g.name, g.number);
    const [s, e] = indices[g.js]!;
    return new NetGroup(true, s, e - s, v, g.name, g.number, g.repeated);
  });
  return new NetMatch(groups, { translated: t, input });
}

/** Every match from `start`, advancing one character after an empty match as .NET does. */
export function allMatches(t: Translated, input: string, start = 0): NetMatch[] {
  const out: NetMatch[] = [];
  let pos = start;
  while (pos <= input.length) {
    const m = matchAt(t, input, pos);
    if (!m.success) break;
    out.push(m);
    pos = m.length === 0 ? m.index + 1 : m.index + m.length;
  }
  return out;
}

export function nextMatch(m: NetMatch): NetMatch {
  if (!m.source || !m.success) return emptyMatch();
  const pos = m.length === 0 ? m.index + 1 : m.index + m.length;
  if (pos > m.source.input.length) return emptyMatch();
  return matchAt(m.source.translated, m.source.input, pos);
}
