// Why a file-system call failed, in words: messages never show errno codes (EISDIR, ENAMETOOLONG, ENOENT ...).

const READ_REASONS: Record<string, string> = {
  ENOENT: "no such file or folder",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "read-only file system",
  EISDIR: "is a folder",
  ENOTDIR: "a part of the path is a file, not a folder",
  ENAMETOOLONG: "the path or a name in it is too long",
  ENOSPC: "no space left on the device",
  EDQUOT: "disk quota exceeded",
  EEXIST: "a file is in the way of a folder",
  ELOOP: "too many symbolic links (a loop?)",
  EMFILE: "too many open files",
  ENFILE: "too many open files",
  EBUSY: "the file is busy",
  EIO: "input/output error",
  ENXIO: "no such device",
  ENODEV: "no such device",
  EAGAIN: "not ready (try again)",
  EINVAL: "not a readable file",
};

const WRITE_REASONS: Record<string, string> = {
  ...READ_REASONS,
  ENOENT: "no such folder",
  EISDIR: "it is a folder; expected a file path",
};

/**
 * The reason in words. An unknown code: Node's own words without the code and the syscall
 * ("EXDEV: cross-device link not permitted, rename 'a' -> 'b'" -> "cross-device link not permitted").
 */
export function fsErrorReason(err: unknown, doing: "read" | "write" = "read"): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const table = doing === "write" ? WRITE_REASONS : READ_REASONS;
  if (code && table[code]) return table[code];
  const message = err instanceof Error ? err.message : String(err);
  const words = message.replace(/^[A-Z][A-Z0-9_]+: /, "").replace(/, \w+ '.*$/, "");
  return words === "" || /^[A-Z][A-Z0-9_]+$/.test(words) ? "cannot be read" : words;
}
