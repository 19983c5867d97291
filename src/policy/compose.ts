// The one scope-composition builder (issue 14 part 2, shared by lint and the emulator of issue 13).
// Given the parsed documents of a chain of scopes (global -> workspace -> product -> api -> operation, any of them
// absent) and the fragments, it builds the effective policy: for each section, the narrowest scope's section with
// `<base />` replaced where it stands by the next broader scope's effective section, and every
// `<include-fragment>` replaced by the fragment's children (runtime reference §5.1, §5.11).
// Nothing is copied: each composed element is a thin wrapper around the original ElementNode with its origin, so
// the emulator evaluates the original elements (their expression offsets point into their own document's source).
// Problems are values (diagnostics with file:line:column), never throws.
import type { CommentNode, ElementNode, PolicyDocument, TextNode } from "./model.js";
import { parsePolicy } from "./parser.js";
import { attr, type SectionName, sections } from "./query.js";

/** The scopes a policy document can sit at, broad to narrow (fragments are not a scope: they are inlined). */
export type ComposeScope = "global" | "workspace" | "product" | "api" | "operation";

export const COMPOSE_SCOPES: readonly ComposeScope[] = ["global", "workspace", "product", "api", "operation"];

export const SECTION_NAMES: readonly SectionName[] = ["inbound", "backend", "outbound", "on-error"];

/** Where a composed element was written. */
export interface Origin {
  /** The element's own document: its source, its file name, positionAt for its expressions' offsets. */
  document: PolicyDocument;
  file: string;
  /** 1-based, of the element's `<` in its own document. */
  line: number;
  column: number;
  /** The scope whose policy brought the element in (for a fragment's element: the scope that included it). */
  scope: ComposeScope;
  /** For an element inlined from a fragment: the fragment id. */
  fragment?: string;
  /** For an element inlined from a fragment: where the `<include-fragment>` it replaces stands. */
  includedAt?: Origin;
}

/** A composed element: the original element, where it came from, and its children with fragments inlined. */
export interface EffectiveElement {
  type: "element";
  name: string;
  element: ElementNode;
  origin: Origin;
  /** The element's children, composed (an include-fragment inside a `<when>` is inlined there too). */
  children: EffectiveChild[];
}

/** Text and comments are the original nodes (their document is the origin of the element holding them). */
export type EffectiveChild = EffectiveElement | TextNode | CommentNode;

export interface EffectiveSection {
  name: SectionName;
  /** The section element whose statements are on top: the narrowest scope that writes this section. */
  element: ElementNode;
  origin: Origin;
  children: EffectiveChild[];
}

export type ComposeCode =
  | "parse"
  | "parent-not-found"
  | "not-policies"
  | "base-in-global"
  | "base-nested"
  | "base-repeated"
  | "fragment-id-missing"
  | "fragment-not-found"
  | "fragment-not-fragment"
  | "fragment-base"
  | "fragment-section"
  | "fragment-nested"
  | "fragment-cycle";

export interface ComposeDiagnostic {
  code: ComposeCode;
  message: string;
  file: string;
  line: number;
  column: number;
}

export interface ScopeLink {
  scope: ComposeScope;
  document: PolicyDocument;
  /** True for APIM's default global policy standing in for a global policy that was not given. */
  implicit: boolean;
}

export interface EffectivePolicy {
  /** The narrowest scope given: the policy being composed. */
  scope: ComposeScope;
  document: PolicyDocument;
  /** The scopes that took part, broad to narrow. */
  chain: ScopeLink[];
  /** Always the four sections, in pipeline order. */
  sections: EffectiveSection[];
  section(name: SectionName): EffectiveSection;
  diagnostics: ComposeDiagnostic[];
  /** The unverified ([U]) choices this composition relied on, in words (the emulator reports them). */
  assumptions: string[];
}

export interface ComposeInput {
  scopes: Partial<Record<ComposeScope, PolicyDocument>>;
  /** fragment-id -> the parsed fragment document (`policy fragments/<id>/policy.xml` in an APIOps tree). */
  fragments?: ReadonlyMap<string, PolicyDocument> | Readonly<Record<string, PolicyDocument>>;
}

/** File name of the stand-in for an absent global policy (shown in origins). */
export const DEFAULT_GLOBAL_FILE = "(default global policy)";

// APIM always has a global policy; a new instance's is this one: forward-request in backend, the other sections
// empty (reference apim-reference.md §1 "Backend section": forward-request at global by default). [U] the exact
// default text is not quoted by the docs; the forward-request is.
const DEFAULT_GLOBAL_TEXT = `<policies>
  <inbound />
  <backend>
    <forward-request />
  </backend>
  <outbound />
  <on-error />
</policies>
`;

let defaultGlobal: PolicyDocument | undefined;

/** APIM's default global policy as a document (parsed once; its elements are the origins of defaulted sections). */
export function defaultGlobalPolicy(): PolicyDocument {
  defaultGlobal ??= parsePolicy(DEFAULT_GLOBAL_TEXT, DEFAULT_GLOBAL_FILE);
  return defaultGlobal;
}

const SECTION_SET: ReadonlySet<string> = new Set(SECTION_NAMES);

type ComposedSection = Omit<EffectiveSection, "name">;

interface Context {
  document: PolicyDocument;
  scope: ComposeScope;
  /** Position in the chain (0 = global). */
  level: number;
  fragment?: string;
  includedAt?: Origin;
  /** Fragment ids being inlined, outermost first (cycle detection). */
  fragments: readonly string[];
  /** True directly inside a section (where `<base />` belongs). */
  sectionLevel: boolean;
}

/** Builds the effective policy of the narrowest document in `input.scopes`. */
export function composeEffective(input: ComposeInput): EffectivePolicy {
  const diagnostics: ComposeDiagnostic[] = [];
  const seen = new Set<string>();
  // Set once the composition is returned: sections composed later (parentSection) report nothing into it.
  let sealed = false;
  const report = (code: ComposeCode, message: string, file: string, line: number, column: number): void => {
    if (sealed) return;
    // A fragment included twice would report its own problems twice.
    const key = `${code}\u0000${file}\u0000${line}\u0000${column}`;
    if (seen.has(key)) return;
    seen.add(key);
    diagnostics.push({ code, message, file, line, column });
  };
  const reportAt = (code: ComposeCode, message: string, doc: PolicyDocument, el: ElementNode): void =>
    report(code, message, doc.file, el.range.start.line, el.range.start.column);
  const reportedParse = new Set<PolicyDocument>();
  const reportParse = (doc: PolicyDocument): void => {
    if (reportedParse.has(doc)) return;
    reportedParse.add(doc);
    for (const d of doc.diagnostics) report("parse", d.message, doc.file, d.range.start.line, d.range.start.column);
  };

  const assumptions: string[] = [];
  const chain: ScopeLink[] = [];
  for (const scope of COMPOSE_SCOPES) {
    const document = input.scopes[scope];
    if (document) chain.push({ scope, document, implicit: false });
  }
  const narrowest = chain[chain.length - 1];
  if (!narrowest) throw new TypeError("composeEffective: no scope document given");
  if (chain[0]?.scope !== "global") {
    chain.unshift({ scope: "global", document: defaultGlobalPolicy(), implicit: true });
    assumptions.push(
      "no global policy given: APIM's default global policy stands in (forward-request in backend, other sections empty)",
    );
  }
  const fragments = toMap(input.fragments);

  const perScope = chain.map((link) => {
    reportParse(link.document);
    const root = link.document.root;
    if (root && link.document.kind !== "policies") {
      reportAt("not-policies", `expected a <policies> document, found <${root.name}>`, link.document, root);
    }
    return sections(link.document);
  });

  let missingNoted = false;
  const memo = new Map<string, ComposedSection>();

  /** The effective section `name` at chain level `level` (0 = global). */
  const sectionAt = (level: number, name: SectionName): ComposedSection => {
    const key = `${level}:${name}`;
    const known = memo.get(key);
    if (known) return known;
    const link = chain[level] as ScopeLink;
    const element = perScope[level]?.[name];
    let result: ComposedSection;
    if (!element) {
      // [U] (runtime reference §5.1 says `<base />` is in every section by default, not what a missing section
      // means): a section a scope leaves out behaves as `<base />`, and above global stands APIM's default global
      // policy, so a global without <backend> still forwards. Pinned in test/policy/compose.test.ts.
      if (!missingNoted && !link.implicit && !sealed) {
        missingNoted = true;
        assumptions.push("a section a scope leaves out behaves as <base /> (global: APIM's default global section)");
      }
      if (level === 0) {
        const fallback = sections(defaultGlobalPolicy())[name] as ElementNode;
        const ctx = contextFor({ scope: "global", document: defaultGlobalPolicy(), implicit: true }, 0);
        result = { element: fallback, origin: originOf(fallback, ctx), children: composeChildren(fallback, ctx, name) };
      } else {
        result = sectionAt(level - 1, name);
      }
    } else {
      const ctx = contextFor(link, level);
      result = { element, origin: originOf(element, ctx), children: composeChildren(element, ctx, name) };
    }
    memo.set(key, result);
    return result;
  };

  const contextFor = (link: ScopeLink, level: number): Context => ({
    document: link.document,
    scope: link.scope,
    level,
    fragments: [],
    sectionLevel: true,
  });

  const composeChildren = (parent: ElementNode, ctx: Context, section: SectionName): EffectiveChild[] => {
    const out: EffectiveChild[] = [];
    let bases = 0;
    for (const k of parent.children) {
      if (k.type !== "element") {
        out.push(k);
        continue;
      }
      if (k.name === "base") {
        if (ctx.fragment !== undefined) {
          reportAt(
            "fragment-base",
            `fragment '${ctx.fragment}' contains <base /> (not allowed in a fragment)`,
            ctx.document,
            k,
          );
        } else if (!ctx.sectionLevel) {
          // [U] the docs place <base /> among a section's statements only; inside another element it is kept
          // unexpanded and reported.
          reportAt(
            "base-nested",
            `<base /> must be a direct child of <${section}>, not of <${parent.name}>`,
            ctx.document,
            k,
          );
        } else if (ctx.level === 0) {
          // The docs say it has no effect at global; APIM refuses to save it (apim-reference.md §1, [3P]).
          reportAt("base-in-global", "<base /> in the global policy: global has no parent scope", ctx.document, k);
        } else {
          bases++;
          if (bases > 1) {
            // [U] what APIM does with a second <base /> is not documented: reported, not expanded twice.
            reportAt("base-repeated", `a second <base /> in <${section}>`, ctx.document, k);
          } else {
            out.push(...sectionAt(ctx.level - 1, section).children);
            continue;
          }
        }
        out.push(wrap(k, ctx, section));
        continue;
      }
      if (k.name === "include-fragment") {
        const inlined = inlineFragment(k, ctx, section);
        if (inlined) out.push(...inlined);
        else out.push(wrap(k, ctx, section));
        continue;
      }
      if (ctx.fragment !== undefined && ctx.sectionLevel && SECTION_SET.has(k.name)) {
        reportAt(
          "fragment-section",
          `fragment '${ctx.fragment}' contains a <${k.name}> section element`,
          ctx.document,
          k,
        );
      }
      out.push(wrap(k, ctx, section));
    }
    return out;
  };

  const wrap = (el: ElementNode, ctx: Context, section: SectionName): EffectiveElement => ({
    type: "element",
    name: el.name,
    element: el,
    origin: originOf(el, ctx),
    children: composeChildren(el, { ...ctx, sectionLevel: false }, section),
  });

  /** The fragment's composed children in place of `include`, or undefined when it cannot be inlined. */
  const inlineFragment = (include: ElementNode, ctx: Context, section: SectionName): EffectiveChild[] | undefined => {
    const idAttr = attr(include, "fragment-id");
    const id = idAttr?.value.text.trim();
    if (!idAttr || !id || idAttr.value.kind !== "literal") {
      const why = idAttr ? "a literal fragment id (no expressions or named values)" : "a fragment-id attribute";
      reportAt("fragment-id-missing", `<include-fragment> needs ${why}`, ctx.document, include);
      return undefined;
    }
    if (ctx.fragment !== undefined) {
      // Not allowed (reference §5.11); still inlined so the rest of the composition is what it would mean.
      reportAt(
        "fragment-nested",
        `fragment '${ctx.fragment}' includes fragment '${id}' (fragments cannot nest)`,
        ctx.document,
        include,
      );
    }
    if (ctx.fragments.includes(id)) {
      const cycle = [...ctx.fragments, id].join(" -> ");
      reportAt("fragment-cycle", `fragment cycle: ${cycle}`, ctx.document, include);
      return undefined;
    }
    const fragment = fragments.get(id);
    if (!fragment) {
      reportAt("fragment-not-found", `fragment '${id}' not found`, ctx.document, include);
      return undefined;
    }
    reportParse(fragment);
    const root = fragment.root;
    if (!root) return undefined;
    if (root.name !== "fragment") {
      reportAt(
        "fragment-not-fragment",
        `fragment '${id}' (${fragment.file}) is a <${root.name}> document, not a <fragment>`,
        ctx.document,
        include,
      );
      return undefined;
    }
    const fctx: Context = {
      document: fragment,
      scope: ctx.scope,
      level: ctx.level,
      fragment: id,
      includedAt: originOf(include, ctx),
      fragments: [...ctx.fragments, id],
      sectionLevel: true,
    };
    return composeChildren(root, fctx, section);
  };

  const composed = SECTION_NAMES.map((name) => ({ name, ...sectionAt(chain.length - 1, name) }));
  const policy: EffectivePolicy = {
    scope: narrowest.scope,
    document: narrowest.document,
    chain,
    sections: composed,
    section: (name) => composed.find((s) => s.name === name) as EffectiveSection,
    diagnostics,
    assumptions,
  };
  sealed = true;
  const parentLevel = chain.length - 2;
  const parent: ParentSections = (name) => (parentLevel < 0 ? undefined : { name, ...sectionAt(parentLevel, name) });
  // A hidden property, not a WeakMap: an ephemeron keeps the composition's memo alive through minor GCs (about
  // 7 MB more peak RSS over a 10k-file lint run), a property goes with the policy.
  Object.defineProperty(policy, PARENT_SECTIONS, { value: parent });
  return policy;
}

type ParentSections = (name: SectionName) => EffectiveSection | undefined;

/** The parent-section composer of a policy composeEffective made (it shares that composition's memo). */
const PARENT_SECTIONS = Symbol("parentSections");

/**
 * What `<base />` in section `name` of `policy` brings: the effective section of the chain above its narrowest
 * scope, the same as composing that chain alone. Taken from the composition's own memo (a section the narrowest
 * scope expanded is already there, another is composed on first ask); it adds nothing to `policy.diagnostics`.
 * Undefined when the chain has no scope above the narrowest one (or `policy` was not made by composeEffective).
 */
export function parentSection(policy: EffectivePolicy, name: SectionName): EffectiveSection | undefined {
  return (policy as { [PARENT_SECTIONS]?: ParentSections })[PARENT_SECTIONS]?.(name);
}

function originOf(el: ElementNode, ctx: Context): Origin {
  const origin: Origin = {
    document: ctx.document,
    file: ctx.document.file,
    line: el.range.start.line,
    column: el.range.start.column,
    scope: ctx.scope,
  };
  if (ctx.fragment !== undefined) origin.fragment = ctx.fragment;
  if (ctx.includedAt) origin.includedAt = ctx.includedAt;
  return origin;
}

function toMap(
  fragments: ReadonlyMap<string, PolicyDocument> | Readonly<Record<string, PolicyDocument>> | undefined,
): ReadonlyMap<string, PolicyDocument> {
  if (!fragments) return new Map();
  if (fragments instanceof Map) return fragments;
  return new Map(Object.entries(fragments as Record<string, PolicyDocument>));
}

/** Every composed element of the effective policy, in pipeline order (depth first). */
export function* walkEffective(nodes: readonly EffectiveChild[]): Generator<EffectiveElement> {
  const stack: EffectiveChild[] = [...nodes].reverse();
  while (stack.length > 0) {
    const k = stack.pop() as EffectiveChild;
    if (k.type !== "element") continue;
    yield k;
    for (let i = k.children.length - 1; i >= 0; i--) stack.push(k.children[i] as EffectiveChild);
  }
}
