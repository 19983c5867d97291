// `apimkit generate`: apimkit.json in, the caller and provider policies, named values and setup.sh out.
import { existsSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import type { Layout } from "../../generate/index.js";
import { makeDirs } from "../../util/atomic-write.js";
import { fsErrorReason } from "../../util/fs-reason.js";
import { shellQuote } from "../../util/shell-quote.js";
import type { CliCommand } from "../command.js";
import { UsageError } from "../command.js";

interface GenerateArgs {
  config: string;
  out: string;
  layout: Layout;
  check?: boolean;
}

export const generateCommand: CliCommand<GenerateArgs> = {
  command: "generate",
  describe: "Generate the caller and provider policies, named values and setup.sh from apimkit.json",
  builder: (y) =>
    y
      .option("config", { alias: "c", type: "string", default: "apimkit.json", describe: "The apimkit config file" })
      .option("out", { alias: "o", type: "string", default: "out", describe: "Output folder" })
      .option("layout", {
        choices: ["plain", "apiops"] as const,
        default: "plain" as const,
        describe: "Plain (what publish reads) or apiops (the APIOps artifact tree)",
      })
      .option("check", {
        type: "boolean",
        describe: "Write nothing; exit 1 with a diff when the output folder differs from what would be generated",
      })
      .example("$0 generate -c examples/cross-tenant/apimkit.json -o out", "Generate the flagship example")
      .example("$0 generate --check", "CI: fail when the generated files are stale"),
  run: async (args) => {
    // yargs reports a bad --layout choice, but only after the handler ran: refuse it here first.
    if (args.layout !== "plain" && args.layout !== "apiops") {
      throw new UsageError(`--layout ${String(args.layout)}: expected plain or apiops`);
    }
    // Imported when the command runs: other commands' start-up stays free of handlebars and the linter.
    const { ConfigError, formatProblem, loadConfigWithWarnings } = await import("../../config/load.js");
    let loaded: ReturnType<typeof loadConfigWithWarnings>;
    try {
      loaded = loadConfigWithWarnings(args.config);
    } catch (err) {
      if (err instanceof ConfigError) throw new UsageError(err.message);
      throw err;
    }
    for (const w of loaded.warnings) process.stderr.write(`warning: ${formatProblem(args.config, w)}\n`);
    // Only now the generator (and through it the linter): config problems never depend on them.
    const { checkGenerated, GenerateError, generateWithFindings, staleFiles, writeGenerated } = await import(
      "../../generate/index.js"
    );
    let files: ReturnType<typeof generateWithFindings>["files"];
    try {
      const result = generateWithFindings(loaded.config, { layout: args.layout });
      files = result.files;
      for (const f of result.findings.filter((x) => x.severity !== "info")) {
        process.stderr.write(
          `${f.severity === "warn" ? "warning" : f.severity}: ${f.file}:${f.line}:${f.column}: ${f.message} (${f.ruleId})\n`,
        );
      }
    } catch (err) {
      if (err instanceof GenerateError) throw new UsageError(err.message);
      throw err;
    }
    const rel = relative(process.cwd(), args.out);
    const shown = rel === "" ? "." : rel.startsWith("..") ? args.out : rel;
    if (args.check) {
      // A file where the output folder goes is a mistake in the command, not stale output.
      if (existsSync(args.out) && !statSync(args.out).isDirectory()) {
        throw new UsageError(`-o ${shown}: is a file; expected the output folder`);
      }
      const drifts = checkGenerated(args.out, files);
      if (drifts.length === 0) {
        process.stderr.write(`${shown}: up to date (${files.length} files)\n`);
        return 0;
      }
      for (const d of drifts) process.stdout.write(d.diff);
      process.stderr.write(
        `${shown}: out of date (${drifts.map((d) => `${d.path} ${d.status}`).join(", ")}); run apimkit generate -c ${shellQuote(args.config)} -o ${shellQuote(args.out)}${args.layout === "apiops" ? " --layout apiops" : ""}\n`,
      );
      return 1;
    }
    let written: string[];
    try {
      // The folders first, without Node's recursive mkdir: it never returns for a path below /proc.
      for (const f of files) makeDirs(dirname(join(args.out, ...f.path.split("/"))));
      written = writeGenerated(args.out, files);
    } catch (err) {
      // Nothing was renamed into place: the previous output (if any) is untouched.
      throw new UsageError(`cannot write to ${shown}: ${fsErrorReason(err, "write")} (nothing was written)`);
    }
    for (const path of written) process.stdout.write(`${shown}/${path}\n`);
    process.stderr.write(`apimkit: wrote ${written.length} files to ${shown}\n`);
    for (const path of staleFiles(args.out, files)) {
      process.stderr.write(`warning: ${shown}/${path} is no longer generated (removed from the config?): delete it\n`);
    }
    return 0;
  },
};
