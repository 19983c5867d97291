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
  const d = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(d.getTime())) {
    throw new TokenArgumentError(`--at ${value}: expected an ISO 8601 time such as 2026-01-31T12:00:00Z`);
  }
  return d;
}
