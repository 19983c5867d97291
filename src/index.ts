// The package entry (`import { lintText, lintFiles, parsePolicy, generate, emulate } from "apimkit"`): the public
// API of each job. Everything a caller needs is exported here; nothing else in dist/ is a public path.

// Generate: a validated apimkit.json in, the policies, named values and setup script out.
export { ConfigError, loadConfig, loadConfigWithWarnings } from "./config/load.js";
export type { Config } from "./config/types.js";
// The emulator behind `apimkit test`: run policies and their C# expressions offline.
export * from "./emulator/index.js";
export {
  type GeneratedFile,
  GenerateError,
  type GenerateOptions,
  generate,
  generateWithFindings,
} from "./generate/index.js";
// Lint: one in-memory policy, trees on disk, the configs, formatters and the rule API (plugins use the same).
export {
  type FileResult,
  type FormatName,
  type FormatterInput,
  formatters,
  LintConfigError,
  type LintConfigFile,
  type LintFilesOptions,
  type LintFilesResult,
  type LintResult,
  type LintTextOptions,
  LintUsageError,
  lintConfigFor,
  lintFiles,
  lintText,
  loadLintConfigFor,
  PolicySourceCode,
  type ResolvedConfig,
  type RuleEntry,
  type RuleSetting,
} from "./lint/index.js";
export type {
  ExpressionSite,
  Finding,
  Fix,
  NodeOfKind,
  PolicyScope,
  Report,
  Rule,
  RuleCategory,
  RuleContext,
  RuleMeta,
  Severity,
  TextEdit,
  Visitors,
} from "./lint/types.js";
export type {
  Attribute,
  ChildNode,
  CommentNode,
  ElementNode,
  Expression,
  NamedValueRef,
  ParseDiagnostic,
  PolicyDocument,
  PolicyValue,
  Position,
  Range,
  TextNode,
} from "./policy/model.js";
// The policy document: the rawxml-tolerant parser and its node model.
export { parsePolicy } from "./policy/parser.js";
