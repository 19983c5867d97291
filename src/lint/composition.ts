// Lint's use of the one composition builder (src/policy/compose.ts, issue 14 part 2): for a file whose parents are
// known (its place in an APIOps tree, or explicit parents), the effective policy of the document, what `<base />`
// would bring into each section, and the policies that inherit from the file. One CompositionRun lives as long as
// one lint run (lintFiles, or one worker thread of it): the parents and fragments it reads are parsed once and
// shared by every file that uses them, keyed by path and text; nothing is kept across runs.

import {
  apiopsPlace,
  artifactsRootIn,
  type Discovery,
  discoverParents,
  joinPath,
  type TreeHost,
} from "../policy/compose/apiops.js";
import { diskTreeHost } from "../policy/compose/disk-host.js";
import { type ComposedFile, type ComposeFileOptions, composeFile, includesIn } from "../policy/compose/load.js";
import { type ComposeScope, type EffectivePolicy, type EffectiveSection, parentSection } from "../policy/compose.js";
import type { ElementNode, PolicyDocument } from "../policy/model.js";
import { parsePolicy } from "../policy/parser.js";
import type { SectionName } from "../policy/query.js";
import { ScopeFlow } from "./analysis/scope-flow.js";
import type { VariableAnalysis } from "./analysis/variables.js";
import { PolicySourceCode } from "./source-code.js";
import type { PolicyScope } from "./types.js";

/** Explicit parents: absolute file path -> scope -> absolute path of that scope's policy. */
export type ExplicitParents = Readonly<Record<string, Readonly<Partial<Record<ComposeScope, string>>>>>;

/** What the composition says about one linted document (PolicySourceCode.scopes()). */
export interface DocumentScopes {
  /**
   * The document's effective policy; undefined when no parent policy is known and it includes no fragment (the
   * rules then keep their single-file behaviour).
   */
  readonly effective: EffectivePolicy | undefined;
  /** True when at least one parent policy file takes part in `effective`. */
  readonly parentsKnown: boolean;
  /**
   * True when the chain above is known to be whole: a real global policy (not APIM's default standing in), and for
   * an API or operation of a tree with products, the product decided.
   */
  readonly chainComplete: boolean;
  /** True when every document of the composition was read cleanly and every fragment was inlined. */
  readonly clean: boolean;
  /** The parent files that take part, broad to narrow (for messages). */
  readonly parentFiles: readonly string[];
  /** The variable flow of `effective` (undefined when it is). */
  flow(): ScopeFlow | undefined;
  /** What `<base />` in `section` brings: the parent chain's effective section (undefined without parents). */
  inherited(section: SectionName): EffectiveSection | undefined;
  /** The flows of the policies that inherit from this document (APIOps children, or files naming it a parent). */
  childFlows(): readonly ScopeFlow[];
  /** The per-document object of a document of the composition (a parent's, a fragment's: kept for the run). */
  sourceCodeOf(doc: PolicyDocument): PolicySourceCode;
}

const CLEAN_BREAKERS: ReadonlySet<string> = new Set([
  "parse",
  "parent-not-found",
  "not-policies",
  "fragment-id-missing",
  "fragment-not-found",
  "fragment-not-fragment",
  "fragment-cycle",
]);

export interface CompositionRunOptions {
  parents?: ExplicitParents;
  /** The file system (tests pass a tree in memory). */
  host?: TreeHost;
}

export class CompositionRun {
  private readonly texts = new Map<string, string | undefined>();
  private readonly dirs = new Map<string, string[] | undefined>();
  /** Parsed documents by path (one per text of the path: in practice one). */
  private readonly docs = new Map<string, { text: string; doc: PolicyDocument }[]>();
  private readonly codes = new WeakMap<PolicyDocument, PolicySourceCode>();
  private readonly includes = new WeakMap<PolicyDocument, readonly ElementNode[]>();
  private readonly parents: ExplicitParents;
  private childrenByParent?: Map<string, string[]>;
  /** Discoveries by scope and file, with the paths each one read (see discover). */
  private readonly discoveries = new Map<string, { discovery: Discovery; read: ReadonlySet<string> }>();
  /** The run's file system, each file read and each folder listed once. */
  readonly host: TreeHost;

  constructor(options: CompositionRunOptions = {}) {
    const base = options.host ?? diskTreeHost;
    this.parents = options.parents ?? {};
    this.host = {
      readFile: (path) => {
        if (this.texts.has(path)) return this.texts.get(path);
        const text = base.readFile(path);
        this.texts.set(path, text);
        return text;
      },
      listDir: (path) => {
        if (this.dirs.has(path)) return this.dirs.get(path);
        const names = base.listDir(path);
        this.dirs.set(path, names);
        return names;
      },
    };
  }

  /** A parent's or fragment's document, parsed once per run for each text of its path. */
  parse(text: string, path: string): PolicyDocument {
    // Keyed by path, then the text compared: the text is the cached one, so `===` is one pointer comparison (a
    // path+text key would be built and hashed over the whole text on every lookup).
    let parsed = this.docs.get(path);
    if (!parsed) {
      parsed = [];
      this.docs.set(path, parsed);
    }
    for (const p of parsed) if (p.text === text) return p.doc;
    const doc = parsePolicy(text, path);
    parsed.push({ text, doc });
    return doc;
  }

  /**
   * The document the run parsed of `path` from exactly `text`, if it did: the lint's parse of the same file and
   * text (parsePolicy(text, path), the same call), so the lint uses it instead of parsing the file again: a parent
   * is often composed for its children before the lint reaches it.
   */
  parsedOf(path: string, text: string): PolicyDocument | undefined {
    const parsed = this.docs.get(path);
    if (parsed) for (const p of parsed) if (p.text === text) return p.doc;
    return undefined;
  }

  /** A parent's or fragment's `<include-fragment>` elements, found once per run. */
  includesOf(doc: PolicyDocument): readonly ElementNode[] {
    let list = this.includes.get(doc);
    if (!list) {
      list = includesIn(doc);
      this.includes.set(doc, list);
    }
    return list;
  }

  /** The per-document object of a parent or fragment (its variable analysis is computed once per run). */
  sourceCodeOf(doc: PolicyDocument): PolicySourceCode {
    let code = this.codes.get(doc);
    if (!code) {
      code = new PolicySourceCode(doc);
      this.codes.set(doc, code);
    }
    return code;
  }

  /**
   * The scopes of a linted document, or undefined when nothing is known about its place (not in an APIOps tree,
   * no explicit parents, not anyone's explicit parent) or it is not a `<policies>` document.
   */
  forDocument(code: PolicySourceCode, scope: PolicyScope): DocumentScopes | undefined {
    const doc = code.doc;
    if (scope === "fragment" || doc.kind !== "policies") return undefined;
    const file = doc.file;
    const explicit = Object.hasOwn(this.parents, file) ? this.parents[file] : undefined;
    const place = apiopsPlace(file, artifactsRootIn(this.host));
    if (!explicit && !place && !this.explicitChildren().has(file)) return undefined;
    // The linted text is this file's text (it may be stdin, or a fix pass): the composition uses the linted document.
    const host: TreeHost = {
      readFile: (path) => (path === file ? doc.source : this.host.readFile(path)),
      listDir: this.host.listDir,
    };
    const parse = (text: string, path: string) => (path === file && text === doc.source ? doc : this.parse(text, path));
    const variablesOf = (d: PolicyDocument): VariableAnalysis =>
      d === doc ? code.variables() : this.sourceCodeOf(d).variables();
    const includesOf = (d: PolicyDocument) => (d === doc ? code.elementsNamed("include-fragment") : this.includesOf(d));
    const ownScope = composeScope(scope, explicit);
    // The scope the path says is what discoverParents takes without one: asked as its parents' children() ask,
    // so the run discovers the file once, not once for itself and once as a child.
    const discoverScope = !explicit && place?.scope === ownScope ? undefined : ownScope;
    const discovery = this.discover(file, discoverScope, explicit, file, doc.source);
    const composed = composeFile(file, { host, parse, includesOf, scope: ownScope, parents: explicit, discovery });
    const policy = composed.policy;
    const parentFiles = Object.entries(composed.discovery.files)
      .filter(([s]) => s !== scope)
      .map(([, path]) => path as string);
    const parentsKnown = parentFiles.length > 0;
    const withFragments = code.has("include-fragment");
    const effective = policy && (parentsKnown || withFragments) ? policy : undefined;
    const run = this;
    let flow: ScopeFlow | undefined | null = null;
    let children: ScopeFlow[] | undefined;
    return {
      effective,
      parentsKnown,
      parentFiles,
      chainComplete:
        policy !== undefined && chainComplete(policy, composed, explicit !== undefined, scope, place, run.host),
      clean: composed.diagnostics.every((d) => !CLEAN_BREAKERS.has(d.code)),
      flow() {
        if (flow === null) flow = effective ? new ScopeFlow(effective, variablesOf) : undefined;
        return flow;
      },
      inherited(section) {
        if (!parentsKnown || !policy) return undefined;
        return parentSection(policy, section);
      },
      sourceCodeOf: (d) => (d === doc ? code : run.sourceCodeOf(d)),
      childFlows() {
        children ??= run
          .children(file, doc.source, scope, place, { host, parse, includesOf })
          .map((p) => new ScopeFlow(p, variablesOf));
        return children;
      },
    };
  }

  /** The effective policies of the files that inherit from `file`. */
  private children(
    file: string,
    text: string,
    scope: PolicyScope,
    place: ReturnType<typeof apiopsPlace>,
    linted: Pick<ComposeFileOptions, "host" | "parse" | "includesOf">,
  ): EffectivePolicy[] {
    const out: EffectivePolicy[] = [];
    const candidates = new Set(this.explicitChildren().get(file) ?? []);
    if (place && place.scope === scope) for (const c of treeChildren(place, this.host)) candidates.add(c);
    candidates.delete(file);
    for (const child of candidates) {
      if (this.host.readFile(child) === undefined) continue;
      const explicit = Object.hasOwn(this.parents, child) ? this.parents[child] : undefined;
      const childScope = explicit ? composeScope(undefined, explicit) : undefined;
      const discovery = this.discover(child, childScope, explicit, file, text);
      // A candidate by layout whose parents do not include this file (another product, another workspace).
      if (!Object.entries(discovery.files).some(([s, p]) => p === file && s !== discovery.scope)) continue;
      const composed = composeFile(child, { ...linted, parents: explicit, scope: childScope, discovery });
      if (composed.policy) out.push(composed.policy);
    }
    return out;
  }

  /**
   * What discoverParents says of `file`, asked once per run: it is the same for every linted file that asks
   * (an operation's discovery for itself, for its API's children, for the global policy's children), except when
   * it read `linted`, whose linted text stands in for the disk's: then, if the two differ, it is asked again.
   */
  private discover(
    file: string,
    scope: ComposeScope | undefined,
    parents: Readonly<Partial<Record<ComposeScope, string>>> | undefined,
    linted: string,
    lintedText: string,
  ): Discovery {
    const key = `${scope ?? ""}\u0000${file}`;
    let known = this.discoveries.get(key);
    if (!known) {
      const read = new Set<string>();
      const host: TreeHost = {
        readFile: (path) => {
          read.add(path);
          return this.host.readFile(path);
        },
        listDir: this.host.listDir,
      };
      known = { discovery: discoverParents(file, { host, parents, scope }), read };
      this.discoveries.set(key, known);
    }
    if (!known.read.has(linted) || this.host.readFile(linted) === lintedText) return known.discovery;
    const host: TreeHost = {
      readFile: (path) => (path === linted ? lintedText : this.host.readFile(path)),
      listDir: this.host.listDir,
    };
    return discoverParents(file, { host, parents, scope });
  }

  /** parent path -> the files whose explicit parents name it. */
  private explicitChildren(): Map<string, string[]> {
    if (!this.childrenByParent) {
      this.childrenByParent = new Map();
      for (const [child, parents] of Object.entries(this.parents)) {
        for (const path of Object.values(parents)) {
          if (path === undefined) continue;
          const list = this.childrenByParent.get(path);
          if (list) list.push(child);
          else this.childrenByParent.set(path, [child]);
        }
      }
    }
    return this.childrenByParent;
  }
}

const RANK: Readonly<Record<ComposeScope, number>> = { global: 0, workspace: 1, product: 2, api: 3, operation: 4 };

/**
 * The scope a file is composed at. A file that names its parents is below all of them: when its lint scope is not
 * (the default "api" of a file whose path says nothing, with an `api` parent named), it is composed as an
 * operation, so no named parent is left out (the chain's order is all the composition takes from the scope).
 */
function composeScope(
  scope: PolicyScope | undefined,
  explicit: Readonly<Partial<Record<ComposeScope, string>>> | undefined,
): ComposeScope | undefined {
  const own = scope === undefined || scope === "fragment" ? undefined : scope;
  if (!explicit) return own;
  const narrowest = Math.max(...Object.keys(explicit).map((s) => RANK[s as ComposeScope] ?? 0));
  return own !== undefined && RANK[own] > narrowest ? own : "operation";
}

function chainComplete(
  policy: EffectivePolicy,
  composed: ComposedFile,
  explicit: boolean,
  scope: PolicyScope,
  place: ReturnType<typeof apiopsPlace>,
  host: TreeHost,
): boolean {
  if (policy.chain[0]?.implicit !== false) return false;
  if (explicit || (scope !== "api" && scope !== "operation")) return true;
  // A product applies by the request's subscription: with products in the tree and none composed, it is unknown.
  // (`place` is the composed document's: policy.document is the linted one.)
  const base = place?.base;
  if (base === undefined || composed.discovery.files.product !== undefined) return true;
  return (host.listDir(joinPath(base, "products"))?.length ?? 0) === 0;
}

/** Policy files the APIOps layout puts below `place` (each is confirmed by discoverParents before use). */
function treeChildren(place: NonNullable<ReturnType<typeof apiopsPlace>>, host: TreeHost): string[] {
  const out: string[] = [];
  const policiesIn = (dir: string) => {
    for (const name of host.listDir(dir) ?? []) out.push(joinPath(dir, name, "policy.xml"));
  };
  const underBase = (base: string) => {
    const apis = joinPath(base, "apis");
    for (const api of host.listDir(apis) ?? []) {
      out.push(joinPath(apis, api, "policy.xml"));
      policiesIn(joinPath(apis, api, "operations"));
    }
    policiesIn(joinPath(base, "products"));
  };
  switch (place.scope) {
    case "api":
      policiesIn(joinPath(place.base, "apis", place.api as string, "operations"));
      break;
    case "product":
    case "workspace":
      underBase(place.base);
      break;
    case "global": {
      underBase(place.root);
      const workspaces = joinPath(place.root, "workspaces");
      for (const ws of host.listDir(workspaces) ?? []) {
        out.push(joinPath(workspaces, ws, "policy.xml"));
        underBase(joinPath(workspaces, ws));
      }
      break;
    }
    default:
      break;
  }
  return out;
}
