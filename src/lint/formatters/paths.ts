import { isAbsolute, relative, sep } from "node:path";

/** The path relative to cwd with forward slashes; unchanged (but with forward slashes) when outside cwd. */
export function displayPath(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  const shown = rel === "" || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? file : rel;
  return sep === "/" ? shown : shown.split(sep).join("/");
}

export function isInside(file: string, cwd: string): boolean {
  const rel = relative(cwd, file);
  return rel !== "" && rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
