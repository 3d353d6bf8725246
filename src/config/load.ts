/**
 * load -> validate -> freeze. The configuration is read once at start from, lowest
 * precedence first: built-in defaults, a JSON config file, environment variables,
 * and explicit options (command-line flags). The result is passed down; nothing else
 * in custos reads the environment.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { CONFIG_FILE_ENV, envVarName, readEnvLayer } from "./env.js";
import { ConfigError, type ConfigIssue } from "./errors.js";
import { DATA_DIR_CONFIG_FILE, readFileLayer } from "./file.js";
import { type Layer, mergeLayers, type RawValue, withImpliedDiscriminators } from "./layer.js";
import { resolveConfig } from "./resolve.js";
import type { CustosConfig } from "./schema.js";

export interface LoadConfigOptions {
  /** JSON config file; relative to `cwd`. Default: $CUSTOS_CONFIG, else `<dataDir>/custos.json` if it exists. */
  readonly file?: string;
  /** Data folder (e.g. the --data-dir flag); wins over the file and CUSTOS_DATA_DIR. Relative to `cwd`. */
  readonly dataDir?: string;
  /** Environment to read CUSTOS_* variables from. Default: process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Directory for relative paths not from a file. Default: process.cwd(). */
  readonly cwd?: string;
}

/** Every setting at its default; paths resolved against `dataDir` (default ./data, relative to the cwd). */
export function defaultConfig(dataDir?: string): CustosConfig {
  const cwd = process.cwd();
  const layer: Layer =
    dataDir === undefined
      ? new Map()
      : new Map([["dataDir", { raw: dataDir, text: true, source: "dataDir", baseDir: cwd }]]);
  const { config, issues } = resolveConfig(layer, cwd);
  if (config === undefined) throw new ConfigError(issues);
  return config;
}

/** Loads, validates and deep-freezes the configuration; throws `ConfigError` listing every problem. */
export async function loadConfig(options: LoadConfigOptions = {}): Promise<CustosConfig> {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const issues: ConfigIssue[] = [];

  const envLayer = implied(readEnvLayer(env, cwd), issues);
  const optionLayer: Layer =
    options.dataDir === undefined
      ? new Map()
      : new Map<string, RawValue>([
          ["dataDir", { raw: options.dataDir, text: true, source: "dataDir option", baseDir: cwd }],
        ]);

  let fileLayer: Layer = new Map();
  const file = configFile(options, env, cwd);
  if (file !== undefined) {
    const read = await readFileLayer(file.path);
    issues.push(...read.issues);
    fileLayer = implied(read.layer, issues);
    if (file.inDataDir && fileLayer.has("dataDir")) {
      issues.push({
        kind: "conflict",
        path: "dataDir",
        message: `cannot be set in the data folder's own ${DATA_DIR_CONFIG_FILE}`,
        source: file.path,
      });
    }
  }

  const { config, issues: invalid } = resolveConfig(mergeLayers(mergeLayers(fileLayer, envLayer), optionLayer), cwd);
  issues.push(...invalid);
  if (config === undefined || issues.length > 0) throw new ConfigError(issues);
  return config;
}

/** The file to read: explicit option, else $CUSTOS_CONFIG, else the data folder's custos.json when present. */
function configFile(
  options: LoadConfigOptions,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): { path: string; inDataDir: boolean } | undefined {
  const explicit = options.file ?? nonEmpty(env[CONFIG_FILE_ENV]);
  if (explicit !== undefined) return { path: resolve(cwd, explicit), inDataDir: false };
  const dataDir = options.dataDir ?? nonEmpty(env[envVarName("dataDir")]) ?? "data";
  const candidate = join(resolve(cwd, dataDir), DATA_DIR_CONFIG_FILE);
  return existsSync(candidate) ? { path: candidate, inDataDir: true } : undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}

/** Adds implied discriminators to a layer, reporting settings that imply different variants. */
function implied(layer: Layer, issues: ConfigIssue[]): Layer {
  const result = withImpliedDiscriminators(layer);
  for (const { discriminator, paths } of result.conflicts) {
    issues.push({
      kind: "conflict",
      path: paths.join(", "),
      message: `cannot be combined: they imply different values of ${discriminator}`,
      source: [...new Set(paths.map((p) => layer.get(p)?.source))].join(", "),
    });
  }
  return result.layer;
}
