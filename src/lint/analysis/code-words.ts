// Word pre-checks: a rule skips code whose text cannot name what it looks for, before any tree walk. That text
// has its XML references decoded but not its C# escapes, and escapes spell names and strings without their
// letters: `context.\u0052equest`, `"\u0041uthorization"`, `"\x41uthorization"`. Code with an escape is therefore
// always looked into: the tree holds the decoded names.

/** `\u`, `\U` (names, strings and chars) or `\x` (strings and chars). */
const ESCAPE = /\\[uUx]/;

/** Whether the code may hold an escape: then no word pre-check can rule anything out. */
export function mayHoldEscape(code: string): boolean {
  return code.includes("\\") && ESCAPE.test(code);
}

/** Whether the code may name `word` (an identifier, a member, a string's text). */
export function mayName(code: string, word: string): boolean {
  return code.includes(word) || mayHoldEscape(code);
}
