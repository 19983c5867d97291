// V8 settings for a batch run. `apimkit lint` of a 10k-file tree runs for about a second, and V8 spends more CPU
// compiling optimized code for it (TurboFan, on a background thread) than such a run can pay back: with the
// default budget, TurboFan inlines up to 920 bytes of bytecode into each function it optimizes. A budget of 300
// cuts that compile work. Measured on the 10k-file lint (six interleaved rounds, bench/lint.bench.ts): CPU -14%,
// wall -5%, and the same speed once warm (the tree linted three times in one process).
//
// Node documents that flags changed after start-up may be ignored or misbehave; this one is a compiler heuristic
// read per compile job, and main() sets it before any command runs: module loading runs each top-level body once,
// so no code is hot and no compile job has started. The language server is a long-lived process that gains from
// full inlining: it keeps V8's default.
import { setFlagsFromString } from "node:v8";

export const BATCH_V8_FLAGS = "--max-inlined-bytecode-size-cumulative=300";

/** Whether a command line (without node and the script) is a batch run: every command but `lsp`. */
export function isBatchRun(argv: readonly string[]): boolean {
  return argv[0] !== "lsp";
}

/** Applies BATCH_V8_FLAGS for a batch run. Call before any command runs. */
export function tuneV8(argv: readonly string[]): void {
  if (isBatchRun(argv)) setFlagsFromString(BATCH_V8_FLAGS);
}
