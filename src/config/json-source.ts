// A strict JSON reader that remembers where every value and key sits, so config problems can name
// file:line:column (JSON.parse only gives an offset for syntax errors, and nothing for schema errors).

export interface SourcePosition {
  line: number;
  column: number;
}

export interface JsonSource {
  value: unknown;
  /** Position of the value at a path ("" = root, "callers[0].name"). */
  valueAt(path: string): SourcePosition | undefined;
  /** Position of the key of a property at a path. */
  keyAt(path: string): SourcePosition | undefined;
  /** Keys written twice in one object (JSON.parse would silently keep the last one). */
  duplicateKeys: { path: string; position: SourcePosition }[];
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly position: SourcePosition,
  ) {
    super(message);
  }
}

/** Joins a path and a key the way config messages print them: a.b, a[0], a["odd key"]. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === "number") return `${parent}[${key}]`;
  const plain = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key);
  if (!plain) return `${parent}[${JSON.stringify(key)}]`;
  return parent === "" ? key : `${parent}.${key}`;
}

export function readJson(text: string): JsonSource {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lineStarts = [0];
  for (let i = 0; i < src.length; i++) if (src[i] === "\n") lineStarts.push(i + 1);
  const posAt = (offset: number): SourcePosition => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lineStarts[lo]! + 1 };
  };
  const values = new Map<string, number>();
  const keys = new Map<string, number>();
  const duplicateKeys: JsonSource["duplicateKeys"] = [];
  let i = 0;

  const fail = (expected: string, at = i): never => {
    const found = at >= src.length ? "end of file" : JSON.stringify(src[at]);
    const hint = src[at] === "/" ? " (JSON has no comments)" : "";
    throw new JsonSyntaxError(`invalid JSON: expected ${expected}, found ${found}${hint}`, posAt(at));
  };
  const ws = () => {
    while (i < src.length && (src[i] === " " || src[i] === "\t" || src[i] === "\n" || src[i] === "\r")) i++;
  };
  const str = (): string => {
    const start = i;
    i++; // opening quote
    let out = "";
    for (;;) {
      if (i >= src.length) fail("a closing '\"'", start);
      const c = src[i]!;
      if (c === '"') {
        i++;
        return out;
      }
      if (c === "\\") {
        const e = src[i + 1];
        const simple: Record<string, string> = {
          '"': '"',
          "\\": "\\",
          "/": "/",
          b: "\b",
          f: "\f",
          n: "\n",
          r: "\r",
          t: "\t",
        };
        if (e !== undefined && e in simple) {
          out += simple[e];
          i += 2;
        } else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) {
          out += String.fromCharCode(Number.parseInt(src.slice(i + 2, i + 6), 16));
          i += 6;
        } else fail('a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)', i);
      } else if (c < " ") {
        fail("no raw control character inside a string (write \\n, \\t ...)", i);
      } else {
        out += c;
        i++;
      }
    }
  };
  const value = (path: string): unknown => {
    ws();
    values.set(path, i);
    const c = src[i];
    if (c === "{") {
      i++;
      const obj: Record<string, unknown> = {};
      ws();
      if (src[i] === "}") {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (src[i] !== '"') fail("a property name in double quotes");
        const keyOffset = i;
        const key = str();
        const p = childPath(path, key);
        if (Object.hasOwn(obj, key)) duplicateKeys.push({ path: p, position: posAt(keyOffset) });
        keys.set(p, keyOffset);
        ws();
        if (src[i] !== ":") fail("':' after the property name");
        i++;
        obj[key] = value(p);
        ws();
        if (src[i] === ",") {
          i++;
          continue;
        }
        if (src[i] === "}") {
          i++;
          return obj;
        }
        fail("',' or '}'");
      }
    }
    if (c === "[") {
      i++;
      const arr: unknown[] = [];
      ws();
      if (src[i] === "]") {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value(childPath(path, arr.length)));
        ws();
        if (src[i] === ",") {
          i++;
          continue;
        }
        if (src[i] === "]") {
          i++;
          return arr;
        }
        fail("',' or ']'");
      }
    }
    if (c === '"') return str();
    const m = /^(?:-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null)/.exec(src.slice(i, i + 400));
    if (!m) return fail("a value (object, array, string, number, true, false or null)");
    i += m[0].length;
    const word = m[0];
    return word === "true" ? true : word === "false" ? false : word === "null" ? null : Number(word);
  };

  const result = value("");
  ws();
  if (i < src.length) fail("end of file after the top-level value");
  return {
    value: result,
    valueAt: (p) => {
      const o = values.get(p);
      return o === undefined ? undefined : posAt(o);
    },
    keyAt: (p) => {
      const o = keys.get(p);
      return o === undefined ? undefined : posAt(o);
    },
    duplicateKeys,
  };
}
