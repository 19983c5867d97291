// The members of one type of the model, read from its declarations (model.ts) by name, on first ask: a lint asks
// for a few names of a few dozen types (every supertype of a receiver is asked for the member's name, every type of
// a conversion for `op_Implicit`), and reading every declaration of every type it touches was most of the model's
// cost in the first lint of a process. Iterating the table reads all of them.
import type { MemberEntry } from "./model.js";
import { type MemberHead, memberHead } from "./signature.js";

/** The part of lookup.ts's MemberInfo the table needs (lookup.ts imports this module, not the other way round). */
interface Member {
  readonly name: string;
  readonly extension: boolean;
}

/** Reads one declaration of the type (lookup.ts: parse and resolve its type names). */
export type ReadDeclaration<M> = (entry: MemberEntry) => M;

/**
 * A type's members by name, in the order a Map filled from the declarations would have (enum values first, then
 * the declarations; a name at its first declaration). Each declaration is read at most once, so a member is always
 * the same object.
 */
export class MemberTable<M extends Member> implements ReadonlyMap<string, readonly M[]> {
  /** Per declaration, its name and extension flag (read on first use of the table). */
  private heads: MemberHead[] | undefined;
  /** Declaration indexes by name, in declaration order. */
  private positions: Map<string, number[]> | undefined;
  private readonly read: (M | undefined)[] = [];
  private readonly byName = new Map<string, readonly M[]>();
  private all: Map<string, readonly M[]> | undefined;

  constructor(
    /** The enum values (fields), before any declaration. */
    private readonly enumValues: readonly M[],
    private readonly declarations: readonly MemberEntry[],
    private readonly typeName: string,
    private readonly readDeclaration: ReadDeclaration<M>,
  ) {}

  /** The name and extension flag of every declaration (without reading them in full). */
  declarationHeads(): readonly MemberHead[] {
    this.heads ??= this.declarations.map((d) => memberHead(typeof d === "string" ? d : d.sig, this.typeName));
    return this.heads;
  }

  get(name: string): readonly M[] | undefined {
    if (this.all) return this.all.get(name);
    let found = this.byName.get(name);
    if (found === undefined) {
      const list: M[] = this.enumValues.filter((v) => v.name === name);
      for (const i of this.indexes().get(name) ?? []) list.push(this.member(i));
      if (list.length === 0) return undefined;
      found = list;
      this.byName.set(name, found);
    }
    return found;
  }

  has(name: string): boolean {
    if (this.all) return this.all.has(name);
    return this.indexes().has(name) || this.enumValues.some((v) => v.name === name);
  }

  get size(): number {
    return this.full().size;
  }

  forEach(fn: (value: readonly M[], key: string, map: ReadonlyMap<string, readonly M[]>) => void, thisArg?: unknown) {
    for (const [k, v] of this.full()) fn.call(thisArg, v, k, this);
  }

  entries(): MapIterator<[string, readonly M[]]> {
    return this.full().entries();
  }

  keys(): MapIterator<string> {
    return this.full().keys();
  }

  values(): MapIterator<readonly M[]> {
    return this.full().values();
  }

  [Symbol.iterator](): MapIterator<[string, readonly M[]]> {
    return this.full().entries();
  }

  /** Every declaration read, checked against what its head said (the eager model's load-time check). */
  readAll(): void {
    const heads = this.declarationHeads();
    for (let i = 0; i < this.declarations.length; i++) {
      const m = this.member(i);
      const h = heads[i]!;
      if (m.name !== h.name || m.extension !== h.extension) {
        throw new Error(`type model: the index reads "${h.name}" for "${JSON.stringify(this.declarations[i])}"`);
      }
    }
    this.full();
  }

  private indexes(): Map<string, number[]> {
    if (this.positions === undefined) {
      this.positions = new Map();
      this.declarationHeads().forEach((h, i) => {
        const list = this.positions!.get(h.name);
        if (list) list.push(i);
        else this.positions!.set(h.name, [i]);
      });
    }
    return this.positions;
  }

  private member(i: number): M {
    let m = this.read[i];
    if (m === undefined) {
      m = this.readDeclaration(this.declarations[i]!);
      this.read[i] = m;
    }
    return m;
  }

  private full(): Map<string, readonly M[]> {
    if (this.all === undefined) {
      const all = new Map<string, M[]>();
      const add = (m: M): void => {
        const list = all.get(m.name);
        if (list) list.push(m);
        else all.set(m.name, [m]);
      };
      for (const v of this.enumValues) add(v);
      for (let i = 0; i < this.declarations.length; i++) add(this.member(i));
      this.all = all;
    }
    return this.all;
  }
}
