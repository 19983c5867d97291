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

const TOKEN =
  /\s*(?:([A-Za-z_][A-Za-z0-9_]*)|(\.\.\.|[<>,()[\]?.={};])|("(?:[^"\\]|\\.)*"|-?[0-9][0-9.]*[A-Za-z]*|'.'))/y;

function tokenize(sig: string): string[] {
  const out: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < sig.length) {
    if (/^\s*$/.test(sig.slice(TOKEN.lastIndex))) break;
    const m = TOKEN.exec(sig);
    if (!m) throw new Error(`type model: cannot read "${sig}" at ${TOKEN.lastIndex}`);
    out.push(m[1] ?? m[2] ?? m[3]!);
  }
  return out;
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
