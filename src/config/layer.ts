/**
 * A layer is the set of settings one source (config file, environment, options) gives,
 * before validation. Layers are merged lowest first: file < environment < options.
 */
import { SETTINGS } from "./schema.js";

/** One unvalidated value and where it came from. */
export interface RawValue {
  /** A JSON value (from the file) or a string (from text sources). */
  readonly raw: unknown;
  /** True when `raw` is text to parse (environment, command-line option). */
  readonly text: boolean;
  /** Environment variable name, file path or option name; quoted in errors. */
  readonly source: string;
  /** Directory relative paths resolve against. */
  readonly baseDir: string;
}

/** Settings given by one source, by dotted path. */
export type Layer = ReadonlyMap<string, RawValue>;

/**
 * Settings that apply only for some value of a discriminator ("store.path" only when
 * store.kind is "sqlite") imply that value: giving `store.url` alone selects postgres.
 * Returns the layer with implied discriminators added, and the paths that imply
 * different values at once (a conflict the caller reports).
 */
export interface VariantConflict {
  readonly discriminator: string;
  readonly paths: readonly string[];
}

export function withImpliedDiscriminators(layer: Layer): { layer: Layer; conflicts: readonly VariantConflict[] } {
  const out = new Map(layer);
  const conflicts: VariantConflict[] = [];
  const implied = new Map<string, Map<string, string[]>>();
  for (const s of SETTINGS) {
    if (s.when === undefined || !layer.has(s.path) || layer.has(s.when.path)) continue;
    const byValue = implied.get(s.when.path) ?? new Map<string, string[]>();
    implied.set(s.when.path, byValue);
    byValue.set(s.when.equals, [...(byValue.get(s.when.equals) ?? []), s.path]);
  }
  for (const [discriminator, byValue] of implied) {
    if (byValue.size > 1) {
      conflicts.push({ discriminator, paths: [...byValue.values()].flat() });
      continue;
    }
    for (const [value, paths] of byValue) {
      const first = layer.get(paths[0]!)!;
      out.set(discriminator, { raw: value, text: first.text, source: first.source, baseDir: first.baseDir });
    }
  }
  return { layer: out, conflicts };
}

/**
 * Merges `upper` over `lower`. When `upper` sets a discriminator, `lower`'s settings
 * that belong to another variant are dropped: a file describing a SQLite store and
 * `CUSTOS_STORE_URL` in the environment give a PostgreSQL store, not a conflict.
 */
export function mergeLayers(lower: Layer, upper: Layer): Layer {
  const out = new Map(lower);
  for (const s of SETTINGS) {
    if (s.when === undefined) continue;
    const chosen = upper.get(s.when.path);
    if (chosen !== undefined && chosen.raw !== s.when.equals) out.delete(s.path);
  }
  for (const [path, value] of upper) out.set(path, value);
  return out;
}
