// Runs the real CLI entry point in-process and collects what it prints: main(argv), as bin/apimkit.js calls it,
// without a Node start per call. What only a process shows (the bin's exit code, standard input, signals, worker
// threads, NODE_EXTRA_CA_CERTS, start-up) stays with tests that spawn bin/apimkit.js.
import { vi } from "vitest";
import { main } from "../../src/cli/main.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  /** Both streams, interleaved in the order they were written. */
  output: string;
}

export interface CliOptions {
  /** The working directory for the run (process.chdir: the forks pool allows it, worker threads would not). */
  cwd?: string;
  /** Variables set for the run; undefined removes one. Everything is put back afterwards. */
  env?: Record<string, string | undefined>;
}

let running = false;

export async function runCli(args: string[], opts: CliOptions = {}): Promise<CliRun> {
  // cwd and env are process-wide: two runs at once (test.concurrent) would see each other's.
  if (running) throw new Error("runCli: one run at a time (the CLI's cwd and env are the process's)");
  running = true;
  let stdout = "";
  let stderr = "";
  let output = "";
  const out = capture(process.stdout, (text) => {
    stdout += text;
    output += text;
  });
  const err = capture(process.stderr, (text) => {
    stderr += text;
    output += text;
  });
  const cwd = process.cwd();
  const envBefore = Object.fromEntries(Object.keys(opts.env ?? {}).map((k) => [k, process.env[k]]));
  try {
    setEnv(opts.env ?? {});
    if (opts.cwd) process.chdir(opts.cwd);
    const code = await main(args);
    return { code, stdout, stderr, output };
  } finally {
    process.chdir(cwd);
    setEnv(envBefore);
    out.mockRestore();
    err.mockRestore();
    running = false;
  }
}

function setEnv(env: Record<string, string | undefined>): void {
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
}

/** Replaces the stream's write with one that hands the text to `take` (and calls a write callback, as a pipe would). */
function capture(stream: NodeJS.WriteStream, take: (text: string) => void) {
  return vi.spyOn(stream, "write").mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
    take(typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
    const done = rest.find((r) => typeof r === "function") as (() => void) | undefined;
    if (done) queueMicrotask(done);
    return true;
  });
}
