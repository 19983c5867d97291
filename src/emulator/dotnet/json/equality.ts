// JToken.DeepEquals and JValue.Equals (Json.NET's JValue.ValuesEquals/Compare): values are equal only with the
// same JTokenType; strings compare ordinally; floats compare with MathUtils.ApproxEquals (so 0.1 + 0.2 equals 0.3);
// dates by ticks, ignoring Kind (DateTime.CompareTo). Objects compare properties by name in any order, arrays
// item by item in order.

import { compareNums, convertNum, doubleOf, promote } from "../../interpreter/numbers.js";
import { Num } from "../../values.js";
import { NetDateTime } from "../time/date-time.js";
import { JArray, JObject, JProperty, type JToken, JValue } from "./model.js";

const EPSILON = 2.2204460492503131e-16;

function approxEquals(a: number, b: number): boolean {
  if (a === b) return true;
  const tolerance = (Math.abs(a) + Math.abs(b) + 10.0) * EPSILON;
  const difference = a - b;
  return -tolerance < difference && tolerance > difference;
}

export function jvalueEquals(a: JValue, b: JValue): boolean {
  if (a === b) return true;
  if (a.tokenType !== b.tokenType) return false;
  const x = a.value;
  const y = b.value;
  if (x === null || y === null) return x === y;
  if (x instanceof Num && y instanceof Num) {
    if (a.tokenType === "Float" && x.type !== "decimal" && y.type !== "decimal")
      return approxEquals(doubleOf(x), doubleOf(y));
    const t = promote(
      x.type === "ulong" && y.type === "long" ? "decimal" : x.type,
      y.type === "ulong" && x.type === "long" ? "decimal" : y.type,
    );
    return compareNums(convertNum(x, t), convertNum(y, t)) === 0;
  }
  if (x instanceof NetDateTime && y instanceof NetDateTime) return x.ticks === y.ticks;
  return x === y;
}

export function deepEquals(a: JToken | null, b: JToken | null): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (a instanceof JValue) return b instanceof JValue && jvalueEquals(a, b);
  if (a instanceof JProperty) return b instanceof JProperty && a.name === b.name && deepEquals(a.value, b.value);
  if (a instanceof JObject) {
    if (!(b instanceof JObject) || a.properties.length !== b.properties.length) return false;
    return a.properties.every((p) => {
      const q = b.property(p.name);
      return q !== undefined && deepEquals(p.value, q.value);
    });
  }
  if (a instanceof JArray) {
    if (!(b instanceof JArray) || a.items.length !== b.items.length) return false;
    return a.items.every((t, i) => deepEquals(t, b.items[i]!));
  }
  return false;
}
