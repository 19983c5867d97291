// Loads one test file: YAML or JSON with positions, the schema, the checks a schema cannot express (durations,
// instants, request vs steps, names), then the files it names. A bad file is a TestFileError listing every
// problem as `file:line:column: <key>: <what was expected>` (exit 2 in the CLI).
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { loadResources, type Resources } from "./resources.js";
import { schemaProblems } from "./schema-check.js";
import {
  type PositionedSource,
  readPositioned,
  type SourcePosition,
  type SourceProblem,
  SourceSyntaxError,
} from "./source.js";
import { parseDuration, parseInstant } from "./time.js";
import type { ExpectSpec, MocksSpec, RequestSpec, TestFileSpec } from "./types.js";

export interface FileProblem {
  file: string;
  path: string;
  message: string;
  line?: number;
  column?: number;
}

export function formatFileProblem(p: FileProblem): string {
  const where = p.line !== undefined ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
  return `${where}: ${p.path ? `${p.path}: ` : ""}${p.message}`;
}

export class TestFileError extends Error {
  override name = "TestFileError";
  constructor(
    readonly file: string,
    readonly problems: FileProblem[],
  ) {
    super(problems.map(formatFileProblem).join("\n"));
  }
}

/** One request of a test, with the layers it inherits already listed (narrowest first). */
export interface LoadedStep {
  name?: string;
  /** ms to move the clock before this step. */
  advance: number;
  request: RequestSpec;
  /** Context overrides, broadest first (file, test, step): merged deeply in that order. */
  context: Record<string, unknown>[];
  /** Mocks, narrowest first (step, test, file): http mocks are tried in that order. */
  mocks: MocksSpec[];
  expect: ExpectSpec;
}

export interface LoadedTest {
  name: string;
  /** Emulated start time (ms since epoch), when the test sets one. */
  clock?: number;
  noOp: string[];
  steps: LoadedStep[];
  /** True when written with `steps` (the report names each step). */
  sequence: boolean;
}

export interface LoadedTestFile extends Resources {
  file: string;
  tests: LoadedTest[];
}

export function loadTestFile(path: string): LoadedTestFile {
  const file = resolve(path);
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new TestFileError(path, [
      { file: path, path: "", message: code === "ENOENT" ? "no such file" : `cannot read (${code})` },
    ]);
  }
  return parseTestFile(text, path);
}

/** Parses and checks test-file text; `file` names it in messages and anchors its relative paths. */
export function parseTestFile(text: string, file: string): LoadedTestFile {
  const place = (source: PositionedSource | undefined, problems: SourceProblem[]): FileProblem[] =>
    problems
      .map((p) => {
        const pos = p.position ?? (source ? nearestPosition(source, p.path) : undefined);
        return { file, path: p.path, message: p.message, ...(pos ? { line: pos.line, column: pos.column } : {}) };
      })
      .sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
  let source: PositionedSource;
  try {
    source = readPositioned(text, file);
  } catch (err) {
    if (err instanceof SourceSyntaxError) throw new TestFileError(file, place(undefined, err.problems));
    throw err;
  }
  if (source.value === null || source.value === undefined) {
    throw new TestFileError(file, [
      { file, path: "", message: "the file is empty (expected policy: and tests:)", line: 1, column: 1 },
    ]);
  }
  const invalid = schemaProblems(source);
  if (invalid.length > 0) throw new TestFileError(file, place(source, invalid));
  const spec = source.value as TestFileSpec;
  const { tests, problems } = normaliseTests(spec);
  if (problems.length > 0) throw new TestFileError(file, place(source, problems));
  const loaded = loadResources(spec, dirname(resolve(file)));
  if (!loaded.resources) throw new TestFileError(file, place(source, loaded.problems));
  return { file, ...loaded.resources, tests };
}

/** The value at `path`, else its key, else the nearest enclosing value that exists (a missing key's object). */
function nearestPosition(source: PositionedSource, path: string): SourcePosition | undefined {
  let p = path;
  for (;;) {
    const pos = source.valueAt(p) ?? source.keyAt(p);
    if (pos || p === "") return pos;
    const parent = p.replace(/(?:^|\.)[^.[]+$|\[[^\]]*\]$/, "");
    if (parent === p) return source.valueAt("");
    p = parent;
  }
}

/** The client calls an absolute http(s) URL; a relative one has no host for context.Request.Url. */
function urlProblem(url: string, path: string): SourceProblem | undefined {
  let parsed: URL | undefined;
  try {
    parsed = new URL(url);
  } catch {
    parsed = undefined;
  }
  if (parsed && (parsed.protocol === "https:" || parsed.protocol === "http:")) return undefined;
  return { path, message: `must be an absolute http(s) URL such as https://apim.example/orders?id=1, got "${url}"` };
}

function normaliseTests(spec: TestFileSpec): { tests: LoadedTest[]; problems: SourceProblem[] } {
  const problems: SourceProblem[] = [];
  const checkUrl = (request: RequestSpec, path: string) => {
    const problem = urlProblem(request.url, `${path}.url`);
    if (problem) problems.push(problem);
  };
  const seen = new Map<string, number>();
  const tests = spec.tests.map((t, i): LoadedTest => {
    const at = `tests[${i}]`;
    const first = seen.get(t.name);
    if (first !== undefined)
      problems.push({ path: `${at}.name`, message: `"${t.name}" is also the name of tests[${first}]` });
    else seen.set(t.name, i);
    let clock: number | undefined;
    if (t.clock !== undefined) {
      const parsed = parseInstant(t.clock);
      if ("error" in parsed) problems.push({ path: `${at}.clock`, message: parsed.error });
      else clock = parsed.ms;
    }
    const fileContext = spec.context ? [spec.context] : [];
    const testContext = t.context ? [t.context] : [];
    const outerMocks = [t.mocks, spec.mocks].filter((m): m is MocksSpec => m !== undefined);
    const noOp = [...(spec.noOp ?? []), ...(t.noOp ?? [])];
    if (t.steps) {
      for (const key of ["request", "expect"] as const) {
        if (t[key] !== undefined) {
          problems.push({
            path: `${at}.${key}`,
            message: `a test with steps has no ${key} of its own (put it in each step)`,
          });
        }
      }
      const steps = t.steps.map((s, j): LoadedStep => {
        checkUrl(s.request, `${at}.steps[${j}].request`);
        let advance = 0;
        if (s.advance !== undefined) {
          const parsed = parseDuration(s.advance);
          if ("error" in parsed) problems.push({ path: `${at}.steps[${j}].advance`, message: parsed.error });
          else advance = parsed.ms;
        }
        return {
          name: s.name,
          advance,
          request: s.request,
          context: [...fileContext, ...testContext, ...(s.context ? [s.context] : [])],
          mocks: [...(s.mocks ? [s.mocks] : []), ...outerMocks],
          expect: s.expect ?? {},
        };
      });
      return { name: t.name, clock, noOp, steps, sequence: true };
    }
    if (!t.request) {
      problems.push({ path: `${at}.request`, message: "is required (or steps: a sequence of requests)" });
      return { name: t.name, clock, noOp, steps: [], sequence: false };
    }
    checkUrl(t.request, `${at}.request`);
    const step: LoadedStep = {
      advance: 0,
      request: t.request,
      context: [...fileContext, ...testContext],
      mocks: outerMocks,
      expect: t.expect ?? {},
    };
    return { name: t.name, clock, noOp, steps: [step], sequence: false };
  });
  return { tests, problems };
}
