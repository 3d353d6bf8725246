/**
 * How `custos kmip` prints results: human-readable lines by default, or, with `--json`,
 * exactly one JSON document (pretty-printed, newline-terminated) on standard output.
 */
import { ItemType, type TtlvItem } from "../ttlv/item.js";
import { maskByTag, maskText } from "../ttlv/masks.js";
import { tagName } from "../ttlv/tags.js";
import { bytesToHex, formatEnumeration, formatIsoDateTime } from "../ttlv/text-values.js";
import type { CliIo } from "./io.js";

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export class Output {
  constructor(
    private readonly io: CliIo,
    readonly json: boolean,
  ) {}

  /** Prints a command's result: `human` lines, or `doc` as JSON. */
  result(human: readonly string[], doc: JsonValue): void {
    if (this.json) this.io.stdout(`${JSON.stringify(doc, null, 2)}\n`);
    else for (const line of human) this.io.stdout(`${line}\n`);
  }
}

/**
 * A TTLV value as plain JSON: enumerations by name, bit masks as their flag names
 * ("Encrypt Decrypt"), byte strings as hex, dates as ISO 8601, structures as objects
 * keyed by tag name (a repeated tag becomes an array).
 */
export function renderValue(item: TtlvItem): JsonValue {
  switch (item.type) {
    case ItemType.Structure: {
      const out: { [key: string]: JsonValue } = {};
      for (const child of item.value) {
        const key = tagName(child.tag);
        const value = renderValue(child);
        const prev = out[key];
        if (prev === undefined) out[key] = value;
        // renderValue never returns an array itself, so an array here is the earlier repeats.
        else out[key] = Array.isArray(prev) ? [...prev, value] : [prev, value];
      }
      return out;
    }
    case ItemType.Integer: {
      const mask = maskByTag.get(item.tag);
      return mask === undefined ? item.value : maskText(mask, item.value);
    }
    case ItemType.Enumeration:
      return formatEnumeration(item.tag, item.value);
    case ItemType.LongInteger:
    case ItemType.BigInteger:
      return Number.isSafeInteger(Number(item.value)) ? Number(item.value) : item.value.toString();
    case ItemType.DateTime:
      return formatIsoDateTime(item.value) ?? item.value.toString();
    case ItemType.DateTimeExtended: {
      const seconds = item.value / 1_000_000n - (item.value % 1_000_000n < 0n ? 1n : 0n);
      return formatIsoDateTime(seconds, Number(item.value - seconds * 1_000_000n)) ?? item.value.toString();
    }
    case ItemType.ByteString:
      return bytesToHex(item.value);
    case ItemType.Boolean:
    case ItemType.TextString:
    case ItemType.Interval:
      return item.value;
  }
}

/** A rendered value on one line: scalars as they are, structures as `Key: value, ...`. */
export function renderText(value: JsonValue): string {
  if (value === null) return "";
  if (Array.isArray(value)) return value.map(renderText).join("; ");
  if (typeof value === "object") {
    return Object.entries(value)
      .map(([k, v]) => `${k}: ${renderText(v)}`)
      .join(", ");
  }
  return String(value);
}
