// apimkit explain-token: evaluates a policy's validate-jwt (or validate-azure-ad-token) on a token offline and says
// which check fails and what APIM would answer. Exit 0 valid, 1 invalid (or not verifiable), 2 bad input.
import { readFileSync } from "node:fs";
import { TokenInputError } from "../../token/evaluate.js";
import { explainAgainstPolicy, PolicyInputError } from "../../token/explain.js";
import { KeySourceError } from "../../token/keys.js";
import { loadNamedValues, NamedValuesError } from "../../token/named-values.js";
import { explanationJson, formatExplanation } from "../../token/report.js";
import { parseAt, readTokenArgument, TokenArgumentError } from "../../token/token-input.js";
import { fsErrorReason } from "../../util/fs-reason.js";
import { type CliCommand, UsageError } from "../command.js";
import { checkTimeout } from "../option-checks.js";

export interface ExplainTokenArgs {
  token?: string;
  policy: string;
  jwks?: string;
  openidConfig?: string;
  namedValues?: string;
  at?: string;
  json?: boolean;
  timeout: number;
}

const INPUT_ERRORS = [TokenArgumentError, TokenInputError, PolicyInputError, KeySourceError, NamedValuesError];

export async function runExplainToken(args: ExplainTokenArgs): Promise<number> {
  checkTimeout(args.timeout);
  if (args.jwks && args.openidConfig)
    throw new UsageError("--jwks and --openid-config are mutually exclusive: give one key source");
  try {
    const token = await readTokenArgument(args.token);
    let policySource: string;
    try {
      policySource = readFileSync(args.policy, "utf8");
    } catch (err) {
      throw new PolicyInputError(`${args.policy}: cannot read (${fsErrorReason(err)})`);
    }
    const result = await explainAgainstPolicy({
      policySource,
      policyFile: args.policy,
      token,
      namedValues: args.namedValues ? loadNamedValues(args.namedValues) : new Map(),
      keys: { jwksFile: args.jwks, openidConfigUrl: args.openidConfig, timeoutMs: args.timeout * 1000 },
      at: parseAt(args.at),
    });
    process.stdout.write(args.json ? explanationJson(result) : formatExplanation(result, result.spec));
    return result.valid ? 0 : 1;
  } catch (err) {
    if (INPUT_ERRORS.some((E) => err instanceof E)) throw new UsageError((err as Error).message);
    throw err;
  }
}

export const explainTokenCommand: CliCommand<ExplainTokenArgs> = {
  command: "explain-token [token]",
  describe: "Explain offline why a token passes or fails a policy's validate-jwt, and what APIM would answer",
  builder: (y) =>
    y
      .positional("token", {
        type: "string",
        describe:
          "The JWT (or 'Bearer <jwt>'), a file holding it, or - for stdin (prefer a file or stdin: shells keep history)",
      })
      .option("policy", {
        alias: "p",
        type: "string",
        demandOption: true,
        describe: "The policy file holding the validate-jwt",
      })
      .option("jwks", { type: "string", describe: "A JWKS file with the issuer's signing keys" })
      .option("openid-config", {
        type: "string",
        describe: "An OpenID configuration URL to fetch the signing keys (and issuer) from",
      })
      .option("named-values", {
        type: "string",
        describe: "Named-values.json ([{ name, value }]) to resolve {{name}} in the policy",
      })
      .option("at", { type: "string", describe: "Evaluate at this ISO 8601 time instead of now" })
      .option("json", { type: "boolean", describe: "Print the result as JSON" })
      .option("timeout", { type: "number", default: 10, describe: "Seconds to wait for --openid-config" })
      .example(
        "$0 explain-token token.jwt -p out/provider/policy.xml --named-values out/named-values.json --openid-config https://login.microsoftonline.com/<tenant>/.well-known/openid-configuration",
        "Why does the provider answer 401 to this token?",
      )
      .example(
        "pbpaste | $0 explain-token - -p policy.xml --jwks keys.json --json",
        "The same from stdin, as JSON",
      ) as never,
  run: runExplainToken,
};
