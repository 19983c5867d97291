// `apimkit effective FILE [--format xml|json]`: the policy APIM runs for FILE, composed from its scope chain
// (global -> workspace -> product -> api -> operation through <base />, fragments inlined), each element with its
// origin. Problems on stderr as FILE:LINE:COL: error: MESSAGE; exit 2 for bad input, 0 otherwise.
import { statSync } from "node:fs";
import { diskTreeHost } from "../../policy/compose/disk-host.js";
import { composeFile } from "../../policy/compose/load.js";
import { effectiveToJson, effectiveToXml } from "../../policy/compose/print.js";
import { COMPOSE_SCOPES, type ComposeScope } from "../../policy/compose.js";
import { fsErrorReason } from "../../util/fs-reason.js";
import { redactSecrets } from "../../util/redact.js";
import { type CliCommand, UsageError } from "../command.js";

interface EffectiveArgs {
  file: string;
  format?: "xml" | "json";
  scope?: ComposeScope;
  product?: string;
  /** One value, or several when repeated (an array option would swallow the FILE after it). */
  parent?: string | string[];
  fragment?: string | string[];
}

/** `--parent api=apis/hr.xml` -> { api: "apis/hr.xml" }; a bad entry is a usage error. */
function parentMap(option: string | string[] | undefined): Partial<Record<ComposeScope, string>> | undefined {
  if (option === undefined) return undefined;
  const entries = [option].flat();
  const out: Partial<Record<ComposeScope, string>> = {};
  for (const [key, path] of entries.map((e) => pair("--parent", e))) {
    if (!(COMPOSE_SCOPES as readonly string[]).includes(key))
      throw new UsageError(`--parent ${key}=${path}: the scope must be one of ${COMPOSE_SCOPES.join(", ")}`);
    out[key as ComposeScope] = path;
  }
  return out;
}

function pair(option: string, entry: string): [string, string] {
  const eq = entry.indexOf("=");
  if (eq <= 0 || eq === entry.length - 1) throw new UsageError(`${option} ${entry}: expected NAME=FILE`);
  return [entry.slice(0, eq), entry.slice(eq + 1)];
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
      .option("parent", {
        type: "string",
        describe: "A parent policy as SCOPE=FILE, repeatable (replaces the APIOps layout's parents)",
      })
      .option("fragment", { type: "string", describe: "A fragment as ID=FILE, repeatable" })
      .example("$0 effective apis/hr/operations/get/policy.xml", "Global, product, API and operation composed")
      .example("$0 effective --format json apis/hr/policy.xml", "The same as JSON, an origin on each element")
      .example(
        "$0 effective --scope operation --parent api=hr_all.xml --parent global=global.xml hr_get.xml",
        "Parents named",
      ),
  run: async (args) => {
    const file = args.file;
    let isDir = false;
    try {
      isDir = statSync(file).isDirectory();
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new UsageError(
        code === "ENOENT" ? `${file}: no such file` : `${file}: cannot read (${fsErrorReason(err)})`,
      );
    }
    if (isDir) throw new UsageError(`${file}: is a folder (give a policy file)`);
    const parents = parentMap(args.parent);
    const fragments = args.fragment
      ? Object.fromEntries([args.fragment].flat().map((e) => pair("--fragment", e)))
      : undefined;
    const composed = composeFile(file, {
      host: diskTreeHost,
      scope: args.scope,
      product: args.product,
      parents,
      fragments,
    });
    const policy = composed.policy;
    if (!policy) throw new UsageError(`${file}: cannot read`);
    if (policy.document.kind === "fragment") {
      throw new UsageError(`${file}: is a fragment; compose a policy that includes it`);
    }
    const text =
      args.format === "json"
        ? `${JSON.stringify(effectiveToJson(policy, composed), null, 2)}\n`
        : effectiveToXml(policy);
    process.stdout.write(redactSecrets(text));
    for (const note of composed.notes) process.stderr.write(redactSecrets(`apimkit: note: ${note}\n`));
    for (const d of composed.diagnostics) {
      process.stderr.write(redactSecrets(`${d.file}:${d.line}:${d.column}: error: ${d.message}\n`));
    }
    return composed.diagnostics.length > 0 ? 2 : 0;
  },
};
