/**
 * Parsers for option values, used as commander argument parsers: they throw
 * `InvalidArgumentError`, which commander reports as a usage error naming the option.
 *
 * Enumeration and mask names are matched case-insensitively against the KMIP tables
 * (src/ttlv/enums.ts, src/ttlv/masks.ts) with punctuation ignored, so "aes", "AES",
 * "hmac-sha256", "pre-active" and "PreActive" all work. A unique prefix is accepted too
 * ("cessation" for Cessation of Operation), as are the short aliases a command declares.
 */
import { InvalidArgumentError } from "commander";
import { isSupportedVersion, type ProtocolVersion, supportedVersions } from "../kmip/version.js";
import { enumByTag } from "../ttlv/enums.js";
import { maskByTag } from "../ttlv/masks.js";

/** Lower case, letters and digits only: "Pre-Active" -> "preactive". */
export function normalizeName(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Most choices listed in an error message. */
const MAX_LISTED_CHOICES = 12;

/**
 * Looks `text` up in `names` (member name -> value): exact normalized match, then an
 * alias, then a unique prefix. Throws InvalidArgumentError listing the choices.
 */
export function lookupName(
  what: string,
  names: ReadonlyMap<string, number>,
  text: string,
  aliases: Readonly<Record<string, number>> = {},
): number {
  const wanted = normalizeName(text);
  const byNormal = new Map<string, number>();
  for (const [name, value] of names) byNormal.set(normalizeName(name), value);
  for (const [alias, value] of Object.entries(aliases)) if (!byNormal.has(alias)) byNormal.set(alias, value);
  const exact = byNormal.get(wanted);
  if (exact !== undefined) return exact;
  if (wanted.length > 0) {
    const values = new Set([...byNormal].filter(([n]) => n.startsWith(wanted)).map(([, v]) => v));
    const [only] = values;
    if (values.size === 1 && only !== undefined) return only;
  }
  const choices = [...Object.keys(aliases), ...new Set(names.keys())];
  const listed = choices.slice(0, MAX_LISTED_CHOICES).join(", ");
  const more = choices.length > MAX_LISTED_CHOICES ? `, ... (${choices.length} in all)` : "";
  throw new InvalidArgumentError(`unknown ${what} "${text}"; expected one of ${listed}${more}`);
}

/** A parser for the enumeration of `tag` (KMIP 1.4 §9.1.3.2, KMIP 2.1 §11). */
export function enumArg(
  tag: number,
  what: string,
  aliases: Readonly<Record<string, number>> = {},
): (text: string) => number {
  const table = enumByTag.get(tag);
  if (table === undefined) throw new Error(`tag 0x${tag.toString(16)} has no enumeration table`);
  return (text) => lookupName(what, table.byName, text, aliases);
}

/** A parser for a bit mask Integer (KMIP 1.4 §9.1.3.3): names separated by ",", "|" or spaces. */
export function maskArg(tag: number, what: string): (text: string) => number {
  const table = maskByTag.get(tag);
  if (table === undefined) throw new Error(`tag 0x${tag.toString(16)} has no mask table`);
  return (text) => {
    const parts = text.split(/[\s,|]+/).filter((p) => p.length > 0);
    if (parts.length === 0) throw new InvalidArgumentError(`empty ${what}`);
    let value = 0;
    for (const part of parts) value = (value | lookupName(what, table.byName, part)) >>> 0;
    return value;
  };
}

/** A parser for a decimal integer in [min, max]. */
export function intArg(min: number, max: number): (text: string) => number {
  return (text) => {
    const n = /^\d+$/.test(text) ? Number(text) : Number.NaN;
    if (!Number.isSafeInteger(n) || n < min || n > max) {
      throw new InvalidArgumentError(`expected an integer ${min}-${max}, got "${text}"`);
    }
    return n;
  };
}

/** "2.1" -> { major: 2, minor: 1 }, for the versions custos speaks (KMIP 1.0-2.1). */
export function versionArg(text: string): ProtocolVersion {
  const m = /^(\d+)\.(\d+)$/.exec(text);
  const v = m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
  if (v === undefined || !isSupportedVersion(v)) {
    const known = supportedVersions.map((s) => `${s.major}.${s.minor}`).join(", ");
    throw new InvalidArgumentError(`unsupported KMIP version "${text}"; expected one of ${known}`);
  }
  return v;
}

/** Accumulates a repeatable option's values. */
export function collect(value: string, previous: readonly string[] | undefined): string[] {
  return [...(previous ?? []), value];
}
