// The token job's public surface (explain-token and doctor are thin CLI layers over these).
export { AADSTS_CODES, type AadstsDiagnosis, diagnoseAadsts } from "./aadsts.js";
export { type Check, type CheckStatus, type Explanation, explainToken, type LastErrorReason } from "./evaluate.js";
export { explainAgainstPolicy, PolicyInputError, resolveKeys, specFromPolicy } from "./explain.js";
export { checkFederatedCredentials, type DoctorLine, type FederatedCredentialJson, parseFicJson } from "./fic.js";
export { fetchOpenIdKeys, type KeySet, KeySourceError, loadJwksFile } from "./keys.js";
export { loadNamedValues, parseNamedValues } from "./named-values.js";
export { generatedProvider } from "./provider-policy.js";
export { explanationJson, formatExplanation } from "./report.js";
export { findValidators, readValidatorSpec, type ValidatorSpec } from "./validator-spec.js";
