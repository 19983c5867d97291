// A setup file (vitest runs it before every test file): test files share a worker (isolate: false in
// vitest.config.ts), so a file that leaves process-wide state changed would change the files after it. This fails
// such a file with a diff of what it left behind, then puts the working directory and environment back so the
// files after it do not fail for it too.
import { afterAll, expect, vi } from "vitest";

const before = processState();

afterAll(() => {
  const after = processState();
  try {
    expect(after, "process-wide state at the end of the test file").toEqual(before);
  } finally {
    process.chdir(before.cwd);
    for (const key of Object.keys(process.env)) if (!(key in before.env)) delete process.env[key];
    Object.assign(process.env, before.env);
  }
});

function processState() {
  const events = ["SIGINT", "SIGTERM", "exit", "beforeExit", "uncaughtException", "unhandledRejection"] as const;
  return {
    cwd: process.cwd(),
    env: { ...process.env },
    fakeTimers: vi.isFakeTimers(),
    processListeners: Object.fromEntries(events.map((e) => [e, process.listenerCount(e)])),
  };
}
