// Every lint rule, in one list. Add one import and one entry per rule.
import type { Rule } from "../src/lint/types.js";
// Structure rules (issue 4).
import { baseAtGlobal } from "./base-at-global.js";
import { baseMissing } from "./base-missing.js";
import { clientControlledValue } from "./client-controlled-value.js";
import { corsWildcard } from "./cors-wildcard.js";
import { expressionNotAllowed } from "./expression-not-allowed.js";
import { expressionSyntax } from "./expression-syntax.js";
import { expressionTypeMismatch } from "./expression-type-mismatch.js";
import { expressionTypeNotAllowed } from "./expression-type-not-allowed.js";
import { expressionUnknownMember } from "./expression-unknown-member.js";
import { fragmentStructure } from "./fragment-structure.js";
import { globalBackendForward } from "./global-backend-forward.js";
import { hardcodedSecret } from "./hardcoded-secret.js";
import { httpUrl } from "./http-url.js";
import { internalDetailsExposed } from "./internal-details-exposed.js";
// Token validation, token acquisition and security rules (issue 5).
import { jwtAnyTenant } from "./jwt-any-tenant.js";
import { jwtAudienceMissing } from "./jwt-audience-missing.js";
import { jwtCallerUnchecked } from "./jwt-caller-unchecked.js";
import { jwtClaimsConflict } from "./jwt-claims-conflict.js";
import { jwtClaimsUnvalidated } from "./jwt-claims-unvalidated.js";
import { jwtClientAuthMissing } from "./jwt-client-auth-missing.js";
import { jwtClientAuthWeak } from "./jwt-client-auth-weak.js";
import { jwtIssuerFormat } from "./jwt-issuer-format.js";
import { jwtIssuerMissing } from "./jwt-issuer-missing.js";
import { jwtIssuerTenant } from "./jwt-issuer-tenant.js";
import { jwtIssuerVersion } from "./jwt-issuer-version.js";
import { jwtNotFirst } from "./jwt-not-first.js";
import { jwtTokenInQuery } from "./jwt-token-in-query.js";
import { jwtUnsafeSettings } from "./jwt-unsafe-settings.js";
import { namedValueUndefined } from "./named-value-undefined.js";
import { secretLeak } from "./secret-leak.js";
import { sectionPlacement } from "./section-placement.js";
import { sendRequestTimeout } from "./send-request-timeout.js";
import { sendRequestUnchecked } from "./send-request-unchecked.js";
import { tokenCacheDuration } from "./token-cache-duration.js";
import { tokenExchangeAudience } from "./token-exchange-audience.js";
import { tokenExchangeCache } from "./token-exchange-cache.js";
import { tokenExchangeWorkaround } from "./token-exchange-workaround.js";
import { tokenRequestIgnoreError } from "./token-request-ignore-error.js";
import { tokenResponseUnchecked } from "./token-response-unchecked.js";
import { undefinedVariable } from "./undefined-variable.js";
import { unknownElement } from "./unknown-element.js";
import { unusedVariable } from "./unused-variable.js";

export const allRules: Rule[] = [
  // structure (issue 4)
  expressionSyntax,
  unknownElement,
  sectionPlacement,
  expressionNotAllowed,
  baseMissing,
  baseAtGlobal,
  globalBackendForward,
  fragmentStructure,
  undefinedVariable,
  unusedVariable,
  namedValueUndefined,
  jwtAudienceMissing,
  jwtIssuerMissing,
  jwtAnyTenant,
  jwtIssuerFormat,
  jwtIssuerVersion,
  jwtIssuerTenant,
  jwtClientAuthMissing,
  jwtClientAuthWeak,
  jwtClaimsConflict,
  jwtClaimsUnvalidated,
  jwtCallerUnchecked,
  jwtUnsafeSettings,
  jwtTokenInQuery,
  jwtNotFirst,
  tokenExchangeAudience,
  tokenExchangeCache,
  tokenCacheDuration,
  tokenRequestIgnoreError,
  tokenResponseUnchecked,
  tokenExchangeWorkaround,
  sendRequestTimeout,
  sendRequestUnchecked,
  hardcodedSecret,
  secretLeak,
  internalDetailsExposed,
  clientControlledValue,
  httpUrl,
  corsWildcard,
  // policy expressions as a language: the C# checker's findings
  expressionUnknownMember,
  expressionTypeNotAllowed,
  expressionTypeMismatch,
];
