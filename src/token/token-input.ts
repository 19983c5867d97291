// The token comes from the command line, from stdin (`-`) or from a file. Its text is never echoed in an error.
import { existsSync, readFileSync, statSync } from "node:fs";
import { splitTokenText } from "./jwt.js";

export class TokenArgumentError extends Error {}

async function readStdin(stdin: AsyncIterable<Buffer | string>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString("utf8");
}

/** Returns the token text (a JWT, possibly with a scheme); throws TokenArgumentError for anything else. */
export async function readTokenArgument(
  arg: string | undefined,
  stdin: AsyncIterable<Buffer | string> & { isTTY?: boolean } = process.stdin,
): Promise<string> {
  let text: string;
  let from: string;
  // yargs hands a lone "-" over as "" (it is the conventional stdin marker).
  if (arg === "") arg = "-";
  if (arg === undefined || arg === "-") {
    if (arg === undefined && stdin.isTTY) {
      throw new TokenArgumentError("no token: pass TOKEN, a file holding it, or - to read it from stdin");
    }
    text = await readStdin(stdin);
    from = "stdin";
  } else if (splitTokenText(arg)) {
    return arg.trim();
  } else if (existsSync(arg) && statSync(arg).isDirectory()) {
    // An existing folder is a path, not a token: safe to name.
    throw new TokenArgumentError(`${arg}: is a folder; expected a JWT, a file holding one, or - for stdin`);
  } else if (existsSync(arg)) {
    // a file, or a pipe such as <(pbpaste)
    text = readFileSync(arg, "utf8");
    from = arg;
  } else {
    throw new TokenArgumentError("the TOKEN argument is neither a JWT nor a readable file");
  }
  const trimmed = text.trim();
  if (trimmed === "") throw new TokenArgumentError(`${from}: empty; expected a JWT`);
  if (/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]*){4}$/.test(trimmed)) {
    throw new TokenArgumentError(
      `${from}: an encrypted token (JWE, five parts) cannot be explained offline; decrypt it first`,
    );
  }
  if (!splitTokenText(trimmed)) {
    throw new TokenArgumentError(
      `${from}: not a JWT (expected three base64url parts separated by dots, optionally after "Bearer ")`,
    );
  }
  return trimmed;
}

/** --at: an ISO 8601 time; the evaluation clock (default now). */
export function parseAt(value: string | undefined): Date {
  if (value === undefined) return new Date();
  const bad = (why: string) =>
    new TokenArgumentError(`--at ${value}: ${why}; expected an ISO 8601 time such as 2026-01-31T12:00:00Z`);
  // A date alone is midnight UTC; a time needs its zone (Z or an offset): a local time would depend on the machine.
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(value);
  if (!m) throw bad("not a date and time");
  const [, y, mo, da, h, mi, sec, zone] = m;
  if (h !== undefined && zone === undefined) throw bad("no time zone (add Z for UTC, or an offset such as +01:00)");
  // Date rolls 2026-02-30 over to March 2: check the calendar first.
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(da)));
  if (day.getUTCMonth() !== Number(mo) - 1 || day.getUTCDate() !== Number(da)) throw bad("no such date");
  if (Number(h ?? 0) > 23 || Number(mi ?? 0) > 59 || Number(sec ?? 0) > 59) throw bad("no such time");
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw bad("not a date and time");
  return d;
}
