// For rules that visit a fixed list of elements: when the document has none of them, create() returns NO_VISITORS
// before making any closure (half or more of the documents, for the rules that visit many names). The list is the
// one source of the names: typing the visitors object as ElementVisitors<typeof LIST> makes the compiler reject a
// key missing from the list, and a name of the list without a visitor.
import type { ElementNode } from "../../policy/model.js";
import type { Visitors } from "../types.js";

export const NO_VISITORS: Visitors = Object.freeze({});

/** Exactly one visitor per name of `Names`. */
export type ElementVisitors<Names extends readonly string[]> = { [K in Names[number]]: (element: ElementNode) => void };
