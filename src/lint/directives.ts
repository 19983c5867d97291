// Inline directives in XML comments, ESLint style:
//   <!-- apimkit-disable-next-line rule-a, rule-b -- reason -->
//   <!-- apimkit-disable-line rule-a -->            (on the line of the comment)
//   <!-- apimkit-disable rule-a --> ... <!-- apimkit-enable rule-a -->
//   <!-- apimkit-disable -->                         (before the root element: the whole file)
// No rule list means every rule. Text after ` - ` (or ` -- `, ESLint's separator) is a free reason, ignored.
// `--` is not allowed inside an XML comment (APIM rejects the document, and so does the parser: parse-error),
// so in policies the reason must follow a single dash.
import type { CommentNode, PolicyDocument } from "../policy/model.js";
import type { Finding } from "./types.js";

export type DirectiveKind = "disable" | "enable" | "disable-line" | "disable-next-line";

export interface Directive {
  kind: DirectiveKind;
  /** Rule ids named; empty = all rules. */
  rules: string[];
  comment: CommentNode;
  /** True for a disable before the root element: it covers the whole file. */
  fileLevel: boolean;
}

const DIRECTIVE = /^apimkit-(disable-next-line|disable-line|disable|enable)(?:\s+([\s\S]*))?$/;

/** Reads one comment's directive, or undefined when the comment is not one. */
export function parseDirective(comment: CommentNode, fileLevel: boolean): Directive | undefined {
  const match = DIRECTIVE.exec(comment.text.trim());
  if (!match) return undefined;
  let list = match[2] ?? "";
  const reason = list.search(/(?:^|\s)--?(?:\s|$)/);
  if (reason >= 0) list = list.slice(0, reason);
  const rules = list.split(/[\s,]+/).filter((r) => r.length > 0);
  const kind = match[1] as DirectiveKind;
  return { kind, rules, comment, fileLevel: fileLevel && kind === "disable" };
}

/** Every directive in the document, in source order. */
export function collectDirectives(doc: PolicyDocument): Directive[] {
  const out: Directive[] = [];
  const rootStart = doc.root?.range.start.offset ?? Number.POSITIVE_INFINITY;
  for (const c of doc.comments) {
    if (!mayBeDirective(c.text)) continue;
    // A disable before the root element (outside every element) covers the whole file.
    const d = parseDirective(c, c.parent === undefined && c.range.end.offset <= rootStart);
    if (d) out.push(d);
  }
  return out;
}

/**
 * A directive is the whole comment (DIRECTIVE is anchored at the trimmed start), so a comment whose first character
 * is printable ASCII other than "a" is none: most comments are answered from their first character, not by a
 * search through their text.
 */
function mayBeDirective(text: string): boolean {
  const first = text.charCodeAt(0);
  if (first > 32 && first < 127) return first === 97 && text.startsWith("apimkit-");
  return text.trimStart().startsWith("apimkit-");
}

const ALL = "*";

/** Tracks which directive (and which of its rules) suppressed at least one finding. */
export class DirectiveFilter {
  private readonly used = new Map<Directive, Set<string>>();
  private readonly blocks: Directive[];
  private readonly lines: Directive[];

  constructor(readonly directives: Directive[]) {
    this.blocks = directives.filter((d) => d.kind === "disable" || d.kind === "enable");
    this.lines = directives.filter((d) => d.kind === "disable-line" || d.kind === "disable-next-line");
  }

  /** True when a directive hides the finding (and marks that directive used). */
  suppresses(f: Finding): boolean {
    for (const d of this.lines) {
      const c = d.comment.range;
      const hit =
        d.kind === "disable-next-line" ? f.line === c.end.line + 1 : f.line >= c.start.line && f.line <= c.end.line;
      if (hit && this.names(d, f.ruleId)) return this.mark(d, f.ruleId);
    }
    const by = this.blockState(f);
    return by ? this.mark(by, f.ruleId) : false;
  }

  /** Replays disable/enable directives up to the finding's position; returns the directive that disables it. */
  private blockState(f: Finding): Directive | undefined {
    let allBy: Directive | undefined;
    const exceptions = new Set<string>();
    const byRule = new Map<string, Directive>();
    for (const d of this.blocks) {
      if (!d.fileLevel && !before(d, f)) break;
      if (d.kind === "disable") {
        if (d.rules.length === 0) {
          allBy = d;
          exceptions.clear();
        } else if (allBy) for (const r of d.rules) exceptions.delete(r);
        else for (const r of d.rules) byRule.set(r, d);
      } else if (d.rules.length === 0) {
        allBy = undefined;
        exceptions.clear();
        byRule.clear();
      } else if (allBy) for (const r of d.rules) exceptions.add(r);
      else for (const r of d.rules) byRule.delete(r);
    }
    if (allBy) return exceptions.has(f.ruleId) ? undefined : allBy;
    return byRule.get(f.ruleId);
  }

  private names(d: Directive, ruleId: string): boolean {
    return d.rules.length === 0 || d.rules.includes(ruleId);
  }

  private mark(d: Directive, ruleId: string): true {
    let set = this.used.get(d);
    if (!set) {
      set = new Set();
      this.used.set(d, set);
    }
    set.add(d.rules.length === 0 ? ALL : ruleId);
    return true;
  }

  /** Disable directives (or rule names in them) that hid nothing. */
  unused(): { directive: Directive; rule?: string }[] {
    const out: { directive: Directive; rule?: string }[] = [];
    for (const d of this.directives) {
      if (d.kind === "enable") continue;
      const used = this.used.get(d);
      if (d.rules.length === 0) {
        if (!used) out.push({ directive: d });
      } else for (const r of d.rules) if (!used?.has(r)) out.push({ directive: d, rule: r });
    }
    return out;
  }
}

/** A directive applies to findings that start after the comment ends. */
function before(d: Directive, f: Finding): boolean {
  const end = d.comment.range.end;
  return end.line < f.line || (end.line === f.line && end.column <= f.column);
}
