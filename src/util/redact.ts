// Secrets and tokens never reach a log, an error message or a report.
const JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*\.?[A-Za-z0-9_-]*/g;
const SECRET_PARAM = /((?:client_secret|client_assertion|access_token|refresh_token|sig|password)=)[^&\s"']+/gi;

/** Replaces JWTs and secret-looking query/form parameters in text that is about to be printed. */
export function redactSecrets(text: string): string {
  // Every message of a lint run passes here: most hold neither pattern's fixed part, and a test is cheaper than a replace.
  const out = text.includes("eyJ") ? text.replace(JWT, "eyJ…[redacted]") : text;
  return out.includes("=") ? out.replace(SECRET_PARAM, "$1[redacted]") : out;
}

/** Replaces JWTs only: safe on any output (a report quoting `sig=` in a rule's description stays as written). */
export function redactTokens(text: string): string {
  return text.includes("eyJ") ? text.replace(JWT, "eyJ…[redacted]") : text;
}
