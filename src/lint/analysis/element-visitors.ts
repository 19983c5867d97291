// For rules that visit a fixed list of elements: when the document has none of them, create() returns NO_VISITORS
// before making any closure (half or more of the documents, for the rules that visit many names). The list is the
// one source of the names: typing the visitors object as ElementVisitors<typeof LIST> makes the compiler reject a
// key missing from the list, and a name of the list without a visitor.
//
// Visitors are one object literal with every name written out. Not `const v = {}; for (const n of names) v[n] =
// (el) => ...`: closures stored into a fresh object one by one, once per document, made V8's young-generation
// collections copy far more (measured on the 10k-file lint tree with one such rule: scavenges 1.2 -> 7-19 ms each,
// four extra full collections, the run twice as long). Spreading an Object.fromEntries of the names avoids that
// but costs CPU per document (30 ms of one rule's 58 over the tree).
import type { ElementNode } from "../../policy/model.js";
import type { Visitors } from "../types.js";

export const NO_VISITORS: Visitors = Object.freeze({});

/** Exactly one visitor per name of `Names`. */
export type ElementVisitors<Names extends readonly string[]> = { [K in Names[number]]: (element: ElementNode) => void };
