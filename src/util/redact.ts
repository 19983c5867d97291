// Secrets and tokens never reach a log, an error message or a report.
const JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*\.?[A-Za-z0-9_-]*/g;
/**
 * An Entra ID client secret (the format since 2021: 3 characters, a digit, `Q~`, 31-34 more; GitHub secret
 * scanning's pattern), wherever it stands.
 */
const CLIENT_SECRET = /(?<![\w~.-])[\w~.-]{3}\dQ~[\w~.-]{31,34}(?![\w~.-])/g;
/** A base64 key (storage account, SAS, Event Hubs, function keys): 40 or more base64 characters with `=` padding. */
const BASE64_KEY = /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{40,}={1,2}(?![A-Za-z0-9+/=])/g;
const SECRET_PARAM = /((?:client_secret|client_assertion|access_token|refresh_token|sig|password)=)[^&\s"']+/gi;

/** Replaces tokens, secrets, keys and secret-looking query/form parameters in text that is about to be printed. */
export function redactSecrets(text: string): string {
  // Every message of a lint run passes here: most hold no pattern's fixed part, and a test is cheaper than a replace.
  const out = redactTokens(text);
  return out.includes("=") ? out.replace(SECRET_PARAM, "$1[redacted]") : out;
}

/**
 * Replaces what is shaped like a token, a client secret or a key (not parameter names: a report quoting `sig=` in
 * a rule's description stays as written). Safe on any output: the CLI runs everything it prints through it.
 */
export function redactTokens(text: string): string {
  let out = text.includes("eyJ") ? text.replace(JWT, "eyJ…[redacted]") : text;
  if (out.includes("Q~")) out = out.replace(CLIENT_SECRET, "[redacted client secret]");
  if (out.includes("=")) out = out.replace(BASE64_KEY, "[redacted key]");
  return out;
}
