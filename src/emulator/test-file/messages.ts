// How the test file's bodies and headers become HTTP messages, for requests and mocked responses alike.
import type { EmulatedResponse, Headers } from "../api.js";
import type { BodySpec, HeaderValues, ResponseSpec } from "./types.js";

export function findHeader(headers: Headers | undefined, name: string): string | string[] | undefined {
  if (!headers) return undefined;
  const lower = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === lower) return value;
  return undefined;
}

/**
 * A string body is sent as written; any other value as its JSON text, with `Content-Type: application/json`
 * unless the headers name a Content-Type (the test file's rule, for requests and mocked responses alike).
 */
export function message(
  headers: HeaderValues | undefined,
  body: BodySpec,
): { headers: Headers; body: string | undefined } {
  const out: Headers = { ...(headers ?? {}) };
  if (body === undefined) return { headers: out, body: undefined };
  if (typeof body === "string") return { headers: out, body };
  if (findHeader(out, "Content-Type") === undefined) out["Content-Type"] = "application/json";
  return { headers: out, body: JSON.stringify(body) };
}

export function responseOf(spec: ResponseSpec): EmulatedResponse {
  const { headers, body } = message(spec.headers, spec.body);
  return {
    status: spec.status ?? 200,
    ...(spec.reason !== undefined ? { reason: spec.reason } : {}),
    headers,
    ...(body !== undefined ? { body } : {}),
  };
}
