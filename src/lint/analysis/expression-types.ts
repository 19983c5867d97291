// The typing of a document's policy expressions: each expression checked once (src/policy/csharp/checker.ts) with
// what the document makes certain about it, and the checker's findings judged for lint (kept as error, lowered to
// warn where the fact is unverified, or dropped where APIM may well accept the code). One ExpressionTyping per
// document, kept by the per-document object (PolicySourceCode.expressionTypes).
//
// The environment of an expression:
// - expectedType, from the attribute that holds it: bool where the catalogue types the attribute boolean (a
//   `<when condition>`, retry `condition`, ...), int/double where it types it integer/number. How APIM converts an
//   expression's result to the attribute's type is not documented (runtime reference §1, §5 say nothing of it),
//   so only a result that no conversion can turn into the type is reported (see `judgeResult`).
// - variableType(name), from the document's setters (runtime reference §4): validate-jwt / validate-azure-ad-token
//   output-token-variable-name -> Jwt, send-request response-variable-name -> IResponse,
//   authentication-managed-identity output-token-variable-name -> string, set-variable: a literal -> string, an
//   expression -> its inferred type (checked without variable types). Only when it is certain which value the read
//   sees: see `VariableTypes`.
import { type CheckResult, checkExpression, type TypeDiagnostic } from "../../policy/csharp/checker.js";
import { NUMBER_KEYS } from "../../policy/csharp/checker-conversions.js";
import type { ParsedExpression } from "../../policy/csharp/index.js";
import { typeModel } from "../../policy/csharp/types/lookup.js";
import {
  BOOL,
  INT,
  isNamed,
  K,
  named,
  nullableUnderlying,
  sameType,
  type TypeRef,
} from "../../policy/csharp/types/type-ref.js";
import type { ElementNode, Expression, PolicyValue, Range } from "../../policy/model.js";
import type { ExpressionSite, Severity } from "../types.js";
import { attributeSpecCached } from "./catalogue-memo.js";
import { mayName } from "./code-words.js";
import { attribute } from "./nodes.js";
import type { VariableAnalysis, VariableWrite } from "./variables.js";

/** What an attribute's value must be, when the catalogue types it. */
export interface ExpectedValue {
  type: TypeRef;
  /** condition: a `condition` attribute (choose/when, retry); boolean / number: another typed attribute. */
  kind: "condition" | "boolean" | "number";
  /** The attribute's name, for messages. */
  attribute: string;
}

/** A checker finding as lint reports it: at the checker's level or lowered to warn. */
export interface TypeFinding extends TypeDiagnostic {
  severity: Extract<Severity, "error" | "warn">;
}

export interface ExpressionTypes {
  /** The checker's answer (types of nodes, symbols, every finding). */
  check: CheckResult;
  /** What the value must be (undefined: nothing the catalogue makes certain). */
  expected: ExpectedValue | undefined;
  /** The findings lint reports, judged (a few of the checker's are dropped, some lowered to warn). */
  findings: readonly TypeFinding[];
}

/** What the per-document object lends the typing (PolicySourceCode; an interface to keep the import one-way). */
export interface TypingSource {
  readonly doc: {
    readonly root?: ElementNode | undefined;
    readonly diagnostics: readonly { readonly range: Range }[];
  };
  elements(): readonly ElementNode[];
  expressionTree(expr: Expression): ParsedExpression;
  variables(): VariableAnalysis;
}

/** The typing of one document's expressions, each computed on first use and kept. */
export class ExpressionTyping {
  private readonly results = new Map<Expression, ExpressionTypes>();
  private variableTypes?: VariableTypes;

  constructor(private readonly source: TypingSource) {}

  of(site: ExpressionSite): ExpressionTypes {
    let r = this.results.get(site.expression);
    if (r === undefined) {
      r = this.compute(site);
      this.results.set(site.expression, r);
    }
    return r;
  }

  /** The stored type of `context.Variables[name]` as the expressions of `reader` see it, when certain. */
  variableType(name: string, reader: ElementNode): VariableType | undefined {
    this.variableTypes ??= new VariableTypes(this.source, this);
    return this.variableTypes.typeAt(name, reader);
  }

  /** The pre-pass reported a problem inside this range (parse-error). */
  private damaged(range: Range): boolean {
    const diagnostics = this.source.doc.diagnostics;
    if (diagnostics.length === 0) return false;
    return diagnostics.some((d) => d.range.start.offset < range.end.offset && d.range.end.offset >= range.start.offset);
  }

  private compute(site: ExpressionSite): ExpressionTypes {
    const tree = this.source.expressionTree(site.expression);
    const expected = expectedValue(site.element, site.value);
    this.variableTypes ??= new VariableTypes(this.source, this);
    const vars = this.variableTypes;
    const check = checkExpression(tree, {
      expectedType: expected?.type,
      variableType: (name) => vars.typeAt(name, site.element)?.type,
    });
    const findings: TypeFinding[] = [];
    // Code with syntax errors is expression-syntax's finding (or parse-error's, when the pre-pass cut it short):
    // types read from a repaired tree would only add noise.
    if (tree.diagnostics.some((d) => d.severity === "error") || this.damaged(site.expression.range)) {
      return { check, expected, findings };
    }
    for (const d of check.diagnostics) {
      const severity = judge(d, expected, (name) => vars.typeAt(name, site.element));
      if (severity) findings.push({ ...d, severity });
    }
    return { check, expected, findings };
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Sites

const NO_SITES: readonly ExpressionSite[] = Object.freeze([]);

/**
 * The expressions of an element's own values: its attributes in order, then its text. Asked for every element by
 * every type rule, and most elements hold none: those get one shared empty list, no allocation.
 */
export function expressionSites(element: ElementNode): readonly ExpressionSite[] {
  let out: ExpressionSite[] | undefined;
  for (const a of element.attributes) if (a.value.expression) out = pushSite(out, element, a.value, a.value.expression);
  for (const c of element.children) {
    if (c.type === "text" && c.value.expression) out = pushSite(out, element, c.value, c.value.expression);
  }
  return out ?? NO_SITES;
}

function pushSite(
  out: ExpressionSite[] | undefined,
  element: ElementNode,
  value: PolicyValue,
  expression: Expression,
): ExpressionSite[] {
  const list = out ?? [];
  list.push({ element, value, expression });
  return list;
}

// ---------------------------------------------------------------------------------------------------------------
// Expected types

const DOUBLE = named(K.double);

/** What the attribute holding `value` must be, per the catalogue; undefined for text and untyped attributes. */
export function expectedValue(el: ElementNode, value: PolicyValue): ExpectedValue | undefined {
  const attr = el.attributes.find((a) => a.value === value);
  if (!attr) return undefined;
  const spec = attributeSpecCached(el.name, attr.name, el.parent?.name);
  // An expression where none is allowed is expression-not-allowed's finding; its type is not judged again.
  if (!spec?.expressions) return undefined;
  switch (spec.type) {
    case "boolean":
      return { type: BOOL, kind: attr.name === "condition" ? "condition" : "boolean", attribute: attr.name };
    case "integer":
      return { type: INT, kind: "number", attribute: attr.name };
    case "number":
      return { type: DOUBLE, kind: "number", attribute: attr.name };
    default:
      return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Judging the checker's findings

const NUMBERS: ReadonlySet<string> = new Set(NUMBER_KEYS);
const JVALUES: ReadonlySet<string> = new Set([K.jtoken, "Newtonsoft.Json.Linq.JValue"]);

/**
 * Types a conversion of the result could still turn into a bool: a string ("true"), a number (Convert.ToBoolean),
 * a JToken that may be a JValue (explicit conversion, IConvertible).
 */
function mayBecomeBool(t: TypeRef): boolean {
  const u = nullableUnderlying(t) ?? t;
  if (u.kind !== "named") return false;
  return u.key === K.string || NUMBERS.has(u.key) || JVALUES.has(u.key);
}

/** ... into a number: a string ("60"), another number, a bool or char (Convert), an enum, a JToken/JValue. */
function mayBecomeNumber(t: TypeRef): boolean {
  const u = nullableUnderlying(t) ?? t;
  if (u.kind !== "named") return false;
  if (u.key === K.string || u.key === K.bool || u.key === K.char || NUMBERS.has(u.key) || JVALUES.has(u.key))
    return true;
  return typeModel().type(u.key)?.kind === "enum";
}

/** A variable's type for one read, and whether the fact behind it is [U]. */
export interface VariableType {
  type: TypeRef;
  unverified: boolean;
}

/**
 * The level lint reports a checker finding at, or undefined to drop it:
 * - unknown members and names, types and members off the allow-list, impossible casts, wrong arguments and
 *   conditions inside the code: C# compile errors, error;
 * - the expression's own value against the attribute's type (`result`): C# typing says it does not convert, but how
 *   APIM converts a result is unverified. Error only when no conversion could succeed (a DateTime for a number, a
 *   JObject for a condition); a condition that is a string or a number is a warning (the docs ask for a Boolean
 *   expression); a string or number for another typed attribute is dropped (APIM may well parse "60" or "true");
 * - a finding on a variable's stored type: warn when that type or what the read does is [U].
 */
function judge(
  d: TypeDiagnostic,
  expected: ExpectedValue | undefined,
  variableType: (name: string) => VariableType | undefined,
): TypeFinding["severity"] | undefined {
  if (d.code !== "type-mismatch") return "error";
  if (d.result && expected && d.actual) return judgeResult(expected, d.actual);
  if (d.variable !== undefined && (d.unverified || variableType(d.variable)?.unverified)) return "warn";
  return d.unverified ? "warn" : "error";
}

function judgeResult(expected: ExpectedValue, actual: TypeRef): TypeFinding["severity"] | undefined {
  // A bool? (a `?.` chain): C# rejects it where a bool is needed, but the checker's nullability is approximate and
  // a boxed bool? is a bool or null at run time: never reported.
  if (expected.kind !== "number" && isNamed(nullableUnderlying(actual), K.bool)) return undefined;
  switch (expected.kind) {
    case "condition":
      return mayBecomeBool(actual) ? "warn" : "error";
    case "boolean":
      return mayBecomeBool(actual) ? undefined : "error";
    case "number":
      return mayBecomeNumber(actual) ? undefined : "error";
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Variable types

/** The variables a setter's kind gives a type (runtime reference §4); set-variable is typed from its value. */
const SETTER_TYPES: ReadonlyMap<string, string> = new Map([
  ["validate-jwt output-token-variable-name", "Jwt"],
  ["validate-azure-ad-token output-token-variable-name", "Jwt"],
  ["send-request response-variable-name", "IResponse"],
  ["authentication-managed-identity output-token-variable-name", "string"],
]);

/**
 * What set-variable stores as it is (reference §4, the docs' list: numbers, bool, char, string, Guid, DateTime,
 * TimeSpan, byte[] / sbyte[], their nullable forms). Any other result type is left unknown: whether APIM stores
 * it unchanged is not documented.
 */
const STORED_AS_IS: ReadonlySet<string> = new Set([
  ...NUMBERS,
  K.bool,
  K.char,
  K.string,
  K.guid,
  K.dateTime,
  K.timeSpan,
]);

/** JObject / JToken values: stored per Microsoft's fragment guidance and public policies, against the list [U]. */
const JSON_TYPES: ReadonlySet<string> = new Set([
  K.jtoken,
  "Newtonsoft.Json.Linq.JValue",
  "Newtonsoft.Json.Linq.JObject",
  "Newtonsoft.Json.Linq.JArray",
  "Newtonsoft.Json.Linq.JContainer",
]);

/**
 * The type of `context.Variables[name]` at a read, when certain:
 * - the document is a policy document (not a fragment) that includes no fragment and names no variable with an
 *   expression or a named value (those may set anything);
 * - every setter of the name in the document gives the same known type (a cache-lookup-value, a rate-limit
 *   variable or any other setter makes it unknown);
 * - a setter certainly ran before the read, with nothing in between that another scope or fragment could use:
 *   it is earlier in the same section, not in a `<when>` / `<otherwise>` branch or a `wait for="any"` the read is
 *   not in, and no `<base />` lies between them (the broader scope's section runs there and may set the same
 *   name with another type). An authentication-managed-identity with ignore-error="true" may set nothing.
 */
class VariableTypes {
  private readonly byName = new Map<string, { type: TypeRef; unverified: boolean; setters: ElementNode[] } | null>();
  private readonly usable: boolean;
  private bases?: number[];
  private writesByName?: Map<string, VariableWrite[]>;

  constructor(
    private readonly source: TypingSource,
    /** The document's typing: a set-variable value's own check, when it answers the same (setVariableType). */
    private readonly typing: ExpressionTyping,
  ) {
    const root = source.doc.root;
    const vars = source.variables();
    this.usable = root?.name === "policies" && vars.includes.length === 0 && vars.dynamicWrites.length === 0;
  }

  typeAt(name: string, reader: ElementNode): VariableType | undefined {
    if (!this.usable) return undefined;
    const entry = this.entry(name);
    if (!entry) return undefined;
    for (const setter of entry.setters) {
      if (this.ranBefore(setter, reader)) return { type: entry.type, unverified: entry.unverified };
    }
    return undefined;
  }

  private entry(name: string) {
    let e = this.byName.get(name);
    if (e === undefined) {
      e = this.compute(name);
      this.byName.set(name, e);
    }
    return e;
  }

  private compute(name: string): { type: TypeRef; unverified: boolean; setters: ElementNode[] } | null {
    const writes = this.writesOf(name);
    if (writes.length === 0) return null;
    let type: TypeRef | undefined;
    let unverified = false;
    for (const w of writes) {
      const t = this.setterType(w);
      if (!t) return null;
      if (type && !sameType(type, t.type)) return null;
      type = t.type;
      unverified ||= t.unverified;
    }
    return { type: type!, unverified, setters: writes.map((w) => w.element) };
  }

  /** The document's setters of `name` (indexed by name on the first question). */
  private writesOf(name: string): readonly VariableWrite[] {
    if (!this.writesByName) {
      this.writesByName = new Map();
      for (const w of this.source.variables().writes) {
        if (w.name === undefined) continue;
        const list = this.writesByName.get(w.name);
        if (list) list.push(w);
        else this.writesByName.set(w.name, [w]);
      }
    }
    return this.writesByName.get(name) ?? [];
  }

  private setterType(w: VariableWrite): VariableType | undefined {
    const el = w.element;
    if (el.name === "set-variable") return w.attribute.name === "name" ? this.setVariableType(el) : undefined;
    const text = SETTER_TYPES.get(`${el.name} ${w.attribute.name}`);
    const type = text ? typeModel().typeFromText(text) : undefined;
    return type ? { type, unverified: false } : undefined;
  }

  private setVariableType(el: ElementNode): VariableType | undefined {
    const value = attribute(el, "value")?.value;
    if (!value) return undefined;
    // A literal is a string; a {{named value}} may itself hold an expression (reference §1.4): unknown.
    if (value.kind === "literal") return { type: named(K.string), unverified: false };
    if (value.kind !== "expression" || !value.expression) return undefined;
    // Checked without variable types (a set-variable reading another variable would make a cycle).
    const expression = value.expression;
    const tree = this.source.expressionTree(expression);
    if (tree.diagnostics.some((d) => d.severity === "error")) return undefined;
    let result: TypeRef | undefined;
    if (mayName(expression.code, "Variables")) {
      result = checkExpression(tree).resultType;
    } else {
      // Code that reads no variable: its own typing (which the expression rules ask for anyway) answers the same
      // as a check without environment. That environment differs from none only in variableType, which the
      // checker asks only at a `context.Variables` (spelled in the decoded code), and in expectedType, which is
      // compared below (the catalogue gives set-variable's value none). It reads no variable type, so no cycle.
      const own = this.typing.of({ element: el, value, expression });
      result = own.expected === undefined ? own.check.resultType : checkExpression(tree).resultType;
    }
    // A boxed T? is a T (or null).
    const t = nullableUnderlying(result) ?? result;
    if (t?.kind === "array") {
      const elementKey = t.element.kind === "named" ? t.element.key : "";
      return t.rank === 1 && (elementKey === K.byte || elementKey === K.sbyte)
        ? { type: t, unverified: false }
        : undefined;
    }
    if (t?.kind !== "named" || t.args.length > 0) return undefined;
    if (STORED_AS_IS.has(t.key)) return { type: t, unverified: false };
    if (JSON_TYPES.has(t.key)) return { type: t, unverified: true };
    return undefined;
  }

  /** The setter certainly ran before `reader`'s expressions, and nothing else could set the name in between. */
  private ranBefore(setter: ElementNode, reader: ElementNode): boolean {
    if (setter === reader || setter.range.end.offset > reader.range.start.offset) return false;
    if (setter.name === "authentication-managed-identity" && isTrue(attribute(setter, "ignore-error")?.value.text))
      return false;
    const section = sectionElement(setter);
    if (!section || section !== sectionElement(reader)) return false;
    // The setter's ancestors up to the one that also holds the reader.
    for (let p = setter.parent; p && !holds(p, reader); p = p.parent) {
      if (p.name === "when" || p.name === "otherwise") return false;
      if (p.name === "wait" && attribute(p, "for")?.value.text.trim() === "any") return false;
    }
    const common = commonAncestor(setter, reader);
    if (common?.name === "wait") return false;
    return !this.baseBetween(setter.range.end.offset, reader.range.start.offset);
  }

  private baseBetween(from: number, to: number): boolean {
    this.bases ??= this.source
      .elements()
      .filter((el) => el.name === "base")
      .map((el) => el.range.start.offset);
    return this.bases.some((at) => at >= from && at < to);
  }
}

function isTrue(text: string | undefined): boolean {
  return text?.trim().toLowerCase() === "true";
}

function holds(a: ElementNode, b: ElementNode): boolean {
  return a.range.start.offset <= b.range.start.offset && b.range.end.offset <= a.range.end.offset;
}

function commonAncestor(a: ElementNode, b: ElementNode): ElementNode | undefined {
  for (let p = a.parent; p; p = p.parent) if (holds(p, b)) return p;
  return undefined;
}

/** The section element (inbound, backend, outbound, on-error under the root <policies>) holding `el`. */
function sectionElement(el: ElementNode): ElementNode | undefined {
  let p: ElementNode | undefined = el;
  while (p?.parent && p.parent.parent !== undefined) p = p.parent;
  return p?.parent?.name === "policies" ? p : undefined;
}
