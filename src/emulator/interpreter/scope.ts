// Local variables of one evaluation: a chain of block scopes, each variable with its declared type (the type a
// later assignment converts to; undefined for `var` and lambda parameters without a written type).

import type { TypeRef } from "../../policy/csharp/types/type-ref.js";
import type { NetValue, Ref } from "../values.js";

export interface Variable {
  value: NetValue;
  readonly type: TypeRef | undefined;
}

export class Scope {
  private readonly vars = new Map<string, Variable>();
  constructor(readonly parent?: Scope) {}

  lookup(name: string): Variable | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v) return v;
    }
    return undefined;
  }

  declare(name: string, value: NetValue, type: TypeRef | undefined): Variable {
    const v: Variable = { value, type };
    this.vars.set(name, v);
    return v;
  }

  child(): Scope {
    return new Scope(this);
  }
}

export function refTo(v: Variable, convert: (value: NetValue) => NetValue = (x) => x): Ref {
  return {
    get: () => v.value,
    set: (value) => {
      v.value = convert(value);
    },
  };
}
