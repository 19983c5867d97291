// Variable flow across scopes: the setters and reads of every document of an effective policy (the file, its
// parents, the fragments they include), placed in pipeline order. The order is the composition's: sections in
// pipeline order (inbound, backend, outbound, on-error), each one's statements with `<base />` expanded where it
// stands (runtime reference §5.1: the parent's section runs at the position of `<base />`), fragments inlined
// where they are included (§5.11). A setter "reaches" a read when it comes first in that order.
import type { EffectiveChild, EffectivePolicy } from "../../policy/compose.js";
import type { ElementNode, PolicyDocument } from "../../policy/model.js";
import type { ReadSite, VariableAnalysis } from "./variables.js";

export interface FlowSetter {
  name: string;
  element: ElementNode;
  document: PolicyDocument;
  /** Pipeline position of the setter's first occurrence. */
  position: number;
}

export interface FlowRead {
  read: ReadSite;
  document: PolicyDocument;
  /** Pipeline position of the read's last occurrence (a fragment included twice counts where it is read last). */
  position: number;
}

/** Where the variable analysis of a document of the composition comes from (the run keeps one per document). */
export type VariablesOf = (doc: PolicyDocument) => VariableAnalysis;

export class ScopeFlow {
  private readonly first = new Map<ElementNode, number>();
  private readonly last = new Map<ElementNode, number>();
  private readonly settersByName = new Map<string, FlowSetter[]>();
  private readonly readsByName = new Map<string, FlowRead[]>();
  /** The earliest position of a setter whose name is computed (it may set any variable); Infinity when none. */
  readonly firstDynamicSetter: number = Number.POSITIVE_INFINITY;
  /** True when some document of the composition reads context.Variables with a computed key (it may read any). */
  readonly dynamicRead: boolean = false;

  constructor(
    readonly policy: EffectivePolicy,
    variablesOf: VariablesOf,
  ) {
    const documents = new Set<PolicyDocument>();
    let n = 0;
    const stack: EffectiveChild[] = [];
    for (const section of policy.sections) {
      for (let i = section.children.length - 1; i >= 0; i--) stack.push(section.children[i] as EffectiveChild);
      while (stack.length > 0) {
        const k = stack.pop() as EffectiveChild;
        if (k.type !== "element") continue;
        const at = n++;
        if (!this.first.has(k.element)) this.first.set(k.element, at);
        this.last.set(k.element, at);
        documents.add(k.origin.document);
        for (let i = k.children.length - 1; i >= 0; i--) stack.push(k.children[i] as EffectiveChild);
      }
    }
    let dynamicSetter = Number.POSITIVE_INFINITY;
    let dynamicRead = false;
    for (const document of documents) {
      if (!document.root) continue;
      const vars = variablesOf(document);
      for (const w of vars.writes) {
        const position = this.first.get(w.element);
        if (position === undefined) continue; // not in the composition (a parent section the child drops)
        push(this.settersByName, w.name!, { name: w.name!, element: w.element, document, position });
      }
      for (const w of vars.dynamicWrites) {
        const position = this.first.get(w.element);
        if (position !== undefined && position < dynamicSetter) dynamicSetter = position;
      }
      for (const read of vars.reads) {
        const position = this.last.get(read.element);
        if (position !== undefined) push(this.readsByName, read.name, { read, document, position });
      }
      if (vars.dynamicReads.length > 0) dynamicRead = true;
    }
    this.firstDynamicSetter = dynamicSetter;
    this.dynamicRead = dynamicRead;
  }

  /** Where `el` first runs in the pipeline (undefined: not part of the effective policy). */
  firstPosition(el: ElementNode): number | undefined {
    return this.first.get(el);
  }

  /** Where `el` last runs in the pipeline. */
  lastPosition(el: ElementNode): number | undefined {
    return this.last.get(el);
  }

  settersOf(name: string): readonly FlowSetter[] {
    return this.settersByName.get(name) ?? NONE_SET;
  }

  readsOf(name: string): readonly FlowRead[] {
    return this.readsByName.get(name) ?? NONE_READ;
  }
}

const NONE_SET: readonly FlowSetter[] = Object.freeze([]) as readonly FlowSetter[];
const NONE_READ: readonly FlowRead[] = Object.freeze([]) as readonly FlowRead[];

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** "file:line" of an element of a document, for messages. */
export function whereIs(document: PolicyDocument, el: ElementNode): string {
  return `${document.file}:${el.range.start.line}`;
}
