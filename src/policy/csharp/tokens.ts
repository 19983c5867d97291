// The tokens of the C# lexer (lexer.ts). Positions are offsets of the ORIGINAL document text (see source.ts).
import type { CsDiagnostic, NumberType } from "./ast.js";
import { TYPE_KEYWORDS } from "./types/keywords.js";

/** Reserved C# keywords: a token of one of these kinds has the keyword itself as its kind. */
export const KEYWORDS = [
  "abstract",
  "as",
  "base",
  "bool",
  "break",
  "byte",
  "case",
  "catch",
  "char",
  "checked",
  "class",
  "const",
  "continue",
  "decimal",
  "default",
  "delegate",
  "do",
  "double",
  "else",
  "enum",
  "event",
  "explicit",
  "extern",
  "false",
  "finally",
  "fixed",
  "float",
  "for",
  "foreach",
  "goto",
  "if",
  "implicit",
  "in",
  "int",
  "interface",
  "internal",
  "is",
  "lock",
  "long",
  "namespace",
  "new",
  "null",
  "object",
  "operator",
  "out",
  "override",
  "params",
  "private",
  "protected",
  "public",
  "readonly",
  "ref",
  "return",
  "sbyte",
  "sealed",
  "short",
  "sizeof",
  "stackalloc",
  "static",
  "string",
  "struct",
  "switch",
  "this",
  "throw",
  "true",
  "try",
  "typeof",
  "uint",
  "ulong",
  "unchecked",
  "unsafe",
  "ushort",
  "using",
  "virtual",
  "void",
  "volatile",
  "while",
] as const;

export type Keyword = (typeof KEYWORDS)[number];

export const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);

/** Keywords that name a predefined type (`string.Join`, `(int)x`, `int[]`): the type model's keyword table. */
export const PREDEFINED_TYPES: ReadonlySet<string> = new Set(Object.keys(TYPE_KEYWORDS));

/**
 * Operators and punctuation, longest match. `>>` and `>>=` are never one token: `List<List<int>>` needs two `>`,
 * so the parser joins adjacent `>` `>` (and `>` `>=`) where it reads a shift.
 */
export type Punctuation =
  | "("
  | ")"
  | "["
  | "]"
  | "{"
  | "}"
  | ";"
  | ","
  | "."
  | ".."
  | "?"
  | "?."
  | "?["
  | "??"
  | "??="
  | ":"
  | "::"
  | "=>"
  | "="
  | "=="
  | "!"
  | "!="
  | "<"
  | "<="
  | "<<"
  | "<<="
  | ">"
  | ">="
  | "+"
  | "++"
  | "+="
  | "-"
  | "--"
  | "-="
  | "->"
  | "*"
  | "*="
  | "/"
  | "/="
  | "%"
  | "%="
  | "&"
  | "&&"
  | "&="
  | "|"
  | "||"
  | "|="
  | "^"
  | "^="
  | "~";

export type TokenKind =
  | Keyword
  | Punctuation
  /** A name; contextual keywords (`var`, `from`, `when`, `nameof`, ...) are identifiers. `value` is the name. */
  | "identifier"
  /** `value`: the digits as written without the suffix (`_` kept); `numberType` says what the literal is. */
  | "number"
  /** Regular, verbatim (flag VERBATIM) or raw (flag RAW) string; `value` is the decoded text. */
  | "string-literal"
  /** `value`: the decoded character (two code units for a reference beyond U+FFFF, which C# rejects). */
  | "char-literal"
  /** `$"`, `$@"` or `@$"` (flag VERBATIM): the start of an interpolated string. */
  | "interp-open"
  /** A literal part of an interpolated string; `value` is decoded (`{{` as `{`, escapes applied). */
  | "interp-text"
  /** The `{` that opens an interpolation hole; the hole's tokens follow. */
  | "hole-open"
  /** `:format` at the top of a hole; `value` is the format text after the `:`. */
  | "format"
  /** The `}` that closes a hole (or a mismatched `)`/`]` that closes it anyway, flag MISMATCH). */
  | "hole-close"
  /** The closing `"` of an interpolated string. */
  | "interp-close"
  /** `{{name}}` outside a string: an APIM named value. `value` is the name. */
  | "named-value"
  /** The end of the code (zero width, at the limit). */
  | "eof";

export const TokenFlags = {
  /** `@"..."`, `$@"..."`, `@ident`. */
  VERBATIM: 1,
  /** `"""..."""` (C# 11). */
  RAW: 2,
  /** A raw string with `$`: its holes are not lexed. */
  INTERPOLATED: 4,
  /** A literal cut short by a line end or the end of the code (an error was reported). */
  UNTERMINATED: 8,
  /** A closing bracket that closes a bracket of another kind. */
  MISMATCH: 16,
  /** A name spelt with a `\u` escape (`\u0052equest`): an identifier, never a keyword. */
  ESCAPED: 32,
} as const;

/**
 * Whether t is the contextual keyword `word` (`from`, `when`, `async`, `yield`, ...): a name spelt plainly; `@from`
 * and `\u0066rom` are names (as in Roslyn, which matches keywords only on names with neither).
 */
export function isWord(t: Token, word: string): boolean {
  return t.kind === "identifier" && t.value === word && (t.flags & (TokenFlags.VERBATIM | TokenFlags.ESCAPED)) === 0;
}

/**
 * Whether t is `var` as a type. Unlike the keywords above, `var` is told by the binder from the name's value, so
 * `v\u0061r x = 1` declares an implicitly typed local; `@var` is a name.
 */
export function isVar(t: Token): boolean {
  return t.kind === "identifier" && t.value === "var" && (t.flags & TokenFlags.VERBATIM) === 0;
}

/** One token. Every token has all fields (one object shape). */
export interface Token {
  kind: TokenKind;
  /** Original-text offsets [start, end). */
  start: number;
  end: number;
  /** Name, decoded literal value, digits, format text; "" for keywords and punctuation. */
  value: string;
  /** TokenFlags bits. */
  flags: number;
  numberType: NumberType | undefined;
  /**
   * For a bracket (`(`, `[`, `?[`, `{`, `hole-open` and their closers): the index of the token it pairs with in
   * the same token list, -1 when it has none.
   */
  match: number;
}

/** A comment, kept as trivia beside the tokens. */
export interface Comment {
  start: number;
  end: number;
  block: boolean;
}

/** A closing bracket that does not match the bracket it closes, e.g. `@(a[1)`. */
export interface BracketMismatch {
  /** Offset of the wrong closing bracket. */
  at: number;
  found: string;
  expected: string;
  /** Offset of the bracket it closes. */
  openedAt: number;
}

/** How a token is written, for messages (`Invalid expression term ')'`). */
export function tokenText(t: Token): string {
  switch (t.kind) {
    case "identifier":
      return t.value;
    case "number":
      return t.value;
    case "string-literal":
      return "string";
    case "char-literal":
      return "char";
    case "interp-open":
      return '$"';
    case "interp-text":
      return t.value;
    case "hole-open":
      return "{";
    case "hole-close":
      return "}";
    case "format":
      return `:${t.value}`;
    case "interp-close":
      return '"';
    case "named-value":
      return `{{${t.value}}}`;
    case "eof":
      return "end of expression";
    default:
      return t.kind;
  }
}

/** The warning for syntax newer than APIM's C# 7 ([U] in the runtime reference: a warning, never an error). */
export function newerSyntax(feature: string, version: number, start: number, end: number): CsDiagnostic {
  return {
    code: "newer-syntax",
    message: `${feature} is C# ${version} syntax; APIM policy expressions are C# 7 (unverified)`,
    severity: "warning",
    start,
    end,
  };
}
