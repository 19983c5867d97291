import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Tests that run the CLI as a process use dist/: build it first (incremental, about 2 s when nothing changed),
    // so `npx vitest` never tests a stale build and `npm test` after `npm ci` does not build twice.
    globalSetup: ["test/support/build-dist.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
