// apimkit doctor: offline checks of a cross-tenant setup against its config. Each check is a pass/FAIL line with
// the fix: the bridge app's federated credentials, a token from the exchange (explain-token against the provider
// policy generate would produce), and an AADSTS error text. Exit 0 all pass, 1 any fails, 2 bad input.
import { existsSync, readFileSync, statSync } from "node:fs";
import { ConfigError, loadConfigWithWarnings } from "../../config/load.js";
import type { CallerConfig, Config } from "../../config/types.js";
import { diagnoseAadsts } from "../../token/aadsts.js";
import { TokenInputError } from "../../token/evaluate.js";
import { explainAgainstPolicy, PolicyInputError } from "../../token/explain.js";
import { checkFederatedCredentials, type DoctorLine, FicInputError, parseFicJson } from "../../token/fic.js";
import { KeySourceError } from "../../token/keys.js";
import { loadNamedValues, NamedValuesError } from "../../token/named-values.js";
import { generatedProvider } from "../../token/provider-policy.js";
import { showValue, verdictLine } from "../../token/report.js";
import { parseAt, readTokenArgument, TokenArgumentError } from "../../token/token-input.js";
import { fsErrorReason } from "../../util/fs-reason.js";
import { escapeControl } from "../../util/printable.js";
import { redactSecrets } from "../../util/redact.js";
import { type CliCommand, UsageError } from "../command.js";
import { checkTimeout } from "../option-checks.js";

export interface DoctorArgs {
  config: string;
  fic?: string;
  token?: string;
  error?: string;
  caller?: string;
  policy?: string;
  jwks?: string;
  openidConfig?: string;
  namedValues?: string;
  at?: string;
  timeout: number;
}

const INPUT_ERRORS = [
  ConfigError,
  FicInputError,
  TokenArgumentError,
  TokenInputError,
  PolicyInputError,
  KeySourceError,
  NamedValuesError,
];

function pickCallers(config: Config, name: string | undefined): CallerConfig[] {
  if (name === undefined) return config.callers;
  const c = config.callers.find((x) => x.name === name);
  if (!c)
    throw new UsageError(
      `--caller ${name}: no such caller in the config (callers: ${config.callers.map((x) => x.name).join(", ")})`,
    );
  return [c];
}

/** --fic is a file (also a pipe such as <(az ...)); --error is a text or a file holding it. */
function readMaybeFile(value: string, what: "--fic" | "--error"): string {
  const isPath = existsSync(value) && !statSync(value).isDirectory();
  if (!isPath) {
    if (what === "--fic") throw new UsageError(`--fic ${value}: file not found`);
    return value;
  }
  try {
    return readFileSync(value, "utf8");
  } catch (err) {
    throw new UsageError(`${what} ${value}: cannot read (${fsErrorReason(err)})`);
  }
}

async function tokenLines(config: Config, args: DoctorArgs): Promise<DoctorLine[]> {
  const token = await readTokenArgument(args.token);
  let policySource: string;
  let policyFile: string;
  let namedValues: Map<string, string>;
  if (args.policy) {
    policyFile = args.policy;
    try {
      policySource = readFileSync(args.policy, "utf8");
    } catch (err) {
      throw new PolicyInputError(`${args.policy}: cannot read (${fsErrorReason(err)})`);
    }
    namedValues = new Map();
  } else {
    const provider = await generatedProvider(config);
    policyFile = provider.file;
    policySource = provider.source;
    namedValues = provider.namedValues;
  }
  if (args.namedValues) for (const [k, v] of loadNamedValues(args.namedValues)) namedValues.set(k, v);
  const e = await explainAgainstPolicy({
    policySource,
    policyFile,
    token,
    namedValues,
    keys: { jwksFile: args.jwks, openidConfigUrl: args.openidConfig, timeoutMs: args.timeout * 1000 },
    at: parseAt(args.at),
  });
  const lines: DoctorLine[] = e.checks.map((c) => ({
    ok: c.ok,
    ...(c.status === "not-verified" ? { notVerified: true } : {}),
    title: `token ${c.name}: expected ${showValue(c.expected)}; actual ${showValue(c.actual)}`,
    ...(c.detail ? (c.status === "fail" ? { fix: c.detail } : { detail: c.detail }) : {}),
  }));
  lines.push({
    ok: e.valid,
    notVerified: e.verdict === "unverified",
    title: `token against ${policyFile}: ${verdictLine(e)}`,
  });
  return lines;
}

function errorLines(config: Config | undefined, callers: CallerConfig[], text: string): DoctorLine[] {
  const caller = callers.length === 1 ? callers[0] : undefined;
  const found = diagnoseAadsts(text, { config, caller });
  if (found.length === 0)
    throw new UsageError(
      "--error: no AADSTS code in the text (expected e.g. 'AADSTS700213: ...' or Entra's JSON error body)",
    );
  return found.map((d) => ({
    ok: false,
    title: `AADSTS${d.code}: ${d.meaning}${d.correlationId ? ` (correlation ID ${d.correlationId})` : ""}`,
    fix: d.likelyCause,
  }));
}

function render(lines: DoctorLine[]): string {
  const out: string[] = [];
  for (const l of lines) {
    out.push(`${l.ok ? "pass" : l.notVerified ? "n/v " : "FAIL"}  ${l.title}`);
    if (l.detail) out.push(`      why: ${l.detail}`);
    if (l.fix && !l.ok) out.push(`      fix: ${l.fix}`);
  }
  const failed = lines.filter((l) => !l.ok && !l.notVerified).length;
  const unverified = lines.filter((l) => l.notVerified).length;
  const passed = lines.length - failed - unverified;
  out.push("", `${passed} passed, ${failed} failed${unverified ? `, ${unverified} not verified (n/v: see why)` : ""}`);
  return `${escapeControl(redactSecrets(out.join("\n")), true)}\n`;
}

export async function runDoctor(args: DoctorArgs): Promise<number> {
  checkTimeout(args.timeout);
  if (!args.fic && args.token === undefined && !args.error) {
    throw new UsageError("say what to check: --fic FILE, --token FILE (or -), --error TEXT");
  }
  if (args.jwks && args.openidConfig)
    throw new UsageError("--jwks and --openid-config are mutually exclusive: give one key source");
  if (
    args.error &&
    !args.fic &&
    args.token === undefined &&
    args.config === DEFAULT_CONFIG &&
    !existsSync(args.config)
  ) {
    return explainWithoutConfig(args, args.error);
  }
  try {
    const { config, file, warnings } = loadConfigWithWarnings(args.config);
    const callers = pickCallers(config, args.caller);
    const lines: DoctorLine[] = [
      {
        ok: true,
        title: `config ${file}: ${config.callers.length} caller(s), provider tenant ${config.provider.tenantId}, API app token version ${config.provider.apiApp.tokenVersion}`,
      },
    ];
    for (const w of warnings)
      lines.push({ ok: true, title: `config warning: ${w.path ? `${w.path}: ` : ""}${w.message}` });
    if (args.fic)
      lines.push(
        ...checkFederatedCredentials(parseFicJson(readMaybeFile(args.fic, "--fic"), args.fic), callers, config.cloud),
      );
    if (args.token !== undefined) lines.push(...(await tokenLines(config, args)));
    if (args.error) lines.push(...errorLines(config, callers, readMaybeFile(args.error, "--error")));
    process.stdout.write(render(lines));
    return lines.every((l) => l.ok) ? 0 : 1;
  } catch (err) {
    if (INPUT_ERRORS.some((E) => err instanceof E)) throw new UsageError((err as Error).message);
    throw err;
  }
}

const DEFAULT_CONFIG = "apimkit.json";

/**
 * `doctor --error TEXT` where there is no apimkit.json: what the code means and its usual causes, without the
 * setup's values (tenant ids, app ids, audience), and a line that says so.
 */
function explainWithoutConfig(args: DoctorArgs, error: string): number {
  if (args.caller !== undefined) throw new UsageError(`--caller needs the config: ${DEFAULT_CONFIG} not found`);
  const lines = errorLines(undefined, [], readMaybeFile(error, "--error"));
  process.stdout.write(
    `note: no ${DEFAULT_CONFIG} here, so the codes are explained without your setup's values (give -c FILE for them)\n`,
  );
  process.stdout.write(render(lines));
  return 1;
}

export const doctorCommand: CliCommand<DoctorArgs> = {
  // `--token -` takes the "-" as its value because every valued option requires one (src/cli/main.ts).
  command: "doctor",
  describe: "Check a cross-tenant setup offline: federated credentials, a token from the exchange, an AADSTS error",
  builder: (y) =>
    y
      .usage(
        "$0 doctor [-c apimkit.json] [--fic FILE] [--token FILE|-] [--error TEXT|FILE]\n\nCheck a cross-tenant setup offline, each check a pass/FAIL line with its fix.",
      )
      .option("config", { alias: "c", type: "string", default: DEFAULT_CONFIG, describe: "The apimkit config file" })
      .option("fic", {
        type: "string",
        describe: "The bridge app's federated credentials (JSON from 'az ad app federated-credential list')",
      })
      .option("token", { type: "string", describe: "A file holding a token from the exchange, or - for stdin" })
      .option("error", { type: "string", describe: "An AADSTS error text (or a file holding Entra's error body)" })
      .option("caller", {
        type: "string",
        describe: "The caller (by name) the checks are about (default: all callers)",
      })
      .option("policy", {
        type: "string",
        describe: "Check --token against this provider policy instead of the generated one",
      })
      .option("jwks", { type: "string", describe: "A JWKS file to verify the token's signature" })
      .option("openid-config", {
        type: "string",
        describe: "An OpenID configuration URL to verify the token's signature",
      })
      .option("named-values", { type: "string", describe: "Named-values.json overriding the generated named values" })
      .option("at", { type: "string", describe: "Evaluate the token at this ISO 8601 time instead of now" })
      .option("timeout", { type: "number", default: 10, describe: "Seconds to wait for --openid-config" })
      .example(
        "$0 doctor --fic <(az ad app federated-credential list --id <bridge app id>)",
        "Check the federated credentials",
      )
      .example(
        '$0 doctor --error "AADSTS700213: No matching federated identity record ..."',
        "What does this AADSTS error mean here?",
      )
      .example(
        "$0 doctor --token token.jwt --openid-config https://login.microsoftonline.com/<tenant2>/.well-known/openid-configuration",
        "Would the provider accept this token?",
      ) as never,
  run: runDoctor,
};
