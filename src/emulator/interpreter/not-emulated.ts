// What the interpreter names when it meets C# it does not run, where two places meet the same construct.

/** Tuples are C# 7 ValueTuples, which APIM's allow-list does not name (runtime reference §1.3, [U]). */
export const TUPLE = "tuple (C# 7 ValueTuple, not on APIM's allow-list)";

/** A deconstruction needs a ValueTuple or a Deconstruct method; neither is on APIM's allow-list. */
export const DECONSTRUCTION =
  "deconstruction (C# 7: a ValueTuple or a Deconstruct method, neither on APIM's allow-list)";
