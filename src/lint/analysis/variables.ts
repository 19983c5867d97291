// Data-flow-lite over context.Variables: where each variable is set, where it is read, and which variables are
// derived from which (a set-variable whose value reads another variable; a cache-lookup-value whose key a
// cache-store-value wrote from another variable). Order-insensitive on purpose: policies branch with choose.
import type { Attribute, ElementNode, PolicyDocument, PolicyValue } from "../../policy/model.js";
import { analyzeVariables, type ReadSite } from "../rule-helpers/variables.js";
import { accessOf, type VariableUse } from "./expressions.js";
import { allElements, attribute } from "./nodes.js";

export type DefinitionKind = "set-variable" | "response" | "token" | "cache-lookup" | "jwt";

export interface VariableDefinition {
  name: string;
  kind: DefinitionKind;
  element: ElementNode;
  attribute: Attribute;
}

export interface VariableRead extends VariableUse {
  /** The element that owns the expression (the attribute's element, or the text's parent). */
  element: ElementNode;
  value: PolicyValue;
  code: string;
}

/** Which attribute of which element sets a variable (apim-reference §3). */
const DEFINING_ATTRIBUTES: ReadonlyMap<string, [string, DefinitionKind]> = new Map([
  ["set-variable", ["name", "set-variable"]],
  ["send-request", ["response-variable-name", "response"]],
  ["authentication-managed-identity", ["output-token-variable-name", "token"]],
  ["cache-lookup-value", ["variable-name", "cache-lookup"]],
  ["validate-jwt", ["output-token-variable-name", "jwt"]],
  ["validate-azure-ad-token", ["output-token-variable-name", "jwt"]],
]);

export class VariableFlow {
  readonly definitions: VariableDefinition[] = [];
  readonly reads: VariableRead[] = [];
  private readonly readsByName = new Map<string, VariableRead[]>();
  private readonly readsByElement = new Map<ElementNode, VariableRead[]>();

  /** `elements`: every element of `doc` in document order. */
  constructor(
    doc: PolicyDocument,
    readonly elements: ElementNode[],
  ) {
    for (const el of elements) {
      const defining = DEFINING_ATTRIBUTES.get(el.name);
      if (!defining) continue;
      const [attrName, kind] = defining;
      const a = attribute(el, attrName);
      if (a && a.value.kind !== "expression" && a.value.text.trim() !== "") {
        this.definitions.push({ name: a.value.text.trim(), kind, element: el, attribute: a });
      }
    }
    // The expression reads the structure rules' variable analysis already found, in the same document order.
    for (const r of analyzeVariables(doc).reads) {
      if (r.source === "expression") this.addRead(r);
    }
  }

  static of(doc: PolicyDocument): VariableFlow {
    return new VariableFlow(doc, allElements(doc));
  }

  readsOf(name: string): VariableRead[] {
    return this.readsByName.get(name) ?? [];
  }

  readsIn(el: ElementNode): VariableRead[] {
    return this.readsByElement.get(el) ?? [];
  }

  definitionsOf(name: string): VariableDefinition[] {
    return this.definitions.filter((d) => d.name === name);
  }

  /**
   * The variables reachable from `seeds` through set-variable values and cache round trips. `carries(read)` decides
   * whether a read passes the variable's content on (e.g. `.StatusCode` does not carry a token).
   */
  derivedFrom(seeds: Iterable<string>, carries: (read: VariableRead) => boolean = () => true): Set<string> {
    const out = new Set(seeds);
    const queue = [...out];
    while (queue.length > 0) {
      const name = queue.pop()!;
      for (const read of this.readsOf(name)) {
        if (carries(read)) this.addTargets(read, out, queue);
      }
    }
    return out;
  }

  /**
   * Adds the variables a read flows into to `out` and `queue` (those not in `out` yet): the set-variable it is the
   * value of, or the lookups of the cache key it stores. (Added in place, not returned as an array: arrays of
   * different element kinds from here made derivedFrom's loop polymorphic, and V8 deoptimised it.)
   */
  private addTargets(read: VariableRead, out: Set<string>, queue: string[]): void {
    const add = (name: string) => {
      if (!out.has(name)) {
        out.add(name);
        queue.push(name);
      }
    };
    const el = read.element;
    if (el.name === "set-variable" && attribute(el, "value")?.value === read.value) {
      const name = attribute(el, "name")?.value.text.trim();
      if (name) add(name);
    } else if (el.name === "cache-store-value" && attribute(el, "value")?.value === read.value) {
      const key = attribute(el, "key")?.value.text.trim();
      for (const d of this.definitions) {
        if (d.kind === "cache-lookup" && attribute(d.element, "key")?.value.text.trim() === key) add(d.name);
      }
    }
  }

  /** `r`: a read in an expression (its access, value and expression are set). */
  private addRead(r: ReadSite): void {
    const access = r.access!;
    const read: VariableRead = {
      name: r.name,
      access: accessOf(access),
      start: access.start,
      end: access.end,
      element: r.element,
      value: r.value!,
      code: r.expr!.code,
    };
    this.reads.push(read);
    push(this.readsByName, r.name, read);
    push(this.readsByElement, r.element, read);
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
