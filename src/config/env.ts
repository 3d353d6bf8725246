/**
 * Environment variables: one per leaf setting, named mechanically from its path
 * ("kmip.maxMessageBytes" -> CUSTOS_KMIP_MAX_MESSAGE_BYTES).
 */
import type { Layer, RawValue } from "./layer.js";
import { SETTINGS } from "./schema.js";

export const ENV_PREFIX = "CUSTOS_";

/** Names the config file to read, like the `file` option (which wins over it). */
export const CONFIG_FILE_ENV = "CUSTOS_CONFIG";

/** The environment variable for a dotted setting path: camelCase words and dots become UPPER_SNAKE. */
export function envVarName(path: string): string {
  const snake = path
    .split(".")
    .map((part) => part.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase())
    .join("_");
  return `${ENV_PREFIX}${snake}`;
}

/**
 * Reads every setting's variable from `env`. Unset and empty variables are ignored
 * (so `CUSTOS_KMIP_PORT=` in a compose file means "use the default"). Relative paths
 * resolve against `cwd`.
 */
export function readEnvLayer(env: Readonly<Record<string, string | undefined>>, cwd: string): Layer {
  const values = new Map<string, RawValue>();
  for (const s of SETTINGS) {
    const name = envVarName(s.path);
    const text = env[name];
    if (text === undefined || text === "") continue;
    values.set(s.path, { raw: text, text: true, source: name, baseDir: cwd });
  }
  return values;
}
