// The contract between the lint engine and the rules in rules/.
import type { ChildNode, PolicyDocument, Range } from "../policy/model.js";

export type Severity = "error" | "warn" | "info";
export type SeverityOrOff = Severity | "off";

/** Where a document sits in APIM's hierarchy; decides <base /> and global-only checks. */
export type PolicyScope = "global" | "workspace" | "product" | "api" | "operation" | "fragment";

export type RuleCategory = "structure" | "token-validation" | "token-acquisition" | "security" | "correctness";

export interface RuleMeta {
  /** Default severity in apimkit:recommended (a rule off by default is only in apimkit:strict). */
  severity: SeverityOrOff;
  /** Severity in apimkit:strict (defaults to `severity`, or "warn" when that is "off"). */
  strictSeverity?: Severity;
  category: RuleCategory;
  /** One line, no trailing period. */
  description: string;
  /** Docs page, relative to the package root: rules/<id>.md */
  docs: string;
  /** True when some reports carry a safe fix. */
  fixable?: boolean;
}

/** Replace original text [range.start.offset, range.end.offset) with `text`. */
export interface TextEdit {
  range: Range;
  text: string;
}

export interface Fix {
  /** One line shown to the user, e.g. "add <base />". */
  description: string;
  edits: TextEdit[];
}

export interface Report {
  /** The node the finding is about; its range gives the finding's position. */
  node: ChildNode | { range: Range };
  message: string;
  fix?: Fix;
  /**
   * Lowers this one finding below the rule's level, never raises it: the engine reports
   * min(configured level, severity). For rules whose issue text gives one case a milder level
   * (e.g. cors-wildcard: `*` origins are an error only with allow-credentials, else warn).
   */
  severity?: Severity;
}

export interface RuleContext {
  /** The scope of this document (inferred from its path, or --scope). */
  scope: PolicyScope;
  /** Options from the lint config (`[level, options]`), or {}. */
  options: Record<string, unknown>;
  /** Known named values, when configured (undefined: unknown, so named-value checks stay silent). */
  namedValues?: ReadonlySet<string>;
  /** Report a finding. */
  report(report: Report): void;
}

export interface Rule {
  id: string;
  meta: RuleMeta;
  /**
   * Element names: the engine runs the rule only on documents that hold at least one of them (a rule that has
   * nothing to say elsewhere declares it here, instead of each rule checking the document itself).
   */
  appliesTo?: readonly string[];
  /** Never throws for a well-formed model; never re-parses text. */
  check(doc: PolicyDocument, context: RuleContext): void;
}

export interface Finding {
  file: string;
  ruleId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fix?: Fix;
}
