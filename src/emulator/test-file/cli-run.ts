// `apimkit test` behind the yargs layer: find, load, run, report. Exit 0 all passed, 1 a test failed, 2 a bad
// test file or bad usage (nothing ran).

import { resolve, sep } from "node:path";
import { writeFileAtomic } from "../../util/atomic-write.js";
import { useColor } from "../../util/color.js";
import { redactSecrets } from "../../util/redact.js";
import type { TraceEvent } from "../api.js";
import { DiscoveryError } from "./discover.js";
import { runTests } from "./index.js";
import { formatFileProblem } from "./load.js";
import { formatJsonReport } from "./report/json.js";
import { formatJunitReport } from "./report/junit.js";
import { shownPath } from "./report/paths.js";
import { formatStylishReport } from "./report/stylish.js";
import { countResults, type ReportInput } from "./report/types.js";

export const TEST_FORMATS = ["stylish", "json", "junit"] as const;
export type TestFormat = (typeof TEST_FORMATS)[number];

export interface TestCliArgs {
  paths: string[];
  format: TestFormat;
  outputFile?: string;
  trace?: boolean;
  noOp?: string[];
  filter?: string;
}

export interface TestIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** A usage problem of `apimkit test` (the CLI prints it as one line, exit 2). */
export class TestUsageError extends Error {
  override name = "TestUsageError";
}

type TestRef = { file: string; name: string; step?: string };

function testWhere(cwd: string, test: TestRef): string {
  return `${shownPath(test.file, cwd)} > ${test.name}${test.step ? ` > ${test.step}` : ""}`;
}

function traceLine(cwd: string, event: TraceEvent, test: TestRef): string {
  const where = testWhere(cwd, test);
  const at = event.at.startsWith(`${cwd}${sep}`) ? shownPath(event.at, cwd) : event.at;
  return `trace ${where}: ${event.section}/${event.scope} ${event.policy} ${at}: ${event.message}\n`;
}

export async function runTestCli(args: TestCliArgs, io: TestIo): Promise<number> {
  let run: Awaited<ReturnType<typeof runTests>>;
  try {
    run = await runTests(args.paths, {
      cwd: io.cwd,
      ...(args.noOp && args.noOp.length > 0 ? { noOp: args.noOp } : {}),
      ...(args.filter !== undefined ? { filter: args.filter } : {}),
      ...(args.trace
        ? {
            trace: (event, test) => io.stderr.write(redactSecrets(traceLine(io.cwd, event, test))),
            // The [U] choices of the run, so the trace shows what the result rests on.
            assumption: (text, test) =>
              io.stderr.write(redactSecrets(`trace ${testWhere(io.cwd, test)}: assumption: ${text}\n`)),
          }
        : {}),
    });
  } catch (err) {
    if (err instanceof DiscoveryError) throw new TestUsageError(err.message);
    throw err;
  }
  if (run.problems.length > 0) {
    for (const p of run.problems)
      io.stderr.write(
        `${redactSecrets(formatFileProblem({ ...p, file: shownPath(resolve(io.cwd, p.file), io.cwd) }))}\n`,
      );
    const files = new Set(run.problems.map((p) => p.file)).size;
    io.stderr.write(`apimkit: ${files} bad test file${files === 1 ? "" : "s"}; no test ran\n`);
    return 2;
  }
  if (run.files.length === 0) {
    const where = args.paths.length > 0 ? args.paths.join(", ") : "the current folder";
    throw new TestUsageError(`no test files (*.apimtest.yaml, *.apimtest.yml, *.apimtest.json) under ${where}`);
  }
  if (run.results.length === 0) throw new TestUsageError(`--filter "${args.filter}" matches no test`);
  const toFile = args.outputFile !== undefined;
  const input: ReportInput = { results: run.results, durationMs: run.durationMs, cwd: io.cwd };
  const report =
    args.format === "json"
      ? formatJsonReport(input)
      : args.format === "junit"
        ? formatJunitReport(input)
        : formatStylishReport(input, useColor(io.env, io.stdout, toFile));
  const counts = countResults(run.results);
  if (toFile) {
    const target = resolve(io.cwd, args.outputFile!);
    writeFileAtomic(target, report);
    io.stderr.write(
      `Tests  ${counts.passed} passed | ${counts.failed} failed (${counts.total}); report written to ${args.outputFile}\n`,
    );
  } else {
    io.stdout.write(report);
  }
  return counts.failed > 0 ? 1 : 0;
}
