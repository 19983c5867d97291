// Runs the enabled rules over one parsed document and turns their reports into findings.
import { allRules } from "../../rules/index.js";
import type { PolicyDocument, Range } from "../policy/model.js";
import { parsePolicy } from "../policy/parser.js";
import { redactSecrets } from "../util/redact.js";
import { removeFix } from "./analysis/fixes.js";
import { INTERNAL_ERROR, PARSE_ERROR, UNUSED_DIRECTIVE, unsuppressible } from "./builtin-rules.js";
import type { CompositionRun } from "./composition.js";
import { collectDirectives, type Directive, DirectiveFilter } from "./directives.js";
import { presetLevels } from "./presets.js";
import type { ResolvedConfig, RuleSetting } from "./resolved-config.js";
import { type EnabledRule, type RunListener, runRules } from "./run-rules.js";
import { decideScope } from "./scope.js";
import { PolicySourceCode } from "./source-code.js";
import { addTime, timingEnabled } from "./timing.js";
import type { Finding, PolicyScope, Report, Rule, Severity, SeverityOrOff } from "./types.js";

export interface EngineOptions {
  scope: PolicyScope;
  /** Why the document has that scope (scope.ts decideScope), for scope-dependent messages. */
  scopeReason?: string;
  config: ResolvedConfig;
  /** Overrides config.namedValues when given. */
  namedValues?: ReadonlySet<string>;
  /** Report disable directives that suppress nothing (at the config's unused-directive level, else error). */
  reportUnusedDirectives?: boolean;
  /** The rules to run; defaults to allRules from rules/index.ts. */
  rules?: readonly Rule[];
  /** The lint run's composition: the document's parents, fragments and children (none: the document alone). */
  composition?: CompositionRun;
}

const RANK: Record<Severity, number> = { info: 0, warn: 1, error: 2 };
const NO_OPTIONS: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;

/** The enabled rules of a config, computed once per (rule list, config) (configs are cached per folder). */
const enabledCache = new WeakMap<readonly Rule[], WeakMap<ResolvedConfig, EnabledRule[]>>();

function enabledRules(rules: readonly Rule[], config: ResolvedConfig): EnabledRule[] {
  let perConfig = enabledCache.get(rules);
  if (!perConfig) {
    perConfig = new WeakMap();
    enabledCache.set(rules, perConfig);
  }
  let list = perConfig.get(config);
  if (list) return list;
  list = [];
  for (const rule of rules) {
    const setting = config.rules.get(rule.id);
    const severity = setting ? setting.severity : rule.meta.severity;
    if (severity === "off") continue;
    list.push({ rule, severity, options: setting?.options ?? NO_OPTIONS });
  }
  perConfig.set(config, list);
  return list;
}

function levelOf(config: ResolvedConfig, id: string, fallback: SeverityOrOff): SeverityOrOff {
  return config.rules.get(id)?.severity ?? fallback;
}

export interface SourceOptions extends Omit<EngineOptions, "scope"> {
  file: string;
  /** Wins over config.scope, a <fragment> root and the path. */
  scope?: PolicyScope;
  /** Why `scope` was given (default "--scope"), e.g. "the publish target". */
  scopeReason?: string;
  /** Lets a bare policy.xml be recognised as the global policy (see scope.ts). */
  isArtifactsRoot?: (dir: string) => boolean;
}

/** Parses and lints policy text. The parser never throws by contract; if it ever does, that is a finding too. */
export function lintSource(source: string, opts: SourceOptions): Finding[] {
  const t0 = timingEnabled ? performance.now() : 0;
  let doc: PolicyDocument;
  try {
    // The composition may have parsed this very file and text already, as another file's parent: the same call.
    doc = opts.composition?.parsedOf(opts.file, source) ?? parsePolicy(source, opts.file);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const message = `The parser crashed on ${opts.file}: ${reason} (this is a bug in apimkit, please report it)`;
    return [toFinding(opts.file, INTERNAL_ERROR, "error", message, START)];
  }
  if (timingEnabled) addTime("(parse)", performance.now() - t0);
  const decided = decideScope({
    file: opts.file,
    cli: opts.scope,
    override: opts.config.scope ? { scope: opts.config.scope, from: opts.config.scopeFrom } : undefined,
    fragmentRoot: doc.kind === "fragment",
    isArtifactsRoot: opts.isArtifactsRoot,
  });
  const scopeReason = decided.source === "cli" ? (opts.scopeReason ?? decided.reason) : decided.reason;
  // The scope passed beside the options, not spread into a copy of them (a copy per document costs CPU).
  return lintParsed(doc, opts, decided.scope, scopeReason);
}

const START: Range = { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };

/** Lints a parsed document. Never throws because of a rule: a crashing rule becomes an internal-error finding. */
export function lintDocument(doc: PolicyDocument, opts: EngineOptions): Finding[] {
  return lintParsed(doc, opts, opts.scope, opts.scopeReason);
}

function lintParsed(
  doc: PolicyDocument,
  opts: Omit<EngineOptions, "scope">,
  scope: PolicyScope,
  scopeReason: string | undefined,
): Finding[] {
  const { config } = opts;
  if (doc.diagnostics.length > 0) {
    // A document that could not be read is not judged further: rules would report noise about the broken parts.
    const findings: Finding[] = [];
    const parseLevel = levelOf(config, PARSE_ERROR, "error");
    if (parseLevel !== "off") {
      for (const d of doc.diagnostics) findings.push(toFinding(doc.file, PARSE_ERROR, parseLevel, d.message, d.range));
    }
    return sortFindings(findings);
  }

  // Everything the rules ask about this document, computed once on first use; it goes when the document does.
  const { composition } = opts;
  const sourceCode = new PolicySourceCode(doc, {
    placeholders: config.placeholders,
    scopes: composition ? (code) => composition.forDocument(code, scope) : undefined,
  });
  const env = { scope, scopeReason, namedValues: opts.namedValues ?? config.namedValues };
  const collector = new Collector(doc);
  runRules(sourceCode, enabledRules(opts.rules ?? allRules, config), env, collector);
  const findings = collector.findings;

  const directives = collectDirectives(doc);
  if (directives.length === 0) return sortFindings(findings);
  return sortFindings(applyDirectives(doc, directives, findings, config, opts.reportUnusedDirectives));
}

/** What the rules of one document say, as findings (a class: one object per document, no closures). */
class Collector implements RunListener {
  readonly findings: Finding[] = [];
  constructor(private readonly doc: PolicyDocument) {}

  report(enabled: EnabledRule, report: Report): void {
    const level =
      report.severity && RANK[report.severity] < RANK[enabled.severity] ? report.severity : enabled.severity;
    const finding = toFinding(this.doc.file, enabled.rule.id, level, report.message, report.node.range);
    if (report.fix) finding.fix = report.fix;
    this.findings.push(finding);
  }

  crash(enabled: EnabledRule, err: unknown): void {
    this.findings.push(internalError(this.doc, enabled.rule.id, err));
  }
}

/** The findings the document's directives leave, and the unused directives when they are reported. */
function applyDirectives(
  doc: PolicyDocument,
  directives: Directive[],
  findings: Finding[],
  config: ResolvedConfig,
  reportUnusedDirectives: boolean | undefined,
): Finding[] {
  const filter = new DirectiveFilter(directives);
  const kept = findings.filter((f) => unsuppressible.has(f.ruleId) || !filter.suppresses(f));
  const configured = levelOf(config, UNUSED_DIRECTIVE, "off");
  const unusedLevel = configured !== "off" ? configured : reportUnusedDirectives ? "error" : "off";
  if (unusedLevel !== "off") {
    const unused = filter.unused();
    for (const { directive, rule } of unused) {
      const what = rule ? `no problems were reported from '${rule}'` : "no problems were reported";
      const message = `Unused apimkit-${directive.kind} directive (${what})`;
      const finding = toFinding(doc.file, UNUSED_DIRECTIVE, unusedLevel, message, directive.comment.range);
      // Safe to delete only when nothing in the directive is used (each unused rule name is its own finding).
      const allUnused = directive.rules.every((r) => unused.some((u) => u.directive === directive && u.rule === r));
      if (allUnused) finding.fix = removeFix(doc, directive.comment.range, "remove the unused directive");
      kept.push(finding);
    }
  }
  return kept;
}

function toFinding(file: string, ruleId: string, severity: Severity, message: string, range: Range): Finding {
  return {
    file,
    ruleId,
    severity,
    message: redactSecrets(message),
    line: range.start.line,
    column: range.start.column,
    endLine: range.end.line,
    endColumn: range.end.column,
  };
}

function internalError(doc: PolicyDocument, ruleId: string, err: unknown): Finding {
  const reason = err instanceof Error ? err.message : String(err);
  // The rule's own stack frame is the most useful "where"; the document position is the root element.
  const frame = err instanceof Error ? err.stack?.split("\n").find((l) => l.includes("/rules/")) : undefined;
  const where = frame ? ` at ${frame.trim().replace(/^at\s+/, "")}` : "";
  const range = doc.root?.startTagRange ?? START;
  const message = `Rule '${ruleId}' crashed on ${doc.file}: ${reason}${where} (this is a bug in apimkit, please report it)`;
  return toFinding(doc.file, INTERNAL_ERROR, "error", message, range);
}

export function sortFindings(findings: Finding[]): Finding[] {
  return findings.length < 2 ? findings : findings.sort(byPosition);
}

function byPosition(a: Finding, b: Finding): number {
  return a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : 1);
}

/** The base config when the caller gives none: apimkit:recommended, no named values. */
let recommended: ResolvedConfig | undefined;
export function recommendedConfig(): ResolvedConfig {
  if (!recommended) {
    const rules = new Map<string, RuleSetting>();
    for (const [id, severity] of presetLevels("apimkit:recommended")) rules.set(id, { severity, options: NO_OPTIONS });
    recommended = { rules };
  }
  return recommended;
}
