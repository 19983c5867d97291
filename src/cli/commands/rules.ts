// `apimkit rules [ID]`: the lint rules (id, category, default severity, fixable, description), or one rule's page.
import type { CliCommand } from "../command.js";
import { UsageError } from "../command.js";

interface RulesArgs {
  id?: string;
  json?: boolean;
}

export const rulesCommand: CliCommand<RulesArgs> = {
  command: "rules [id]",
  describe: "List the lint rules, or print one rule's documentation page",
  builder: (y) =>
    y
      .positional("id", { type: "string", describe: "A rule id: print its page" })
      .option("json", { type: "boolean", describe: "The list (or the rule) as JSON" })
      .example("$0 rules", "Every rule with its category, level and whether --fix repairs it")
      .example("$0 rules base-missing", "The rule's page: why, failing and passing examples, fix"),
  run: async (args) => {
    const { listRules, rulePage } = await import("../../lint/rules-info.js");
    const { useColor } = await import("../../util/color.js");
    const { pluginRulesFor } = await import("../../lint/config/plugin-rules.js");
    const io = { stdout: process.stdout, env: process.env };
    // The plugins of the lint config that applies in the current folder are listed with apimkit's rules.
    const plugins = await pluginRulesFor(process.cwd()).catch((err: Error) => {
      throw new UsageError(err.message);
    });
    if (args.id === undefined) {
      process.stdout.write(listRules(args.json === true, plugins));
      return 0;
    }
    const page = rulePage(args.id, args.json === true, useColor(io.env, io.stdout, false), plugins);
    if ("error" in page) throw new UsageError(page.error);
    process.stdout.write(page.text);
    return 0;
  },
};
