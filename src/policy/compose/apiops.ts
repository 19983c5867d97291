// Where a policy file's parents and fragments are, from the APIOps extractor layout (Azure/apiops):
//   <root>/policy.xml                                   global
//   <root>/workspaces/<ws>/policy.xml                   workspace (its apis/ and products/ sit under it)
//   <base>/products/<product>/policy.xml                product; <base>/products/<product>/apis.json lists the
//                                                       product's APIs as [{ "name": "<api>" }, ...]
//   <base>/apis/<api>/policy.xml                        api
//   <base>/apis/<api>/operations/<op>/policy.xml        operation
//   <base>/policy fragments/<id>/policy.xml             fragment
// where <base> is the service root or a workspace folder. Pure functions over paths: the file system is a TreeHost
// the caller passes in.
import type { ComposeScope } from "../compose.js";
import { psruleScope } from "./psrule.js";

export interface TreeHost {
  /** The file's text, or undefined when there is no such file. */
  readFile(path: string): string | undefined;
  /** The names in a folder, or undefined when there is no such folder. */
  listDir(path: string): string[] | undefined;
}

/** What the path of a policy file says about it. */
export interface ApiopsPlace {
  scope: ComposeScope | "fragment";
  /** The service artifacts root (the folder of the global policy.xml). */
  root: string;
  /** The folder holding apis/, products/ and policy fragments/ for this file: the root or a workspace folder. */
  base: string;
  workspace?: string;
  api?: string;
  operation?: string;
  product?: string;
  fragment?: string;
}

/** Folder names the APIOps extractor writes beside the global policy.xml: any of them marks an artifacts root. */
export const ARTIFACT_FOLDERS: ReadonlySet<string> = new Set([
  "apis",
  "products",
  "policy fragments",
  "named values",
  "backends",
  "loggers",
  "diagnostics",
  "gateways",
  "groups",
  "tags",
  "version sets",
  "workspaces",
  "subscriptions",
]);

/** Whether a folder is an artifacts root, asked of a TreeHost (a name listed there may be a file: lint asks the disk). */
export function artifactsRootIn(host: Pick<TreeHost, "listDir">): (dir: string) => boolean {
  return (dir) => host.listDir(dir === "" ? "." : dir)?.some((name) => ARTIFACT_FOLDERS.has(name)) === true;
}

/** Joins a folder ("" is the current folder) and path segments with `/`. */
export function joinPath(dir: string, ...rest: string[]): string {
  const tail = rest.join("/");
  if (dir === "") return tail;
  return dir.endsWith("/") ? dir + tail : `${dir}/${tail}`;
}

/**
 * The place of `path` in an APIOps tree, from the path alone; a bare `policy.xml` is global only when
 * `isArtifactsRoot` says its folder is an artifacts root (without it, never). Undefined when the path is not laid
 * out as APIOps writes it. Lint's scope inference is this function too (src/lint/scope.ts).
 */
export function apiopsPlace(path: string, isArtifactsRoot?: (dir: string) => boolean): ApiopsPlace | undefined {
  // Most files linted are not named policy.xml: answer them without splitting the path.
  if (!namedPolicyXml(path)) return undefined;
  const p = path.replace(/\\/g, "/");
  const segs = p.split("/");
  const n = segs.length;
  const at = (k: number): string | undefined => segs[n - 1 - k];
  const folder = (count: number): string => {
    const kept = segs.slice(0, n - 1 - count);
    return kept.length === 1 && kept[0] === "" ? "/" : kept.join("/");
  };
  const withBase = (count: number, place: Omit<ApiopsPlace, "root" | "base" | "workspace">): ApiopsPlace => {
    const base = folder(count);
    const bsegs = segs.slice(0, n - 1 - count);
    const m = bsegs.length;
    if (m >= 2 && bsegs[m - 2] === "workspaces") {
      const root = bsegs.slice(0, m - 2);
      const rootPath = root.length === 1 && root[0] === "" ? "/" : root.join("/");
      return { ...place, root: rootPath, base, workspace: bsegs[m - 1] as string };
    }
    return { ...place, root: base, base };
  };
  if (at(2) === "operations" && at(4) === "apis" && n >= 5) {
    return withBase(4, { scope: "operation", api: at(3) as string, operation: at(1) as string });
  }
  if (at(2) === "apis" && n >= 3) return withBase(2, { scope: "api", api: at(1) as string });
  if (at(2) === "products" && n >= 3) return withBase(2, { scope: "product", product: at(1) as string });
  if (at(2) === "policy fragments" && n >= 3) return withBase(2, { scope: "fragment", fragment: at(1) as string });
  if (at(2) === "workspaces" && n >= 3) {
    const root = folder(2);
    return { scope: "workspace", root, base: folder(0), workspace: at(1) as string };
  }
  const dir = folder(0);
  if (isArtifactsRoot?.(dir)) return { scope: "global", root: dir, base: dir };
  return undefined;
}

/** Whether the last segment of `path` (split at `/` or `\`) is `policy.xml`, in any case. */
function namedPolicyXml(path: string): boolean {
  const n = path.length;
  if (n < 10 || path.slice(n - 10).toLowerCase() !== "policy.xml") return false;
  const before = path.charCodeAt(n - 11);
  return n === 10 || before === 0x2f || before === 0x5c;
}

export interface DiscoverOptions {
  host: TreeHost;
  /** The file's scope when its path does not say it (and over what the path says). */
  scope?: ComposeScope;
  /**
   * Explicit parents, scope -> path (`overrides[].inherits` of .apimkitrc.json will come through here). When
   * given, the tree layout is not asked for parents.
   */
  parents?: Partial<Record<ComposeScope, string>>;
  /** fragment-id -> path, asked before the tree's `policy fragments` folders. */
  fragments?: Readonly<Record<string, string>>;
  /** The product whose policy applies: which one does depends on the request's subscription. */
  product?: string;
}

export interface Discovery {
  /** The file's own scope. */
  scope: ComposeScope;
  /** The file and its parents that exist, by scope. */
  files: Partial<Record<ComposeScope, string>>;
  /** Explicit parents that do not exist (bad input). */
  missing: { scope: ComposeScope; file: string }[];
  /** Where fragment `<id>` is looked for, in order (undefined: not there). */
  fragmentPaths: ((id: string) => string | undefined)[];
  /** How the parents were found, and what could not be known (printed as notes). */
  notes: string[];
}

/** The parents of `file` (which must exist) and where its fragments are. */
export function discoverParents(file: string, options: DiscoverOptions): Discovery {
  const { host } = options;
  const place = apiopsPlace(file, artifactsRootIn(host));
  const notes: string[] = [];
  const explicit = options.fragments ?? {};
  const fragmentPaths: ((id: string) => string | undefined)[] = [
    (id) => (Object.hasOwn(explicit, id) ? explicit[id] : undefined),
  ];
  if (place) {
    // [U] a workspace's own fragments are looked for before the service's (APIM keeps them apart; a workspace
    // policy referring to a service fragment is not documented).
    fragmentPaths.push((id) => joinPath(place.base, "policy fragments", id, "policy.xml"));
    if (place.base !== place.root)
      fragmentPaths.push((id) => joinPath(place.root, "policy fragments", id, "policy.xml"));
  }
  const placeScope = place?.scope === "fragment" ? undefined : place?.scope;
  // Outside an APIOps tree, a PSRule-convention name (global.cshtml, x.api.xml, ...) still says the scope.
  const named = place ? undefined : psruleScope(file);
  let scope = options.scope ?? placeScope ?? (named === "fragment" ? undefined : named);
  if (!scope) {
    scope = "api";
    notes.push(
      `${file}: its scope is not known from the path (not an APIOps layout nor a PSRule name): composed as an api policy`,
    );
  }
  const files: Partial<Record<ComposeScope, string>> = { [scope]: file };
  const missing: { scope: ComposeScope; file: string }[] = [];

  if (options.parents) {
    for (const [s, path] of Object.entries(options.parents) as [ComposeScope, string][]) {
      if (s === scope) continue;
      if (host.readFile(path) === undefined) missing.push({ scope: s, file: path });
      else files[s] = path;
    }
    return { scope, files, missing, fragmentPaths, notes };
  }
  if (!place || placeScope !== scope) {
    if (scope !== "global") notes.push(`${file}: no parent policies known (not an APIOps layout and no parents given)`);
    return { scope, files, missing, fragmentPaths, notes };
  }

  const found = (s: ComposeScope, path: string): void => {
    if (host.readFile(path) !== undefined) files[s] = path;
  };
  const rank = (s: ComposeScope): number => ["global", "workspace", "product", "api", "operation"].indexOf(s);
  if (rank(scope) > rank("global")) found("global", joinPath(place.root, "policy.xml"));
  if (place.workspace && rank(scope) > rank("workspace"))
    found("workspace", joinPath(place.root, "workspaces", place.workspace, "policy.xml"));
  if (place.api && rank(scope) > rank("product")) {
    const product = productOf(place, options.product, host, notes);
    if (product) found("product", joinPath(place.base, "products", product, "policy.xml"));
  }
  if (place.api && scope === "operation") found("api", joinPath(place.base, "apis", place.api, "policy.xml"));
  return { scope, files, missing, fragmentPaths, notes };
}

/**
 * The product whose policy sits between the service (or workspace) and the API. A request's subscription decides
 * which product applies (none for an all-APIs or API-scoped subscription, apim-reference.md §1 "Scopes"), so the
 * policy file alone cannot say. Choice: the product given; else the API's only product per the products'
 * apis.json; else none, with a note naming the candidates.
 */
function productOf(
  place: ApiopsPlace,
  wanted: string | undefined,
  host: TreeHost,
  notes: string[],
): string | undefined {
  if (wanted !== undefined) return wanted;
  const productsDir = joinPath(place.base, "products");
  const products = host.listDir(productsDir);
  if (!products || products.length === 0) return undefined;
  // A revision folder (`api;rev=2`) belongs to the products of its API.
  const api = (place.api as string).replace(/;rev=\d+$/, "");
  const members: string[] = [];
  let unknown = 0;
  for (const product of [...products].sort()) {
    const text = host.readFile(joinPath(productsDir, product, "apis.json"));
    const names = text === undefined ? undefined : apiNames(text);
    if (!names) unknown++;
    else if (names.includes(api)) members.push(product);
  }
  if (members.length === 1) {
    const only = members[0] as string;
    notes.push(`product '${only}' composed (the only product listing api '${api}' in its apis.json)`);
    return only;
  }
  if (members.length > 1) {
    notes.push(
      `api '${api}' is in products ${members.join(", ")}: no product policy composed (choose one with --product)`,
    );
  } else if (unknown > 0) {
    notes.push(
      `${unknown} product(s) without a readable apis.json: their membership is unknown, no product policy composed`,
    );
  }
  return undefined;
}

/** The API names of a product's apis.json (`[{ "name": "..." }]`), undefined when it is not that shape. */
export function apiNames(text: string): string[] | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(json)) return undefined;
  const names: string[] = [];
  for (const item of json) {
    const name = typeof item === "object" && item !== null ? (item as { name?: unknown }).name : undefined;
    if (typeof name === "string") names.push(name);
  }
  return names;
}
