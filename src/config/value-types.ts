/**
 * The kinds of value a setting can hold. Each kind knows how to read itself from JSON
 * (the config file) and from text (an environment variable), what it expects (for
 * error messages) and how to describe itself (for docs/configuration.md).
 */
import { isIP } from "node:net";
import { resolve } from "node:path";

/** The outcome of parsing one raw value. */
export type ParseResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false };

/** What a parser may need besides the raw value. */
export interface ParseContext {
  /** Directory that relative paths resolve against (the config file's directory, or the cwd). */
  readonly baseDir: string;
}

export interface ValueType<T> {
  /** Completes "expected ...", e.g. "an integer 1-65535". */
  readonly expected: string;
  /** Short type description for the docs table, e.g. "integer 1–65535". */
  readonly docType: string;
  fromJson(raw: unknown, ctx: ParseContext): ParseResult<T>;
  fromText(raw: string, ctx: ParseContext): ParseResult<T>;
  /** Renders a (default) value for the docs table. */
  format(value: T): string;
}

const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
const fail: ParseResult<never> = { ok: false };

/** An integer in [min, max]. Text must be plain decimal digits (no "1e3", no "0x10", no blanks). */
export function integer(min: number, max: number): ValueType<number> {
  const inRange = (n: number): ParseResult<number> => (Number.isSafeInteger(n) && n >= min && n <= max ? ok(n) : fail);
  return {
    expected: `an integer ${min}-${max}`,
    docType: `integer ${min}–${max}`,
    fromJson: (raw) => (typeof raw === "number" ? inRange(raw) : fail),
    fromText: (raw) => (/^-?[0-9]+$/.test(raw) ? inRange(Number(raw)) : fail),
    format: (value) => String(value),
  };
}

/** One of a fixed list of strings (case-sensitive). */
export function oneOf<const V extends string>(values: readonly V[]): ValueType<V> {
  const pick = (raw: unknown): ParseResult<V> =>
    typeof raw === "string" && (values as readonly string[]).includes(raw) ? ok(raw as V) : fail;
  return {
    expected: `one of ${values.map((v) => JSON.stringify(v)).join(", ")}`,
    docType: values.map((v) => `\`${v}\``).join(", "),
    fromJson: pick,
    fromText: pick,
    format: (value) => value,
  };
}

/** A filesystem path; relative paths resolve against the context's base directory. */
export const filePath: ValueType<string> = {
  expected: "a non-empty path",
  docType: "path",
  fromJson: (raw, ctx) => (typeof raw === "string" && raw.trim() !== "" ? ok(resolve(ctx.baseDir, raw)) : fail),
  fromText: (raw, ctx) => (raw.trim() !== "" ? ok(resolve(ctx.baseDir, raw)) : fail),
  format: (value) => value,
};

/** RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens. */
const HOSTNAME =
  /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** A bind address: an IPv4 or IPv6 literal, or a host name. */
export const host: ValueType<string> = {
  expected: "an IP address or host name",
  docType: "IP address or host name",
  fromJson: (raw) => (typeof raw === "string" && (isIP(raw) !== 0 || HOSTNAME.test(raw)) ? ok(raw) : fail),
  fromText: (raw) => (isIP(raw) !== 0 || HOSTNAME.test(raw) ? ok(raw) : fail),
  format: (value) => value,
};

/** A PostgreSQL connection URL (postgres:// or postgresql://). */
export const postgresUrl: ValueType<string> = {
  expected: "a postgres:// or postgresql:// URL",
  docType: "URL",
  fromJson: (raw) => (typeof raw === "string" ? parsePostgresUrl(raw) : fail),
  fromText: (raw) => parsePostgresUrl(raw),
  format: (value) => value,
};

function parsePostgresUrl(raw: string): ParseResult<string> {
  if (!URL.canParse(raw)) return fail;
  const { protocol } = new URL(raw);
  return protocol === "postgres:" || protocol === "postgresql:" ? ok(raw) : fail;
}

/**
 * A list of non-empty strings, without duplicates. In text form: comma-separated, blanks
 * around items trimmed, empty items dropped.
 */
export const stringList: ValueType<readonly string[]> = {
  expected: "a list of distinct non-empty strings",
  docType: "list of strings (env: comma-separated)",
  fromJson: (raw) =>
    Array.isArray(raw) && raw.every((item) => typeof item === "string" && item.trim() !== "")
      ? distinct(raw.map((item: string) => item.trim()))
      : fail,
  fromText: (raw) =>
    distinct(
      raw
        .split(",")
        .map((item) => item.trim())
        .filter((item) => item !== ""),
    ),
  format: (value) => JSON.stringify(value),
};

function distinct(items: readonly string[]): ParseResult<readonly string[]> {
  return new Set(items).size === items.length ? ok(items) : fail;
}
