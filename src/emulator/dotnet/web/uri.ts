// System.Uri for the hierarchical schemes policies use (http, https, ws, wss, ftp), UriKind and UriPartial.
// https://learn.microsoft.com/dotnet/api/system.uri
// Canonical form as .NET builds it: scheme and host lower-cased, the default port dropped, `\` read as `/`, dot
// segments removed, an empty path is "/", characters outside RFC 3986's reserved and unreserved sets escaped as
// UTF-8 %XX (upper-case), escapes of unreserved characters decoded (`%7E` is `~`). Other schemes, non-ASCII hosts
// and relative-URI members are NotEmulated or InvalidOperationException as .NET says; docs/emulator.md lists them.

import { NetException, NotEmulated } from "../../errors.js";
import type { CallInfo, MemberImpl, RuntimeRegistry } from "../../runtime-types.js";
import { int, NetEnum, type NetObject, type NetValue } from "../../values.js";
import { describe, fail, stringArg, stringArray, writeOut } from "../format/args.js";

export const URI = "System.Uri";
export const URI_KIND = "System.UriKind";
export const URI_PARTIAL = "System.UriPartial";

const DEFAULT_PORT: Readonly<Record<string, number>> = { http: 80, https: 443, ws: 80, wss: 443, ftp: 21 };

export interface AbsoluteParts {
  scheme: string;
  userInfo: string;
  host: string;
  port: number;
  /** Escaped, canonical. */
  path: string;
  /** With its "?", or "". */
  query: string;
  /** With its "#", or "". */
  fragment: string;
}

export class NetUri implements NetObject {
  readonly $type = URI;
  constructor(
    readonly original: string,
    readonly parts: AbsoluteParts | undefined,
  ) {}
}

export class UriError extends Error {}

const UNRESERVED = /[A-Za-z0-9\-._~]/;
const RESERVED = /[:/?#[\]@!$&'()*+,;=]/;

/** Escapes what .NET escapes in a path, query or fragment; keeps valid %XX, decoding those of unreserved chars. */
function escapeComponent(s: string, keep: RegExp): string {
  let out = "";
  const bytes = (ch: string) => new TextEncoder().encode(ch);
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "%" && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      const code = Number.parseInt(s.slice(i + 1, i + 3), 16);
      const decoded = String.fromCharCode(code);
      out += code < 0x80 && UNRESERVED.test(decoded) ? decoded : `%${s.slice(i + 1, i + 3).toUpperCase()}`;
      i += 2;
      continue;
    }
    if (UNRESERVED.test(c) || keep.test(c)) {
      out += c;
      continue;
    }
    let ch = c;
    const code = s.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < s.length) {
      ch = s.slice(i, i + 2);
      i++;
    }
    for (const b of bytes(ch)) out += `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function removeDotSegments(path: string): string {
  const input = path.split("/");
  const out: string[] = [];
  for (let i = 0; i < input.length; i++) {
    const seg = input[i]!;
    const last = i === input.length - 1;
    if (seg === ".") {
      if (last) out.push("");
    } else if (seg === "..") {
      if (out.length > 1) out.pop();
      if (last) out.push("");
    } else out.push(seg);
  }
  const r = out.join("/");
  return r.startsWith("/") ? r : `/${r}`;
}

const ABSOLUTE = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s;

/** Parses an absolute URI; undefined when the text has no scheme (a relative reference). */
export function parseAbsolute(text: string): AbsoluteParts | undefined {
  const t = text.trim();
  const m = ABSOLUTE.exec(t);
  if (!m) return undefined;
  const scheme = m[1]!.toLowerCase();
  if (!(scheme in DEFAULT_PORT)) {
    if (scheme.length === 1) return undefined; // "c:\path" is a Windows file path, not emulated below
    throw new UriError(`the URI scheme '${scheme}'`);
  }
  const rest = m[2]!.replace(/\\/g, "/");
  if (!rest.startsWith("//")) throw new UriFormat("Invalid URI: The format of the URI could not be determined.");
  const after = rest.slice(2);
  const end = after.search(/[/?#]/);
  const authority = end < 0 ? after : after.slice(0, end);
  let tail = end < 0 ? "" : after.slice(end);
  const at = authority.lastIndexOf("@");
  const userInfo = at < 0 ? "" : authority.slice(0, at);
  const hostPort = at < 0 ? authority : authority.slice(at + 1);
  const hp = /^(\[[0-9A-Fa-f:.]+\]|[^:]*)(?::(\d*))?$/.exec(hostPort);
  if (!hp || hp[1] === "") throw new UriFormat("Invalid URI: The hostname could not be parsed.");
  const host = hp[1]!.toLowerCase();
  if (/[^\x21-\x7e]/.test(host)) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the check is for control characters
    if (/[\u0000-\u0020]/.test(host)) throw new UriFormat("Invalid URI: The hostname could not be parsed.");
    throw new UriError("a non-ASCII (IDN) host");
  }
  if (!hp[1]!.startsWith("[") && /[^A-Za-z0-9\-._~!$&'()*+,;=%]/.test(hp[1]!)) {
    throw new UriFormat("Invalid URI: The hostname could not be parsed.");
  }
  let port = DEFAULT_PORT[scheme]!;
  if (hp[2] !== undefined && hp[2] !== "") {
    port = Number(hp[2]);
    if (port > 65535) throw new UriFormat("Invalid URI: Invalid port specified.");
  }
  let fragment = "";
  const hash = tail.indexOf("#");
  if (hash >= 0) {
    fragment = `#${escapeComponent(tail.slice(hash + 1), /[:/?@!$&'()*+,;=[\]]/)}`;
    tail = tail.slice(0, hash);
  }
  let query = "";
  const q = tail.indexOf("?");
  if (q >= 0) {
    query = `?${escapeComponent(tail.slice(q + 1), /[:/?@!$&'()*+,;=[\]]/)}`;
    tail = tail.slice(0, q);
  }
  const path = removeDotSegments(escapeComponent(tail === "" ? "/" : tail, /[:/@!$&'()*+,;=[\]]/));
  return { scheme, userInfo, host, port, path, query, fragment };
}

export class UriFormat extends Error {}

export function authority(p: AbsoluteParts): string {
  const port = p.port === DEFAULT_PORT[p.scheme] ? "" : `:${p.port}`;
  return `${p.host}${port}`;
}

export function absoluteUri(p: AbsoluteParts): string {
  const user = p.userInfo ? `${p.userInfo}@` : "";
  return `${p.scheme}://${user}${authority(p)}${p.path}${p.query}${p.fragment}`;
}

/**
 * Uri.ToString(): the canonical form with escapes decoded, except those of reserved characters, '%', control
 * characters and bytes that are not UTF-8 (which would change the URI's meaning or are not printable).
 */
export function unescapedForDisplay(s: string): string {
  return s.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = Uint8Array.from(run.match(/%../g)!.map((x) => Number.parseInt(x.slice(1), 16)));
    let text: string;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      return run;
    }
    let out = "";
    let k = 0;
    for (const ch of text) {
      const len = new TextEncoder().encode(ch).length;
      const esc = run.slice(k * 3, (k + len) * 3);
      k += len;
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters stay escaped
      out += RESERVED.test(ch) || ch === "%" || /[\u0000-\u001f\u007f]/.test(ch) ? esc : ch;
    }
    return out;
  });
}

/** Uri.EscapeDataString: everything but RFC 3986 unreserved characters, as UTF-8 %XX. */
export function escapeDataString(s: string): string {
  let out = "";
  for (const ch of s) {
    if (UNRESERVED.test(ch) && ch.length === 1) out += ch;
    else for (const b of new TextEncoder().encode(ch)) out += `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

/** Uri.UnescapeDataString: %XX runs that are UTF-8 decoded; others left as written. */
export function unescapeDataString(s: string): string {
  return s.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = Uint8Array.from(run.match(/%../g)!.map((x) => Number.parseInt(x.slice(1), 16)));
    try {
      return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      return run;
    }
  });
}

type Kind = "RelativeOrAbsolute" | "Absolute" | "Relative";
const KINDS: readonly Kind[] = ["RelativeOrAbsolute", "Absolute", "Relative"];

function kindOf(v: NetValue | undefined, call: CallInfo): Kind {
  if (v === undefined) return "Absolute";
  if (v instanceof NetEnum && v.$type === URI_KIND && KINDS[v.value]) return KINDS[v.value]!;
  fail(`UriKind argument of type ${describe(v ?? null)}`, call);
}

function formatError(message: string, call: CallInfo): NetException {
  return new NetException("UriFormatException", message, call.at);
}

/** new Uri(text, kind): a NetUri, or the UriFormatException .NET raises. */
export function createUri(text: string, kind: Kind, call: CallInfo): NetUri {
  let parts: AbsoluteParts | undefined;
  try {
    parts = parseAbsolute(text);
  } catch (e) {
    if (e instanceof UriError) throw new NotEmulated(`Uri with ${e.message}`, call.at);
    if (e instanceof UriFormat) {
      if (kind === "RelativeOrAbsolute" && !/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(text.trim()))
        return new NetUri(text, undefined);
      throw formatError(e.message, call);
    }
    throw e;
  }
  if (parts) {
    if (kind === "Relative") throw formatError("Invalid URI: The format of the URI could not be determined.", call);
    return new NetUri(text, parts);
  }
  if (/^[A-Za-z]:[\\/]/.test(text) || text.startsWith("\\\\")) throw new NotEmulated("Uri of a file path", call.at);
  // [U] A rooted path ("/a") is a file URI to .NET on Unix and an error on Windows; the gateway is taken to run on
  // Windows (docs/emulator.md), so it is UriFormatException unless the kind allows a relative URI.
  if (kind === "Absolute") throw formatError("Invalid URI: The format of the URI could not be determined.", call);
  return new NetUri(text, undefined);
}

function resolve(base: NetUri, relative: string, call: CallInfo): NetUri {
  if (!base.parts)
    throw new NetException("InvalidOperationException", "This operation is not supported for a relative URI.", call.at);
  if (parseAbsoluteSafe(relative)) return createUri(relative, "Absolute", call);
  const joined = new URL(relative, absoluteUri(base.parts)).href;
  return createUri(joined, "Absolute", call);
}

function parseAbsoluteSafe(text: string): boolean {
  try {
    return parseAbsolute(text) !== undefined;
  } catch {
    return false;
  }
}

function asUri(v: NetValue, call: CallInfo): NetUri {
  if (v instanceof NetUri) return v;
  fail(`Uri member on a ${describe(v)}`, call);
}

function absolute(v: NetValue, call: CallInfo): AbsoluteParts {
  const u = asUri(v, call);
  if (!u.parts)
    throw new NetException("InvalidOperationException", "This operation is not supported for a relative URI.", call.at);
  return u.parts;
}

const part = (f: (p: AbsoluteParts) => NetValue): MemberImpl => ({
  kind: "property",
  get: (self, call) => f(absolute(self, call)),
});

export function uriToString(u: NetUri): string {
  return u.parts ? unescapedForDisplay(absoluteUri(u.parts)) : u.original;
}

function isLoopbackHost(host: string): boolean {
  return host === "localhost" || /^127\.\d+\.\d+\.\d+$/.test(host) || host === "[::1]";
}

export function defineUri(registry: RuntimeRegistry): void {
  registry.define({
    key: URI,
    supertypes: ["System.Object"],
    construct(args, call) {
      const first = args[0]?.value;
      if (first instanceof NetUri) {
        const rel = args[1]?.value;
        if (rel instanceof NetUri) fail("new Uri(Uri, Uri)", call);
        return resolve(first, stringArg(args, 1, "new Uri", call, "relativeUri"), call);
      }
      return createUri(stringArg(args, 0, "new Uri", call, "uriString"), kindOf(args[1]?.value, call), call);
    },
    instance: {
      Scheme: part((p) => p.scheme),
      Host: part((p) => p.host),
      DnsSafeHost: part((p) => p.host.replace(/^\[|\]$/g, "")),
      IdnHost: part((p) => p.host.replace(/^\[|\]$/g, "")),
      Port: part((p) => int(p.port)),
      IsDefaultPort: part((p) => p.port === DEFAULT_PORT[p.scheme]),
      Authority: part((p) => authority(p)),
      UserInfo: part((p) => p.userInfo),
      AbsolutePath: part((p) => p.path),
      LocalPath: part((p) => unescapeDataString(p.path)),
      PathAndQuery: part((p) => p.path + p.query),
      Query: part((p) => p.query),
      Fragment: part((p) => p.fragment),
      AbsoluteUri: part((p) => absoluteUri(p)),
      Segments: part((p) => stringArray(p.path.match(/[^/]*\/|[^/]+$/g) ?? [])),
      IsLoopback: part((p) => isLoopbackHost(p.host)),
      IsAbsoluteUri: { kind: "property", get: (self, call) => asUri(self, call).parts !== undefined },
      OriginalString: { kind: "property", get: (self, call) => asUri(self, call).original },
      GetLeftPart: {
        kind: "method",
        call(self, args, call) {
          const p = absolute(self, call);
          const v = args[0]?.value;
          if (!(v instanceof NetEnum) || v.$type !== URI_PARTIAL) fail("Uri.GetLeftPart without a UriPartial", call);
          const user = p.userInfo ? `${p.userInfo}@` : "";
          switch (v.value) {
            case 0:
              return `${p.scheme}://`;
            case 1:
              return `${p.scheme}://${user}${authority(p)}`;
            case 2:
              return `${p.scheme}://${user}${authority(p)}${p.path}`;
            case 3:
              return `${p.scheme}://${user}${authority(p)}${p.path}${p.query}`;
            default:
              throw new NetException("ArgumentException", "The part parameter is invalid. (Parameter 'part')", call.at);
          }
        },
      },
      ToString: { kind: "method", call: (self, _a, call) => uriToString(asUri(self, call)) },
      Equals: { kind: "method", call: (self, args) => uriEquals(self, args[0]?.value ?? null) },
    },
    static: {
      EscapeDataString: {
        kind: "method",
        call: (_s, a, c) => escapeDataString(stringArg(a, 0, "Uri.EscapeDataString", c, "stringToEscape")),
      },
      UnescapeDataString: {
        kind: "method",
        call: (_s, a, c) => unescapeDataString(stringArg(a, 0, "Uri.UnescapeDataString", c, "stringToUnescape")),
      },
      TryCreate: {
        kind: "method",
        call(_s, a, c) {
          if (a.length !== 3) fail(`Uri.TryCreate with ${a.length} arguments`, c);
          let result: NetUri | null = null;
          try {
            const first = a[0]?.value ?? null;
            if (first instanceof NetUri) {
              const rel = a[1]?.value;
              if (typeof rel !== "string") fail("Uri.TryCreate(Uri, Uri, out Uri)", c);
              result = resolve(first, rel, c);
            } else if (typeof first === "string") result = createUri(first, kindOf(a[1]?.value, c), c);
          } catch (e) {
            if (!(e instanceof NetException)) throw e;
          }
          writeOut(a, 2, result, "Uri.TryCreate", c);
          return result !== null;
        },
      },
      op_Equality: { kind: "method", call: (_s, a) => uriEquals(a[0]?.value ?? null, a[1]?.value ?? null) },
      op_Inequality: { kind: "method", call: (_s, a) => !uriEquals(a[0]?.value ?? null, a[1]?.value ?? null) },
      UriSchemeHttp: { kind: "property", get: () => "http" },
      UriSchemeHttps: { kind: "property", get: () => "https" },
      SchemeDelimiter: { kind: "property", get: () => "://" },
    },
    toString: (self, _f, call) => uriToString(asUri(self, call)),
    equals: (a, b) => uriEquals(a, b),
  });
}

/** Uri.Equals: the canonical forms without the fragment (user info compared too). */
export function uriEquals(a: NetValue, b: NetValue): boolean {
  if (a === null || b === null) return a === b;
  if (!(a instanceof NetUri) || !(b instanceof NetUri)) return false;
  if (!a.parts || !b.parts) return !a.parts && !b.parts && a.original === b.original;
  const key = (p: AbsoluteParts) => absoluteUri({ ...p, fragment: "" });
  return key(a.parts) === key(b.parts);
}
