// Expectations against what the emulated request produced. An object expectation checks only the keys it names
// (recursively; arrays element by element and of the same length), header names are case-insensitive, and null
// means "absent". Each miss carries a diff of the expected value and the matching part of the actual one.
import { diffLines } from "diff";
import type { EmulateResult, Headers, OutboundRequest } from "../api.js";
import { findHeader } from "./messages.js";
import { wildcardMatch } from "./mocks.js";
import type { ExpectSpec, HeadersExpect, OutboundExpect } from "./types.js";

export interface Miss {
  /** The expectation's key, as the test file writes it: `status`, `headers.Location`, `backend.body`. */
  key: string;
  message: string;
  /** Expected vs actual, line by line (`- expected`, `+ actual`), when a one-line message is not enough. */
  diff?: string;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** True when `actual` holds everything `expected` names (objects: the keys named; arrays: same length). */
export function contains(expected: unknown, actual: unknown): boolean {
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return false;
    return Object.entries(expected).every(
      ([k, v]) => v === undefined || (Object.hasOwn(actual, k) && contains(v, actual[k])),
    );
  }
  if (Array.isArray(expected)) {
    return (
      Array.isArray(actual) && actual.length === expected.length && expected.every((v, i) => contains(v, actual[i]))
    );
  }
  return expected === actual;
}

/** The part of `actual` that `expected` talks about, so a diff does not drown in keys nobody asked about. */
export function projection(expected: unknown, actual: unknown): unknown {
  if (isPlainObject(expected) && isPlainObject(actual)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(expected)) if (Object.hasOwn(actual, k)) out[k] = projection(expected[k], actual[k]);
    return out;
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    return actual.map((v, i) => (i < expected.length ? projection(expected[i], v) : v));
  }
  return actual;
}

function show(value: unknown): string {
  if (value === undefined) return "(absent)";
  return JSON.stringify(value, null, 2) ?? String(value);
}

/** `- Expected` / `+ Received` lines, unchanged lines indented (the shape vitest prints). */
export function diffText(expected: string, actual: string): string {
  const lines = ["- Expected", "+ Received", ""];
  for (const part of diffLines(
    expected.endsWith("\n") ? expected : `${expected}\n`,
    actual.endsWith("\n") ? actual : `${actual}\n`,
  )) {
    const mark = part.added ? "+ " : part.removed ? "- " : "  ";
    for (const line of part.value.replace(/\n$/, "").split("\n")) lines.push(`${mark}${line}`);
  }
  return lines.join("\n");
}

function brief(value: unknown): string {
  const text =
    typeof value === "string" ? JSON.stringify(value) : value === undefined ? "nothing" : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function scalarMiss(key: string, expected: unknown, actual: unknown, extra = ""): Miss {
  return { key, message: `${key}: expected ${brief(expected)}, got ${brief(actual)}${extra}` };
}

function structuredMiss(key: string, what: string, expected: unknown, actual: unknown): Miss {
  return { key, message: `${key}: ${what}`, diff: diffText(show(expected), show(projection(expected, actual))) };
}

function headerMatches(expected: string | string[], actual: string | string[] | undefined): boolean {
  if (actual === undefined) return false;
  const values = [actual].flat();
  if (Array.isArray(expected)) return expected.length === values.length && expected.every((v, i) => v === values[i]);
  return values.join(", ") === expected;
}

function checkHeaders(prefix: string, expected: HeadersExpect, actual: Headers | undefined, misses: Miss[]): void {
  for (const [name, want] of Object.entries(expected)) {
    const got = findHeader(actual, name);
    const key = `${prefix}.${name}`;
    if (want === null) {
      if (got !== undefined) misses.push({ key, message: `${key}: expected no such header, got ${brief(got)}` });
    } else if (!headerMatches(want, got)) {
      misses.push(
        got === undefined
          ? { key, message: `${key}: expected ${brief(want)}, the header is absent` }
          : scalarMiss(key, want, got),
      );
    }
  }
}

/** A string: the exact body. Any other value: the body is JSON containing it. */
function checkBody(key: string, expected: unknown, body: string | undefined, misses: Miss[]): void {
  const text = body ?? "";
  if (typeof expected === "string") {
    if (text !== expected) {
      misses.push({
        key,
        message: `${key}: not the expected text`,
        diff: diffText(expected, body === undefined ? "(no body)" : text),
      });
    }
    return;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    misses.push({
      key,
      message: `${key}: expected a JSON body containing ${brief(expected)}, got ${body === undefined || body === "" ? "no body" : `text that is not JSON: ${brief(text)}`}`,
    });
    return;
  }
  if (!contains(expected, parsed))
    misses.push(structuredMiss(key, "the JSON body does not contain what was expected", expected, parsed));
}

function checkContains(key: string, expected: string | string[], body: string | undefined, misses: Miss[]): void {
  for (const piece of [expected].flat()) {
    if (!(body ?? "").includes(piece)) {
      misses.push({
        key,
        message: `${key}: the body does not contain ${brief(piece)}`,
        diff: diffText(piece, body ?? "(no body)"),
      });
    }
  }
}

function checkOutbound(key: string, expected: OutboundExpect, actual: OutboundRequest, misses: Miss[]): void {
  if (expected.method !== undefined && expected.method.toUpperCase() !== actual.method.toUpperCase()) {
    misses.push(scalarMiss(`${key}.method`, expected.method, actual.method));
  }
  if (expected.url !== undefined && !wildcardMatch(expected.url, actual.url)) {
    misses.push(scalarMiss(`${key}.url`, expected.url, actual.url));
  }
  if (expected.headers) checkHeaders(`${key}.headers`, expected.headers, actual.headers, misses);
  if (expected.body !== undefined) checkBody(`${key}.body`, expected.body, actual.body, misses);
  if (expected.bodyContains !== undefined)
    checkContains(`${key}.bodyContains`, expected.bodyContains, actual.body, misses);
}

/** Every expectation of one step that the result does not meet (empty: the step passed). */
export function checkExpectations(expect: ExpectSpec, result: EmulateResult): Miss[] {
  const misses: Miss[] = [];
  const response = result.response;
  if (expect.status !== undefined && expect.status !== response.status) {
    const body = response.body ? ` (body: ${brief(response.body)})` : "";
    misses.push(scalarMiss("status", expect.status, response.status, body));
  }
  if (expect.reason !== undefined && expect.reason !== response.reason)
    misses.push(scalarMiss("reason", expect.reason, response.reason));
  if (expect.headers) checkHeaders("headers", expect.headers, response.headers, misses);
  if (expect.body !== undefined) checkBody("body", expect.body, response.body, misses);
  if (expect.bodyContains !== undefined) checkContains("bodyContains", expect.bodyContains, response.body, misses);
  if (expect.backend === null) {
    if (result.backend)
      misses.push({
        key: "backend",
        message: `backend: expected no backend call, got ${result.backend.method} ${result.backend.url}`,
      });
  } else if (expect.backend !== undefined) {
    if (!result.backend)
      misses.push({ key: "backend", message: "backend: expected a backend call, the backend was not called" });
    else checkOutbound("backend", expect.backend, result.backend, misses);
  }
  if (expect.requests !== undefined) {
    const count = typeof expect.requests === "number" ? expect.requests : expect.requests.length;
    if (count !== result.requests.length) {
      const made = result.requests.map((r) => `${r.method} ${r.url}`).join(", ");
      misses.push(scalarMiss("requests", count, result.requests.length, made ? ` (${made})` : ""));
    } else if (Array.isArray(expect.requests)) {
      expect.requests.forEach((want, i) => {
        checkOutbound(`requests[${i}]`, want, result.requests[i]!, misses);
      });
    }
  }
  if (expect.variables) {
    for (const [name, want] of Object.entries(expect.variables)) {
      const key = `variables.${name}`;
      const set = Object.hasOwn(result.variables, name);
      const got = result.variables[name];
      if (want === null) {
        if (set) misses.push({ key, message: `${key}: expected not set, got ${brief(got)}` });
      } else if (!set) {
        misses.push({ key, message: `${key}: expected ${brief(want)}, the variable is not set` });
      } else if (!contains(want, got)) {
        misses.push(
          typeof want === "object"
            ? structuredMiss(key, "not the expected value", want, got)
            : scalarMiss(key, want, got),
        );
      }
    }
  }
  if (expect.lastError === null) {
    if (result.lastError)
      misses.push({ key: "lastError", message: `lastError: expected none, got ${brief(result.lastError)}` });
  } else if (expect.lastError !== undefined) {
    if (!result.lastError) {
      misses.push({ key: "lastError", message: "lastError: expected an error, the pipeline did not go to on-error" });
    } else {
      for (const [name, want] of Object.entries(expect.lastError)) {
        const got = result.lastError[name];
        if ((want ?? undefined) !== (got ?? undefined)) misses.push(scalarMiss(`lastError.${name}`, want, got));
      }
    }
  }
  checkCaptured("traces", expect.traces, result.captured.trace, misses);
  checkCaptured("eventhub", expect.eventhub, result.captured.eventhub, misses);
  checkCaptured("metrics", expect.metrics, result.captured.metrics, misses);
  return misses;
}

/** A count of the captured records, or each one in order containing what is named. */
function checkCaptured(key: string, expected: number | unknown[] | undefined, actual: unknown[], misses: Miss[]): void {
  if (expected === undefined) return;
  if (typeof expected === "number") {
    if (expected !== actual.length)
      misses.push(structuredMiss(key, `expected ${expected}, got ${actual.length}`, expected, actual));
    return;
  }
  if (!contains(expected, actual)) misses.push(structuredMiss(key, "not the expected records", expected, actual));
}
