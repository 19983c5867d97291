// JSON text as Json.NET's JsonTextWriter writes it (JToken.ToString(Formatting), JsonConvert.SerializeObject):
// Indented is two spaces per level, `"name": value`, `{}` and `[]` when empty, a line break before each member and
// before the closing bracket of a non-empty container. Strings are escaped as JavaScriptUtils does with
// StringEscapeHandling.Default. Doubles are written with "R" plus ".0" when that has no '.', 'E' or 'e'
// (JsonConvert.EnsureDecimalPlace); NaN and infinities as strings (FloatFormatHandling.String).

import { NotEmulated } from "../../errors.js";
import { isNetObject, NetArray, NetEnum, Num } from "../../values.js";
import { formatNumber } from "../format/number.js";
import { NetDateTime } from "../time/date-time.js";
import { isoDateText } from "./dates.js";
import { type JArray, JObject, JProperty, type JToken, JValue } from "./model.js";

/**
 * The line break of Formatting.Indented is Environment.NewLine. APIM's managed gateway runs on Windows, so "\r\n"
 * (docs/emulator.md, JSON). XElement.ToString() uses the same constant.
 */
export const GATEWAY_NEWLINE = "\r\n";

export function toJson(token: JToken, indented: boolean): string {
  const out: string[] = [];
  write(token, indented, 0, out);
  return out.join("");
}

function indent(depth: number): string {
  return GATEWAY_NEWLINE + "  ".repeat(depth);
}

function write(t: JToken, indented: boolean, depth: number, out: string[]): void {
  if (t instanceof JValue) {
    out.push(valueJson(t));
    return;
  }
  if (t instanceof JProperty) {
    out.push(quoteJson(t.name), indented ? ": " : ":");
    write(t.value, indented, depth, out);
    return;
  }
  const [open, close, items] = t instanceof JObject ? ["{", "}", t.properties] : ["[", "]", (t as JArray).items];
  out.push(open);
  items.forEach((item, i) => {
    if (i > 0) out.push(",");
    if (indented) out.push(indent(depth + 1));
    write(item, indented, depth + 1, out);
  });
  if (indented && items.length > 0) out.push(indent(depth));
  out.push(close);
}

export function valueJson(v: JValue): string {
  const x = v.value;
  switch (v.tokenType) {
    case "Null":
      return "null";
    case "Undefined":
      return "undefined";
    case "Boolean":
      return x ? "true" : "false";
    case "String":
      return quoteJson(x as string);
    case "Comment":
      return `/*${(x as string | null) ?? ""}*/`;
    case "Raw":
      return String(x);
    case "Integer":
      return formatNumber(x as Num, undefined);
    case "Float":
      return floatJson(x as Num);
    case "Date":
      if (x instanceof NetDateTime) return `"${isoDateText(x)}"`;
      throw new NotEmulated(`writing the JSON date of a ${describe(x)}`);
    default:
      throw new NotEmulated(`writing a JValue of type ${v.tokenType}`);
  }
}

function describe(x: unknown): string {
  if (x instanceof Num) return x.type;
  if (x instanceof NetArray) return "array";
  if (x instanceof NetEnum) return x.$type;
  if (x !== null && typeof x === "object" && isNetObject(x as never)) return (x as { $type: string }).$type;
  return typeof x;
}

/** JsonConvert.ToString(double/float/decimal). */
export function floatJson(n: Num): string {
  if (n.type === "double" || n.type === "float") {
    const x = n.value as number;
    if (Number.isNaN(x) || !Number.isFinite(x)) return `"${formatNumber(n, undefined)}"`;
  }
  const text = formatNumber(n, n.type === "decimal" ? undefined : "R");
  return /[.eE]/.test(text) ? text : `${text}.0`;
}

/** A JSON string literal: `"` and `\` escaped, control characters as \u00xx, U+0085/2028/2029 escaped, the rest kept. */
export function quoteJson(s: string): string {
  let out = '"';
  let run = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string | undefined;
    if (c < 0x20 || c === 0x22 || c === 0x5c || c === 0x85 || c === 0x2028 || c === 0x2029) {
      switch (c) {
        case 0x09:
          esc = "\\t";
          break;
        case 0x0a:
          esc = "\\n";
          break;
        case 0x0d:
          esc = "\\r";
          break;
        case 0x0c:
          esc = "\\f";
          break;
        case 0x08:
          esc = "\\b";
          break;
        case 0x5c:
          esc = "\\\\";
          break;
        case 0x22:
          esc = '\\"';
          break;
        default:
          esc = `\\u${c.toString(16).padStart(4, "0")}`;
      }
    }
    if (esc !== undefined) {
      out += s.slice(run, i) + esc;
      run = i + 1;
    }
  }
  return `${out + s.slice(run)}"`;
}
