// One entry point for explain-token and doctor: policy text + token + key source -> the explanation.
import { parsePolicy } from "../policy/parser.js";
import { type ExplainInput, type Explanation, explainToken } from "./evaluate.js";
import { fetchOpenIdKeys, type KeySet, loadJwksFile, policyKeys } from "./keys.js";
import type { NamedValues } from "./named-values.js";
import { findValidators, readValidatorSpec, type ValidatorSpec } from "./validator-spec.js";

/** The policy cannot be evaluated (unreadable, no validator, ...): bad input, exit 2. Names file:line:column. */
export class PolicyInputError extends Error {}

export interface KeyOptions {
  jwksFile?: string;
  openidConfigUrl?: string;
  timeoutMs?: number;
}

export interface ExplainPolicyInput {
  policySource: string;
  policyFile: string;
  token: string;
  namedValues: NamedValues;
  keys: KeyOptions;
  at: Date;
}

export interface PolicyExplanation extends Explanation {
  spec: ValidatorSpec;
}

export function specFromPolicy(
  source: string,
  file: string,
  namedValues: NamedValues,
): { spec: ValidatorSpec; notes: string[] } {
  const doc = parsePolicy(source, file);
  const problem = doc.diagnostics[0];
  if (problem) {
    const { line, column } = problem.range.start;
    throw new PolicyInputError(`${file}:${line}:${column}: ${problem.message}`);
  }
  const validators = findValidators(doc);
  const el = validators[0];
  if (!el) {
    throw new PolicyInputError(
      `${file}: no <validate-jwt> or <validate-azure-ad-token> element (expected one in <inbound>)`,
    );
  }
  const notes: string[] = [];
  if (validators.length > 1) {
    const at = validators.slice(1).map((v) => `${v.startTagRange.start.line}:${v.startTagRange.start.column}`);
    notes.push(`the policy has ${validators.length} validators; evaluated the first one (others at ${at.join(", ")})`);
  }
  const spec = readValidatorSpec(doc, el, namedValues);
  const sources = [spec.headerName, spec.queryParameterName, spec.tokenValue].filter(Boolean).length;
  const attrSources = ["header-name", "query-parameter-name", "token-value"].filter((n) =>
    el.attributes.some((a) => a.name === n),
  );
  if (spec.kind === "validate-jwt" && (sources !== 1 || attrSources.length !== 1)) {
    const { line, column } = el.startTagRange.start;
    throw new PolicyInputError(
      `${file}:${line}:${column}: validate-jwt needs exactly one of header-name, query-parameter-name, token-value (found ${attrSources.length === 0 ? "none" : attrSources.join(", ")})`,
    );
  }
  return { spec, notes };
}

/** Keys from --jwks or --openid-config, plus the policy's own issuer-signing-keys (APIM uses both). */
export async function resolveKeys(spec: ValidatorSpec, opts: KeyOptions): Promise<KeySet | undefined> {
  const external = opts.jwksFile
    ? loadJwksFile(opts.jwksFile)
    : opts.openidConfigUrl
      ? await fetchOpenIdKeys(opts.openidConfigUrl, opts.timeoutMs)
      : undefined;
  const inPolicy = policyKeys(spec.signingKeys);
  if (!external) return inPolicy;
  if (!inPolicy) return external;
  return {
    keys: [...external.keys, ...inPolicy.keys],
    source: `${external.source} and ${inPolicy.source}`,
    issuer: external.issuer,
    unusable: inPolicy.unusable,
  };
}

export async function explainAgainstPolicy(input: ExplainPolicyInput): Promise<PolicyExplanation> {
  const { spec, notes } = specFromPolicy(input.policySource, input.policyFile, input.namedValues);
  const keys = await resolveKeys(spec, input.keys);
  const evalInput: ExplainInput = { spec, token: input.token, keys, at: input.at };
  const result = await explainToken(evalInput);
  if (spec.unresolvedNamedValues.length > 0) {
    notes.push(
      `unresolved named values: ${[...spec.unresolvedNamedValues]
        .sort()
        .map((n) => `{{${n}}}`)
        .join(", ")} (pass --named-values FILE)`,
    );
  }
  return { ...result, notes: [...notes, ...result.notes], spec };
}
