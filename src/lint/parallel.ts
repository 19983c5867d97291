// Lints a large tree on worker threads: each worker builds its own config resolver (configs were already
// validated in the main thread) and asks for batches of files until none are left, so a slow batch never
// holds up the others and at most workers x BATCH documents exist at once.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { LintConfigError, LintUsageError } from "./config/errors.js";
import type { FileResult, LintFilesOptions } from "./lint-files.js";

/** What a worker needs to lint like the main thread would (plain data: it crosses the thread boundary). */
export type WorkerSettings = Pick<
  LintFilesOptions,
  | "configFile"
  | "cliRules"
  | "namedValues"
  | "scope"
  | "fix"
  | "fixDryRun"
  | "reportUnusedDirectives"
  | "compose"
  | "parents"
> & {
  /** Module files of the plugins the main thread loaded: each worker imports them too (rules are functions). */
  plugins?: string[];
};

export type ToWorker = { files: [number, string][] } | { stop: true };
export type FromWorker =
  | { ready: true }
  | { results: [number, FileResult][] }
  | { error: { name: string; message: string; stack?: string } };

const BATCH = 32;
const workerUrl = new URL("./lint-worker.js", import.meta.url);

/** The parent's node flags minus those that only make sense for an entry script (`-e`, `--input-type`). */
function workerExecArgv(): string[] {
  const out: string[] = [];
  const args = process.execArgv;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "-e" || a === "--eval" || a === "-p" || a === "--print") i++;
    else if (!a.startsWith("--input-type") && !a.startsWith("--eval=") && !a.startsWith("--print=")) out.push(a);
  }
  return out;
}

/** False when running from TypeScript sources (tests): there is no compiled worker to start. */
export function workersAvailable(): boolean {
  return existsSync(fileURLToPath(workerUrl));
}

export function lintInWorkers(
  files: readonly string[],
  settings: WorkerSettings,
  count: number,
  onProgress?: (done: number, total: number) => void,
): Promise<FileResult[]> {
  const results: FileResult[] = new Array(files.length);
  let next = 0;
  let done = 0;
  let running = count;
  const workers: Worker[] = [];
  return new Promise((resolve, reject) => {
    let failed = false;
    const fail = (err: Error) => {
      if (failed) return;
      failed = true;
      for (const w of workers) void w.terminate();
      reject(err);
    };
    const feed = (w: Worker) => {
      if (next >= files.length) {
        w.postMessage({ stop: true } satisfies ToWorker);
        return;
      }
      const batch: [number, string][] = [];
      while (batch.length < BATCH && next < files.length) batch.push([next, files[next++]!]);
      w.postMessage({ files: batch } satisfies ToWorker);
    };
    for (let i = 0; i < count; i++) {
      const w = new Worker(workerUrl, { workerData: settings, execArgv: workerExecArgv() });
      workers.push(w);
      w.on("message", (msg: FromWorker) => {
        if ("error" in msg) {
          const { name, message } = msg.error;
          const Err = name === "LintConfigError" ? LintConfigError : name === "LintUsageError" ? LintUsageError : Error;
          fail(new Err(message));
          return;
        }
        if ("results" in msg) {
          for (const [index, result] of msg.results) results[index] = result;
          done += msg.results.length;
          onProgress?.(done, files.length);
        }
        feed(w);
      });
      w.on("error", fail);
      w.on("exit", (code) => {
        if (failed) return;
        if (code !== 0) fail(new Error(`lint worker exited with code ${code}`));
        else if (--running === 0) {
          if (done === files.length) resolve(results);
          else fail(new Error(`lint workers stopped after ${done} of ${files.length} files`));
        }
      });
    }
  });
}
