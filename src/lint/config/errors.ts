/** A problem in a lint config (or in a lint option): the CLI prints it as one line and exits 2. */
export class LintConfigError extends Error {
  override name = "LintConfigError";
}

/** A bad command-line argument (a missing path, a glob matching nothing, a bad --rule): exit 2. */
export class LintUsageError extends Error {
  override name = "LintUsageError";
}
