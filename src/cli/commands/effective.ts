// `apimkit effective FILE [--format xml|json]`: the policy APIM runs for FILE, composed from its scope chain
// (global -> workspace -> product -> api -> operation through <base />, fragments inlined), each element with its
// origin. Problems on stderr as FILE:LINE:COL: error: MESSAGE; exit 2 for bad input, 0 otherwise.
import { statSync } from "node:fs";
import { diskTreeHost } from "../../policy/compose/disk-host.js";
import { composeFile } from "../../policy/compose/load.js";
import { effectiveToJson, effectiveToXml } from "../../policy/compose/print.js";
import { COMPOSE_SCOPES, type ComposeScope } from "../../policy/compose.js";
import { redactSecrets } from "../../util/redact.js";
import { type CliCommand, UsageError } from "../command.js";

interface EffectiveArgs {
  file: string;
  format?: "xml" | "json";
  scope?: ComposeScope;
  product?: string;
}

export const effectiveCommand: CliCommand<EffectiveArgs> = {
  command: "effective <file>",
  describe: "Print the effective policy of a file: its scopes composed through <base />, fragments inlined",
  builder: (y) =>
    y
      .positional("file", { type: "string", describe: "A policy file (its parents come from the APIOps layout)" })
      .option("format", { choices: ["xml", "json"] as const, default: "xml" as const, describe: "Output format" })
      .option("scope", { choices: COMPOSE_SCOPES, describe: "Scope of the file (default: inferred from the path)" })
      .option("product", { type: "string", describe: "The product whose policy applies (an API can be in several)" })
      .example("$0 effective apis/hr/operations/get/policy.xml", "Global, product, API and operation composed")
      .example("$0 effective --format json apis/hr/policy.xml", "The same as JSON, an origin on each element"),
  run: async (args) => {
    const file = args.file;
    let isDir = false;
    try {
      isDir = statSync(file).isDirectory();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new UsageError(code === "ENOENT" ? `${file}: no such file` : `${file}: cannot read (${code ?? "error"})`);
    }
    if (isDir) throw new UsageError(`${file}: is a directory (give a policy file)`);
    const composed = composeFile(file, { host: diskTreeHost, scope: args.scope, product: args.product });
    const policy = composed.policy;
    if (!policy) throw new UsageError(`${file}: cannot read`);
    if (policy.document.kind === "fragment") {
      throw new UsageError(`${file}: is a fragment; compose a policy that includes it`);
    }
    const text =
      args.format === "json"
        ? `${JSON.stringify(effectiveToJson(policy, composed.notes), null, 2)}\n`
        : effectiveToXml(policy);
    process.stdout.write(redactSecrets(text));
    for (const note of composed.notes) process.stderr.write(redactSecrets(`apimkit: note: ${note}\n`));
    for (const d of composed.diagnostics) {
      process.stderr.write(redactSecrets(`${d.file}:${d.line}:${d.column}: error: ${d.message}\n`));
    }
    return composed.diagnostics.length > 0 ? 2 : 0;
  },
};
