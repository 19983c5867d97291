import { isAbsolute, relative, sep } from "node:path";

/** Relative to cwd with forward slashes when below it, else as given (the same text on every OS). */
export function shownPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  const shown = rel === "" || rel.startsWith("..") || isAbsolute(rel) ? file : rel;
  return shown.split(sep).join("/");
}
