// JToken.SelectToken for the simple JSONPath forms (Json.NET's JPath): `a.b[0].c`, `$.a`, `['x y']`, `["x"]`,
// `[0]`. With errorWhenNoMatch false (the default) a missing property, an index out of range or a step that does
// not apply to the token's kind gives null. Wildcards, recursive descent, filters, slices and unions are not
// emulated.

import { NetException, NotEmulated } from "../../errors.js";
import type { CallInfo } from "../../runtime-types.js";
import { JArray, JObject, type JToken } from "./model.js";

type Step = { kind: "name"; name: string } | { kind: "index"; index: number };

export function parsePath(path: string, call: CallInfo): Step[] {
  const steps: Step[] = [];
  let i = 0;
  const unsupported = () =>
    new NotEmulated(`SelectToken path "${path}" (only names and indexes are emulated)`, call.at);
  if (path[0] === "$") i = 1;
  let expectName = i === 0;
  while (i < path.length) {
    const c = path[i]!;
    if (c === "[") {
      const close = path.indexOf("]", i);
      const inner = close < 0 ? "" : path.slice(i + 1, close).trim();
      const quoted = /^(['"])((?:\\.|(?!\1).)*)\1$/.exec(inner);
      if (quoted) {
        steps.push({ kind: "name", name: quoted[2]!.replace(/\\(.)/g, "$1") });
      } else if (/^\d+$/.test(inner)) {
        steps.push({ kind: "index", index: Number(inner) });
      } else {
        throw unsupported();
      }
      i = close + 1;
      expectName = false;
      continue;
    }
    if (c === ".") {
      if (path[i + 1] === "." || i + 1 >= path.length) throw unsupported();
      i++;
      expectName = true;
      continue;
    }
    if (c === "]" || c === ")") {
      throw new NetException("JsonException", `Unexpected character while parsing path: ${c}`, call.at);
    }
    if (!expectName) throw unsupported();
    let end = i;
    while (end < path.length && !".[]() ".includes(path[end]!)) end++;
    if (end < path.length && path[end] === " ") throw unsupported();
    const name = path.slice(i, end);
    if (name === "*" || name === "") throw unsupported();
    steps.push({ kind: "name", name });
    i = end;
    expectName = false;
  }
  return steps;
}

export function selectToken(token: JToken, path: string, errorWhenNoMatch: boolean, call: CallInfo): JToken | null {
  let current: JToken | null = token;
  for (const step of parsePath(path, call)) {
    if (current === null) return null;
    if (step.kind === "name") {
      if (current instanceof JObject) {
        const p = current.property(step.name);
        if (!p && errorWhenNoMatch)
          throw new NetException("JsonException", `Property '${step.name}' does not exist on JObject.`, call.at);
        current = p ? p.value : null;
      } else {
        if (errorWhenNoMatch) {
          throw new NetException(
            "JsonException",
            `Property '${step.name}' not valid on ${current.constructor.name}.`,
            call.at,
          );
        }
        current = null;
      }
    } else if (current instanceof JArray) {
      const item: JToken | undefined = current.items[step.index];
      if (!item && errorWhenNoMatch) {
        throw new NetException("JsonException", `Index ${step.index} outside the bounds of JArray.`, call.at);
      }
      current = item ?? null;
    } else {
      if (errorWhenNoMatch)
        throw new NetException(
          "JsonException",
          `Index ${step.index} not valid on ${current.constructor.name}.`,
          call.at,
        );
      current = null;
    }
  }
  return current;
}
