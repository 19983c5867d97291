// The policy document model: what every job (lint, generate, publish, token) reads.
// All positions refer to the ORIGINAL source text (before the rawxml pre-pass escaped anything).

/** A point in the original text. line and column are 1-based; column counts UTF-16 code units; offset is 0-based. */
export interface Position {
  line: number;
  column: number;
  offset: number;
}

/** A half-open span [start, end) of the original text. */
export interface Range {
  start: Position;
  end: Position;
}

/** A C# policy expression: `@( ... )` (form "inline") or `@{ ... }` (form "block"). */
export interface Expression {
  form: "inline" | "block";
  /** The C# source between the delimiters, with XML entities (&quot; &lt; &amp; ...) decoded. */
  code: string;
  /** From the `@` to the closing delimiter inclusive. */
  range: Range;
}

/** A `{{name}}` reference to an APIM named value (in literal text or inside an expression). */
export interface NamedValueRef {
  name: string;
  range: Range;
}

/**
 * The value of an attribute or the text of an element, classified.
 * - literal: plain text (entities decoded), no expression, no named value.
 * - expression: the whole value (ignoring surrounding whitespace) is one `@( )` or `@{ }`.
 * - template: literal text that contains one or more `{{name}}` references.
 */
export interface PolicyValue {
  kind: "literal" | "expression" | "template";
  /** The value with XML entities decoded (for an expression: the full `@(...)` text, decoded). */
  text: string;
  /** The source text exactly as written, undecoded. */
  raw: string;
  expression?: Expression;
  /** Every `{{name}}` in the value, also those inside an expression. */
  namedValues: NamedValueRef[];
  /** The span of the value in the source (inside the quotes for an attribute). */
  range: Range;
}

export interface Attribute {
  name: string;
  value: PolicyValue;
  /** The whole `name="value"` span. */
  range: Range;
  nameRange: Range;
  /** The quote character used in the source. */
  quote: '"' | "'";
}

export interface ElementNode {
  type: "element";
  name: string;
  attributes: Attribute[];
  children: ChildNode[];
  /** From `<` of the start tag to `>` of the end tag (or of the self-closing start tag). */
  range: Range;
  /** The start tag only: `<name ...>` or `<name ... />`. */
  startTagRange: Range;
  /** The end tag `</name>`, absent for a self-closing element. */
  endTagRange?: Range;
  selfClosing: boolean;
  /** Undefined for the root. */
  parent?: ElementNode;
}

export interface TextNode {
  type: "text";
  value: PolicyValue;
  /** True when the text came from a CDATA section (then the value is always literal or template). */
  cdata: boolean;
  range: Range;
  parent: ElementNode;
}

export interface CommentNode {
  type: "comment";
  /** The comment body, between `<!--` and `-->`. */
  text: string;
  range: Range;
  parent?: ElementNode;
}

export type ChildNode = ElementNode | TextNode | CommentNode;

/** A problem found while reading a document. Never thrown: collected on the document. */
export interface ParseDiagnostic {
  /** Short machine code, e.g. "unclosed-expression", "unclosed-comment", "mismatched-tag", "xml". */
  code: string;
  message: string;
  range: Range;
}

export type DocumentKind = "policies" | "fragment" | "other" | "empty";

export interface PolicyDocument {
  /** The path the document was read from (as given by the caller), or "<input>". */
  file: string;
  /** The original text, BOM removed. */
  source: string;
  /** True when the source started with a UTF-8 BOM (the serializer keeps it). */
  bom: boolean;
  /** The root element, when the document could be read far enough to have one. */
  root?: ElementNode;
  kind: DocumentKind;
  /** Comments outside the root element (before or after it), in order. */
  topLevelComments: CommentNode[];
  /** Every comment of the document, inside elements or not, in source order. */
  comments: CommentNode[];
  diagnostics: ParseDiagnostic[];
  /** Maps an offset in the original text to a Position (binary search over line starts). */
  positionAt(offset: number): Position;
}
