// Go to definition (a variable read -> its setters, include-fragment -> the fragment file, {{name}} -> its entry in
// named-values.json) and the document outline (sections and policies).
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { type DocumentSymbol, type Location, SymbolKind } from "vscode-languageserver/node";
import { elementEntry } from "../policy/catalogue.js";
import type { ElementNode } from "../policy/model.js";
import { LineIndex } from "../policy/positions.js";
import type { Analysis } from "./document.js";
import { locate } from "./locate.js";
import type { NamedValueSet } from "./named-values.js";
import { variableAt, writesOf } from "./variables.js";

export interface DefinitionEnv {
  uri: string;
  namedValues(): NamedValueSet | undefined;
  fragments(): ReadonlyMap<string, string>;
}

const FILE_START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function definition(a: Analysis, offset: number, env: DefinitionEnv): Location[] {
  const target = locate(a, offset);
  if (!target) return [];
  if (target.kind === "named-value") {
    const entry = env.namedValues()?.entries.get(target.ref.name);
    return entry
      ? [{ uri: pathToFileURL(entry.file).href, range: rangeInFile(entry.file, entry.offset, entry.name) }]
      : [];
  }
  const read = target.kind === "element" || target.kind === "attribute-name" ? undefined : variableAt(a, offset);
  if (read) return writesOf(a, read.name).map((w) => ({ uri: env.uri, range: a.map.range(w.attribute.value.range) }));
  if (target.kind === "expression") return [];
  const el = target.element;
  if (el.name === "include-fragment") {
    const id = el.attributes.find((x) => x.name === "fragment-id")?.value;
    const file = id && id.kind === "literal" ? env.fragments().get(id.text) : undefined;
    return file ? [{ uri: pathToFileURL(file).href, range: FILE_START }] : [];
  }
  return [];
}

/** The range of `name` as JSON text at `offset` of a file (0-based line and character). */
function rangeInFile(file: string, offset: number, name: string) {
  let text = "";
  try {
    text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  } catch {
    return FILE_START;
  }
  const lines = new LineIndex(text);
  const at = (o: number) => {
    const p = lines.positionAt(o);
    return { line: p.line - 1, character: p.column - 1 };
  };
  return { start: at(offset), end: at(offset + JSON.stringify(name).length) };
}

// ---------------------------------------------------------------------------------------------------------------

/** The outline: the root, its sections, and the policies in them (control flow nested), with what names them. */
export function documentSymbols(a: Analysis): DocumentSymbol[] {
  const root = a.doc.root;
  return root ? [symbolOf(a, root)] : [];
}

function symbolOf(a: Analysis, el: ElementNode): DocumentSymbol {
  const entry = elementEntry(el.name, el.parent?.name);
  const nameStart = el.startTagRange.start.offset + 1;
  const children: DocumentSymbol[] = [];
  for (const c of el.children) {
    if (c.type !== "element") continue;
    const kind = elementEntry(c.name, el.name)?.kind;
    // Sections, policies and control flow; a policy's own child elements (value, audiences...) are its details.
    if (kind === "section" || kind === "policy" || kind === "control" || (kind === undefined && holdsPolicies(el)))
      children.push(symbolOf(a, c));
  }
  const symbol: DocumentSymbol = {
    name: el.name,
    kind: SYMBOL_KIND[entry?.kind ?? "policy"] ?? SymbolKind.Object,
    range: a.map.range(el.range),
    selectionRange: a.map.range({ start: { offset: nameStart }, end: { offset: nameStart + el.name.length } }),
  };
  const detail = detailOf(el);
  if (detail) symbol.detail = detail;
  if (children.length > 0) symbol.children = children;
  return symbol;
}

function holdsPolicies(el: ElementNode): boolean {
  return elementEntry(el.name, el.parent?.name)?.content === "policies";
}

const SYMBOL_KIND: Record<string, SymbolKind> = {
  root: SymbolKind.File,
  section: SymbolKind.Namespace,
  policy: SymbolKind.Function,
  control: SymbolKind.Struct,
  child: SymbolKind.Field,
};

/** What tells two policies of one kind apart: the variable, header or fragment they name, or a when's condition. */
function detailOf(el: ElementNode): string | undefined {
  for (const name of [
    "name",
    "fragment-id",
    "variable-name",
    "output-token-variable-name",
    "response-variable-name",
    "condition",
    "id",
  ]) {
    const v = el.attributes.find((x) => x.name === name)?.value;
    if (v) return v.text.length > 60 ? `${v.text.slice(0, 57)}...` : v.text;
  }
  return undefined;
}
