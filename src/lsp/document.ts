// What the server knows about one open document at one version: the parsed policy and its per-document object
// (the lint engine's PolicySourceCode: elements, expression trees and types, variables), computed on first ask and
// kept until the next edit. Hover, completion and navigation read it; they never wait for a lint.
import type { TextDocument } from "vscode-languageserver-textdocument";
import { PolicySourceCode } from "../lint/source-code.js";
import type { PolicyDocument } from "../policy/model.js";
import { parsePolicy } from "../policy/parser.js";
import { pathOf } from "./paths.js";
import { PositionMap } from "./positions.js";

export interface Analysis {
  doc: PolicyDocument;
  source: PolicySourceCode;
  map: PositionMap;
  /** The file on disk, when the document has a file: URI. */
  path: string | undefined;
}

const cache = new WeakMap<TextDocument, { version: number; analysis: Analysis }>();

/** TextDocuments updates one object per document in place: the cache entry holds the version it was made for. */
export function analyse(text: TextDocument): Analysis {
  const hit = cache.get(text);
  if (hit && hit.version === text.version) return hit.analysis;
  const path = pathOf(text.uri);
  const doc = parsePolicy(text.getText(), path ?? text.uri);
  const analysis = { doc, source: new PolicySourceCode(doc), map: new PositionMap(text), path };
  cache.set(text, { version: text.version, analysis });
  return analysis;
}
