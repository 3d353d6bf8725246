/**
 * `custos init`: the development PKI (src/pkix/dev-pki.ts) and the master key, in a data
 * folder. Idempotent: files already there are kept unless `--force`.
 */

import type { Command } from "commander";
import { loadConfig } from "../../config/load.js";
import type { CustosConfig } from "../../config/schema.js";
import { pathExists } from "../../pkix/atomic-file.js";
import { type InitResult, initDataDir } from "../../pkix/dev-pki.js";
import { MasterKey } from "../../store/master-key.js";
import type { CliIo } from "../io.js";
import { collect } from "../parse-args.js";
import { displayPath, resolveFrom } from "../paths.js";

export interface ConfigOptions {
  readonly dataDir?: string;
  readonly config?: string;
}

/** The configuration the command line selects: `--config`, `--data-dir`, CUSTOS_* variables. */
export function loadCliConfig(io: CliIo, options: ConfigOptions): Promise<CustosConfig> {
  return loadConfig({
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
    ...(options.config === undefined ? {} : { file: options.config }),
    ...(io.env === undefined ? {} : { env: io.env }),
    cwd: resolveFrom(io, "."),
  });
}

export interface InitCommandOptions extends ConfigOptions {
  readonly host?: readonly string[];
  readonly clientName?: string;
  readonly force?: boolean;
}

export interface InitSummary {
  readonly pki: InitResult;
  readonly config: CustosConfig;
  readonly masterKeyCreated: boolean;
}

/** Creates what is missing in the data folder (all of it with `force`), master key included. */
export async function initialize(io: CliIo, options: InitCommandOptions): Promise<InitSummary> {
  const { dataDir } = await loadCliConfig(io, options);
  const pki = await initDataDir(dataDir, {
    ...(options.host === undefined ? {} : { hosts: options.host }),
    ...(options.clientName === undefined ? {} : { clientName: options.clientName }),
    force: options.force ?? false,
  });
  // Read again: init may just have written the data folder's custos.json.
  const config = await loadCliConfig(io, options);
  const masterKeyCreated = !(await pathExists(config.masterKeyFile));
  await MasterKey.loadOrCreate(config.masterKeyFile);
  return { pki, config, masterKeyCreated };
}

/** One line per file: "created ./data/pki/ca.crt" or "kept    ./data/pki/ca.crt". */
export function describeInit(io: CliIo, summary: InitSummary): string[] {
  const lines = summary.pki.entries
    .filter((e) => e.role !== "dataDir" && e.role !== "pkiDir")
    .map((e) => `${verb(e.written, e.existed)} ${displayPath(io, e.path)}`);
  lines.push(
    `${verb(summary.masterKeyCreated, !summary.masterKeyCreated)} ${displayPath(io, summary.config.masterKeyFile)}`,
  );
  return lines;
}

function verb(written: boolean, existed: boolean): string {
  if (!written) return "kept    ";
  return existed ? "replaced" : "created ";
}

export function registerInit(program: Command, io: CliIo): void {
  program
    .command("init")
    .description("create a data folder: development CA, server and client certificates, custos.json, master key")
    .option("--data-dir <dir>", "data folder (default: $CUSTOS_DATA_DIR or ./data)")
    .option("--host <name>", "extra DNS name or IP for the server certificate (repeatable)", collect)
    .option("--client-name <name>", "common name of the administrator client certificate", "admin")
    .option("--force", "regenerate and overwrite every file init writes (the master key is never replaced)")
    .action(async (options: InitCommandOptions) => {
      const summary = await initialize(io, options);
      io.stdout(`custos init: data folder ${displayPath(io, summary.config.dataDir)}\n`);
      for (const line of describeInit(io, summary)) io.stdout(`  ${line}\n`);
      io.stdout(`administrator identity: ${summary.pki.adminIdentity}\n`);
    });
}
