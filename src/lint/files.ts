// Turns the command's path arguments into the list of files to lint.
// Folders recurse into *.xml and *.cshtml (never into node_modules or .git), honouring `ignores`;
// a glob is expanded; an explicitly named file is linted whatever its extension unless it is ignored.
import { type Dirent, readdirSync, type Stats, statSync } from "node:fs";
import { relative, resolve, sep } from "node:path";
import { fsErrorReason } from "../util/fs-reason.js";
import { LintUsageError } from "./config/errors.js";
import { picomatch } from "./glob.js";

const POLICY_FILE = /\.(xml|cshtml)$/i;
const NEVER_ENTER = new Set(["node_modules", ".git"]);

export interface ExpandedPaths {
  /** Absolute paths, sorted, without duplicates. */
  files: string[];
  /** Files named explicitly but matched by an `ignores` glob. */
  ignored: string[];
}

/** `dir`, when given, is the folder of `path` (the walk knows it; saves working it out again per file). */
export type IgnoreCheck = (path: string, dir?: string) => boolean;
/** Told the entries of each folder the walk reads, before any of them is checked against the ignores. */
export type FolderListener = (dir: string, entries: readonly Dirent[]) => void;

export function expandPaths(
  args: string[],
  cwd: string,
  isIgnored: IgnoreCheck,
  onFolderRead?: FolderListener,
): ExpandedPaths {
  const files = new Set<string>();
  const ignored: string[] = [];
  for (const arg of args.length > 0 ? args : ["."]) {
    const abs = resolve(cwd, arg);
    const stat = statOrUndefined(abs);
    if (stat?.isDirectory()) {
      walk(abs, isIgnored, () => true, files, false, onFolderRead);
    } else if (stat) {
      // Reading a FIFO, socket or device blocks (or never ends): refuse it, standard input has its own door.
      if (!stat.isFile()) {
        throw new LintUsageError(
          `${arg}: not a regular file (${fileKind(stat)}); to lint standard input, give - or --stdin`,
        );
      }
      if (isIgnored(abs)) ignored.push(abs);
      else files.add(abs);
    } else if (picomatch().scan(arg).isGlob) {
      const before = files.size;
      expandGlob(arg, cwd, isIgnored, files, onFolderRead);
      if (files.size === before) throw new LintUsageError(`no files match the pattern "${arg}"`);
    } else {
      throw new LintUsageError(`${arg}: no such file or folder`);
    }
  }
  return { files: [...files].sort(), ignored };
}

function fileKind(stat: Stats): string {
  if (stat.isFIFO()) return "a named pipe";
  if (stat.isSocket()) return "a socket";
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return "a device";
  return "not a file";
}

function expandGlob(
  pattern: string,
  cwd: string,
  isIgnored: IgnoreCheck,
  into: Set<string>,
  onFolderRead?: FolderListener,
): void {
  const posixPattern = pattern.replace(/\\/g, "/").replace(/^\.\//, "");
  const { base } = picomatch().scan(posixPattern);
  const root = resolve(cwd, base || ".");
  if (!statOrUndefined(root)?.isDirectory()) return;
  const absolutePattern = posixPattern.startsWith("/") || /^[A-Za-z]:\//.test(posixPattern);
  const match = picomatch()(posixPattern, { dot: false });
  walk(
    root,
    isIgnored,
    (file) => match(absolutePattern ? toPosix(file) : toPosix(relative(cwd, file))),
    into,
    true,
    onFolderRead,
  );
}

/** Depth-first, iterative; symlinked folders are not followed (no cycles). */
function walk(
  dir: string,
  isIgnored: IgnoreCheck,
  accept: (file: string) => boolean,
  into: Set<string>,
  anyExtension: boolean,
  onFolderRead: FolderListener | undefined,
): void {
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch (err) {
      throw new LintUsageError(`${current}: cannot read the folder (${fsErrorReason(err)})`);
    }
    // `current` is absolute and normalised and an entry name has no separator: plain concatenation gives what
    // path.join would, without its normalising pass and intermediate strings (a path per file of a large tree).
    const prefix = current.endsWith(sep) ? current : current + sep;
    onFolderRead?.(current, entries);
    for (const entry of entries) {
      const path = prefix + entry.name;
      const isFile = entry.isFile() || (entry.isSymbolicLink() && statOrUndefined(path)?.isFile() === true);
      if (entry.isDirectory()) {
        if (!NEVER_ENTER.has(entry.name) && !isIgnored(path, current)) stack.push(path);
      } else if (
        isFile &&
        (anyExtension || POLICY_FILE.test(entry.name)) &&
        accept(path) &&
        !isIgnored(path, current)
      ) {
        into.add(path);
      }
    }
  }
}

function statOrUndefined(path: string) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function toPosix(p: string): string {
  return sep === "/" ? p : p.split(sep).join("/");
}
