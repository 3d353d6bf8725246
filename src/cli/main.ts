/**
 * Entry point of the `custos` executable (bin/custos.js imports the built copy): runs the
 * command line against the process's streams and sets the exit status.
 */
import { runCli } from "./run-cli.js";

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
});
