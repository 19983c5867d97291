// JToken.Parse / JObject.Parse / JArray.Parse with Json.NET 13's defaults (JsonTextReader, no JsonLoadSettings):
// comments skipped, single-quoted strings and unquoted property names accepted, trailing commas accepted, an empty
// value between commas read as undefined, `012` octal and `0x1F` hexadecimal integers, integers as Int64 (beyond:
// BigInteger, not emulated), other numbers as Double, and DateParseHandling.DateTime: a string that reads as an ISO
// 8601 date becomes a JTokenType.Date. Errors are JsonReaderException with Json.NET's message, path, line and
// position (JsonReaderException.FormatMessage); the state machine below follows JsonTextReader's so that the path
// and position of an error are the ones Json.NET reports.

import { NetException, NotEmulated } from "../../errors.js";
import { double, long } from "../../values.js";
import { parseIsoDate } from "./dates.js";
import { JArray, type JContainer, JObject, JProperty, type JToken, JValue } from "./model.js";

type State = "Start" | "Property" | "ObjectStart" | "Object" | "ArrayStart" | "Array" | "PostValue" | "Finished";

interface Position {
  type: "None" | "Object" | "Array";
  propertyName?: string;
  index: number;
}

type TokenKind =
  | "None"
  | "StartObject"
  | "EndObject"
  | "StartArray"
  | "EndArray"
  | "PropertyName"
  | "Comment"
  | "Value";

export class JsonTextReader {
  private pos = 0;
  private lineNumber = 1;
  private lineStart = 0;
  private state: State = "Start";
  private readonly stack: Position[] = [];
  private current: Position = { type: "None", index: -1 };
  tokenKind: TokenKind = "None";
  value: JToken | string | null = null;

  constructor(private readonly text: string) {}

  /** JsonReader.Path at this moment. */
  get path(): string {
    if (this.current.type === "None") return "";
    const inside = this.state !== "ArrayStart" && this.state !== "ObjectStart";
    const positions = inside ? [...this.stack, this.current] : this.stack;
    let out = "";
    for (const p of positions) {
      if (p.type === "Array") out += `[${p.index}]`;
      else if (p.type === "Object" && p.propertyName !== undefined) {
        const name = p.propertyName;
        if (/[. '/"[\]()\t\n\r\f\b\\\u0085\u2028\u2029]/.test(name))
          out += `['${name.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}']`;
        else out += out.length > 0 ? `.${name}` : name;
      }
    }
    return out;
  }

  error(message: string): NetException {
    let m = message.trim();
    if (!m.endsWith(".")) m += ".";
    const position = this.pos - this.lineStart;
    // JsonTextReader.LineNumber is 0 before anything was read.
    const line = this.state === "Start" && position === 0 && this.tokenKind !== "Comment" ? 0 : this.lineNumber;
    return new NetException("JsonReaderException", `${m} Path '${this.path}', line ${line}, position ${position}.`);
  }

  serializationError(message: string): NetException {
    const e = this.error(message);
    return new NetException("JsonSerializationException", e.message);
  }

  private ch(offset = 0): string | undefined {
    return this.text[this.pos + offset];
  }

  private push(type: "Object" | "Array"): void {
    this.finishValueInScope();
    if (this.current.type !== "None") this.stack.push(this.current);
    this.current = { type, index: -1 };
  }

  private pop(): Position["type"] {
    const old = this.current;
    this.current = this.stack.pop() ?? { type: "None", index: -1 };
    return old.type;
  }

  private finishValueInScope(): void {
    if (this.current.type === "Array") this.current.index++;
  }

  private postValue(updateIndex: boolean): void {
    this.state = this.current.type !== "None" ? "PostValue" : "Finished";
    if (updateIndex) this.finishValueInScope();
  }

  private setValue(v: JValue): void {
    this.tokenKind = "Value";
    this.value = v;
  }

  private endContainer(kind: "EndObject" | "EndArray"): void {
    this.tokenKind = kind;
    const type = this.pop();
    const expected = kind === "EndObject" ? "Object" : "Array";
    if (type !== expected) throw this.error(`JsonToken ${kind} is not valid for closing JsonType ${type}.`);
    this.state = this.current.type !== "None" ? "PostValue" : "Finished";
  }

  private newLine(): void {
    this.lineNumber++;
    this.lineStart = this.pos;
  }

  /** Whitespace handling common to every state: true when a character was eaten. */
  private eatSpace(): boolean {
    const c = this.ch();
    if (c === "\r") {
      this.pos++;
      if (this.ch() === "\n") this.pos++;
      this.newLine();
      return true;
    }
    if (c === "\n") {
      this.pos++;
      this.newLine();
      return true;
    }
    if (c !== undefined && isWhiteSpace(c)) {
      this.pos++;
      return true;
    }
    return false;
  }

  /** Reads the next token; false at the end of the text. */
  read(): boolean {
    for (;;) {
      switch (this.state) {
        case "Start":
        case "Property":
        case "Array":
        case "ArrayStart":
          return this.parseValue();
        case "Object":
        case "ObjectStart":
          return this.parseObject();
        case "PostValue":
          if (this.parsePostValue()) return true;
          break;
        case "Finished":
          while (this.eatSpace());
          if (this.pos >= this.text.length) {
            this.tokenKind = "None";
            return false;
          }
          if (this.ch() === "/") {
            this.parseComment();
            return true;
          }
          throw this.error(`Additional text encountered after finished reading JSON content: ${this.ch()}.`);
      }
    }
  }

  private parsePostValue(): boolean {
    for (;;) {
      const c = this.ch();
      if (c === undefined) {
        this.state = "Finished";
        return false;
      }
      switch (c) {
        case "}":
          this.pos++;
          this.endContainer("EndObject");
          return true;
        case "]":
          this.pos++;
          this.endContainer("EndArray");
          return true;
        case "/":
          this.parseComment();
          return true;
        case ",":
          this.pos++;
          this.state = this.current.type === "Object" ? "Object" : this.current.type === "Array" ? "Array" : "Finished";
          return false;
        default:
          if (this.eatSpace()) break;
          throw this.error(`After parsing a value an unexpected character was encountered: ${c}.`);
      }
    }
  }

  private parseObject(): boolean {
    for (;;) {
      const c = this.ch();
      if (c === undefined) return false;
      if (c === "}") {
        this.pos++;
        this.endContainer("EndObject");
        return true;
      }
      if (c === "/") {
        this.parseComment();
        return true;
      }
      if (this.eatSpace()) continue;
      return this.parseProperty();
    }
  }

  private parseProperty(): boolean {
    const first = this.ch()!;
    let name: string;
    if (first === '"' || first === "'") {
      this.pos++;
      name = this.readString(first);
    } else if (isIdentifierChar(first)) {
      name = this.readUnquotedName();
    } else {
      throw this.error(`Invalid property identifier character: ${first}.`);
    }
    while (this.eatSpace());
    if (this.ch() !== ":")
      throw this.error(`Invalid character after parsing property name. Expected ':' but got: ${this.ch() ?? ""}.`);
    this.pos++;
    this.tokenKind = "PropertyName";
    this.value = name;
    this.state = "Property";
    this.current.propertyName = name;
    return true;
  }

  private readUnquotedName(): string {
    const start = this.pos;
    for (;;) {
      const c = this.ch();
      if (c === undefined) throw this.error("Unexpected end while parsing unquoted property name.");
      if (isIdentifierChar(c)) {
        this.pos++;
        continue;
      }
      if (isWhiteSpace(c) || c === ":") return this.text.slice(start, this.pos);
      throw this.error(`Invalid JavaScript property identifier character: ${c}.`);
    }
  }

  private parseValue(): boolean {
    for (;;) {
      const c = this.ch();
      if (c === undefined) return false;
      switch (c) {
        case '"':
        case "'": {
          this.pos++;
          const s = this.readString(c);
          this.postValue(true);
          const date = parseIsoDate(s);
          this.setValue(date ? new JValue("Date", date) : new JValue("String", s));
          return true;
        }
        case "t":
          this.matchLiteral("true", "Error parsing boolean value.");
          this.postValue(true);
          this.setValue(new JValue("Boolean", true));
          return true;
        case "f":
          this.matchLiteral("false", "Error parsing boolean value.");
          this.postValue(true);
          this.setValue(new JValue("Boolean", false));
          return true;
        case "n":
          if (this.ch(1) === undefined) {
            this.pos++;
            throw this.error("Unexpected end when reading JSON.");
          }
          if (this.ch(1) === "e") throw new NotEmulated("a JSON constructor (new Name(...))");
          if (this.ch(1) !== "u") throw this.error(`Unexpected character encountered while parsing value: ${c}.`);
          this.matchLiteral("null", "Error parsing null value.");
          this.postValue(true);
          this.setValue(new JValue("Null", null));
          return true;
        case "u":
          this.matchLiteral("undefined", "Error parsing undefined value.");
          this.postValue(true);
          this.setValue(new JValue("Undefined", null));
          return true;
        case "N":
          this.matchLiteral("NaN", "Error parsing NaN value.");
          this.postValue(true);
          this.setValue(new JValue("Float", double(Number.NaN)));
          return true;
        case "I":
          this.matchLiteral("Infinity", "Error parsing Infinity value.");
          this.postValue(true);
          this.setValue(new JValue("Float", double(Number.POSITIVE_INFINITY)));
          return true;
        case "/":
          this.parseComment();
          return true;
        case "{":
          this.pos++;
          this.tokenKind = "StartObject";
          this.state = "ObjectStart";
          this.push("Object");
          return true;
        case "[":
          this.pos++;
          this.tokenKind = "StartArray";
          this.state = "ArrayStart";
          this.push("Array");
          return true;
        case "]":
          this.pos++;
          this.endContainer("EndArray");
          return true;
        case ",":
          // Json.NET reads an empty value between commas as undefined and leaves the comma for the next read.
          this.postValue(true);
          this.setValue(new JValue("Undefined", null));
          return true;
        default:
          if (this.eatSpace()) break;
          if (c === "-" && this.ch(1) === "I") {
            this.matchLiteral("-Infinity", "Error parsing -Infinity value.");
            this.postValue(true);
            this.setValue(new JValue("Float", double(Number.NEGATIVE_INFINITY)));
            return true;
          }
          if (/\p{Nd}/u.test(c) || c === "-" || c === ".") {
            this.parseNumber();
            return true;
          }
          throw this.error(`Unexpected character encountered while parsing value: ${c}.`);
      }
    }
  }

  /** MatchValueWithTrailingSeparator: the literal, then whitespace, a separator, a comment or the end. */
  private matchLiteral(literal: string, message: string): void {
    if (this.pos + literal.length > this.text.length) {
      this.pos = this.text.length;
      throw this.error("Unexpected end when reading JSON.");
    }
    for (let i = 0; i < literal.length; i++) {
      if (this.text[this.pos + i] !== literal[i]) {
        this.pos += i;
        throw this.error(message);
      }
    }
    this.pos += literal.length;
    const next = this.ch();
    if (next === undefined || isWhiteSpace(next) || next === "}" || next === "]" || next === ",") return;
    if (next === "/" && (this.ch(1) === "/" || this.ch(1) === "*")) return;
    throw this.error(message);
  }

  private parseNumber(): void {
    const start = this.pos;
    for (;;) {
      const c = this.ch();
      if (c === undefined) break;
      if (/[-+a-fA-FxX.0-9]/.test(c)) {
        this.pos++;
        continue;
      }
      if (isWhiteSpace(c) || c === "," || c === "}" || c === "]" || c === ")" || c === "/") break;
      throw this.error(`Unexpected character encountered while parsing number: ${c}.`);
    }
    this.postValue(true);
    const s = this.text.slice(start, this.pos);
    const first = s[0]!;
    const nonBase10 = first === "0" && s.length > 1 && s[1] !== "." && s[1] !== "e" && s[1] !== "E";
    if (nonBase10) {
      const hex = /^0[xX]/.test(s);
      const digits = hex ? s.slice(2) : s.slice(1);
      if (digits === "" || !(hex ? /^[0-9a-fA-F]+$/ : /^[0-7]+$/).test(digits) || digits.length > (hex ? 16 : 22)) {
        throw this.error(`Input string '${s}' is not a valid number.`);
      }
      // Convert.ToInt64(s, 16/8) reads the bits as two's complement.
      const n = BigInt(`${hex ? "0x" : "0o"}${digits}`);
      if (n >= 1n << 64n) throw this.error(`Input string '${s}' is not a valid number.`);
      this.setValue(new JValue("Integer", long(BigInt.asIntN(64, n))));
      return;
    }
    if (/^-?[0-9]+$/.test(s)) {
      const n = BigInt(s);
      if (n >= -(1n << 63n) && n < 1n << 63n) {
        this.setValue(new JValue("Integer", long(n)));
        return;
      }
      throw new NotEmulated(`the JSON integer ${s} (beyond Int64: Json.NET makes a BigInteger)`);
    }
    // double.TryParse(NumberStyles.Float, InvariantCulture)
    if (/^-?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?$/.test(s)) {
      this.setValue(new JValue("Float", double(Number(s))));
      return;
    }
    throw this.error(`Input string '${s}' is not a valid number.`);
  }

  private readString(quote: string): string {
    let out = "";
    let runStart = this.pos;
    for (;;) {
      const c = this.ch();
      if (c === undefined) throw this.error(`Unterminated string. Expected delimiter: ${quote}.`);
      if (c === quote) {
        out += this.text.slice(runStart, this.pos);
        this.pos++;
        return out;
      }
      if (c === "\\") {
        out += this.text.slice(runStart, this.pos);
        this.pos++;
        const e = this.ch();
        if (e === undefined) throw this.error(`Unterminated string. Expected delimiter: ${quote}.`);
        this.pos++;
        switch (e) {
          case "b":
            out += "\b";
            break;
          case "t":
            out += "\t";
            break;
          case "n":
            out += "\n";
            break;
          case "f":
            out += "\f";
            break;
          case "r":
            out += "\r";
            break;
          case "\\":
          case '"':
          case "'":
          case "/":
            out += e;
            break;
          case "u":
            out += this.readUnicode();
            break;
          default:
            throw this.error(`Bad JSON escape sequence: \\${e}.`);
        }
        runStart = this.pos;
        continue;
      }
      if (c === "\r" || c === "\n") {
        this.pos++;
        if (c === "\r" && this.ch() === "\n") this.pos++;
        this.newLine();
        continue;
      }
      this.pos++;
    }
  }

  /** `\uXXXX`, with Json.NET's replacement of unpaired surrogates by U+FFFD (ReadStringIntoBuffer). */
  private readUnicode(): string {
    let code = this.readHex4();
    if (isLowSurrogate(code)) return "\ufffd";
    let out = "";
    while (isHighSurrogate(code)) {
      if (this.ch() !== "\\" || this.ch(1) !== "u") return `${out}\ufffd`;
      this.pos += 2;
      const next = this.readHex4();
      if (isLowSurrogate(next)) return out + String.fromCharCode(code, next);
      out += "\ufffd";
      code = next;
    }
    return out + String.fromCharCode(code);
  }

  private readHex4(): number {
    const hex = this.text.slice(this.pos, this.pos + 4);
    if (hex.length < 4) throw this.error("Unexpected end while parsing Unicode escape sequence.");
    if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw this.error(`Invalid Unicode escape sequence: \\u${hex}.`);
    this.pos += 4;
    return Number.parseInt(hex, 16);
  }

  private parseComment(): void {
    this.pos++;
    const kind = this.ch();
    if (kind === undefined) throw this.error("Unexpected end while parsing comment.");
    if (kind !== "*" && kind !== "/") throw this.error(`Error parsing comment. Expected: *, got ${kind}.`);
    this.pos++;
    const start = this.pos;
    if (kind === "*") {
      const end = this.text.indexOf("*/", this.pos);
      if (end < 0) {
        this.skipCounting(this.text.length);
        throw this.error("Unexpected end while parsing comment.");
      }
      this.value = this.text.slice(start, end);
      this.skipCounting(end);
      this.pos += 2;
    } else {
      let end = this.pos;
      while (end < this.text.length && this.text[end] !== "\r" && this.text[end] !== "\n") end++;
      this.value = this.text.slice(start, end);
      this.pos = end;
    }
    this.tokenKind = "Comment";
  }

  /** Moves to `end`, counting the lines passed. */
  private skipCounting(end: number): void {
    while (this.pos < end) {
      const c = this.text[this.pos]!;
      this.pos++;
      if (c === "\n" || (c === "\r" && this.text[this.pos] !== "\n")) this.newLine();
    }
  }
}

/** char.IsWhiteSpace: JavaScript's \s plus U+0085, minus U+FEFF. */
function isWhiteSpace(c: string): boolean {
  return c === "\u0085" || (c !== "\ufeff" && /\s/u.test(c));
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function isIdentifierChar(c: string): boolean {
  return /[\p{L}\p{Nd}_$]/u.test(c);
}

export type ParseTarget = "JToken" | "JObject" | "JArray";

/** `JToken.Parse(json)` (and JObject.Parse, JArray.Parse): the token, or JsonReaderException as Json.NET throws it. */
export function parseJson(json: string, target: ParseTarget = "JToken"): JToken {
  const reader = new JsonTextReader(json);
  let token: JToken;
  if (!reader.read()) throw reader.error(`Error reading ${target} from JsonReader.`);
  if (target !== "JToken") {
    while (reader.tokenKind === "Comment") {
      if (!reader.read()) throw reader.error(`Error reading ${target} from JsonReader.`);
    }
    const want = target === "JObject" ? "StartObject" : "StartArray";
    if (reader.tokenKind !== want) {
      const noun = target === "JObject" ? "an object" : "an array";
      throw reader.error(
        `Error reading ${target} from JsonReader. Current JsonReader item is not ${noun}: ${readerTokenName(reader)}`,
      );
    }
  }
  if (reader.tokenKind === "StartObject" || reader.tokenKind === "StartArray") {
    token = loadContainer(reader);
  } else if (reader.tokenKind === "Comment") {
    token = new JValue("Comment", reader.value as string);
  } else if (reader.tokenKind === "Value") {
    token = reader.value as JValue;
  } else {
    throw reader.error(`Error reading JToken from JsonReader. Unexpected token: ${readerTokenName(reader)}`);
  }
  // Anything after the content other than a comment or whitespace throws in the reader.
  while (reader.read());
  return token;
}

function readerTokenName(reader: JsonTextReader): string {
  if (reader.tokenKind !== "Value") return reader.tokenKind;
  const v = reader.value as JValue;
  return v.tokenType;
}

/** JContainer.ReadTokenFrom/ReadContentFrom from a StartObject or StartArray token. */
function loadContainer(reader: JsonTextReader): JContainer {
  const root: JContainer = reader.tokenKind === "StartObject" ? new JObject() : new JArray();
  const rootName = root instanceof JObject ? "JObject" : "JArray";
  let parent: JContainer = root;
  for (;;) {
    if (!reader.read()) throw reader.serializationError(`Unexpected end of content while loading ${rootName}.`);
    if (parent instanceof JProperty && parent.hasValue) parent = parent.parent!;
    switch (reader.tokenKind) {
      case "StartObject":
      case "StartArray": {
        const c: JContainer = reader.tokenKind === "StartObject" ? new JObject() : new JArray();
        addTo(parent, c);
        parent = c;
        break;
      }
      case "EndObject":
      case "EndArray":
        if (parent === root) return root;
        parent = parent.parent!;
        break;
      case "PropertyName": {
        const obj = parent as JObject;
        const name = reader.value as string;
        const existing = obj.property(name);
        // DuplicatePropertyNameHandling.Replace: the later value replaces the earlier one in its place.
        const p = existing ?? new JProperty(name);
        if (existing) existing.clearValue();
        else obj.append(p);
        parent = p;
        break;
      }
      case "Value":
        addTo(parent, reader.value as JValue);
        break;
      case "Comment":
        break;
      default:
        throw new NotEmulated(`JSON token ${reader.tokenKind}`);
    }
  }
}

function addTo(parent: JContainer, t: JToken): void {
  if (parent instanceof JArray) parent.add(t);
  else if (parent instanceof JProperty) parent.setValue(t);
  else throw new NotEmulated("JSON content outside a property");
}
