// `new { a = 1, b }`: an anonymous type instance. C# gives it read-only properties, value equality over its members
// and ToString() "{ a = 1, b = x }".

import type { NetObject, NetValue } from "../values.js";

export class AnonymousObject implements NetObject {
  readonly $type = "<anonymous type>";
  private readonly members: ReadonlyMap<string, NetValue>;

  constructor(entries: readonly [string, NetValue][]) {
    this.members = new Map(entries);
  }

  get(name: string): NetValue | undefined {
    return this.members.get(name);
  }

  names(): string[] {
    return [...this.members.keys()];
  }

  text(toText: (v: NetValue) => string): string {
    const parts = [...this.members].map(([k, v]) => `${k} = ${toText(v)}`);
    return parts.length ? `{ ${parts.join(", ")} }` : "{ }";
  }

  equals(other: NetValue, eq: (a: NetValue, b: NetValue) => boolean): boolean {
    if (!(other instanceof AnonymousObject)) return false;
    const a = this.names();
    const b = other.names();
    if (a.length !== b.length || a.some((n, i) => n !== b[i])) return false;
    return a.every((n) => {
      const x = this.members.get(n)!;
      const y = other.members.get(n)!;
      return x === null || y === null ? x === y : eq(x, y);
    });
  }
}
