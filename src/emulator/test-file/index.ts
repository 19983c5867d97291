// The library API of `apimkit test`: run test files from code (the CLI is a thin layer over runTests).

import { discoverTestFiles } from "./discover.js";
import { type FileProblem, type LoadedTestFile, loadTestFile, TestFileError } from "./load.js";
import { type RunOptions, runLoadedFile, type TestResult } from "./runner.js";

export { DiscoveryError, discoverTestFiles, TEST_FILE } from "./discover.js";
export { checkExpectations, contains, type Miss } from "./expect.js";
export {
  type FileProblem,
  formatFileProblem,
  type LoadedStep,
  type LoadedTest,
  type LoadedTestFile,
  loadTestFile,
  parseTestFile,
  TestFileError,
} from "./load.js";
export { MockNetwork, UnmatchedCall, wildcardMatch } from "./mocks.js";
export { formatJsonReport } from "./report/json.js";
export { formatJunitReport } from "./report/junit.js";
export { formatStylishReport } from "./report/stylish.js";
export type { ReportInput } from "./report/types.js";
export { type EmulateFunction, type RunOptions, runLoadedFile, runTest, type TestResult } from "./runner.js";
export type * from "./types.js";

/** Loads and runs one test file; a bad file throws TestFileError (every problem with file:line:column). */
export async function runTestFile(path: string, options: RunOptions = {}): Promise<TestResult[]> {
  return runLoadedFile(loadTestFile(path), options);
}

export interface TestRun {
  /** The test files found, in the order they ran. */
  files: string[];
  results: TestResult[];
  /** Problems of bad test files: when there are any, nothing ran. */
  problems: FileProblem[];
  durationMs: number;
}

/**
 * Finds the test files under `paths` (the current folder when empty), loads them all, and runs them when every
 * one is valid: a bad test file stops the run before anything ran (the CLI's exit 2).
 */
export async function runTests(
  paths: readonly string[],
  options: RunOptions & { cwd?: string } = {},
): Promise<TestRun> {
  const started = performance.now();
  const files = discoverTestFiles(paths, options.cwd);
  const loaded: LoadedTestFile[] = [];
  const problems: FileProblem[] = [];
  for (const file of files) {
    try {
      loaded.push(loadTestFile(file));
    } catch (err) {
      if (!(err instanceof TestFileError)) throw err;
      problems.push(...err.problems);
    }
  }
  const results: TestResult[] = [];
  if (problems.length === 0) for (const file of loaded) results.push(...(await runLoadedFile(file, options)));
  return { files, results, problems, durationMs: performance.now() - started };
}
