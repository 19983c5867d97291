// Hover: the catalogue on elements and attributes, the type model on expression members (through the checker's
// symbolOf and typeOf), where a variable is set, and a named value's value (never a secret's).
import type { Hover, MarkupContent } from "vscode-languageserver/node";
import { isVariableSetter } from "../lint/analysis/variables.js";
import { attributeSpec, elementEntry } from "../policy/catalogue.js";
import type { Node } from "../policy/csharp/ast.js";
import type { CheckSymbol } from "../policy/csharp/checker.js";
import { memberDoc } from "../policy/csharp/types/docs.js";
import { type MemberInfo, type TypeInfo, typeModel } from "../policy/csharp/types/lookup.js";
import { formatType, substitute, type TypeRef } from "../policy/csharp/types/type-ref.js";
import type { ElementNode } from "../policy/model.js";
import { redactSecrets } from "../util/redact.js";
import type { Analysis } from "./document.js";
import { locate, type Target } from "./locate.js";
import type { NamedValueSet } from "./named-values.js";
import { readsOf, type VariableRead, variableAt, writesOf } from "./variables.js";

export interface HoverEnv {
  namedValues(): NamedValueSet | undefined;
  /** Names the lint config lists (namedValues in .apimkitrc.json, names only). */
  configuredNamedValues(): ReadonlySet<string> | undefined;
}

export function hover(a: Analysis, offset: number, env: HoverEnv): Hover | null {
  const target = locate(a, offset);
  if (!target) return null;
  const found = describe(a, target, offset, env);
  if (!found) return null;
  const contents: MarkupContent = { kind: "markdown", value: redactSecrets(found.text) };
  return { contents, range: a.map.range(found.range) };
}

interface Found {
  text: string;
  range: { start: { offset: number }; end: { offset: number } };
}

function describe(a: Analysis, target: Target, offset: number, env: HoverEnv): Found | undefined {
  if (target.kind !== "element" && target.kind !== "attribute-name") {
    const variable = variableAt(a, offset);
    if (variable) return variableText(a, variable);
  }
  switch (target.kind) {
    case "element": {
      const el = target.element;
      const start =
        target.endTag && el.endTagRange ? el.endTagRange.start.offset + 2 : el.startTagRange.start.offset + 1;
      const text = elementText(el);
      return text ? { text, range: span(start, start + el.name.length) } : undefined;
    }
    case "attribute-name": {
      const text = attributeText(target.element, target.attribute.name);
      return text ? { text, range: target.attribute.nameRange } : undefined;
    }
    case "attribute-value":
      return setterText(a, target);
    case "named-value":
      return { text: namedValueText(target.ref.name, env), range: target.ref.range };
    case "expression":
      return expressionText(a, target);
    default:
      return undefined;
  }
}

function span(start: number, end: number) {
  return { start: { offset: start }, end: { offset: end } };
}

function list(items: readonly string[] | undefined): string {
  return items && items.length > 0 ? items.join(", ") : "not known";
}

export function elementText(el: ElementNode): string | undefined {
  const entry = elementEntry(el.name, el.parent?.name);
  if (!entry) return undefined;
  const lines = [`**<${entry.name}>** (${entry.kind}${entry.parent ? ` of <${entry.parent}>` : ""})`];
  if (entry.note) lines.push("", entry.note);
  if (entry.kind === "policy" || entry.kind === "control") {
    lines.push("", `Sections: ${list(entry.sections)}${entry.inFragment ? "; allowed in fragments" : ""}`);
    if (entry.scopes) lines.push(`Scopes: ${list(entry.scopes)}`);
  }
  if (entry.textExpressions !== undefined)
    lines.push(`Text: ${entry.textExpressions ? "takes policy expressions" : "literal only (no expressions)"}`);
  if (entry.attributes.length > 0) {
    lines.push("", "Attributes:");
    for (const at of entry.attributes) lines.push(`- ${attributeLine(at)}`);
  }
  return lines.join("\n");
}

function attributeLine(at: NonNullable<ReturnType<typeof attributeSpec>>): string {
  const facts = [at.type === "enum" && at.values ? at.values.map((v) => `\`${v}\``).join(" | ") : at.type];
  facts.push(at.required ? "required" : "optional");
  facts.push(at.expressions ? "expressions allowed" : "no expressions");
  if (at.default !== undefined) facts.push(`default \`${at.default}\``);
  return `\`${at.name}\`: ${facts.join(", ")}`;
}

export function attributeText(el: ElementNode, name: string): string | undefined {
  const spec = attributeSpec(el.name, name, el.parent?.name);
  if (!spec) return undefined;
  return `**${name}** of <${el.name}>\n\n${attributeLine(spec)}`;
}

function namedValueText(name: string, env: HoverEnv): string {
  const head = `**{{${name}}}** named value`;
  const set = env.namedValues();
  const entry = set?.entries.get(name);
  if (!entry) {
    const listed = env.configuredNamedValues()?.has(name) ? " The lint config lists it (its name only)." : "";
    return set
      ? `${head}\n\nNot defined in ${set.origin}.${listed}`
      : `${head}\n\nNo named-values.json found for this file.${listed}`;
  }
  if (entry.secret) return `${head}\n\nSecret: its value is not shown.`;
  if (entry.keyVault) return `${head}\n\nA Key Vault reference: its value is not shown.`;
  if (entry.value === undefined) return `${head}\n\nDefined in ${entry.file} (no value given).`;
  return `${head}\n\n\`\`\`\n${entry.value}\n\`\`\`\nFrom ${entry.file}.`;
}

function variableText(a: Analysis, variable: VariableRead): Found {
  const writes = writesOf(a, variable.name);
  const where = writes.map(
    (w) => `- <${w.element.name}> ${w.attribute.name}, line ${w.attribute.value.range.start.line}`,
  );
  const text =
    writes.length > 0
      ? `**context.Variables["${variable.name}"]** is set by:\n${where.join("\n")}`
      : `**context.Variables["${variable.name}"]** is not set in this document (a fragment or a broader scope may set it).`;
  return { text, range: span(variable.start, variable.end) };
}

/** On the name a setter gives its variable: where the document reads it. */
function setterText(a: Analysis, target: Extract<Target, { kind: "attribute-value" }>): Found | undefined {
  if (!isVariableSetter(target.element, target.attribute) || target.value.kind !== "literal") return undefined;
  const name = target.value.text.trim();
  const reads = readsOf(a, name);
  const text =
    reads.length > 0
      ? `**context.Variables["${name}"]** is read by:\n${reads.map((r) => `- ${r.where}, line ${r.line}`).join("\n")}`
      : `**context.Variables["${name}"]** is not read in this document.`;
  return { text, range: target.value.range };
}

function expressionText(a: Analysis, target: Extract<Target, { kind: "expression" }>) {
  const node = target.node;
  if (!node) return undefined;
  const check = a.source.expressionTypes(target.site).check;
  const symbol = check.symbolOf(node);
  const range = nameRange(node);
  if (symbol) {
    const text = symbolText(symbol);
    if (text) return { text, range };
  }
  const type = check.typeOf(node);
  return type ? { text: `\`${formatType(type)}\``, range } : undefined;
}

/** The name of a member access (not its whole receiver chain); the node itself otherwise. */
function nameRange(node: Node) {
  return node.kind === "MemberAccess" ? span(node.nameStart, node.nameEnd) : span(node.start, node.end);
}

export function symbolText(symbol: CheckSymbol): string | undefined {
  switch (symbol.kind) {
    case "member":
      return memberText(symbol.member, symbol.owner);
    case "context":
      return withDoc(`**context**: \`${symbol.type.displayName}\``, symbol.type.doc);
    case "local":
      return `**${symbol.name}**: \`${formatType(symbol.type)}\` (local)`;
    case "type":
      return typeText(symbol.type);
    case "namespace":
      return `namespace **${symbol.name}**`;
  }
}

export function memberText(member: MemberInfo, owner?: TypeRef): string {
  const model = typeModel();
  const subst = owner ? model.substitution(member.declaringType, owner) : undefined;
  const type = member.type && subst ? substitute(member.type, subst) : member.type;
  const where = owner ? formatType(owner) : member.declaringType.displayName;
  const lines = [`\`\`\`csharp\n${member.signature}\n\`\`\``];
  const kind = member.extension ? "extension method" : member.kind;
  lines.push(`${kind} of \`${where}\`${type ? `: \`${formatType(type)}\`` : ""}`);
  const doc = memberDoc(member);
  if (doc) lines.push(doc);
  if (member.only) lines.push(`Only in the ${member.only === "docs" ? "Microsoft docs" : "policy toolkit"}.`);
  lines.push(`Source: ${member.source}`);
  if (member.unverified) lines.push(`Unverified: ${member.unverified}`);
  return lines.join("\n\n");
}

function typeText(type: TypeInfo): string {
  return `${withDoc(`**${type.fullName}** (${type.kind})`, type.doc)}${allowedNote(type)}`;
}

/** A hover's head line and, under it, the model's one-line description when it has one. */
function withDoc(head: string, doc: string | undefined): string {
  return doc ? `${head}\n\n${doc}` : head;
}

function allowedNote(type: TypeInfo): string {
  // A denied type says what it would reach (denied.ts), so the reader sees why, and often what to use instead.
  if (type.allowed === "denied")
    return `\n\nNot allowed in policy expressions${type.denied ? ` (${type.denied.note})` : ""}.`;
  if (type.allowed === "allowed") return "\n\nAllowed in policy expressions.";
  return "";
}
