// Calling runtime members directly, as the interpreter does, for the .NET library tests.
import type { Arg, CallInfo, RuntimeRegistry } from "../../../../src/emulator/runtime-types.js";
import type { NetValue, Ref } from "../../../../src/emulator/values.js";

export function callInfo(now = Date.UTC(2026, 5, 1, 12, 0, 0)): CallInfo {
  return { typeArgs: [], at: { file: "policy.xml", line: 1, column: 1 }, now: () => now };
}

export function args(values: readonly NetValue[]): Arg[] {
  return values.map((value) => ({ value }));
}

export function outRef(): Ref & { value: NetValue } {
  const r = {
    value: null as NetValue,
    get: () => r.value,
    set: (v: NetValue) => {
      r.value = v;
    },
  };
  return r;
}

export function invoker(registry: RuntimeRegistry, call: CallInfo = callInfo()) {
  const member = (key: string, name: string, isStatic: boolean) => {
    const m = registry.member(key, name, isStatic);
    if (!m) throw new Error(`no member ${key}.${name}`);
    return m;
  };
  return {
    call,
    /** Static method or property. */
    s(key: string, name: string, ...a: (NetValue | Arg)[]): NetValue {
      const m = member(key, name, true);
      return m.kind === "property" ? m.get(null, call) : m.call(null, a.map(toArg), call);
    },
    /** Instance method or property. */
    i(self: NetValue, name: string, ...a: (NetValue | Arg)[]): NetValue {
      const key = (self as { $type: string }).$type;
      const m = member(key, name, false);
      return m.kind === "property" ? m.get(self, call) : m.call(self, a.map(toArg), call);
    },
    make(key: string, ...a: NetValue[]): NetValue {
      const t = registry.type(key);
      if (!t?.construct) throw new Error(`no constructor ${key}`);
      return t.construct(args(a), call);
    },
    str(self: NetValue, format?: string): string {
      const key = (self as { $type: string }).$type;
      const t = registry.find(key, "toString");
      if (!t?.toString) throw new Error(`no toString ${key}`);
      return t.toString(self, format, call);
    },
  };
}

function toArg(v: NetValue | Arg): Arg {
  return v !== null && typeof v === "object" && "value" in v && !("$type" in v) && !("type" in v) && !("items" in v)
    ? (v as Arg)
    : { value: v as NetValue };
}
