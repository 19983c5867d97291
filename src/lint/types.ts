// The contract between the lint engine and the rules in rules/.
import type { NodeKind } from "../policy/csharp/ast.js";
import type { NodeOfKind } from "../policy/csharp/walk.js";
import type { ChildNode, ElementNode, Expression, PolicyValue, Range } from "../policy/model.js";
import type { PolicySourceCode } from "./source-code.js";

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
  /** apimkit's categories; a plugin may name its own ("house"). */
  category: RuleCategory | (string & {});
  /** One line, no trailing period. */
  description: string;
  /**
   * Docs page: relative to the package root for apimkit's rules (rules/<id>.md). A plugin gives a URL or a path
   * relative to its module (or nothing); once loaded it is a URL, an absolute path, or "" for no page.
   */
  docs: string;
  /** True when some reports carry a safe fix. */
  fixable?: boolean;
  /**
   * JSON Schema of the rule's options (the object in `[level, options]`). Options a config gives are checked against
   * it when the config is read; a mismatch is a config error. Rules without options leave it out.
   */
  schema?: Readonly<Record<string, unknown>>;
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

export type { NodeOfKind };

export interface RuleContext {
  /** The id of the rule this context belongs to. */
  readonly id: string;
  /** The scope of this document (inferred from its path, or --scope). */
  readonly scope: PolicyScope;
  /**
   * Why the document has that scope, in a few words ("APIOps path", "PSRule name x.api.cshtml", "override in
   * .apimkitrc.json", "--scope", "default: the path says nothing"); undefined when the caller did not say.
   */
  readonly scopeReason?: string;
  /** Options from the lint config (`[level, options]`, checked against meta.schema), or {}. */
  readonly options: Readonly<Record<string, unknown>>;
  /** Known named values, when configured (undefined: unknown, so named-value checks stay silent). */
  readonly namedValues: ReadonlySet<string> | undefined;
  /** The document and what is known about it, computed once per document (rules never parse). */
  readonly sourceCode: PolicySourceCode;
  /** Report a finding. */
  report(report: Report): void;
}

/** Where an expression node is: the element and value (attribute value or text) that hold its expression. */
export interface ExpressionSite {
  element: ElementNode;
  value: PolicyValue;
  /** The model's expression (its code and `@...` range). */
  expression: Expression;
}

type ExpressionVisitors = {
  [K in NodeKind]?: (node: NodeOfKind<K>, where: ExpressionSite) => void;
} & {
  [K in NodeKind as `${K}:exit`]?: (node: NodeOfKind<K>, where: ExpressionSite) => void;
};

/**
 * What `create` returns: functions the engine calls during its one walk over the document.
 * - an element name (`"validate-jwt"`), or `"*"` for every element: called on entering the element;
 *   with `:exit` (`"send-request:exit"`), on leaving it (after its children);
 * - `"Document"` / `"Document:exit"`: once, before / after the elements;
 * - an expression node kind of src/policy/csharp/ast.ts (`"MemberAccess"`, `"Invocation:exit"`), with the node and
 *   where its expression is.
 * Element names are lower case (kebab-case) and node kinds PascalCase, so the keys never collide. A document
 * without an element of that name never calls its visitor.
 */
export type Visitors = {
  [element: Lowercase<string>]: ((element: ElementNode) => void) | undefined;
  Document?: () => void;
  "Document:exit"?: () => void;
} & ExpressionVisitors;

export interface Rule {
  /** kebab-case; a plugin's rules are `plugin/rule`. */
  id: string;
  meta: RuleMeta;
  /**
   * Called once per document, before the walk: returns the visitors for this document. Never parses, never keeps
   * state between documents (keep per-document state in variables of this function). Return an object literal:
   * storing closures into a fresh object one by one slows V8's garbage collection a lot
   * (src/lint/analysis/element-visitors.ts).
   */
  create(context: RuleContext): Visitors;
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
