// Deploy-time placeholders: text that a deployment replaces before APIM ever sees the policy (a Bicep replace() of
// `{tenant-id}`, a pipeline's token replacement of `#{key}#`, `__key__` or `$(key)`). Their value is unknown when the
// file is linted, so a value holding one is neither trusted nor called literal. This module is the one place that
// answers "is this a placeholder"; the patterns come from the lint config's `placeholders` (none by default).
// APIM's own `{{named value}}` references are never placeholders, whatever the patterns say.
import type { ParsedExpression } from "./csharp/ast.js";
import { interpolatedText } from "./csharp/queries.js";
import { walk } from "./csharp/walk.js";
import { NAMED_VALUE } from "./values.js";

/** The word standing for the variable part in a pattern: `{name}`, `#{name}#`. */
export const PLACEHOLDER_NAME_WORD = "name";
/** What the variable part of a placeholder may hold. */
const NAME_CHARS = "[A-Za-z0-9_.-]+";

/** Why a placeholder pattern cannot be used, or undefined when it can. */
export function placeholderPatternProblem(pattern: string): string | undefined {
  const at = pattern.indexOf(PLACEHOLDER_NAME_WORD);
  if (at < 0) {
    return `"${pattern}" has no "${PLACEHOLDER_NAME_WORD}" standing for the variable part (e.g. "{name}", "#{name}#", "__name__", "$(name)")`;
  }
  if (pattern.indexOf(PLACEHOLDER_NAME_WORD, at + 1) >= 0) {
    return `"${pattern}" names "${PLACEHOLDER_NAME_WORD}" more than once: a placeholder has one variable part`;
  }
  if (pattern === PLACEHOLDER_NAME_WORD) {
    return `"${pattern}" has no delimiters: every word would be a placeholder; write the text around the name (e.g. "{name}")`;
  }
  if (/\s/.test(pattern)) return `"${pattern}" holds whitespace: placeholders are single tokens`;
  if (pattern.startsWith("{{") && pattern.endsWith("}}")) {
    return `"${pattern}" is APIM's named-value syntax: {{named values}} are never deploy-time placeholders`;
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A placeholder found in a text: its offsets in that text. */
export interface PlaceholderMatch {
  start: number;
  end: number;
  text: string;
}

const NAMED_VALUES = new RegExp(NAMED_VALUE.source, "g");

export class Placeholders {
  /** No patterns: nothing is a placeholder (the default). */
  static readonly NONE = new Placeholders([]);

  private readonly re: RegExp | undefined;

  /** `patterns` must be valid (placeholderPatternProblem); the lint config loader checks them. */
  constructor(readonly patterns: readonly string[]) {
    const alternatives = patterns.map((p) => {
      const at = p.indexOf(PLACEHOLDER_NAME_WORD);
      return `${escapeRegExp(p.slice(0, at))}${NAME_CHARS}${escapeRegExp(p.slice(at + PLACEHOLDER_NAME_WORD.length))}`;
    });
    this.re = alternatives.length > 0 ? new RegExp(alternatives.map((a) => `(?:${a})`).join("|"), "g") : undefined;
  }

  get none(): boolean {
    return this.re === undefined;
  }

  /** The placeholders in a text, in order. `{{named values}}` are never among them, nor is any part of one. */
  find(text: string): PlaceholderMatch[] {
    const re = this.re;
    if (!re || text.length < 2) return [];
    // Named values are blanked first (same length, so offsets hold): `{{x}}` must not read as `{` + `{x}` + `}`.
    const blanked = text.includes("{{") ? text.replace(NAMED_VALUES, (m) => "\u0000".repeat(m.length)) : text;
    const out: PlaceholderMatch[] = [];
    re.lastIndex = 0;
    for (let m = re.exec(blanked); m !== null; m = re.exec(blanked)) {
      out.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
    }
    return out;
  }

  /** True when the text holds a deploy-time placeholder: its value is not known at lint time. */
  holds(text: string | undefined): boolean {
    return text !== undefined && !this.none && this.find(text).length > 0;
  }

  /** The text with each placeholder replaced (by `with`, default `{…}`, the mark of an unknown part). */
  mask(text: string, replacement = "{…}"): string {
    const found = this.find(text);
    if (found.length === 0) return text;
    let out = "";
    let at = 0;
    for (const f of found) {
      out += text.slice(at, f.start) + replacement;
      at = f.end;
    }
    return out + text.slice(at);
  }

  /**
   * The string constants of an expression, as queries.stringLiterals gives them (an interpolated string: its
   * literal parts joined), with the placeholders of plain literals replaced by `replacement`. In an interpolated
   * string the braces are C# holes, so its literal parts are left as they are.
   */
  stringLiterals(parsed: ParsedExpression, replacement = "{…}"): string[] {
    const out: string[] = [];
    walk(parsed.body, (node) => {
      if (node.kind === "Literal" && node.literalKind === "string") out.push(this.mask(node.value ?? "", replacement));
      else if (node.kind === "InterpolatedString") out.push(interpolatedText(node));
    });
    return out;
  }

  /**
   * True when a plain (non-interpolated) string literal of the expression holds a placeholder. In an interpolated
   * string the braces are C# holes, so its literal parts are not searched.
   */
  inExpression(parsed: ParsedExpression): boolean {
    if (this.none) return false;
    let found = false;
    walk(parsed.body, (node) => {
      if (!found && node.kind === "Literal" && node.literalKind === "string" && this.holds(node.value ?? "")) {
        found = true;
      }
    });
    return found;
  }
}
