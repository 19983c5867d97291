// Newtonsoft.Json for the emulator: the JToken family, JTokenType and Formatting, and JsonConvert. Behaviour and
// messages follow Json.NET 13's source (Src/Newtonsoft.Json/Linq/*.cs); the pieces live in model.ts (the tree),
// reader.ts (Parse), writer.ts (ToString), convert.ts (casts, Value<T>, ToObject<T>), select-token.ts and
// equality.ts.

import { K, named, type TypeRef } from "../../../policy/csharp/types/type-ref.js";
import { NetException, NotEmulated } from "../../errors.js";
import type { Arg, CallInfo, MemberImpl, RuntimeRegistry } from "../../runtime-types.js";
import { NetEnum, type NetValue, Num } from "../../values.js";
import { arg, count, getter, method } from "../collections/members.js";
import { NetDictionary, NetKeyValuePair, NetList, sequence } from "../collections/model.js";
import {
  argumentOutOfRange,
  defineObjectEquals,
  describeType,
  hashKey,
  invalidOperation,
} from "../collections/support.js";
import {
  type CollectionFactory,
  deserialize,
  explicitFromToken,
  fromObject,
  invariantText,
  multiContent,
  toObject,
  valueAs,
  valueToken,
} from "./convert.js";
import { invariantDateText } from "./dates.js";
import { deepEquals, jvalueEquals } from "./equality.js";
import {
  detach,
  isJToken,
  JARRAY,
  JArray,
  JCONTAINER,
  JContainer,
  JOBJECT,
  JObject,
  JPROPERTY,
  JProperty,
  JTOKEN,
  JTOKEN_TYPE,
  JTOKEN_TYPES,
  type JToken,
  JVALUE,
  JValue,
  tokenPath,
} from "./model.js";
import { parseJson } from "./reader.js";
import { selectToken } from "./select-token.js";
import { toJson } from "./writer.js";

export const FORMATTING = "Newtonsoft.Json.Formatting";
export const JSON_CONVERT = "Newtonsoft.Json.JsonConvert";
const JTOKEN_REF = named(JTOKEN);
const STRING_REF = named(K.string);

export { parseJson } from "./reader.js";
export { toJson } from "./writer.js";

export function tokenTypeEnum(t: JToken): NetEnum {
  return new NetEnum(JTOKEN_TYPE, t.tokenType, JTOKEN_TYPES.indexOf(t.tokenType));
}

function formattingEnum(name: "None" | "Indented"): NetEnum {
  return new NetEnum(FORMATTING, name, name === "None" ? 0 : 1);
}

/** A Formatting argument: true for Indented. */
function indentedArg(v: NetValue | undefined, call: CallInfo): boolean {
  if (v instanceof NetEnum && v.$type === FORMATTING) return v.value === 1;
  throw new NotEmulated(`a ${describeType(v ?? null)} where a Newtonsoft.Json.Formatting is expected`, call.at);
}

function childError(t: JToken, call: CallInfo, verb = "access"): NetException {
  return invalidOperation(`Cannot ${verb} child value on ${t.$type}.`, call);
}

/** MiscellaneousUtils.ToString: how Json.NET quotes a bad key in its messages. */
function keyText(v: NetValue, call: CallInfo): string {
  if (v === null) return "{null}";
  if (typeof v === "string") return `"${v}"`;
  return invariantText(v, call) ?? "";
}

/** JValue.ToString(): the value's own ToString (strings unquoted, dates in the invariant "G" pattern). */
function jvalueText(v: JValue, call: CallInfo): string {
  const x = v.value;
  if (x === null) return "";
  if (x instanceof Num && (x.type === "double" || x.type === "float")) return invariantText(x, call) ?? "";
  if (v.tokenType === "Date" && x !== null && !(typeof x === "string")) {
    return invariantDateText(x as Parameters<typeof invariantDateText>[0]);
  }
  return invariantText(x, call) ?? "";
}

function tokenText(t: JToken, call: CallInfo): string {
  return t instanceof JValue ? jvalueText(t, call) : toJson(t, true);
}

function ordinalIgnoreCase(a: string, b: string): boolean {
  return a.length === b.length && a.toUpperCase() === b.toUpperCase();
}

/** JObject.Property(name, comparison): exact match first, then (OrdinalIgnoreCase) the first case-insensitive one. */
function findProperty(
  o: JObject,
  name: string,
  comparison: NetValue | undefined,
  call: CallInfo,
): JProperty | undefined {
  const exact = o.property(name);
  if (exact || comparison === undefined) return exact;
  if (!(comparison instanceof NetEnum) || comparison.$type !== "System.StringComparison") {
    throw new NotEmulated(`JObject property lookup with a ${describeType(comparison)} comparison`, call.at);
  }
  if (comparison.name === "Ordinal") return undefined;
  if (comparison.name !== "OrdinalIgnoreCase")
    throw new NotEmulated(`JObject property lookup with StringComparison.${comparison.name}`, call.at);
  return o.properties.find((p) => ordinalIgnoreCase(p.name, name));
}

function stringArg(args: readonly Arg[], i: number, what: string, call: CallInfo): string | null {
  const v = arg(args, i, what, call);
  if (v !== null && typeof v !== "string") throw new NotEmulated(`${what} with a ${describeType(v)} argument`, call.at);
  return v;
}

/** JContainer.Add(object content) / AddFirst: multi-content item by item, each validated against the container. */
function addContent(
  registry: RuntimeRegistry,
  container: JContainer,
  content: NetValue,
  index: number | undefined,
  call: CallInfo,
): void {
  const many = multiContent(registry, content, call);
  if (many) {
    let i = index;
    for (const item of [...many]) {
      addContent(registry, container, item, i, call);
      if (i !== undefined) i++;
    }
    return;
  }
  const token = valueToken(content, call);
  if (container instanceof JObject) {
    if (!(token instanceof JProperty))
      throw new NetException("ArgumentException", `Can not add ${token.$type} to ${JOBJECT}.`, call.at);
    if (container.property(token.name)) {
      throw new NetException(
        "ArgumentException",
        `Can not add property ${token.name} to ${JOBJECT}. Property with the same name already exists on object.`,
        call.at,
      );
    }
    if (index === undefined) container.append(token);
    else container.insertAt(index, token);
    return;
  }
  if (token instanceof JProperty)
    throw new NetException("ArgumentException", `Can not add ${JPROPERTY} to ${container.$type}.`, call.at);
  if (container instanceof JArray) {
    if (index === undefined) container.add(token);
    else container.insert(index, token);
    return;
  }
  if (container instanceof JProperty) {
    if (container.hasValue)
      throw new NetException("ArgumentException", `${JPROPERTY} cannot have multiple values.`, call.at);
    container.setValue(token);
    return;
  }
  throw new NotEmulated(`adding content to ${container.$type}`, call.at);
}

/** The token classes a Children<T>() filter can name. */
const TOKEN_CLASSES: Readonly<Record<string, (t: JToken) => boolean>> = {
  [JTOKEN]: () => true,
  [JCONTAINER]: (t) => t instanceof JContainer,
  [JOBJECT]: (t) => t instanceof JObject,
  [JARRAY]: (t) => t instanceof JArray,
  [JPROPERTY]: (t) => t instanceof JProperty,
  [JVALUE]: (t) => t instanceof JValue,
};

/** AddAfterSelf/AddBeforeSelf: content inserted next to the token in its parent (JContainer.TryAddInternal). */
function addNextTo(registry: RuntimeRegistry, t: JToken, content: NetValue, after: 0 | 1, call: CallInfo): void {
  const p = t.parent;
  if (!p) throw invalidOperation("The parent is missing.", call);
  if (p instanceof JProperty) throw new NotEmulated("AddAfterSelf/AddBeforeSelf on the value of a property", call.at);
  addContent(registry, p, content, p.children().indexOf(t) + after, call);
}

/** JToken.Remove(): detaches the token from its parent. */
function removeSelf(t: JToken, call: CallInfo): null {
  if (!t.parent) throw invalidOperation("The parent is missing.", call);
  if (t.parent instanceof JProperty) throw new NotEmulated("removing the value of a JProperty", call.at);
  detach(t);
  return null;
}

function siblings(t: JToken): readonly JToken[] {
  return t.parent ? t.parent.children() : [];
}

function* descendants(c: JContainer): Iterable<JToken> {
  for (const child of c.children()) {
    yield child;
    if (child instanceof JContainer) yield* descendants(child);
  }
}

/** Extensions.Values<T,U>(source, null): a JValue converted, any other token's children converted. */
function* values(
  registry: RuntimeRegistry,
  tokens: Iterable<JToken>,
  target: TypeRef,
  call: CallInfo,
): Iterable<NetValue> {
  for (const t of tokens) {
    if (t instanceof JValue) yield valueAs(registry, t, target, call);
    else for (const child of t instanceof JContainer ? t.children() : []) yield valueAs(registry, child, target, call);
  }
}

function typeArg(call: CallInfo, what: string): TypeRef {
  const t = call.typeArgs[0];
  if (!t) throw new NotEmulated(`${what} without its type argument`, call.at);
  return t;
}

/** JContainer.Merge(content) with the default settings (arrays concatenated, null values ignored). */
function merge(registry: RuntimeRegistry, target: JContainer, content: NetValue, call: CallInfo): void {
  if (content === null)
    throw new NetException("ArgumentNullException", "Value cannot be null. (Parameter 'content')", call.at);
  if (target instanceof JObject) {
    if (!(content instanceof JObject)) return;
    for (const p of content.properties) {
      const existing = target.property(p.name);
      if (!existing) {
        target.append(new JProperty(p.name));
        target.property(p.name)!.setValue(p.value);
        continue;
      }
      const ev = existing.value;
      const cv = p.value;
      if (!(ev instanceof JContainer) || ev.tokenType !== cv.tokenType) {
        const isNull = cv.tokenType === "Null" || (cv instanceof JValue && cv.value === null);
        if (!isNull) existing.setValue(cv);
      } else {
        merge(registry, ev, cv, call);
      }
    }
    return;
  }
  if (target instanceof JArray) {
    const items = content instanceof JArray ? [...content.items] : multiContent(registry, content, call);
    if (!items) return;
    for (const item of [...items]) target.add(valueToken(item, call));
    return;
  }
  throw new NotEmulated(`Merge into ${target.$type}`, call.at);
}

export function defineJson(registry: RuntimeRegistry): void {
  const collections: CollectionFactory = {
    list: (t, items) => new NetList([t], items),
    dictionary: (k, v, entries) => {
      const d = new NetDictionary([k, v]);
      for (const [key, value] of entries) d.table.add(hashKey(registry, key), key, value);
      return d;
    },
  };
  const tokenArg = (args: readonly Arg[], i: number, what: string, call: CallInfo): JToken | null => {
    const v = arg(args, i, what, call);
    if (v === null || isJToken(v)) return v;
    return valueToken(v, call);
  };
  const parse = (target: "JToken" | "JObject" | "JArray") =>
    method((_self: null, a, c) => {
      const json = stringArg(a, 0, `${target}.Parse`, c);
      if (json === null) throw new NetException("ArgumentNullException", "Value cannot be null. (Parameter 's')", c.at);
      if (a.length > 1) throw new NotEmulated(`${target}.Parse with JsonLoadSettings`, c.at);
      return withLocation(() => parseJson(json, target), c);
    });
  const fromObjectAs = (expected: "Object" | "Array" | undefined) =>
    method((_self: null, a, c) => {
      const t = fromObject(registry, arg(a, 0, "FromObject", c), c);
      if (expected && t.tokenType !== expected) {
        const cls = expected === "Object" ? "JObject" : "JArray";
        throw new NetException(
          "ArgumentException",
          `Object serialized to ${t.tokenType}. ${cls} instance expected.`,
          c.at,
        );
      }
      return t;
    });

  const tokenMembers: Record<string, MemberImpl> = {
    Type: getter((t: JToken) => tokenTypeEnum(t)),
    HasValues: getter((t: JToken) => t instanceof JContainer && t.children().length > 0),
    Parent: getter((t: JToken) => t.parent),
    Root: getter((t: JToken) => {
      let r = t;
      while (r.parent) r = r.parent;
      return r;
    }),
    Next: getter((t: JToken) => {
      const s = siblings(t);
      return s[s.indexOf(t) + 1] ?? null;
    }),
    Previous: getter((t: JToken) => {
      const s = siblings(t);
      const i = s.indexOf(t);
      return i > 0 ? s[i - 1]! : null;
    }),
    Path: getter((t: JToken) => tokenPath(t)),
    First: getter((t: JToken, c) => {
      if (!(t instanceof JContainer)) throw childError(t, c);
      return t.children()[0] ?? null;
    }),
    Last: getter((t: JToken, c) => {
      if (!(t instanceof JContainer)) throw childError(t, c);
      const ch = t.children();
      return ch[ch.length - 1] ?? null;
    }),
    Value: method((t: JToken, a, c) => {
      const target = typeArg(c, "Value<T>");
      if (a.length === 0) return valueAs(registry, t, target, c);
      return valueAs(registry, indexGet(t, a, c), target, c);
    }),
    Values: method((t: JToken, a, c) => {
      if (a.length > 0) throw new NotEmulated("JToken.Values with arguments", c.at);
      const target = typeArg(c, "Values<T>");
      return sequence(target, () => values(registry, t instanceof JContainer ? t.children() : [], target, c));
    }),
    Children: method((t: JToken, a, c) => {
      if (a.length > 0) throw new NotEmulated("JToken.Children with arguments", c.at);
      const kids = () => (t instanceof JContainer ? [...t.children()] : []);
      const only = c.typeArgs[0];
      if (!only) return sequence(JTOKEN_REF, kids);
      // Children<T>(): the children that are a T (JEnumerable<T> over OfType<T>).
      if (only.kind !== "named" || !TOKEN_CLASSES[only.key])
        throw new NotEmulated("JToken.Children<T> of a non-token T", c.at);
      const is = TOKEN_CLASSES[only.key]!;
      return sequence(only, () => kids().filter(is));
    }),
    Ancestors: method((t: JToken) => {
      const out: JToken[] = [];
      for (let p = t.parent; p; p = p.parent) out.push(p);
      return sequence(JTOKEN_REF, () => out);
    }),
    AddAfterSelf: method((t: JToken, a, c) => {
      addNextTo(registry, t, arg(a, 0, "AddAfterSelf", c), 1, c);
      return null;
    }),
    AddBeforeSelf: method((t: JToken, a, c) => {
      addNextTo(registry, t, arg(a, 0, "AddBeforeSelf", c), 0, c);
      return null;
    }),
    SelectTokens: method((t: JToken, a, c) => {
      const path = stringArg(a, 0, "SelectTokens", c);
      if (path === null)
        throw new NetException("ArgumentNullException", "Value cannot be null. (Parameter 'path')", c.at);
      if (a.length > 1) throw new NotEmulated("SelectTokens with more arguments", c.at);
      const found = selectToken(t, path, false, c);
      return sequence(JTOKEN_REF, () => (found ? [found] : []));
    }),
    Remove: method((t: JToken, a, c) => {
      if (a.length > 0) throw new NotEmulated(`${t.$type}.Remove with ${a.length} argument(s)`, c.at);
      return removeSelf(t, c);
    }),
    Replace: method((t: JToken, a, c) => {
      const v = tokenArg(a, 0, "JToken.Replace", c);
      if (v === null)
        throw new NetException("ArgumentNullException", "Value cannot be null. (Parameter 'value')", c.at);
      const p = t.parent;
      if (!p) throw invalidOperation("The parent is missing.", c);
      if (p instanceof JProperty) p.setValue(v);
      else if (p instanceof JArray) p.set(p.items.indexOf(t), v);
      else throw new NotEmulated("JToken.Replace of an object's property", c.at);
      return null;
    }),
    DeepClone: method((t: JToken) => t.clone()),
    ToObject: method((t: JToken, a, c) => {
      if (a.length > 0) throw new NotEmulated("JToken.ToObject(Type)", c.at);
      return toObject(registry, t, typeArg(c, "ToObject<T>"), collections, c);
    }),
    SelectToken: method((t: JToken, a, c) => {
      const path = stringArg(a, 0, "SelectToken", c);
      if (path === null)
        throw new NetException("ArgumentNullException", "Value cannot be null. (Parameter 'path')", c.at);
      const strict = a[1]?.value;
      if (strict !== undefined && typeof strict !== "boolean")
        throw new NotEmulated("SelectToken with JsonSelectSettings", c.at);
      return selectToken(t, path, strict === true, c);
    }),
    ToString: method((t: JToken, a, c) => {
      if (a.length === 0) return tokenText(t, c);
      if (a.length === 1 && a[0]!.value instanceof NetEnum) return toJson(t, indentedArg(a[0]!.value, c));
      throw new NotEmulated(`${t.$type}.ToString with these arguments`, c.at);
    }),
    Equals: method((t: JToken, a, c) => {
      const o = arg(a, 0, "Equals", c);
      return t instanceof JValue ? o instanceof JValue && jvalueEquals(t, o) : t === o;
    }),
  };

  const indexGet = (t: JToken, args: readonly Arg[], call: CallInfo): JToken | null => {
    const key = arg(args, 0, "JToken indexer", call);
    if (t instanceof JObject) {
      if (typeof key !== "string") {
        throw new NetException(
          "ArgumentException",
          `Accessed JObject values with invalid key value: ${keyText(key, call)}. Object property name expected.`,
          call.at,
        );
      }
      return t.property(key)?.value ?? null;
    }
    if (t instanceof JArray) {
      if (!(key instanceof Num) || key.type !== "int") {
        throw new NetException(
          "ArgumentException",
          `Accessed JArray values with invalid key value: ${keyText(key, call)}. Int32 array index expected.`,
          call.at,
        );
      }
      const i = key.value as number;
      if (i < 0 || i >= t.items.length) throw argumentOutOfRange("index", call);
      return t.items[i]!;
    }
    throw childError(t, call);
  };
  const indexSet = (t: JToken, args: readonly Arg[], value: NetValue, call: CallInfo): void => {
    const key = arg(args, 0, "JToken indexer", call);
    const token = value === null ? null : valueToken(value, call);
    if (t instanceof JObject) {
      if (typeof key !== "string") {
        throw new NetException(
          "ArgumentException",
          `Set JObject values with invalid key value: ${keyText(key, call)}. Object property name expected.`,
          call.at,
        );
      }
      const existing = t.property(key);
      if (existing) existing.setValue(token);
      else {
        const p = new JProperty(key);
        p.setValue(token);
        t.append(p);
      }
      return;
    }
    if (t instanceof JArray) {
      if (!(key instanceof Num) || key.type !== "int") {
        throw new NetException(
          "ArgumentException",
          `Set JArray values with invalid key value: ${keyText(key, call)}. Int32 array index expected.`,
          call.at,
        );
      }
      const i = key.value as number;
      if (i < 0 || i >= t.items.length) throw argumentOutOfRange("index", call);
      t.set(i, token ?? new JValue("Null", null));
      return;
    }
    throw childError(t, call, "set");
  };

  registry.define({
    key: JTOKEN,
    supertypes: ["System.Collections.Generic.IEnumerable`1", "System.Object"],
    instance: tokenMembers,
    static: {
      Parse: parse("JToken"),
      DeepEquals: method((_s: null, a, c) =>
        deepEquals(tokenArg(a, 0, "DeepEquals", c), tokenArg(a, 1, "DeepEquals", c)),
      ),
      FromObject: fromObjectAs(undefined),
    },
    indexer: {
      get: (self, args, call) => indexGet(self as JToken, args, call),
      set: (self, args, value, call) => indexSet(self as JToken, args, value, call),
    },
    toString: (self, _format, call) => tokenText(self as JToken, call),
    convertTo: (value, target, _explicit, call) => explicitFromToken(registry, value as JToken, target, call),
    convertFrom: (value, _explicit, call) => {
      if (value === null || typeof value === "string" || typeof value === "boolean" || value instanceof Num)
        return valueToken(value, call);
      return undefined;
    },
    iterate: (self) => (self instanceof JContainer ? [...self.children()] : []),
  });

  registry.define({
    key: JCONTAINER,
    supertypes: [JTOKEN, "System.Collections.Generic.IList`1"],
    instance: {
      Count: getter((t: JContainer) => count(t.children().length)),
      Add: method((t: JContainer, a, c) => {
        if (t instanceof JObject && a.length === 2) {
          const name = stringArg(a, 0, "JObject.Add", c);
          if (name === null)
            throw new NetException("ArgumentNullException", "Value cannot be null. (Parameter 'propertyName')", c.at);
          const p = new JProperty(name);
          p.setValue(tokenArg(a, 1, "JObject.Add", c));
          addContent(registry, t, p, undefined, c);
          return null;
        }
        if (a.length !== 1) throw new NotEmulated(`${t.$type}.Add with ${a.length} arguments`, c.at);
        addContent(registry, t, a[0]!.value, undefined, c);
        return null;
      }),
      AddFirst: method((t: JContainer, a, c) => {
        addContent(registry, t, arg(a, 0, "AddFirst", c), 0, c);
        return null;
      }),
      Descendants: method((t: JContainer) => sequence(JTOKEN_REF, () => descendants(t))),
      DescendantsAndSelf: method((t: JContainer) =>
        sequence(JTOKEN_REF, function* () {
          yield t;
          yield* descendants(t);
        }),
      ),
      RemoveAll: method((t: JContainer, _a, c) => {
        if (t instanceof JObject || t instanceof JArray) t.clear();
        else throw new NotEmulated(`${t.$type}.RemoveAll`, c.at);
        return null;
      }),
      Merge: method((t: JContainer, a, c) => {
        if (a.length > 1) throw new NotEmulated("Merge with JsonMergeSettings", c.at);
        merge(registry, t, arg(a, 0, "Merge", c), c);
        return null;
      }),
    },
  });

  registry.define({
    key: JOBJECT,
    supertypes: [JCONTAINER, "System.Collections.Generic.IDictionary`2"],
    construct(args, call) {
      const o = new JObject();
      if (args.length === 1 && args[0]!.value instanceof JObject) {
        for (const p of (args[0]!.value as JObject).properties) o.append(p.clone());
        return o;
      }
      for (const a of args) addContent(registry, o, a.value, undefined, call);
      return o;
    },
    instance: {
      ContainsKey: method((o: JObject, a, c) => {
        const name = stringArg(a, 0, "JObject.ContainsKey", c);
        if (name === null)
          throw new NetException("ArgumentNullException", "Value cannot be null. (Parameter 'key')", c.at);
        return o.property(name) !== undefined;
      }),
      GetValue: method((o: JObject, a, c) => {
        const name = stringArg(a, 0, "JObject.GetValue", c);
        if (name === null) return null;
        return findProperty(o, name, a[1]?.value, c)?.value ?? null;
      }),
      TryGetValue: method((o: JObject, a, c) => {
        const name = stringArg(a, 0, "JObject.TryGetValue", c);
        const out = a[a.length - 1]?.ref;
        if (!out || a.length < 2) throw new NotEmulated("JObject.TryGetValue without an out argument", c.at);
        if (name === null)
          throw new NetException("ArgumentNullException", "Value cannot be null. (Parameter 'propertyName')", c.at);
        const p = findProperty(o, name, a.length === 3 ? a[1]!.value : undefined, c);
        out.set(p ? p.value : null);
        return p !== undefined;
      }),
      Properties: method((o: JObject) => sequence(named(JPROPERTY), () => [...o.properties])),
      Property: method((o: JObject, a, c) => {
        const name = stringArg(a, 0, "JObject.Property", c);
        if (name === null) return null;
        return findProperty(o, name, a[1]?.value, c) ?? null;
      }),
      PropertyValues: method((o: JObject) => sequence(JTOKEN_REF, () => o.properties.map((p) => p.value))),
      Remove: method((o: JObject, a, c) => {
        if (a.length === 0) return removeSelf(o, c);
        const name = stringArg(a, 0, "JObject.Remove", c);
        if (name === null) return false;
        const p = o.property(name);
        return p ? o.remove(p) : false;
      }),
    },
    static: {
      Parse: parse("JObject"),
      FromObject: fromObjectAs("Object"),
    },
    iterate: (self) => {
      const o = self as JObject;
      return o.properties.map((p) => new NetKeyValuePair([STRING_REF, JTOKEN_REF], p.name, p.value));
    },
  });

  registry.define({
    key: JARRAY,
    supertypes: [JCONTAINER],
    construct(args, call) {
      const arr = new JArray();
      if (args.length === 1 && args[0]!.value instanceof JArray) {
        for (const t of (args[0]!.value as JArray).items) arr.add(t.clone());
        return arr;
      }
      for (const a of args) addContent(registry, arr, a.value, undefined, call);
      return arr;
    },
    instance: {
      Clear: method((t: JArray) => {
        t.clear();
        return null;
      }),
      // JArray compares items by reference (List.IndexOf over JToken without Equals override... JValue overrides
      // Equals, but JContainer.IndexOfItem uses IndexOfReference).
      Contains: method((t: JArray, a, c) => t.items.includes(arg(a, 0, "JArray.Contains", c) as JToken)),
      IndexOf: method((t: JArray, a, c) => count(t.items.indexOf(arg(a, 0, "JArray.IndexOf", c) as JToken))),
      Insert: method((t: JArray, a, c) => {
        const i = arg(a, 0, "JArray.Insert", c);
        if (!(i instanceof Num) || i.type !== "int") throw new NotEmulated("JArray.Insert with a non-int index", c.at);
        if ((i.value as number) < 0 || (i.value as number) > t.items.length) {
          throw argumentOutOfRange("index", c, "Index must be within the bounds of the List.");
        }
        addContent(registry, t, arg(a, 1, "JArray.Insert", c), i.value as number, c);
        return null;
      }),
      Remove: method((t: JArray, a, c) => {
        if (a.length === 0) return removeSelf(t, c);
        const i = t.items.indexOf(arg(a, 0, "JArray.Remove", c) as JToken);
        if (i < 0) return false;
        t.removeAt(i);
        return true;
      }),
      RemoveAt: method((t: JArray, a, c) => {
        const i = arg(a, 0, "JArray.RemoveAt", c);
        if (!(i instanceof Num) || i.type !== "int")
          throw new NotEmulated("JArray.RemoveAt with a non-int index", c.at);
        if ((i.value as number) < 0 || (i.value as number) >= t.items.length) throw argumentOutOfRange("index", c);
        t.removeAt(i.value as number);
        return null;
      }),
    },
    static: {
      Parse: parse("JArray"),
      FromObject: fromObjectAs("Array"),
    },
  });

  registry.define({
    key: JPROPERTY,
    supertypes: [JCONTAINER],
    construct(args, call) {
      if (args.length === 1 && args[0]!.value instanceof JProperty) return (args[0]!.value as JProperty).clone();
      const name = stringArg(args, 0, "new JProperty", call);
      if (name === null)
        throw new NetException("ArgumentNullException", "Value cannot be null. (Parameter 'name')", call.at);
      if (args.length > 2) throw new NotEmulated("new JProperty with several content arguments", call.at);
      const p = new JProperty(name);
      const content = arg(args, 1, "new JProperty", call);
      // JProperty(string, object): multi-content becomes a JArray.
      const many = multiContent(registry, content, call);
      if (many) {
        const arr = new JArray();
        for (const item of [...many]) addContent(registry, arr, item, undefined, call);
        p.setValue(arr);
      } else p.setValue(valueToken(content, call));
      return p;
    },
    instance: {
      Name: getter((p: JProperty) => p.name),
      Value: {
        kind: "property",
        get: (self) => (self as JProperty).value,
        set: (self, value, call) => (self as JProperty).setValue(value === null ? null : valueToken(value, call)),
      },
    },
  });

  registry.define({
    key: JVALUE,
    supertypes: [JTOKEN],
    construct(args, call) {
      const v = arg(args, 0, "new JValue", call);
      if (v instanceof JValue) return v.clone();
      if (isJToken(v))
        throw new NetException(
          "ArgumentException",
          `Could not determine JSON object type for type ${v.$type}.`,
          call.at,
        );
      return valueToken(v, call);
    },
    instance: {
      Value: {
        kind: "property",
        get: (self) => {
          const v = self as JValue;
          return v.value;
        },
        set: (self, value, call) => {
          const v = self as JValue;
          const t = valueToken(value, call) as JValue;
          v.tokenType = t.tokenType;
          v.value = t.value;
        },
      },
    },
    static: {
      CreateNull: method(() => new JValue("Null", null)),
      CreateString: method((_s: null, a, c) => {
        const s = stringArg(a, 0, "JValue.CreateString", c);
        return new JValue(s === null ? "Null" : "String", s);
      }),
      CreateUndefined: method(() => new JValue("Undefined", null)),
    },
  });
  // JValue overrides Equals (values) but not == (references): collections and LINQ compare with Equals.
  defineObjectEquals(JVALUE, (a, b) => a instanceof JValue && b instanceof JValue && jvalueEquals(a, b));

  registry.define({
    key: JTOKEN_TYPE,
    supertypes: ["System.Enum"],
    static: Object.fromEntries(JTOKEN_TYPES.map((name, i) => [name, getter(() => new NetEnum(JTOKEN_TYPE, name, i))])),
  });
  registry.define({
    key: FORMATTING,
    supertypes: ["System.Enum"],
    static: { None: getter(() => formattingEnum("None")), Indented: getter(() => formattingEnum("Indented")) },
  });

  registry.define({
    key: JSON_CONVERT,
    static: {
      SerializeObject: method((_s: null, a, c) => {
        if (a.length > 2) throw new NotEmulated("JsonConvert.SerializeObject with settings or converters", c.at);
        const indented = a.length === 2 ? indentedArg(a[1]!.value, c) : false;
        return toJson(fromObject(registry, arg(a, 0, "JsonConvert.SerializeObject", c), c), indented);
      }),
      DeserializeObject: method((_s: null, a, c) => {
        if (a.length > 1)
          throw new NotEmulated("JsonConvert.DeserializeObject with a Type, settings or converters", c.at);
        const json = stringArg(a, 0, "JsonConvert.DeserializeObject", c);
        if (json === null)
          throw new NetException("ArgumentNullException", "Value cannot be null. (Parameter 'value')", c.at);
        const target: TypeRef = c.typeArgs[0] ?? named(K.object);
        // An empty document deserializes to null (the serializer reads no token).
        if (json.trim() === "") {
          if (
            target.kind === "named" &&
            (target.key === K.object || target.key === K.string || target.key.startsWith("Newtonsoft.Json.Linq."))
          )
            return null;
          throw new NotEmulated(
            `JsonConvert.DeserializeObject of an empty string to ${target.kind === "named" ? target.key : "this type"}`,
            c.at,
          );
        }
        // The serializer loads a JObject/JArray target with JObject.Load/JArray.Load (their "not an object" errors).
        const load =
          target.kind === "named" && target.key === JOBJECT
            ? "JObject"
            : target.kind === "named" && target.key === JARRAY
              ? "JArray"
              : "JToken";
        const token = withLocation(() => parseJson(json, load), c);
        return deserialize(registry, token, target, collections, c);
      }),
    },
  });
}

/** Gives a parse failure the call's position. */
function withLocation<T>(fn: () => T, call: CallInfo): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof NetException && e.at === undefined) throw new NetException(e.type, e.message, call.at, e.bases);
    if (e instanceof NotEmulated && e.at === undefined) throw new NotEmulated(e.construct, call.at);
    throw e;
  }
}
