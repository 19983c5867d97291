// Code actions: every lint fix in the range as a quick fix, and for each finding a directive that disables its rule
// for that line (`<!-- apimkit-disable-next-line rule -->` above it), or around its element when the line starts
// inside a tag or text where a comment cannot go.
import { type CodeAction, CodeActionKind, type Range, type TextEdit } from "vscode-languageserver/node";
import { unsuppressible } from "../lint/builtin-rules.js";
import type { Finding } from "../lint/types.js";
import type { ElementNode } from "../policy/model.js";
import { toDiagnostic } from "./diagnostics.js";
import type { Analysis } from "./document.js";

export function codeActions(a: Analysis, uri: string, findings: readonly Finding[], range: Range): CodeAction[] {
  const start = a.map.offset(range.start);
  const end = a.map.offset(range.end);
  const actions: CodeAction[] = [];
  const disabled = new Set<string>();
  for (const f of findings) {
    const diagnostic = toDiagnostic(f, a.map);
    const fStart = a.map.offset(diagnostic.range.start);
    const fEnd = a.map.offset(diagnostic.range.end);
    if (fEnd < start || fStart > end) continue;
    if (f.fix && f.fix.edits.length > 0) {
      const edits: TextEdit[] = f.fix.edits.map((e) => ({ range: a.map.range(e.range), newText: e.text }));
      actions.push({
        title: f.fix.description,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        isPreferred: true,
        edit: { changes: { [uri]: edits } },
      });
    }
    const key = `${f.ruleId}:${f.line}`;
    if (unsuppressible.has(f.ruleId) || disabled.has(key)) continue;
    disabled.add(key);
    const edits = disableEdits(a, f.ruleId, fStart);
    if (edits) {
      actions.push({
        title: `Disable ${f.ruleId} for this line`,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: { changes: { [uri]: edits } },
      });
    }
  }
  return actions;
}

/** The directive edits that hide findings of `rule` starting at `offset`, or undefined when no place is safe. */
export function disableEdits(a: Analysis, rule: string, offset: number): TextEdit[] | undefined {
  const text = a.doc.source;
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
  const first = lineStart + indent.length;
  const element = elementStartingAt(a, first);
  if (element) {
    const at = a.map.position(lineStart);
    return [{ range: { start: at, end: at }, newText: `${indent}<!-- apimkit-disable-next-line ${rule} -->\n` }];
  }
  // The line starts inside a tag, an attribute or text: wrap the element that holds the finding instead.
  const holder = statementHolding(a, offset);
  if (!holder) return undefined;
  const hStart = holder.range.start.offset;
  const hLine = text.lastIndexOf("\n", hStart - 1) + 1;
  const hIndent = text.slice(hLine, hStart);
  if (!/^[ \t]*$/.test(hIndent)) return undefined;
  const before = a.map.position(hLine);
  const after = a.map.position(holder.range.end.offset);
  return [
    { range: { start: before, end: before }, newText: `${hIndent}<!-- apimkit-disable ${rule} -->\n` },
    { range: { start: after, end: after }, newText: `\n${hIndent}<!-- apimkit-enable ${rule} -->` },
  ];
}

/** An element (or end tag) that begins exactly at `offset`, in content where a comment may stand before it. */
function elementStartingAt(a: Analysis, offset: number): ElementNode | undefined {
  for (const el of a.source.elements()) {
    if (el.range.start.offset === offset || el.endTagRange?.start.offset === offset) return el;
  }
  return undefined;
}

/** The innermost element holding the offset whose start tag begins its line. */
function statementHolding(a: Analysis, offset: number): ElementNode | undefined {
  const text = a.doc.source;
  let found: ElementNode | undefined;
  for (const el of a.source.elements()) {
    if (el.range.start.offset > offset || el.range.end.offset < offset || !el.parent) continue;
    const lineStart = text.lastIndexOf("\n", el.range.start.offset - 1) + 1;
    if (!/^[ \t]*$/.test(text.slice(lineStart, el.range.start.offset))) continue;
    if (!found || el.range.start.offset >= found.range.start.offset) found = el;
  }
  return found;
}
