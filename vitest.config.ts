import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Tests that run the CLI as a process use dist/: build it first (incremental, about 2 s when nothing changed),
    // so `npx vitest` never tests a stale build and `npm test` after `npm ci` does not build twice.
    globalSetup: ["test/support/build-dist.ts"],
    // A worker per core, at least two: vitest's default (cores - 1) is a single worker on a 2-core machine, and
    // many of these tests wait on child processes and local servers (whole suite on 2 cores: 181 s -> 113 s).
    maxWorkers: Math.max(2, availableParallelism()),
    // Test files share their worker and its loaded modules: src/ is imported once per worker, not once per file
    // (113 s -> 63 s). The setup file fails a test file that leaves process-wide state changed for the next one.
    isolate: false,
    setupFiles: ["test/support/process-state.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
