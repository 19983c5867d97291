// A test file's text as a value plus where each key and value sits, for YAML and JSON alike (paths as the config
// loader prints them: tests[0].expect.status). JSON goes through the config's strict reader (it also catches keys
// written twice); YAML through the yaml package's document model and LineCounter.
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import { childPath, JsonSyntaxError, readJson, type SourcePosition } from "../../config/json-source.js";

export type { SourcePosition };

export interface SourceProblem {
  path: string;
  message: string;
  position?: SourcePosition;
}

export interface PositionedSource {
  value: unknown;
  valueAt(path: string): SourcePosition | undefined;
  keyAt(path: string): SourcePosition | undefined;
}

/** The text could not be read as YAML/JSON at all: every problem with its place. */
export class SourceSyntaxError extends Error {
  constructor(readonly problems: SourceProblem[]) {
    super(problems.map((p) => p.message).join("; "));
  }
}

export function isJsonFile(file: string): boolean {
  return /\.json$/i.test(file);
}

export function readPositioned(text: string, file: string): PositionedSource {
  return isJsonFile(file) ? readJsonSource(text) : readYamlSource(text);
}

function readJsonSource(text: string): PositionedSource {
  try {
    const source = readJson(text);
    if (source.duplicateKeys.length > 0) {
      throw new SourceSyntaxError(
        source.duplicateKeys.map((d) => ({
          path: d.path,
          message: "key written twice (JSON keeps only the last one)",
          position: d.position,
        })),
      );
    }
    return source;
  } catch (err) {
    if (err instanceof JsonSyntaxError) {
      throw new SourceSyntaxError([{ path: "", message: err.message, position: err.position }]);
    }
    throw err;
  }
}

function readYamlSource(text: string): PositionedSource {
  const lineCounter = new LineCounter();
  // YAML 1.2 (the default): `yes` and dates stay strings, so `clock: 2026-06-01T12:00:00Z` needs no quotes.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const posAt = (offset: number): SourcePosition => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  if (doc.errors.length > 0) {
    throw new SourceSyntaxError(
      doc.errors.map((e) => ({
        path: "",
        message: `invalid YAML: ${firstLine(e.message)}`,
        position: posAt(e.pos[0]),
      })),
    );
  }
  const values = new Map<string, number>();
  const keys = new Map<string, number>();
  const walk = (node: unknown, path: string, fallback: number): void => {
    const range = (node as { range?: [number, number, number] } | null)?.range;
    values.set(path, range ? range[0] : fallback);
    if (isMap(node)) {
      for (const pair of node.items) {
        const keyNode = pair.key;
        const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
        const p = childPath(path, key);
        const keyOffset = isScalar(keyNode) && keyNode.range ? keyNode.range[0] : (range?.[0] ?? fallback);
        keys.set(p, keyOffset);
        walk(pair.value, p, keyOffset);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        walk(item, childPath(path, i), range?.[0] ?? fallback);
      });
    } else if (isAlias(node)) {
      // An alias's contents sit at the anchor; the alias itself is the best place to point at.
    }
  };
  walk(doc.contents, "", 0);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new SourceSyntaxError([{ path: "", message: `invalid YAML: ${(err as Error).message}` }]);
  }
  return {
    value,
    valueAt: (p) => {
      const o = values.get(p);
      return o === undefined ? undefined : posAt(o);
    },
    keyAt: (p) => {
      const o = keys.get(p);
      return o === undefined ? undefined : posAt(o);
    },
  };
}

function firstLine(message: string): string {
  return message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
}
