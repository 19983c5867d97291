// Wires the command modules into yargs; each command lives in ./commands/<name>.ts.
import yargs, { type Argv } from "yargs";
import { WriteError } from "../util/atomic-write.js";
import { packageVersion } from "../util/paths.js";
import { escapeControl } from "../util/printable.js";
import { redactSecrets, redactTokens } from "../util/redact.js";
import { type CliCommand, UsageError } from "./command.js";
import { tuneV8 } from "./v8-tuning.js";

/**
 * Start-up cost matters (`apimkit lint one-file.xml` in a pre-commit hook): when the first argument names a
 * command whose module is ./commands/<name>.js, only that module is loaded; otherwise (help, typos) all of them.
 */
async function loadCommands(argv: string[]): Promise<CliCommand<never>[]> {
  const first = argv[0];
  if (first && /^[a-z][a-z-]*$/.test(first)) {
    try {
      const mod: Record<string, unknown> = await import(/* @vite-ignore */ `./commands/${first}.js`);
      const own = Object.values(mod).filter(
        (c): c is CliCommand<never> =>
          typeof c === "object" &&
          c !== null &&
          "run" in c &&
          [(c as CliCommand).command].flat().some((name) => name.split(" ")[0] === first),
      );
      if (own.length === 1) return own;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ERR_MODULE_NOT_FOUND") throw err;
    }
  }
  return (await import("./commands/index.js")).commands;
}

interface YargsOptions {
  string: string[];
  number: string[];
  choices?: Record<string, unknown>;
}

/** Control characters from file names or file contents (a JSON parser quotes the bytes it chokes on) escaped. */
function printable(text: string): string {
  return escapeControl(text, true);
}

/** yargs' argument errors in apimkit's words. */
function usageMessage(message: string): string {
  const missing = /^Not enough arguments following: (.+)$/.exec(message);
  const name = missing?.[1];
  if (name) return `${name.length === 1 ? "-" : "--"}${name} needs a value`;
  return message;
}

/**
 * Every option that takes a value must be given one: without this, yargs reads `lint -f` as the default format
 * and `publish --only` as no filter at all. (It also lets `--token -` take the "-" as its value.)
 */
function requireOptionValues(y: Argv, command: string | string[]): Argv {
  const positional = new Set([...([command].flat()[0] ?? "").matchAll(/[<[]([\w-]+)/g)].map((m) => m[1]));
  // getOptions() is public in yargs but missing from @types/yargs.
  const options = (y as unknown as { getOptions(): YargsOptions }).getOptions();
  const valued = [...options.string, ...options.number, ...Object.keys(options.choices ?? {})].filter(
    (key) => !positional.has(key),
  );
  return valued.length > 0 ? y.requiresArg(valued) : y;
}

/**
 * The last line of defence: whatever a command prints, a JWT in it is redacted (a token passed by mistake as a
 * file name comes back in "no such file" messages, report paths and --print-config). Returns the undo.
 */
function redactOutput(): () => void {
  const undo = [process.stdout, process.stderr].map((stream) => {
    const write = stream.write;
    stream.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]): boolean {
      let text = chunk;
      if (typeof chunk === "string") text = redactTokens(chunk);
      else if (chunk instanceof Uint8Array && Buffer.from(chunk).includes("eyJ"))
        text = redactTokens(Buffer.from(chunk).toString("utf8"));
      return (write as (...a: unknown[]) => boolean).call(stream, text, ...rest);
    } as typeof stream.write;
    return () => {
      stream.write = write;
    };
  });
  return () => {
    for (const u of undo) u();
  };
}

let quietOnClosedPipe = false;

/**
 * `apimkit parse ... | head`: once the reader has gone, stop quietly like any Unix tool killed by SIGPIPE (exit 141)
 * instead of dying on an unhandled EPIPE with a stack trace.
 */
function exitQuietlyOnClosedPipe(): void {
  if (quietOnClosedPipe) return;
  quietOnClosedPipe = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code === "EPIPE") process.exit(141);
      throw err;
    });
  }
}

export async function main(argv: string[]): Promise<number> {
  // `apimkit --version` answers before any command module (or yargs' command set-up) is loaded.
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "-v")) {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  tuneV8(argv);
  exitQuietlyOnClosedPipe();
  const restoreOutput = redactOutput();
  const restoreColor = applyColorFlag(argv);
  try {
    return await runMain(argv);
  } finally {
    restoreColor();
    restoreOutput();
  }
}

/**
 * `--color` / `--no-color` (the last one wins, as in git and ESLint): every command decides colour through
 * src/util/color.ts from FORCE_COLOR, so the flag is passed on as FORCE_COLOR for this run (it wins over NO_COLOR
 * and over a TTY check). Returns the undo, for in-process callers.
 */
function applyColorFlag(argv: string[]): () => void {
  let flag: boolean | undefined;
  for (const a of argv) {
    if (a === "--") break;
    if (a === "--color" || a === "--color=true") flag = true;
    else if (a === "--no-color" || a === "--color=false") flag = false;
  }
  if (flag === undefined) return () => {};
  const before = process.env.FORCE_COLOR;
  process.env.FORCE_COLOR = flag ? "1" : "0";
  return () => {
    if (before === undefined) delete process.env.FORCE_COLOR;
    else process.env.FORCE_COLOR = before;
  };
}

/**
 * yargs names an unknown option twice (`unknown-thing, unknownThing`: its camel-case alias) and, for `--a.b.c`,
 * only the part before the first dot, so a JWT passed as an option (`--eyJ...`) comes back as its header, which the
 * output redaction cannot recognise. Each option once, and a token's header redacted.
 */
function unknownArguments(msg: string): string | undefined {
  const m = /^Unknown arguments?: (.*)$/s.exec(msg);
  if (!m) return undefined;
  const names = (m[1] as string).split(", ");
  const listed = new Set(names);
  const kebab = (n: string) => n.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const shown = names
    .filter((n) => !(/[A-Z]/.test(n) && kebab(n) !== n && listed.has(kebab(n))))
    .map((n) => (n.startsWith("eyJ") ? "eyJ…[redacted]" : n));
  return `Unknown argument${shown.length === 1 ? "" : "s"}: ${shown.join(", ")}`;
}

/**
 * `lint -`: a lone `-` is standard input, as in most Unix tools. yargs drops a bare `-` from positionals (it would
 * then lint the current folder), so it becomes `--stdin` before yargs sees it.
 */
function standardInputDash(argv: string[]): string[] {
  if (argv[0] !== "lint") return argv;
  const end = argv.indexOf("--");
  return argv.map((a, i) => (a === "-" && (end < 0 || i < end) && argv[i - 1] !== "--stdin-filename" ? "--stdin" : a));
}

async function runMain(given: string[]): Promise<number> {
  const argv = standardInputDash(given);
  const commands = await loadCommands(argv);
  let exitCode = 0;
  const parser = yargs(argv)
    .scriptName("apimkit")
    .usage("$0 <command> [options]\n\nGenerate, lint and publish Azure API Management policies.")
    .version(packageVersion())
    .alias("help", "h")
    .alias("version", "v")
    .option("color", {
      type: "boolean",
      global: true,
      describe: "Colours on (--color) or off (--no-color); default: on a terminal, unless NO_COLOR is set",
    })
    .strict()
    .demandCommand(1, "Say which command to run (see --help).")
    .recommendCommands()
    .wrap(Math.min(120, process.stdout.columns ?? 100))
    // Throwing stops yargs before any handler runs (recording the message let a handler run with a bad choice).
    .fail((msg, err) => {
      // yargs' own argument errors (YError: "Not enough arguments following: rule") are usage errors too.
      if (err && err.name === "YError")
        throw new UsageError(`${usageMessage(err.message)}\nRun 'apimkit --help' for usage.`);
      if (err) throw err;
      const first = argv[0];
      const names = commands.map((c) => [c.command].flat()[0]?.split(" ")[0]);
      if (first && !first.startsWith("-") && !names.includes(first) && /^Unknown arguments?: /.test(msg)) {
        throw new UsageError(`unknown command '${first}' (commands: ${names.join(", ")})`);
      }
      throw new UsageError(`${unknownArguments(msg) ?? msg}\nRun 'apimkit --help' for usage.`);
    })
    .exitProcess(false);

  for (const cmd of commands as CliCommand<never>[]) {
    parser.command({
      command: cmd.command,
      describe: cmd.describe,
      builder: (y) => requireOptionValues(cmd.builder(y), cmd.command),
      handler: async (args) => {
        exitCode = await cmd.run(args as never);
      },
    });
  }

  try {
    await parser.parseAsync();
  } catch (err) {
    if (err instanceof UsageError || err instanceof WriteError) {
      process.stderr.write(`apimkit: ${printable(redactSecrets(err.message))}\n`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`apimkit: internal error: ${printable(redactSecrets(message))}\n`);
    if (process.env.APIMKIT_DEBUG && err instanceof Error && err.stack) {
      process.stderr.write(`${redactSecrets(err.stack)}\n`);
    }
    return 2;
  }
  return exitCode;
}
