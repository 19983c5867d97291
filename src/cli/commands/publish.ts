// `apimkit publish`: the options; the work is in src/publish/publish.ts, imported only when the command runs.
import { existsSync } from "node:fs";
import { createInterface } from "node:readline/promises";
import type { CliCommand } from "../command.js";
import { UsageError } from "../command.js";

const AUTH = ["default", "cli", "token"] as const;

interface PublishArgs {
  config: string;
  from: string;
  "dry-run"?: boolean;
  only?: string;
  yes?: boolean;
  rollback: boolean;
  json?: boolean;
  auth: (typeof AUTH)[number];
  "arm-endpoint"?: string;
  restore?: string;
}

export const publishCommand: CliCommand<PublishArgs> = {
  command: "publish",
  describe:
    "Publish the generated policies and named values to both APIM instances through ARM (plan, backup, rollback)",
  builder: (y) =>
    y
      .option("config", { alias: "c", type: "string", default: "apimkit.json", describe: "The apimkit config file" })
      .option("from", { type: "string", default: "out", describe: "Folder written by 'apimkit generate'" })
      .option("dry-run", { type: "boolean", describe: "Preflight and plan (with diffs) only; write nothing" })
      .option("only", { type: "string", describe: "Publish one side only: provider or caller:NAME" })
      .option("yes", {
        alias: "y",
        type: "boolean",
        describe: "Apply without asking (required when there is no terminal, e.g. in CI)",
      })
      .option("rollback", {
        type: "boolean",
        default: true,
        describe: "Undo applied steps when a later step fails (--no-rollback to keep them)",
      })
      .option("json", { type: "boolean", describe: "Print the plan/report as JSON on stdout" })
      .option("auth", {
        choices: AUTH,
        default: "default",
        describe:
          "Credential per tenant: default (DefaultAzureCredential), cli (Azure CLI), token (AZURE_BEARER_TOKEN)",
      })
      .option("arm-endpoint", {
        type: "string",
        describe: "ARM endpoint to use instead of the cloud's (sovereign or test endpoints)",
      })
      .option("restore", {
        type: "string",
        describe: "Put a backup folder (.apimkit/backups/<timestamp>) back instead of publishing",
      })
      .example("$0 publish --dry-run", "Show what would change")
      .example("$0 publish --yes --auth default", "Publish from CI")
      .example("$0 publish --restore .apimkit/backups/2026-01-01T10-00-00-000Z --yes", "Undo a publish"),
  run: async (args) => {
    const { publish, restore } = await import("../../publish/publish.js");
    const { cloudByName } = await import("../../config/clouds.js");
    const { ConfigError, loadConfig } = await import("../../config/load.js");

    const armEndpoint = (endpoint: string | undefined, cloud: Parameters<typeof cloudByName>[0]) => {
      if (endpoint === undefined) return cloudByName(cloud).armEndpoint;
      let url: URL;
      try {
        url = new URL(endpoint);
      } catch {
        throw new UsageError(`--arm-endpoint ${endpoint}: expected an https:// URL`);
      }
      if (url.protocol !== "https:")
        throw new UsageError(`--arm-endpoint ${endpoint}: must be https (ARM bearer tokens are never sent over http)`);
      return url.origin;
    };
    const io = {
      stdout: (t: string) => void process.stdout.write(t),
      stderr: (t: string) => void process.stderr.write(t),
      interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
      confirm: async (question: string) => {
        const rl = createInterface({ input: process.stdin, output: process.stderr });
        try {
          return /^y(es)?$/i.test((await rl.question(question)).trim());
        } finally {
          rl.close();
        }
      },
    };
    // First Ctrl-C: finish the step under way, then roll back; a second one exits at once (like terraform).
    const interrupt = new AbortController();
    const onSigint = () => {
      if (interrupt.signal.aborted) process.exit(130);
      process.stderr.write(
        "apimkit: interrupted; stopping after the step under way and rolling back (Ctrl-C again to quit now)\n",
      );
      interrupt.abort();
    };
    process.on("SIGINT", onSigint);
    const common = {
      signal: interrupt.signal,
      dryRun: args["dry-run"] === true,
      yes: args.yes === true,
      rollback: args.rollback,
      json: args.json === true,
    };
    try {
      if (args.restore !== undefined) {
        if (args.only !== undefined)
          throw new UsageError("--only cannot be used with --restore (a backup is put back whole)");
        // The cloud comes from the config when there is one; a backup alone does not say which cloud it came from.
        const cloud = existsSync(args.config) ? loadConfig(args.config).cloud : undefined;
        const client = { auth: args.auth, armEndpoint: armEndpoint(args["arm-endpoint"], cloud) };
        return (await restore({ ...common, client, backupDir: args.restore }, io)).exitCode;
      }
      const config = loadConfig(args.config);
      const client = { auth: args.auth, armEndpoint: armEndpoint(args["arm-endpoint"], config.cloud) };
      return (
        await publish({ ...common, client, config, fromDir: args.from, ...(args.only ? { only: args.only } : {}) }, io)
      ).exitCode;
    } catch (err) {
      if (err instanceof ConfigError) {
        process.stderr.write(`apimkit: ${err.message}\n`);
        return 2;
      }
      throw err;
    } finally {
      process.off("SIGINT", onSigint);
    }
  },
};
