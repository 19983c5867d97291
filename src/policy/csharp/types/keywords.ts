// The C# predefined type keywords and the .NET types they stand for (C# spec §8.2.1).
import { K } from "./type-ref.js";

export const TYPE_KEYWORDS: Readonly<Record<string, string>> = {
  object: K.object,
  string: K.string,
  bool: K.bool,
  char: K.char,
  sbyte: K.sbyte,
  byte: K.byte,
  short: K.short,
  ushort: K.ushort,
  int: K.int,
  uint: K.uint,
  long: K.long,
  ulong: K.ulong,
  float: K.float,
  double: K.double,
  decimal: K.decimal,
  void: K.void,
};

/** The model key a keyword names (`int` -> `System.Int32`), undefined for any other word. */
export function keywordType(word: string): string | undefined {
  return Object.hasOwn(TYPE_KEYWORDS, word) ? TYPE_KEYWORDS[word] : undefined;
}
