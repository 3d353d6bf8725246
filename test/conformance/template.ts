/**
 * Templates: TTLV trees whose leaf values may be `$`-placeholders (see
 * ./vectors.ts for the placeholder forms the OASIS vectors use).
 */
import type { ItemType, TtlvItem } from "../../src/ttlv/item.js";

export type LeafItem = Exclude<TtlvItem, { type: typeof ItemType.Structure }>;
export type LeafType = LeafItem["type"];
export type LeafValue = LeafItem["value"];

/** A `$`-name standing for a value (see the module comment). */
export interface Placeholder {
  readonly kind: "placeholder";
  /** The name without offset, e.g. "$NOW" or "$UNIQUE_IDENTIFIER_0". */
  readonly name: string;
  /** Seconds added to `$NOW` ("$NOW-3600" -> -3600); 0 for other names. */
  readonly offsetSeconds: number;
}

export interface TemplateStructure {
  readonly tag: number;
  readonly type: typeof ItemType.Structure;
  readonly value: readonly TemplateNode[];
}

export interface TemplateLeaf {
  readonly tag: number;
  readonly type: LeafType;
  readonly value: LeafValue | Placeholder;
  /** After this leaf matched, also bind its actual value to this placeholder name. */
  readonly capture?: string;
}

/** A TTLV tree whose leaf values may be placeholders. */
export type TemplateNode = TemplateStructure | TemplateLeaf;
export type TtlvTemplate = TemplateNode;

export const isPlaceholder = (v: unknown): v is Placeholder =>
  typeof v === "object" && v !== null && (v as { kind?: unknown }).kind === "placeholder";

export class VectorError extends Error {
  override readonly name = "VectorError";
}
