// Between the policy model's positions (offsets of the text without its BOM, 1-based line/column in UTF-16 units)
// and LSP positions (0-based line/character in UTF-16 units, of the text as the editor holds it, BOM included).
import type { Position as LspPosition, Range as LspRange } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";

export class PositionMap {
  /** 1 when the editor's text starts with a BOM: the parser dropped it, so model offsets are one less. */
  readonly shift: number;
  constructor(readonly text: TextDocument) {
    this.shift =
      text.getText({ start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }) === "\uFEFF" ? 1 : 0;
  }

  position(offset: number): LspPosition {
    return this.text.positionAt(offset + this.shift);
  }

  range(range: { start: { offset: number }; end: { offset: number } }): LspRange {
    return { start: this.position(range.start.offset), end: this.position(range.end.offset) };
  }

  /** A range of the model given by 1-based lines and columns (a lint finding). */
  lineRange(line: number, column: number, endLine: number, endColumn: number): LspRange {
    const at = (l: number, c: number): LspPosition => ({ line: l - 1, character: c - 1 + (l === 1 ? this.shift : 0) });
    return { start: at(line, column), end: at(endLine, endColumn) };
  }

  /** The model offset of an editor position (clamped to the text). */
  offset(position: LspPosition): number {
    return Math.max(0, this.text.offsetAt(position) - this.shift);
  }
}
