// The Newtonsoft.Json.Linq tree (Json.NET 13): JToken with its parent, the containers JObject, JArray and JProperty,
// and JValue. Behaviour follows the Json.NET source (Src/Newtonsoft.Json/Linq/*.cs): a token added to a container
// while it already has a parent is cloned (JContainer.EnsureParentToken), a JProperty always holds one value,
// JObject keeps its properties in order with ordinal names.

import { JTOKEN_TYPE_NAMES } from "../../../policy/csharp/types/newtonsoft.js";
import type { NetObject, NetValue } from "../../values.js";

export const JSON_NS = "Newtonsoft.Json.Linq";
export const JTOKEN = `${JSON_NS}.JToken`;
export const JCONTAINER = `${JSON_NS}.JContainer`;
export const JOBJECT = `${JSON_NS}.JObject`;
export const JARRAY = `${JSON_NS}.JArray`;
export const JPROPERTY = `${JSON_NS}.JProperty`;
export const JVALUE = `${JSON_NS}.JValue`;
export const JTOKEN_TYPE = `${JSON_NS}.JTokenType`;

/** JTokenType members in declaration order: the index is the enum's value (the type model's list). */
export const JTOKEN_TYPES = JTOKEN_TYPE_NAMES;

export type JTokenTypeName = (typeof JTOKEN_TYPES)[number];

/** What a JValue holds: by its JTokenType, a string, a Num (Int64 for Integer), a boolean, a DateTime, null. */
export type JScalar = NetValue;

export abstract class JToken implements NetObject {
  abstract readonly $type: string;
  parent: JContainer | null = null;
  abstract readonly tokenType: JTokenTypeName;
  abstract clone(): JToken;
}

export class JValue extends JToken {
  readonly $type: string = JVALUE;
  constructor(
    public tokenType: JTokenTypeName,
    public value: JScalar,
  ) {
    super();
  }
  clone(): JValue {
    return new JValue(this.tokenType, this.value);
  }
}

export abstract class JContainer extends JToken {
  abstract children(): readonly JToken[];
}

export class JProperty extends JContainer {
  readonly $type = JPROPERTY;
  readonly tokenType = "Property";
  private _value: JToken | null = null;
  constructor(readonly name: string) {
    super();
  }
  get value(): JToken {
    return this._value ?? new JValue("Null", null);
  }
  get hasValue(): boolean {
    return this._value !== null;
  }
  /** JProperty.Value's setter: null becomes a JValue null; a token with a parent is cloned. */
  setValue(v: JToken | null): void {
    const token = adopt(v ?? new JValue("Null", null), this);
    if (this._value) this._value.parent = null;
    this._value = token;
  }
  /** While loading a duplicate name: the next value read replaces this one. */
  clearValue(): void {
    if (this._value) this._value.parent = null;
    this._value = null;
  }
  children(): readonly JToken[] {
    return this._value ? [this._value] : [];
  }
  clone(): JProperty {
    const p = new JProperty(this.name);
    if (this._value) p.setValue(this._value.clone());
    return p;
  }
}

export class JObject extends JContainer {
  readonly $type = JOBJECT;
  readonly tokenType = "Object";
  readonly properties: JProperty[] = [];
  private readonly byName = new Map<string, JProperty>();

  property(name: string): JProperty | undefined {
    return this.byName.get(name);
  }
  /** Appends a property; the caller has checked that the name is new. */
  append(p: JProperty): void {
    const own = adopt(p, this) as JProperty;
    this.properties.push(own);
    this.byName.set(own.name, own);
  }
  insertAt(index: number, p: JProperty): void {
    const own = adopt(p, this) as JProperty;
    this.properties.splice(index, 0, own);
    this.byName.set(own.name, own);
  }
  remove(p: JProperty): boolean {
    const i = this.properties.indexOf(p);
    if (i < 0) return false;
    this.properties.splice(i, 1);
    this.byName.delete(p.name);
    p.parent = null;
    return true;
  }
  clear(): void {
    for (const p of this.properties) p.parent = null;
    this.properties.length = 0;
    this.byName.clear();
  }
  children(): readonly JToken[] {
    return this.properties;
  }
  clone(): JObject {
    const o = new JObject();
    for (const p of this.properties) o.append(p.clone());
    return o;
  }
}

export class JArray extends JContainer {
  readonly $type = JARRAY;
  readonly tokenType = "Array";
  readonly items: JToken[] = [];
  add(t: JToken): void {
    this.items.push(adopt(t, this));
  }
  insert(index: number, t: JToken): void {
    this.items.splice(index, 0, adopt(t, this));
  }
  set(index: number, t: JToken): void {
    const old = this.items[index];
    if (old === t) return;
    if (old) old.parent = null;
    this.items[index] = adopt(t, this);
  }
  removeAt(index: number): void {
    const [old] = this.items.splice(index, 1);
    if (old) old.parent = null;
  }
  clear(): void {
    for (const t of this.items) t.parent = null;
    this.items.length = 0;
  }
  children(): readonly JToken[] {
    return this.items;
  }
  clone(): JArray {
    const a = new JArray();
    for (const t of this.items) a.add(t.clone());
    return a;
  }
}

/** JContainer.EnsureParentToken: a token that already belongs somewhere is cloned, never moved. */
function adopt(t: JToken, parent: JContainer): JToken {
  const own = t.parent !== null || t === parent ? t.clone() : t;
  own.parent = parent;
  return own;
}

export function isJToken(v: NetValue): v is JToken {
  return v instanceof JToken;
}

/** Detaches `t` from its parent (JToken.Remove); false when it has none. */
export function detach(t: JToken): boolean {
  const p = t.parent;
  if (!p) return false;
  if (p instanceof JObject && t instanceof JProperty) return p.remove(t);
  if (p instanceof JArray) {
    const i = p.items.indexOf(t);
    if (i >= 0) p.removeAt(i);
    return i >= 0;
  }
  return false;
}

const SPECIAL_PATH_CHARS = /[. '/"[\]()\t\n\r\f\b\\\u0085\u2028\u2029]/;

/** JToken.Path: `a.b[0]`, `['x y']` for names with special characters (JToken.Path, JsonPosition.BuildPath). */
export function tokenPath(t: JToken): string {
  if (!t.parent) return "";
  const parts: ({ kind: "name"; name: string } | { kind: "index"; index: number })[] = [];
  let previous: JToken | null = null;
  for (let current: JToken | null = t; current; current = current.parent) {
    if (current instanceof JProperty) parts.push({ kind: "name", name: current.name });
    else if (current instanceof JArray && previous)
      parts.push({ kind: "index", index: current.items.indexOf(previous) });
    previous = current;
  }
  parts.reverse();
  return buildPath(parts);
}

export function buildPath(
  parts: readonly ({ kind: "name"; name: string } | { kind: "index"; index: number })[],
): string {
  let out = "";
  for (const p of parts) {
    if (p.kind === "index") out += `[${p.index}]`;
    else if (SPECIAL_PATH_CHARS.test(p.name)) out += `['${p.name.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}']`;
    else out += out.length > 0 ? `.${p.name}` : p.name;
  }
  return out;
}
