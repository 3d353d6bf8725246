/**
 * What a `custos` command may touch besides its arguments: two output writers, the
 * environment handed to the config loader, the working directory that relative paths
 * resolve against, and a shutdown signal for the long-running commands. `main.ts` fills
 * these from the process; tests inject their own and run commands in-process.
 */
export interface CliIo {
  /** Writes to standard output (text as given, newlines included). */
  readonly stdout: (text: string) => void;
  /** Writes to standard error. */
  readonly stderr: (text: string) => void;
  /** Environment for `loadConfig` (CUSTOS_* variables). Default: the process environment. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Directory relative paths resolve against. Default: the process working directory. */
  readonly cwd?: string;
  /**
   * Ends `serve` and `start` when aborted. Default: the first SIGINT or SIGTERM the process
   * receives.
   */
  readonly shutdown?: AbortSignal;
}

/**
 * Exit statuses of the `custos` command. 64 is EX_USAGE of BSD sysexits(3).
 */
export const ExitCode = {
  Ok: 0,
  /** The server could not start or stopped on an error; init failed. */
  Failure: 1,
  /** The KMIP server answered an operation with a failure. */
  KmipFailure: 2,
  /** No KMIP conversation: connection refused, TLS handshake failed, connection lost. */
  Connection: 3,
  /** Bad command line: unknown option, invalid value, missing argument, unreadable input file. */
  Usage: 64,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export type CliErrorCode = "CUSTOS_CLI_USAGE" | "CUSTOS_CLI_CONNECTION" | "CUSTOS_CLI_FAILURE";

const EXIT_BY_CODE: Readonly<Record<CliErrorCode, ExitCode>> = {
  CUSTOS_CLI_USAGE: ExitCode.Usage,
  CUSTOS_CLI_CONNECTION: ExitCode.Connection,
  CUSTOS_CLI_FAILURE: ExitCode.Failure,
};

/** An error a command reports as one `error: <message>` line, with its exit status. */
export class CliError extends Error {
  override readonly name = "CliError";
  constructor(
    readonly code: CliErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  get exitCode(): ExitCode {
    return EXIT_BY_CODE[this.code];
  }
}

export const usageError = (message: string): CliError => new CliError("CUSTOS_CLI_USAGE", message);
export const connectionError = (message: string, cause?: unknown): CliError =>
  new CliError("CUSTOS_CLI_CONNECTION", message, { cause });
export const failure = (message: string, cause?: unknown): CliError =>
  new CliError("CUSTOS_CLI_FAILURE", message, { cause });
