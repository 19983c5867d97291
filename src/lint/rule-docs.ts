// A rule's documentation page (rules/<id>.md, or a plugin's own page) and where a reader finds it: one source for
// SARIF (help, fullDescription, helpUri), the language server's links and `apimkit rules ID`.
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute } from "node:path";
import { pathToFileURL } from "node:url";
import { packagePath } from "../util/paths.js";
import type { RuleMeta } from "./types.js";

export interface RuleDocsPage {
  markdown: string;
  /** The page as plain text (no markdown markup), for readers that show text. */
  text: string;
  /** The first paragraph of prose after the title. */
  firstParagraph?: string;
}

const ABSOLUTE_URL = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The page's file on this machine: apimkit's own relative to the package, a plugin's absolute; none for a URL. */
function docsFile(meta: RuleMeta): string | undefined {
  if (!meta.docs || ABSOLUTE_URL.test(meta.docs)) return undefined;
  return isAbsolute(meta.docs) ? meta.docs : packagePath(meta.docs);
}

const pages = new Map<string, RuleDocsPage | null>();

export function readRuleDocs(meta: RuleMeta): RuleDocsPage | undefined {
  const file = docsFile(meta);
  if (!file) return undefined;
  let page = pages.get(file);
  if (page === undefined) {
    page = existsSync(file) ? pageOf(readFileSync(file, "utf8")) : null;
    pages.set(file, page);
  }
  return page ?? undefined;
}

function pageOf(markdown: string): RuleDocsPage {
  const paragraphs = markdown.split(/\r?\n\s*\r?\n/).map((p) => p.trim());
  const first = paragraphs.find((p) => p !== "" && !p.startsWith("#") && !p.startsWith("```"));
  return {
    markdown,
    text: markdownToText(markdown),
    firstParagraph: first === undefined ? undefined : inlineText(first).replace(/\s*\r?\n\s*/g, " "),
  };
}

/** Inline markup removed: `code`, **bold**, *em*, [label](target) -> label. */
function inlineText(line: string): string {
  return line
    .replace(/`([^`]*)`/g, "$1")
    .replace(/\*\*([^*]+)\*\*/g, "$1")
    .replace(/(^|[\s(])\*([^*\s][^*]*)\*/g, "$1$2")
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, "$1");
}

/** Plain text of a rule page: headings without `#`, code blocks kept as they are (indented), inline markup off. */
export function markdownToText(markdown: string): string {
  const out: string[] = [];
  // Inline code may wrap onto the next line: prose is cleaned a paragraph-run at a time, not per line.
  let prose: string[] = [];
  const flush = () => {
    if (prose.length > 0) out.push(inlineText(prose.join("\n")));
    prose = [];
  };
  let inCode = false;
  for (const line of markdown.replace(/\r\n/g, "\n").split("\n")) {
    if (/^\s*```/.test(line)) {
      flush();
      inCode = !inCode;
      continue;
    }
    if (inCode) out.push(`    ${line}`);
    else prose.push(line.replace(/^#{1,6}\s+/, ""));
  }
  flush();
  return `${out.join("\n").trim()}\n`;
}

export interface DocsUriOptions {
  /** --docs-base-url: the pages are at <base>/<docs path>, e.g. https://example.org/apimkit/ + rules/base-missing.md */
  baseUrl?: string;
  /**
   * The page on this machine as a file:// URL when nothing else is known. Only for a reader on the same machine
   * (the language server's links); a report read elsewhere (SARIF) must not carry a path of the machine that ran it.
   */
  localFile?: boolean;
  /** The repository URL (default: from apimkit's package.json). */
  repository?: string;
}

/**
 * Where the docs page lives for a reader: a plugin's URL as given; else the docs base URL; else the repository
 * of apimkit's package.json (its `repository`); else the local file when asked; else nothing.
 */
export function docsUri(meta: RuleMeta, options: DocsUriOptions = { localFile: true }): string | undefined {
  if (meta.docs && ABSOLUTE_URL.test(meta.docs)) return meta.docs;
  const file = docsFile(meta);
  // A plugin's page is not part of apimkit: neither the docs base nor apimkit's repository has it.
  const ownPage = meta.docs !== undefined && meta.docs !== "" && !isAbsolute(meta.docs);
  if (ownPage && options.baseUrl) return new URL(meta.docs, withSlash(options.baseUrl)).href;
  const repo = "repository" in options ? options.repository : repositoryBase();
  if (ownPage && repo) return `${repo}/blob/main/${meta.docs}`;
  return options.localFile && file ? pathToFileURL(file).href : undefined;
}

function withSlash(url: string): string {
  return url.endsWith("/") ? url : `${url}/`;
}

/** An absolute http(s) URL, or the reason it is not one. */
export function docsBaseUrlProblem(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? undefined : "expected an http(s) URL";
  } catch {
    return "expected an absolute http(s) URL";
  }
}

/** The browsable GitHub URL of a package.json's `repository` ("git+https://github.com/o/r.git", { url }). */
export function repositoryUrlOf(pkg: { repository?: unknown }): string | undefined {
  const repo = pkg.repository as string | { url?: unknown } | undefined;
  const url: unknown = typeof repo === "string" ? repo : repo?.url;
  if (typeof url !== "string") return undefined;
  const shorthand = /^(?:github:)?([\w.-]+\/[\w.-]+)$/.exec(url);
  if (shorthand) return `https://github.com/${shorthand[1]!.replace(/\.git$/, "")}`;
  return /^(git\+)?https:\/\/github\.com\//.test(url) ? url.replace(/^git\+/, "").replace(/\.git$/, "") : undefined;
}

let repoBase: string | null | undefined;
/** The GitHub repository URL in apimkit's package.json, when one is set. */
export function repositoryBase(): string | undefined {
  if (repoBase === undefined) {
    repoBase = repositoryUrlOf(JSON.parse(readFileSync(packagePath("package.json"), "utf8"))) ?? null;
  }
  return repoBase ?? undefined;
}
