// authentication-managed-identity and authentication-basic (runtime reference §5.5, apim-reference §3).
import type { ElementNode } from "../../../policy/model.js";
import type { HeaderMap } from "../message.js";
import type { Handler, Run } from "./handler.js";
import { jsonRefusal, onlyIn, required } from "./refusal.js";

/**
 * The managed identity's token for `resource`: EmulateOptions.managedIdentity is one token for every resource, or
 * a token per resource (looked up as written, then without a trailing slash or `/.default`).
 */
function identityToken(run: Run, resource: string): string | undefined {
  const given = run.options.managedIdentity;
  if (given === undefined) return undefined;
  if (typeof given === "string") return given;
  const trimmed = resource.replace(/\/\.default$/, "").replace(/\/$/, "");
  return given[resource] ?? given[trimmed] ?? given[`${trimmed}/`];
}

/**
 * Sets Authorization: Bearer <token> on `headers`, or with output-token-variable-name puts the token (a string) in
 * that variable and leaves the header alone ([U] §5.5: the docs' "set header manually" example implies it).
 * No token -> an error to on-error ([U]: the docs name no reason; ManagedIdentityTokenNotAcquired, 500), or with
 * ignore-error="true" the request goes on without a token (the variable, if named, holds null).
 * Exported for send-request's child element.
 */
export function applyManagedIdentity(el: ElementNode, run: Run, headers: HeaderMap): void {
  const resource = required(run, el, "resource").trim();
  const clientId = run.string(el, "client-id")?.trim();
  const variable = run.string(el, "output-token-variable-name")?.trim() || undefined;
  const ignoreError = run.bool(el, "ignore-error", false);
  const identity = clientId ? `user-assigned identity ${clientId}` : "system-assigned identity";
  const token = identityToken(run, resource);
  if (token === undefined) {
    if (!ignoreError) {
      const message = `Unable to acquire a managed identity token for resource ${resource} (${identity}).`;
      run.assume(
        "authentication-managed-identity without a token fails with Reason ManagedIdentityTokenNotAcquired and status 500 (the docs name no reason)",
      );
      run.fail("ManagedIdentityTokenNotAcquired", message, jsonRefusal(500, "Internal server error"));
    }
    if (variable) run.context.variables.set(variable, null);
    run.trace(el, `no token for ${resource} (${identity}): ignored (ignore-error)`);
    return;
  }
  if (variable) {
    run.context.variables.set(variable, token);
    run.assume("authentication-managed-identity with output-token-variable-name does not set the Authorization header");
    run.trace(el, `token for ${resource} (${identity}) in variable ${variable}`);
    return;
  }
  headers.set("Authorization", [`Bearer ${token}`]);
  run.trace(el, `Authorization: Bearer <token for ${resource}> (${identity})`);
}

export const authenticationManagedIdentity: Handler = (el, run) => {
  onlyIn(run, el, ["inbound"]);
  applyManagedIdentity(el, run, run.context.request.headers);
};

/**
 * authentication-basic: Authorization: Basic base64(username:password), the text encoded as UTF-8 ([U]: the docs
 * name no encoding; RFC 7617 recommends UTF-8). Inbound only.
 */
export const authenticationBasic: Handler = (el, run) => {
  onlyIn(run, el, ["inbound"]);
  const user = required(run, el, "username");
  const password = run.string(el, "password") ?? "";
  const encoded = Buffer.from(`${user}:${password}`, "utf8").toString("base64");
  run.context.request.headers.set("Authorization", [`Basic ${encoded}`]);
  run.trace(el, `Authorization: Basic <credentials of ${user}>`);
};
