/**
 * The optional JSON config file. Its shape mirrors `CustosConfig` (nested objects,
 * every key optional); unknown keys are errors, relative paths resolve against the
 * file's own directory.
 */
import { readFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { ConfigIssue } from "./errors.js";
import type { Layer, RawValue } from "./layer.js";
import { findSetting, SETTINGS, settingGroups } from "./schema.js";

/** Name of the config file looked for in the data folder. */
export const DATA_DIR_CONFIG_FILE = "custos.json";

/** Largest config file read; anything bigger is surely not a config file. */
const MAX_FILE_BYTES = 1_048_576;

export interface FileLayer {
  readonly layer: Layer;
  readonly issues: readonly ConfigIssue[];
}

/** Reads `file` (an absolute path) into a layer; a missing file is an issue. */
export async function readFileLayer(file: string): Promise<FileLayer> {
  let text: string;
  try {
    const bytes = await readFile(file);
    if (bytes.length > MAX_FILE_BYTES) {
      return failed(file, `config file is larger than ${MAX_FILE_BYTES} bytes`);
    }
    text = bytes.toString("utf8");
  } catch (err) {
    return failed(file, `cannot read config file: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return failed(file, `config file is not valid JSON: ${(err as Error).message}`);
  }
  return parseConfigObject(json, file, dirname(file));
}

/** Walks a parsed JSON document against the schema; exported for tests and other sources. */
export function parseConfigObject(json: unknown, source: string, baseDir: string): FileLayer {
  const values = new Map<string, RawValue>();
  const issues: ConfigIssue[] = [];
  const groups = new Set(settingGroups());

  const walk = (node: unknown, prefix: string): void => {
    if (!isPlainObject(node)) {
      issues.push({ kind: "invalid", path: prefix, message: `expected an object, got ${describeJson(node)}`, source });
      return;
    }
    for (const key of Object.keys(node)) {
      const path = prefix === "" ? key : `${prefix}.${key}`;
      const value = node[key];
      if (findSetting(path) !== undefined) {
        values.set(path, { raw: value, text: false, source, baseDir });
      } else if (groups.has(path)) {
        walk(value, path);
      } else {
        issues.push({ kind: "unknown", path, message: unknownMessage(path, prefix, groups), source });
      }
    }
  };
  walk(json, "");
  return { layer: values, issues };
}

function failed(file: string, message: string): FileLayer {
  return { layer: new Map(), issues: [{ kind: "file", path: "", message, source: file }] };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** "unknown setting", plus the closest sibling name when one is a likely typo. */
function unknownMessage(path: string, prefix: string, groups: ReadonlySet<string>): string {
  const siblings = [...SETTINGS.map((s) => s.path), ...groups].filter(
    (p) => p.startsWith(prefix === "" ? "" : `${prefix}.`) && p.split(".").length === path.split(".").length,
  );
  const closest = siblings
    .map((p) => ({ p, d: editDistance(p.toLowerCase(), path.toLowerCase()) }))
    .sort((a, b) => a.d - b.d)[0];
  const hint = closest !== undefined && closest.d <= 3 ? ` (did you mean "${closest.p}"?)` : "";
  return `unknown setting${hint}`;
}

/** Levenshtein distance, for typo hints only. */
function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = row;
  }
  return prev[b.length]!;
}

/** A short rendering of a JSON value for "got ..." in messages. */
export function describeJson(value: unknown): string {
  const text = value === undefined ? "nothing" : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
