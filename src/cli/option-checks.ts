// Checks of option values yargs lets through: it turns `--timeout soon` into NaN and accepts `--max-warnings 2.5`.
import { UsageError } from "./command.js";

/** A whole number at least `min` (a NaN or a fraction would silently change what the run does). */
export function checkWholeNumber(option: string, value: number, min: number): void {
  if (Number.isInteger(value) && value >= min) return;
  const given = Number.isNaN(value) ? "" : ` ${value}`;
  throw new UsageError(`${option}${given}: expected a whole number, at least ${min}`);
}

/** Seconds to wait: above 0 (0 or less made the fetch fail with a Node error about its timer). */
export function checkTimeout(seconds: number): void {
  if (seconds > 0 && Number.isFinite(seconds)) return;
  throw new UsageError(`--timeout${Number.isNaN(seconds) ? "" : ` ${seconds}`}: expected a number of seconds above 0`);
}
