// Reads a policy file, its parents and the fragments they include through a TreeHost, and composes them.
import { type ComposeDiagnostic, type ComposeScope, composeEffective, type EffectivePolicy } from "../compose.js";
import type { ElementNode, PolicyDocument } from "../model.js";
import { parsePolicy } from "../parser.js";
import { attr, walkElements } from "../query.js";
import { type DiscoverOptions, type Discovery, discoverParents } from "./apiops.js";

export interface ComposedFile {
  /** Undefined only when the file itself cannot be read. */
  policy: EffectivePolicy | undefined;
  discovery: Discovery;
  /** The composition's diagnostics, plus explicit parents that do not exist. */
  diagnostics: ComposeDiagnostic[];
  notes: string[];
  /** The fragments loaded for the composition, by id (so a caller can compose a part of the chain again). */
  fragments?: ReadonlyMap<string, PolicyDocument>;
}

export interface ComposeFileOptions extends DiscoverOptions {
  /** How a file's text becomes a document (default parsePolicy): lint passes a cache shared by one run. */
  parse?: (text: string, path: string) => PolicyDocument;
  /** What discoverParents(file, options) says, when the caller already asked (lint keeps one per file and run). */
  discovery?: Discovery;
  /** A document's `<include-fragment>` elements in document order (default: found by walking it; lint keeps them). */
  includesOf?: (doc: PolicyDocument) => readonly ElementNode[];
}

/** The effective policy of `file`: its parents found by `discoverParents`, its fragments from the tree. */
export function composeFile(file: string, options: ComposeFileOptions): ComposedFile {
  const { host } = options;
  const parse = options.parse ?? parsePolicy;
  const discovery = options.discovery ?? discoverParents(file, options);
  const diagnostics: ComposeDiagnostic[] = discovery.missing.map((m) => ({
    code: "parent-not-found",
    message: `the ${m.scope} policy ${m.file} does not exist`,
    file: m.file,
    line: 1,
    column: 1,
  }));
  const scopes: Partial<Record<ComposeScope, PolicyDocument>> = {};
  for (const [scope, path] of Object.entries(discovery.files) as [ComposeScope, string][]) {
    const text = host.readFile(path);
    if (text === undefined) {
      if (path === file) {
        return {
          policy: undefined,
          discovery,
          diagnostics: [{ code: "parent-not-found", message: `${file}: no such file`, file, line: 1, column: 1 }],
          notes: discovery.notes,
        };
      }
      continue;
    }
    scopes[scope] = parse(text, path);
  }
  const fragments = loadFragments(Object.values(scopes), discovery, host, parse, options.includesOf ?? includesIn);
  const policy = composeEffective({ scopes, fragments });
  return {
    policy,
    discovery,
    diagnostics: [...diagnostics, ...policy.diagnostics],
    notes: discovery.notes,
    fragments,
  };
}

/** Every fragment the documents include (and those the fragments include, which the builder reports). */
function loadFragments(
  docs: PolicyDocument[],
  discovery: Discovery,
  host: DiscoverOptions["host"],
  parse: (text: string, path: string) => PolicyDocument,
  includesOf: (doc: PolicyDocument) => readonly ElementNode[],
): Map<string, PolicyDocument> {
  const out = new Map<string, PolicyDocument>();
  const tried = new Set<string>();
  const queue = [...docs];
  for (let doc = queue.shift(); doc; doc = queue.shift()) {
    for (const el of includesOf(doc)) {
      const value = attr(el, "fragment-id")?.value;
      if (value?.kind !== "literal") continue;
      const id = value.text.trim();
      if (tried.has(id)) continue;
      tried.add(id);
      for (const where of discovery.fragmentPaths) {
        const path = where(id);
        const text = path === undefined ? undefined : host.readFile(path);
        if (path === undefined || text === undefined) continue;
        const fragment = parse(text, path);
        out.set(id, fragment);
        queue.push(fragment);
        break;
      }
    }
  }
  return out;
}

/** The `<include-fragment>` elements of a document, in document order. */
export function includesIn(doc: PolicyDocument): ElementNode[] {
  const out: ElementNode[] = [];
  for (const el of walkElements(doc)) if (el.name === "include-fragment") out.push(el);
  return out;
}
