// What --fix-dry-run shows: a unified diff per file of what --fix would write (git's a/ b/ labels, so the output
// can be applied with `git apply`).
import { createTwoFilesPatch } from "diff";

const RED = "\u001b[31m";
const GREEN = "\u001b[32m";
const CYAN = "\u001b[36m";
const RESET = "\u001b[0m";

/** `path`: the file as shown to the user (relative to the current folder, forward slashes). */
export function fixDiff(path: string, before: string, after: string, color: boolean): string {
  const patch = createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, { context: 3 })
    // createTwoFilesPatch starts with an "Index:"-less "====" separator line.
    .replace(/^=+\n/, "");
  if (!color) return patch;
  return patch.replace(/^(---|\+\+\+|@@|[-+]).*$/gm, (line, mark: string) => {
    const paint = mark === "@@" ? CYAN : mark === "-" ? RED : mark === "+" ? GREEN : "";
    return paint ? `${paint}${line}${RESET}` : line;
  });
}
