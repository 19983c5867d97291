// Visitors for a table of element names that share one function, made as one object in one step.
//
// Why not `const visitors = {}; for (const name of names) visitors[name] = (el) => ...`: a closure stored into a
// fresh object property by property, once per document, made V8's young-generation collections copy far more
// (measured on the 10k-file lint tree with that one rule: scavenges 1.2 -> 7-19 ms each, four extra full
// collections, the run twice as long). Object.fromEntries does not, but spreading its object into the visitors
// costs CPU per document too: an object literal with every name written out is the cheapest, and what the rules
// use where the names are few.
import type { ElementNode } from "../policy/model.js";
import type { Visitors } from "./types.js";

export function visitorsFor(names: readonly string[], visit: (element: ElementNode) => void): Visitors {
  return Object.fromEntries(names.map((name) => [name, visit]));
}
