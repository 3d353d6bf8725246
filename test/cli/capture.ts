import type { CliIo } from "../../src/cli/io.js";
import { runCli } from "../../src/cli/run-cli.js";

export interface Captured {
  readonly io: CliIo;
  readonly stdout: () => string;
  readonly stderr: () => string;
}

/** A CliIo that records what the command writes; `env` defaults to empty (no CUSTOS_* from the test runner). */
export function capture(extra: Partial<Omit<CliIo, "stdout" | "stderr">> = {}): Captured {
  let out = "";
  let err = "";
  return {
    io: {
      env: {},
      ...extra,
      stdout: (text) => {
        out += text;
      },
      stderr: (text) => {
        err += text;
      },
    },
    stdout: () => out,
    stderr: () => err,
  };
}

/** Runs `custos <argv>` in-process and returns the exit code and output. */
export async function run(
  argv: readonly string[],
  extra: Partial<Omit<CliIo, "stdout" | "stderr">> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const c = capture(extra);
  const code = await runCli(argv, c.io);
  return { code, stdout: c.stdout(), stderr: c.stderr() };
}
