// Completion: element names valid at the cursor (section and parent) with their required attributes as a snippet,
// attribute names and enumerated values, members of `context` and of known types inside expressions, variable
// names inside context.Variables["..."] and GetValueOrDefault("..."), named values after `{{`, fragment ids.
import { type CompletionItem, CompletionItemKind, InsertTextFormat, type Range } from "vscode-languageserver/node";
import { PolicySourceCode } from "../lint/source-code.js";
import {
  allowedInFragment,
  allowedSections,
  attributeSpec,
  elementEntry,
  knownChildren,
  policyNames,
  requiredAttributes,
  SECTIONS,
  type Section,
} from "../policy/catalogue.js";
import type { Node } from "../policy/csharp/ast.js";
import { memberDoc } from "../policy/csharp/types/docs.js";
import { type MemberInfo, typeModel } from "../policy/csharp/types/lookup.js";
import { formatType, type TypeRef } from "../policy/csharp/types/type-ref.js";
import type { ElementNode } from "../policy/model.js";
import { parsePolicy } from "../policy/parser.js";
import type { Analysis } from "./document.js";
import { elementAt, locate, type Target } from "./locate.js";
import type { NamedValueSet } from "./named-values.js";
import { variableNames } from "./variables.js";

export interface CompletionEnv {
  namedValues(): NamedValueSet | undefined;
  /** Names the lint config knows (namedValues in .apimkitrc.json). */
  configuredNamedValues(): ReadonlySet<string> | undefined;
  fragments(): ReadonlyMap<string, string>;
  snippets: boolean;
}

export function complete(a: Analysis, offset: number, env: CompletionEnv): CompletionItem[] {
  const text = a.doc.source;
  const before = text.slice(Math.max(0, offset - 200), offset);

  const named = /\{\{([A-Za-z0-9._-]*)$/.exec(before);
  if (named) return namedValueItems(a, offset, named[1]!.length, env);

  const variable =
    /Variables\s*(?:\[\s*|\.\s*(?:GetValueOrDefault|ContainsKey|TryGetValue)\s*(?:<[^>]*>)?\s*\(\s*)(?:"|&quot;)([\w.-]*)$/.exec(
      before,
    );
  if (variable) return variableItems(a, offset, variable[1]!.length);

  const target = expressionTarget(a, offset);
  if (target) return expressionItems(target.analysis, target.target, offset);

  const tag = /<([A-Za-z][\w.-]*)?$/.exec(before);
  if (tag) return elementItems(a, offset, tag[1]?.length ?? 0, env.snippets);

  const at = locate(a, offset);
  if (at?.kind === "attribute-value") return valueItems(a, at, offset, env);
  const el = elementAt(a, offset);
  if (el && inStartTag(el, offset) && /[\s"'][\w-]*$/.test(before)) {
    const typed = /[\w-]*$/.exec(before)![0].length;
    return attributeItems(a, el, offset, typed);
  }
  return [];
}

function replaceRange(a: Analysis, offset: number, typed: number): Range {
  return { start: a.map.position(offset - typed), end: a.map.position(offset) };
}

// ---------------------------------------------------------------------------------------------------------------
// Named values, variables, fragment ids, enumerated values

function namedValueItems(a: Analysis, offset: number, typed: number, env: CompletionEnv): CompletionItem[] {
  const names = new Map<string, string>();
  for (const n of env.configuredNamedValues() ?? []) names.set(n, "named value (lint config)");
  const set = env.namedValues();
  for (const e of set?.entries.values() ?? []) names.set(e.name, e.secret ? "secret named value" : "named value");
  const closed = a.doc.source.startsWith("}}", offset);
  const range = replaceRange(a, offset, typed);
  return [...names].sort().map(([name, detail]) => ({
    label: name,
    kind: CompletionItemKind.Constant,
    detail,
    textEdit: { range, newText: closed ? name : `${name}}}` },
  }));
}

function variableItems(a: Analysis, offset: number, typed: number): CompletionItem[] {
  const range = replaceRange(a, offset, typed);
  return variableNames(a).map((name) => ({
    label: name,
    kind: CompletionItemKind.Variable,
    detail: "policy variable",
    textEdit: { range, newText: name },
  }));
}

function valueItems(
  a: Analysis,
  at: Extract<Target, { kind: "attribute-value" }>,
  offset: number,
  env: CompletionEnv,
): CompletionItem[] {
  const start = at.value.range.start.offset;
  const range = { start: a.map.position(start), end: a.map.position(offset) };
  if (at.element.name === "include-fragment" && at.attribute.name === "fragment-id") {
    return [...env.fragments()].map(([id, file]) => ({
      label: id,
      kind: CompletionItemKind.File,
      detail: file,
      textEdit: { range, newText: id },
    }));
  }
  const spec = attributeSpec(at.element.name, at.attribute.name, at.element.parent?.name);
  const values = spec?.values ?? (spec?.type === "boolean" ? ["true", "false"] : []);
  return values.map((v) => ({
    label: v,
    kind: CompletionItemKind.EnumMember,
    detail: spec?.default === v ? "default" : undefined,
    textEdit: { range, newText: v },
  }));
}

// ---------------------------------------------------------------------------------------------------------------
// Elements and attributes

function inStartTag(el: ElementNode, offset: number): boolean {
  const start = el.startTagRange.start.offset + 1 + el.name.length;
  const end = el.startTagRange.end.offset;
  return offset > start && offset < end;
}

function attributeItems(a: Analysis, el: ElementNode, offset: number, typed: number): CompletionItem[] {
  const entry = elementEntry(el.name, el.parent?.name);
  if (!entry) return [];
  const present = new Set(el.attributes.map((x) => x.name));
  const range = replaceRange(a, offset, typed);
  return entry.attributes
    .filter((x) => !present.has(x.name) || a.doc.source.slice(offset - typed, offset) === x.name)
    .map((x) => ({
      label: x.name,
      kind: CompletionItemKind.Property,
      detail: `${x.required ? "required" : "optional"} ${x.type}${x.expressions ? ", expressions allowed" : ""}`,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: `${x.name}="$1"` },
      sortText: `${x.required ? 0 : 1}${x.name}`,
    }));
}

/** The section an element is in (through control flow), or undefined (a fragment, or outside any section). */
function sectionOf(el: ElementNode | undefined): Section | undefined {
  for (let e = el; e; e = e.parent) if ((SECTIONS as readonly string[]).includes(e.name)) return e.name as Section;
  return undefined;
}

function elementItems(a: Analysis, offset: number, typed: number, snippets: boolean): CompletionItem[] {
  const lt = offset - typed - 1;
  let parent = elementAt(a, lt);
  // The name being typed may already read as an element of its own (`<forw`): its parent is the place.
  if (parent && parent.range.start.offset === lt) parent = parent.parent;
  const range = replaceRange(a, offset, typed);
  const names = childNames(parent);
  return names.map((name) => {
    const required = requiredAttributes(name, parent?.name);
    const entry = elementEntry(name, parent?.name);
    const attrs = required.map((r, i) => ` ${r}="$${i + 1}"`).join("");
    const empty = entry?.content === "empty";
    const snippet = empty ? `${name}${attrs} />` : `${name}${attrs}>$0</${name}>`;
    const plain = empty ? `${name}${required.map((r) => ` ${r}=""`).join("")} />` : name;
    return {
      label: name,
      kind:
        entry?.kind === "policy" || entry?.kind === "control" ? CompletionItemKind.Function : CompletionItemKind.Field,
      detail: entry ? `${entry.kind}${required.length > 0 ? `; requires ${required.join(", ")}` : ""}` : undefined,
      insertTextFormat: snippets ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
      textEdit: { range, newText: snippets ? snippet : plain },
    };
  });
}

/** The element names the catalogue allows directly inside `parent` (at the document's top: the roots). */
export function childNames(parent: ElementNode | undefined): string[] {
  if (!parent) return ["policies", "fragment"];
  const entry = elementEntry(parent.name, parent.parent?.name);
  if (!entry) return [];
  if (entry.content !== "policies") return knownChildren(parent.name, parent.parent?.name).map((c) => c.name);
  if (entry.kind === "root" && entry.name === "policies") return [...SECTIONS];
  const section = sectionOf(parent);
  const names = policyNames().filter((name) => {
    if (section) return allowedSections(name)?.includes(section) ?? true;
    // A fragment's statements: those the catalogue does not keep out of fragments.
    return allowedInFragment(name) !== false;
  });
  // <base /> only directly in a section.
  if (entry.kind === "section") names.unshift("base");
  return names;
}

// ---------------------------------------------------------------------------------------------------------------
// Expressions

interface ExpressionAt {
  analysis: Analysis;
  target: Extract<Target, { kind: "expression" }>;
}

/**
 * The expression at the cursor. While the user types, `@(context.` is often not closed yet: then the document is
 * read again with the closing delimiter put at the cursor, the way the editor would have auto-closed it.
 */
function expressionTarget(a: Analysis, offset: number): ExpressionAt | undefined {
  const direct = locate(a, offset);
  if (direct?.kind === "expression") return { analysis: a, target: direct };
  const text = a.doc.source;
  if (!/@[({]/.test(text.slice(Math.max(0, offset - 2000), offset))) return undefined;
  for (const closer of [")", "}", ')"', '}"', ')" />', '}" />']) {
    const patched = `${text.slice(0, offset)}${closer}${text.slice(offset)}`;
    const doc = parsePolicy(patched, a.doc.file);
    const b: Analysis = { ...a, doc, source: new PolicySourceCode(doc) };
    const t = locate(b, offset);
    if (t?.kind === "expression" && t.site.expression.range.end.offset === offset + 1)
      return { analysis: b, target: t };
  }
  return undefined;
}

const SKIP = /^(\.ctor|\.cctor|Item|op_)/;

function expressionItems(
  a: Analysis,
  target: Extract<Target, { kind: "expression" }>,
  offset: number,
): CompletionItem[] {
  const access = memberAccessAt(target.path, offset);
  const check = a.source.expressionTypes(target.site).check;
  if (access) {
    const typed = offset - access.nameStart;
    const symbol = check.symbolOf(access.object);
    const range = replaceRange(a, offset, typed);
    if (symbol?.kind === "type") return memberItems(typeModel().plain(symbol.type.key), true, range);
    const type = check.typeOf(access.object);
    return type ? memberItems(type, false, range) : [];
  }
  const node = target.node;
  if (node?.kind === "Identifier") {
    const range = replaceRange(a, offset, offset - node.start);
    const prefix = a.doc.source.slice(node.start, offset);
    const items: CompletionItem[] = [];
    if ("context".startsWith(prefix))
      items.push({
        label: "context",
        kind: CompletionItemKind.Variable,
        detail: "IExpressionContext",
        textEdit: { range, newText: "context" },
      });
    for (const [name, full] of allowedTypeNames()) {
      if (name.startsWith(prefix))
        items.push({ label: name, kind: CompletionItemKind.Class, detail: full, textEdit: { range, newText: name } });
    }
    return items;
  }
  return [];
}

let typeNames: Map<string, string> | undefined;
/** Simple name -> full name of the top-level types APIM allows in expressions (not the context model's own). */
function allowedTypeNames(): Map<string, string> {
  if (!typeNames) {
    typeNames = new Map();
    const found: [string, string][] = [];
    for (const t of typeModel().types()) {
      if (t.allowed !== "allowed" || t.contextModel || t.declaringType || t.typeParameters.length > 0) continue;
      found.push([t.name, t.fullName]);
    }
    for (const [name, full] of found.sort((x, y) => (x[0] < y[0] ? -1 : 1)))
      if (!typeNames.has(name)) typeNames.set(name, full);
  }
  return typeNames;
}

/** The member access whose name the cursor is in (an empty name right after the dot counts). */
function memberAccessAt(path: readonly Node[], offset: number): Extract<Node, { kind: "MemberAccess" }> | undefined {
  for (let i = path.length - 1; i >= 0; i--) {
    const n = path[i]!;
    if (n.kind === "MemberAccess" && offset >= n.nameStart && offset <= n.nameEnd) return n;
  }
  return undefined;
}

function memberItems(type: TypeRef, statics: boolean, range: Range): CompletionItem[] {
  const model = typeModel();
  const items = new Map<string, CompletionItem>();
  const add = (m: MemberInfo, owner: TypeRef) => {
    if (SKIP.test(m.name) || m.kind === "constructor" || items.has(m.name)) return;
    const method = m.kind === "method";
    items.set(m.name, {
      label: m.name,
      kind: method
        ? CompletionItemKind.Method
        : m.kind === "field"
          ? CompletionItemKind.Field
          : CompletionItemKind.Property,
      detail: `${m.signature}${m.extension ? " (extension)" : ""}`,
      documentation: [memberDoc(m), `${m.extension ? "extension method" : m.kind} of ${formatType(owner)}`]
        .filter((line) => line !== undefined)
        .join("\n\n"),
      textEdit: { range, newText: m.name },
    });
  };
  for (const name of model.memberNames(type)) {
    for (const found of model.findMembers(type, name)) {
      if (found.member.static === statics && !found.member.extension) add(found.member, found.owner);
    }
  }
  if (!statics) {
    const supers = model.supertypes(type).map((s) => (s.kind === "named" ? s.key : ""));
    for (const cls of model.extensionTypes()) {
      for (const members of cls.members.values()) {
        for (const m of members) {
          const self = m.parameters[0]?.type;
          if (!m.extension || !self) continue;
          if ((self.kind === "named" && supers.includes(self.key)) || self.kind === "typeParameter") add(m, type);
        }
      }
    }
  }
  return [...items.values()].sort((x, y) => (x.label < y.label ? -1 : 1));
}
