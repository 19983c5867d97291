// Diagnostics as you type without making typing wait: each document is linted alone, after a pause in its edits,
// and only at its newest version. The pause adapts to the document's lint time: the lower of its last lint and the
// average of its recent ones, so that one slow lint (a garbage collection) does not add a pause, and one fast lint
// ends the pauses of a slow spell (a cold start). A document that lints in under CHEAP_LINT ms (a 300-line policy
// takes a few) is linted MIN_DELAY ms after an edit, which still merges the changes of one burst; a slower one waits
// twice its lint time, up to MAX_DELAY, so it is linted less often while the user types. A change to a cheap
// document that comes BURST_GAP ms or more after the one before is linted at once: a keystroke is a burst of one,
// and waiting for a timer would only add MIN_DELAY to every diagnostic. The changes of a real burst (an editor's
// multi-cursor edit or a paste sends them within a millisecond, in one read) then wait for the timer together. A
// lint whose document changed again is never published.
export const MIN_DELAY = 4;
export const MAX_DELAY = 250;
export const CHEAP_LINT = 50;
/** Changes closer together than this are one burst. */
export const BURST_GAP = 2;
/** Weight of the newest lint time in the smoothed cost. */
const SMOOTHING = 0.3;

export interface SchedulerOptions {
  /** A fixed pause instead of the adaptive one (initializationOptions.debounceMs). */
  fixedDelay?: number;
  /** Lints the document at its current version; returns false when it is no longer open. */
  run(uri: string): boolean;
}

export class LintScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The smoothed lint time and the last one, per document. */
  private readonly cost = new Map<string, { smoothed: number; last: number }>();
  /** When each document last changed (performance.now()). */
  private readonly lastChange = new Map<string, number>();
  /** Documents waiting for a lint that is not urgent (config changed): one per event-loop turn. */
  private readonly backlog = new Set<string>();
  private draining = false;

  constructor(private readonly opts: SchedulerOptions) {}

  /** The document changed: lint it after the pause, replacing any lint already planned. */
  changed(uri: string): void {
    this.backlog.delete(uri);
    const now = performance.now();
    const before = this.lastChange.get(uri);
    this.lastChange.set(uri, now);
    const old = this.timers.get(uri);
    if (old) clearTimeout(old);
    else if (before !== undefined && now - before >= BURST_GAP && this.lintsAtOnce(uri)) {
      this.lint(uri);
      return;
    }
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        this.lint(uri);
      }, this.delayFor(uri)),
    );
  }

  /** Lint these documents again (the config changed), one at a time so requests get answered in between. */
  relintAll(uris: Iterable<string>): void {
    for (const uri of uris) if (!this.timers.has(uri)) this.backlog.add(uri);
    if (this.draining) return;
    this.draining = true;
    const next = () => {
      const uri = this.backlog.values().next().value;
      if (uri === undefined) {
        this.draining = false;
        return;
      }
      this.backlog.delete(uri);
      this.lint(uri);
      setImmediate(next);
    };
    setImmediate(next);
  }

  closed(uri: string): void {
    const t = this.timers.get(uri);
    if (t) clearTimeout(t);
    this.timers.delete(uri);
    this.backlog.delete(uri);
    this.cost.delete(uri);
    this.lastChange.delete(uri);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.backlog.clear();
  }

  /** A cheap document with the adaptive pause: a change that starts a burst is linted without a timer. */
  private lintsAtOnce(uri: string): boolean {
    if (this.opts.fixedDelay !== undefined) return false;
    const seen = this.cost.get(uri);
    return seen !== undefined && Math.min(seen.smoothed, seen.last) < CHEAP_LINT;
  }

  /** The pause before the next lint of this document, in ms. */
  delayFor(uri: string): number {
    if (this.opts.fixedDelay !== undefined) return this.opts.fixedDelay;
    const seen = this.cost.get(uri);
    const cost = seen ? Math.min(seen.smoothed, seen.last) : 0;
    return cost < CHEAP_LINT ? MIN_DELAY : Math.min(MAX_DELAY, Math.round(2 * cost));
  }

  private lint(uri: string): void {
    const t0 = performance.now();
    if (!this.opts.run(uri)) {
      this.cost.delete(uri);
      return;
    }
    const spent = performance.now() - t0;
    const before = this.cost.get(uri)?.smoothed;
    const smoothed = before === undefined ? spent : before + SMOOTHING * (spent - before);
    this.cost.set(uri, { smoothed, last: spent });
  }
}
