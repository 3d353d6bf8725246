/**
 * Turns a merged layer into a validated, defaulted and deeply frozen `CustosConfig`:
 * each setting is parsed by its value type or defaulted, variant settings are kept
 * only for their variant, and every problem becomes a `ConfigIssue`.
 */
import type { ConfigIssue } from "./errors.js";
import { describeJson } from "./file.js";
import type { Layer, RawValue } from "./layer.js";
import { type CustosConfig, type DefaultContext, SETTINGS, type Setting } from "./schema.js";

export interface Resolved {
  /** Undefined when there are issues. */
  readonly config: CustosConfig | undefined;
  readonly issues: readonly ConfigIssue[];
}

export function resolveConfig(layer: Layer, cwd: string): Resolved {
  const issues: ConfigIssue[] = [];
  const values = new Map<string, unknown>();
  let ctx: DefaultContext = { cwd, dataDir: "" };

  for (const s of SETTINGS) {
    const given = layer.get(s.path);
    if (s.when !== undefined && values.get(s.when.path) !== s.when.equals) {
      if (given !== undefined && values.has(s.when.path)) {
        issues.push({
          kind: "conflict",
          path: s.path,
          message: `only applies when ${s.when.path} is ${JSON.stringify(s.when.equals)}, but it is ${JSON.stringify(values.get(s.when.path))}`,
          source: given.source,
        });
      }
      continue;
    }
    const value = given === undefined ? defaultValue(s, ctx, layer, issues) : parseGiven(s, given, issues);
    if (value === undefined) continue;
    values.set(s.path, value);
    if (s.path === "dataDir") ctx = { cwd, dataDir: value as string };
  }
  if (issues.length > 0) return { config: undefined, issues };
  return { config: deepFreeze(nest(values)) as unknown as CustosConfig, issues };
}

function parseGiven(s: Setting<unknown>, given: RawValue, issues: ConfigIssue[]): unknown {
  const ctx = { baseDir: given.baseDir };
  const result = given.text ? s.type.fromText(String(given.raw), ctx) : s.type.fromJson(given.raw, ctx);
  if (result.ok) return result.value;
  const got = s.secret === true ? "another value (not shown: it may hold a password)" : describeJson(given.raw);
  issues.push({
    kind: "invalid",
    path: s.path,
    message: `expected ${s.type.expected}, got ${got}`,
    source: given.source,
  });
  return undefined;
}

function defaultValue(s: Setting<unknown>, ctx: DefaultContext, layer: Layer, issues: ConfigIssue[]): unknown {
  if (s.default === undefined) {
    const why = s.when === undefined ? "" : ` when ${s.when.path} is ${JSON.stringify(s.when.equals)}`;
    const source = s.when === undefined ? undefined : layer.get(s.when.path)?.source;
    issues.push({
      kind: "missing",
      path: s.path,
      message: `required${why}`,
      ...(source === undefined ? {} : { source }),
    });
    return undefined;
  }
  return typeof s.default === "function" ? (s.default as (c: DefaultContext) => unknown)(ctx) : s.default;
}

/** Builds the nested object from dotted paths; only known setting paths ever reach here. */
function nest(values: ReadonlyMap<string, unknown>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [path, value] of values) {
    const parts = path.split(".");
    let node = root;
    for (const part of parts.slice(0, -1)) {
      node[part] ??= {};
      node = node[part] as Record<string, unknown>;
    }
    node[parts[parts.length - 1]!] = Array.isArray(value) ? [...value] : value;
  }
  return root;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
