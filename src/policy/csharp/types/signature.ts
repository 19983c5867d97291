// Reads the C# member declarations of the model data (model.ts) into a structure with unresolved type names.
// The data is ours, so a declaration it cannot read is a bug in the data: it throws, and the data tests catch it.

export interface RawType {
  /** Dotted name as written (`string`, `IEnumerable`, `System.Xml.Linq.Extensions`, `T`). */
  name: string;
  args: RawType[];
  /** `T?` */
  nullable: boolean;
  /** One entry per `[]`, its rank. */
  ranks: number[];
}

export interface RawParameter {
  name: string;
  type: RawType;
  modifier: "this" | "out" | "ref" | "in" | "params" | undefined;
  optional: boolean;
}

export type RawMemberKind = "property" | "field" | "method" | "constructor" | "indexer" | "event" | "conversion";

export interface RawMember {
  kind: RawMemberKind;
  name: string;
  static: boolean;
  /** Property/field/indexer/event type, method return type, conversion target; undefined for a constructor. */
  type: RawType | undefined;
  typeParameters: string[];
  parameters: RawParameter[];
  /** For a conversion operator. */
  conversion: "implicit" | "explicit" | undefined;
}

// The tokens of a declaration: identifiers, punctuation (`...` and one of `<>,()[]?.={};`), and the literals of
// default values (a string, a number such as `-1` or `0.5m`, a char). A hand-written scanner: the model reads some
// 2,500 declarations when it is built, on the first lint of every process.
function tokenize(sig: string): string[] {
  const out: string[] = [];
  const n = sig.length;
  let i = 0;
  for (;;) {
    while (i < n && isSpace(sig.charCodeAt(i))) i++;
    if (i >= n) break;
    const start = i;
    const c = sig.charCodeAt(i);
    if (isIdentStart(c)) {
      i++;
      while (i < n && isIdentPart(sig.charCodeAt(i))) i++;
    } else if (c === 46 && sig.startsWith("...", i)) {
      i += 3;
    } else if (PUNCTUATION.includes(sig[i]!)) {
      i++;
    } else if (c === 34) {
      // "..." with backslash escapes
      i++;
      while (i < n && sig.charCodeAt(i) !== 34) i += sig.charCodeAt(i) === 92 && i + 1 < n ? 2 : 1;
      if (i >= n) fail(sig, start);
      i++;
    } else if (isDigit(c) || (c === 45 && i + 1 < n && isDigit(sig.charCodeAt(i + 1)))) {
      // -?[0-9][0-9.]*[A-Za-z]*
      i += c === 45 ? 2 : 1;
      while (i < n && (isDigit(sig.charCodeAt(i)) || sig.charCodeAt(i) === 46)) i++;
      while (i < n && isLetter(sig.charCodeAt(i))) i++;
    } else if (c === 39 && i + 2 < n && sig.charCodeAt(i + 2) === 39 && !isLineBreak(sig.charCodeAt(i + 1))) {
      i += 3;
    } else fail(sig, start);
    out.push(sig.slice(start, i));
  }
  return out;
}

const PUNCTUATION = "<>,()[]?.={};";

function fail(sig: string, at: number): never {
  throw new Error(`type model: cannot read "${sig}" at ${at}`);
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13) || (c > 127 && /\s/.test(String.fromCharCode(c)));
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isIdentStart(c: number): boolean {
  return isLetter(c) || c === 95;
}

function isIdentPart(c: number): boolean {
  return isIdentStart(c) || isDigit(c);
}

/** What `.` in a regular expression does not match. */
function isLineBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

class Reader {
  private at = 0;
  constructor(
    private readonly tokens: string[],
    private readonly sig: string,
  ) {}
  peek(offset = 0): string | undefined {
    return this.tokens[this.at + offset];
  }
  next(): string {
    const t = this.tokens[this.at++];
    if (t === undefined) this.fail("unexpected end");
    return t;
  }
  eat(t: string): boolean {
    if (this.tokens[this.at] !== t) return false;
    this.at++;
    return true;
  }
  expect(t: string): void {
    if (!this.eat(t)) this.fail(`"${t}" expected`);
  }
  done(): boolean {
    return this.at >= this.tokens.length;
  }
  fail(why: string): never {
    throw new Error(`type model: ${why} in "${this.sig}" (token ${this.at})`);
  }
}

function readType(r: Reader): RawType {
  let name = r.next();
  while (r.peek() === "." && r.peek(1) !== undefined && /^[A-Za-z_]/.test(r.peek(1)!)) {
    r.next();
    name += `.${r.next()}`;
  }
  const args: RawType[] = [];
  if (r.eat("<")) {
    do args.push(readType(r));
    while (r.eat(","));
    r.expect(">");
  }
  const nullable = r.eat("?");
  const ranks: number[] = [];
  while (r.peek() === "[" && (r.peek(1) === "]" || r.peek(1) === ",")) {
    r.next();
    let rank = 1;
    while (r.eat(",")) rank++;
    r.expect("]");
    ranks.push(rank);
  }
  return { name, args, nullable, ranks };
}

function readParameters(r: Reader, close: string): RawParameter[] {
  const out: RawParameter[] = [];
  if (r.eat(close)) return out;
  do {
    let modifier: RawParameter["modifier"];
    const p = r.peek();
    if (p === "this" || p === "out" || p === "ref" || p === "in" || p === "params") {
      modifier = p;
      r.next();
    }
    const type = readType(r);
    const name = r.next();
    let optional = false;
    if (r.eat("=")) {
      optional = true;
      // The default value is for reading only: skip it (`false`, `null`, `0`, `"x"`, `StringComparison.Ordinal`).
      while (r.peek() !== "," && r.peek() !== close) r.next();
    }
    out.push({ name, type, modifier, optional });
  } while (r.eat(","));
  r.expect(close);
  return out;
}

/** What `memberHead` reads of a declaration. */
export interface MemberHead {
  /** As parseSignature names the member (`.ctor`, `Item`, `op_Implicit`, ...). */
  name: string;
  /** The first parameter is a `this` parameter (an extension method). */
  extension: boolean;
}

/**
 * The name a declaration declares and whether it is an extension method, without reading its parameters: the model
 * indexes a type's declarations by name with it and reads in full only those of the names asked for. It follows
 * parseSignature step for step up to the parameter list (the eager model checks that both agree).
 */
export function memberHead(sig: string, typeName: string): MemberHead {
  const r = new Reader(tokenize(sig), sig);
  for (;;) {
    const t = r.peek();
    if (t !== "static" && t !== "readonly" && t !== "const" && t !== "event") break;
    r.next();
  }
  const first = r.peek();
  if (first === "implicit" || first === "explicit") {
    r.next();
    r.expect("operator");
    readType(r);
    r.expect("(");
    return { name: first === "implicit" ? "op_Implicit" : "op_Explicit", extension: r.peek() === "this" };
  }
  if (first === typeName && r.peek(1) === "(") {
    r.next();
    r.next();
    return { name: ".ctor", extension: r.peek() === "this" };
  }
  readType(r);
  if (r.eat("this")) {
    r.expect("[");
    return { name: "Item", extension: r.peek() === "this" };
  }
  const name = r.next();
  if (r.eat("<")) {
    do r.next();
    while (r.eat(","));
    r.expect(">");
  }
  return { name, extension: r.eat("(") && r.peek() === "this" };
}

/** Parses one declaration. `typeName` is the simple name of the declaring type (to recognise a constructor). */
export function parseSignature(sig: string, typeName: string): RawMember {
  const r = new Reader(tokenize(sig), sig);
  let isStatic = false;
  let isField = false;
  let isEvent = false;
  for (;;) {
    const t = r.peek();
    if (t === "static") isStatic = true;
    else if (t === "readonly") isField = true;
    else if (t === "const") {
      isField = true;
      isStatic = true;
    } else if (t === "event") isEvent = true;
    else break;
    r.next();
  }
  const member: RawMember = {
    kind: "property",
    name: "",
    static: isStatic,
    type: undefined,
    typeParameters: [],
    parameters: [],
    conversion: undefined,
  };
  if (r.peek() === "implicit" || r.peek() === "explicit") {
    member.conversion = r.next() as "implicit" | "explicit";
    r.expect("operator");
    member.kind = "conversion";
    member.static = true;
    member.name = member.conversion === "implicit" ? "op_Implicit" : "op_Explicit";
    member.type = readType(r);
    r.expect("(");
    member.parameters = readParameters(r, ")");
  } else if (r.peek() === typeName && r.peek(1) === "(") {
    r.next();
    r.next();
    member.kind = "constructor";
    member.name = ".ctor";
    member.parameters = readParameters(r, ")");
  } else {
    member.type = readType(r);
    if (r.eat("this")) {
      r.expect("[");
      member.kind = "indexer";
      member.name = "Item";
      member.parameters = readParameters(r, "]");
    } else {
      member.name = r.next();
      if (r.eat("<")) {
        do member.typeParameters.push(r.next());
        while (r.eat(","));
        r.expect(">");
      }
      if (r.eat("(")) {
        member.kind = "method";
        member.parameters = readParameters(r, ")");
      } else {
        member.kind = isEvent ? "event" : isField ? "field" : "property";
      }
    }
  }
  // An optional accessor list `{ get; }` / `{ get; set; }` is for reading only.
  if (r.eat("{")) while (!r.eat("}")) r.next();
  r.eat(";");
  if (!r.done()) r.fail("trailing tokens");
  return member;
}
