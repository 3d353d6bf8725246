/**
 * Errors raised while loading the configuration. Every problem found is kept as an
 * issue naming the setting's dotted path and where the bad value came from; the
 * loader reports all issues at once so an operator fixes them in one pass.
 */

/** What kind of problem an issue is. */
export type ConfigIssueKind =
  /** A value of the wrong type or out of range. */
  | "invalid"
  /** A key in the file (or a nested key) that is not a setting. */
  | "unknown"
  /** A setting with no default that must be given. */
  | "missing"
  /** Two settings that contradict each other. */
  | "conflict"
  /** The config file cannot be read or is not valid JSON. */
  | "file";

export interface ConfigIssue {
  readonly kind: ConfigIssueKind;
  /** Dotted setting path ("kmip.port"), or "" for the file as a whole. */
  readonly path: string;
  /** What was expected, e.g. `expected an integer 1-65535, got "abc"`. */
  readonly message: string;
  /** Where the value came from: an environment variable name, a file path, or an option. */
  readonly source?: string;
}

/** Renders one issue as `config: kmip.port: expected ..., got "abc" (from CUSTOS_KMIP_PORT)`. */
export function formatConfigIssue(issue: ConfigIssue): string {
  const where = issue.path === "" ? "" : `${issue.path}: `;
  const from = issue.source === undefined ? "" : ` (from ${issue.source})`;
  return `config: ${where}${issue.message}${from}`;
}

/** Thrown by `loadConfig` when the configuration is unusable; one message line per issue. */
export class ConfigError extends Error {
  readonly code = "CUSTOS_CONFIG_INVALID";
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    super(issues.map(formatConfigIssue).join("\n"));
    this.name = "ConfigError";
    this.issues = Object.freeze([...issues]);
  }
}
