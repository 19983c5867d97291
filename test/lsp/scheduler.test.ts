// The lint scheduler: a burst of edits is linted once, at its end (its first change too, after a pause); the pause follows the document's lint time;
// closed documents are not linted; a config change re-lints documents one per event-loop turn.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { BURST_GAP, CHEAP_LINT, LintScheduler, MAX_DELAY, MIN_DELAY } from "../../src/lsp/scheduler.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A run function that records the documents it lints. */
function recorder(runs: string[]) {
  return (uri: string) => {
    runs.push(uri);
    return true;
  };
}

/** A scheduler on a mocked clock whose lints take `cost` ms each; `runs` has the clock at each lint's start. */
function onClock(cost: number, fixedDelay?: number) {
  const clock = { now: 0 };
  vi.spyOn(performance, "now").mockImplementation(() => clock.now);
  const runs: number[] = [];
  const run = () => {
    runs.push(clock.now);
    clock.now += cost;
    return true;
  };
  return { clock, runs, scheduler: new LintScheduler({ fixedDelay, run }) };
}

describe("LintScheduler", () => {
  it("merges the edits of a burst into one lint after the pause", () => {
    const runs: string[] = [];
    const s = new LintScheduler({ run: recorder(runs) });
    s.changed("a");
    vi.advanceTimersByTime(MIN_DELAY - 1);
    s.changed("a");
    vi.advanceTimersByTime(MIN_DELAY - 1);
    expect(runs).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(runs).toEqual(["a"]);
  });

  it.each([
    [0, MIN_DELAY],
    [CHEAP_LINT - 1, MIN_DELAY],
    [60, 120],
    [1000, MAX_DELAY],
  ])("a document that lints in %d ms waits %d ms", (cost, delay) => {
    let now = 0;
    vi.spyOn(performance, "now").mockImplementation(() => now);
    const s = new LintScheduler({
      run: () => {
        now += cost;
        return true;
      },
    });
    s.changed("a");
    vi.advanceTimersByTime(MIN_DELAY);
    expect(s.delayFor("a")).toBe(delay);
  });

  it("smooths the lint time: one slow lint does not make a cheap document wait", () => {
    let now = 0;
    const costs = [5, 5, 60, 5];
    vi.spyOn(performance, "now").mockImplementation(() => now);
    const s = new LintScheduler({
      run: () => {
        now += costs.shift() ?? 5;
        return true;
      },
    });
    for (let i = 0; i < 3; i++) {
      s.changed("a");
      vi.advanceTimersByTime(MAX_DELAY);
    }
    // 5, 5, then 60: smoothed to 5 + 0.3 * 55 = 21.5, still under the cheap limit.
    expect(s.delayFor("a")).toBe(MIN_DELAY);
  });

  it("one fast lint ends the pauses of a slow spell", () => {
    let now = 0;
    const costs = [300, 300, 300, 5];
    vi.spyOn(performance, "now").mockImplementation(() => now);
    const s = new LintScheduler({
      run: () => {
        now += costs.shift() ?? 5;
        return true;
      },
    });
    for (let i = 0; i < 3; i++) {
      s.changed("a");
      vi.advanceTimersByTime(MAX_DELAY);
    }
    expect(s.delayFor("a")).toBe(MAX_DELAY);
    s.changed("a");
    vi.advanceTimersByTime(MAX_DELAY);
    // The average is still high (300 -> 211.5), but the last lint took 5 ms.
    expect(s.delayFor("a")).toBe(MIN_DELAY);
  });

  it("lints a cheap document at once when a change starts a burst, and merges the rest of the burst", () => {
    const { clock, runs, scheduler: s } = onClock(2);
    s.changed("a"); // opened: its cost is unknown, so it waits
    expect(runs).toEqual([]);
    vi.advanceTimersByTime(MIN_DELAY);
    expect(runs).toEqual([0]);
    clock.now = 100;
    s.changed("a"); // after a pause: at once
    expect(runs).toEqual([0, 100]);
    clock.now = 100 + BURST_GAP;
    s.changed("a"); // BURST_GAP after the last change: a new burst, at once
    expect(runs).toEqual([0, 100, 100 + BURST_GAP]);
    clock.now = 110;
    s.changed("a");
    clock.now = 110 + BURST_GAP / 2; // within the burst: waits
    s.changed("a");
    clock.now = 110 + BURST_GAP; // still within it (BURST_GAP / 2 after the one before)
    s.changed("a");
    expect(runs).toEqual([0, 100, 100 + BURST_GAP, 110]);
    vi.advanceTimersByTime(MIN_DELAY);
    expect(runs).toEqual([0, 100, 100 + BURST_GAP, 110, 110 + BURST_GAP]);
  });

  it("a slow document always waits for its pause", () => {
    const { clock, runs, scheduler: s } = onClock(CHEAP_LINT);
    s.changed("a");
    vi.advanceTimersByTime(MIN_DELAY);
    clock.now = 1000;
    s.changed("a");
    expect(runs).toEqual([0]);
    vi.advanceTimersByTime(2 * CHEAP_LINT);
    expect(runs).toEqual([0, 1000]);
  });

  it("with a fixed pause, every change waits for it", () => {
    const { clock, runs, scheduler: s } = onClock(2, 10);
    s.changed("a");
    vi.advanceTimersByTime(10);
    clock.now = 1000;
    s.changed("a");
    expect(runs).toEqual([0]);
    vi.advanceTimersByTime(10);
    expect(runs).toEqual([0, 1000]);
  });

  it("a fixed pause wins over the adaptive one", () => {
    const s = new LintScheduler({ fixedDelay: 0, run: () => true });
    expect(s.delayFor("a")).toBe(0);
  });

  it("does not lint a document closed before its pause ended", () => {
    const runs: string[] = [];
    const s = new LintScheduler({ run: recorder(runs) });
    s.changed("a");
    s.closed("a");
    vi.advanceTimersByTime(MAX_DELAY);
    expect(runs).toEqual([]);
  });

  it("re-lints every document after a config change, one per turn", () => {
    const runs: string[] = [];
    const s = new LintScheduler({ run: recorder(runs) });
    s.relintAll(["a", "b", "c"]);
    expect(runs).toEqual([]);
    vi.advanceTimersToNextTimer();
    expect(runs).toEqual(["a"]);
    vi.runAllTimers();
    expect(runs).toEqual(["a", "b", "c"]);
  });
});
