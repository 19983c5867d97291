// Paths shown inside a suggested command must survive a copy and paste into a POSIX shell.

/** `arg` as one shell word: unchanged when it is plain, else in single quotes (APIOps has `api;rev=2`). */
export function shellQuote(arg: string): string {
  if (arg !== "" && /^[A-Za-z0-9_./:@%+=,-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
