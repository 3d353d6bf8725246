/**
 * The `custos` command: builds the commander program and runs it against injected I/O,
 * returning the exit status instead of exiting, so tests can run it in-process.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { KmipOperationError } from "../client/kmip-client.js";
import { ConfigError } from "../config/errors.js";
import { DevPkiError } from "../pkix/dev-pki.js";
import { MasterKeyError } from "../store/errors.js";
import { registerAccess } from "./commands/access.js";
import { registerAudit } from "./commands/audit.js";
import { registerInit } from "./commands/init.js";
import { registerKmip } from "./commands/kmip.js";
import { registerServe } from "./commands/serve.js";
import { registerStart } from "./commands/start.js";
import { CliError, type CliIo, ExitCode } from "./io.js";

/** The package version, read from package.json two folders up (src/cli or dist/cli). */
function packageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
      version?: unknown;
    };
    return typeof pkg.version === "string" ? pkg.version : "unknown";
  } catch {
    return "unknown";
  }
}

/** The `custos` program, writing through `io`; commander errors are thrown, not exited on. */
export function buildProgram(io: CliIo): Command {
  const program = new Command("custos")
    .description("custos: KMIP key server and KMIP command-line client")
    .version(packageVersion(), "-V, --version")
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout(text),
      writeErr: (text) => io.stderr(text),
    })
    .showHelpAfterError("(run with --help for usage)");
  // Settings above are copied into each subcommand as it is created.
  registerStart(program, io);
  registerInit(program, io);
  registerServe(program, io);
  registerKmip(program, io);
  registerAccess(program, io);
  registerAudit(program, io);
  return program;
}

/** Commander exits that are not errors. */
const COMMANDER_SUCCESS = new Set(["commander.helpDisplayed", "commander.version"]);

/** Runs `custos <argv>` (argv without the node and script paths) and returns the exit status. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync(argv.map(dataAlias), { from: "user" });
    return ExitCode.Ok;
  } catch (err) {
    return report(err, io);
  }
}

/** Prints `err` as one or more `error:` lines (no stack trace) and picks the exit status. */
function report(err: unknown, io: CliIo): number {
  if (err instanceof CommanderError) {
    // Commander has already printed its message (and help, when asked).
    if (COMMANDER_SUCCESS.has(err.code) || err.exitCode === 0) return ExitCode.Ok;
    if (err.code === "commander.invalidArgument" && !err.message.startsWith("error:")) {
      // Thrown by our own parsers outside commander's parsing (e.g. variadic arguments).
      io.stderr(`error: ${err.message}\n`);
    }
    return ExitCode.Usage;
  }
  if (err instanceof ConfigError) {
    io.stderr(`error: the configuration is invalid:\n${err.message}\n`);
    return ExitCode.Failure;
  }
  if (err instanceof KmipOperationError) {
    io.stderr(`error: ${err.message}\n`);
    return ExitCode.KmipFailure;
  }
  if (err instanceof CliError) {
    io.stderr(`error: ${err.message}\n`);
    return err.exitCode;
  }
  if (err instanceof DevPkiError || err instanceof MasterKeyError) {
    io.stderr(`error: ${err.message}\n`);
    return ExitCode.Failure;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.stderr(`error: ${message}\n`);
  return ExitCode.Failure;
}

/** `--data DIR` is accepted everywhere as a short form of `--data-dir DIR`. */
function dataAlias(arg: string): string {
  if (arg === "--data") return "--data-dir";
  return arg.startsWith("--data=") ? `--data-dir=${arg.slice("--data=".length)}` : arg;
}
