import type { Attr } from "../../kmip/attributes/attribute.js";
import { KmipError, kmipError } from "../../kmip/kmip-error.js";
import { opt, req } from "../../kmip/read.js";
import { KeyFormatType, LinkType, ObjectType, ResultReason } from "../../ttlv/enums.js";
import { ItemType, type StructureItem, type TtlvItem, ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import type { RequestContext } from "../context.js";
import { nowSeconds } from "../context.js";
import { rawKeyBlock } from "../key-block.js";
import { dateAttr, isDestroyed } from "../lifecycle.js";
import type { ManagedObject } from "../managed-object.js";
import { createObject, digestOf } from "../new-object.js";
import { saveChange } from "../save-change.js";
import { generateSymmetric } from "../symmetric-algorithms.js";
import { copyGrants } from "./copy-grants.js";

/**
 * Attributes the replacement key does not copy from the existing key (KMIP 1.4 §4.4
 * Table 173 / 2.1 §6.1.46 Table 304): set anew (Initial Date, Last Change Date, Digest,
 * Random Number Generator, Link), not set (Destroy Date, Compromise (Occurrence) Date,
 * Revocation Reason), or recomputed by createObject for every new object (Original
 * Creation Date, Short Unique Identifier, Fresh, Lease Time, Key Format Type, Protection
 * Storage Mask, Always Sensitive, Never Extractable); plus the rotation bookkeeping
 * (KMIP 2.1 §4.49-4.52), which replaceSymmetricKey sets itself.
 */
const NOT_COPIED: ReadonlySet<string> = new Set([
  dateAttr.initial,
  dateAttr.lastChange,
  dateAttr.destroy,
  dateAttr.compromise,
  dateAttr.compromiseOccurrence,
  "Revocation Reason",
  "Digest",
  "Link",
  "Random Number Generator",
  "Original Creation Date",
  "Short Unique Identifier",
  "Fresh",
  "Lease Time",
  "Key Format Type",
  "Protection Storage Mask",
  "Always Sensitive",
  "Never Extractable",
  "Archive Date",
  "Usage Limits",
  "Rotate Date",
  "Rotate Generation",
  "Rotate Latest",
]);

/** The dates an Offset recomputes (KMIP 1.4 §4.4 Table 172 / 2.1 §6.1.46 Table 303). */
const OFFSET_DATES = [dateAttr.activation, dateAttr.processStart, dateAttr.protectStop, dateAttr.deactivation] as const;
/** Re-key Key Pair moves only these two (KMIP 1.4 §4.5 Table 176 / 2.1 §6.1.47). */
export const PAIR_OFFSET_DATES: readonly OffsetDate[] = [dateAttr.activation, dateAttr.deactivation];
export type OffsetDate = (typeof OFFSET_DATES)[number];
const DATE_TAGS: Readonly<Record<OffsetDate, number>> = {
  [dateAttr.activation]: Tag.ActivationDate,
  [dateAttr.processStart]: Tag.ProcessStartDate,
  [dateAttr.protectStop]: Tag.ProtectStopDate,
  [dateAttr.deactivation]: Tag.DeactivationDate,
};

export interface ReplaceOptions {
  /** Offset in seconds: Activation Date of the replacement = its Initial Date + Offset. */
  readonly offset?: number | undefined;
  /** Attributes the requester asked for (Template-Attribute / Attributes); they win over copied ones. */
  readonly template: readonly Attr[];
  /** Audit action of the creation and of the change to the existing key ("kmip.ReKey", "rotation.Rotate"). */
  readonly action: string;
}

/** What the caller generated for the replacement object. */
export interface Replacement {
  readonly value: StructureItem;
  /** Server-set attributes of the new value: Cryptographic Algorithm/Length, Digest, links to a partner key. */
  readonly derived: readonly Attr[];
  /** A Unique Identifier chosen beforehand (Re-key Key Pair links the new halves to each other). */
  readonly id?: string;
  /** The dates an Offset moves; the others are copied (1.4 Table 172 vs Table 176). */
  readonly offsetDates: readonly OffsetDate[];
}

/**
 * Re-key (KMIP 1.4 §4.4 / 2.1 §6.1.46): generates a replacement for the existing Symmetric
 * Key `old` with the same algorithm and length (see replaceObject). Errors: not a Symmetric
 * Key -> Invalid Object Type (1.4 §11.5: Permission Denied); destroyed -> Key Value Not Present.
 */
export async function replaceSymmetricKey(
  ctx: RequestContext,
  old: ManagedObject,
  opts: ReplaceOptions,
): Promise<ManagedObject> {
  if (old.objectType !== ObjectType.SymmetricKey) {
    throw new KmipError(ResultReason.InvalidObjectType, "Re-key replaces Symmetric Keys only");
  }
  checkReplaceable(old, opts, OFFSET_DATES);
  const keyBlock = req.struct(old.value!, Tag.KeyBlock);
  const algorithm = numberAttr(old, "Cryptographic Algorithm") ?? opt.enum(keyBlock, Tag.CryptographicAlgorithm);
  const length = numberAttr(old, "Cryptographic Length") ?? opt.int(keyBlock, Tag.CryptographicLength);
  if (algorithm === undefined || length === undefined) {
    throw kmipError.invalidField("the existing key has no Cryptographic Algorithm or Length");
  }
  const material = generateSymmetric(algorithm, length);
  try {
    return await replaceObject(ctx, old, opts, {
      value: ttlv.struct(Tag.SymmetricKey, [rawKeyBlock(material, algorithm, length)]),
      derived: [
        { name: "Cryptographic Algorithm", value: ttlv.enum(Tag.CryptographicAlgorithm, algorithm) },
        { name: "Cryptographic Length", value: ttlv.int(Tag.CryptographicLength, length) },
        { name: "Digest", value: digestOf(material, KeyFormatType.Raw) },
      ],
      offsetDates: OFFSET_DATES,
    });
  } finally {
    material.fill(0);
  }
}

/** The checks every re-key makes before generating anything (KMIP 1.4 §11.5, §11.6). */
export function checkReplaceable(old: ManagedObject, opts: ReplaceOptions, offsetDates: readonly OffsetDate[]): void {
  if (isDestroyed(old.state) || old.value === null) {
    throw new KmipError(ResultReason.KeyValueNotPresent, "the existing key has no key value");
  }
  if (opts.offset !== undefined && opts.template.some((a) => (offsetDates as readonly string[]).includes(a.name))) {
    // KMIP 1.4 §11.5: Offset together with Activation/Process Start/Protect Stop/Deactivation Date.
    throw kmipError.invalidMessage("Offset may not be given together with explicit lifecycle dates");
  }
}

/**
 * Creates the replacement of `old` (KMIP 1.4 §4.4, §4.5; 2.1 §6.1.46, §6.1.47): copies the
 * existing object's attributes except those the spec handles specially, applies the
 * requested ones, moves its Name(s) to the replacement, and links the two: the existing
 * object gets Link "Replacement Object" -> new, the new one Link "Replaced Object" -> old.
 * The replacement gets the existing object's access grants (copyGrants), so a grantee of
 * the old key can use the new one.
 * Rotate Generation of the new object is the old one's plus one; Rotate Latest moves to the
 * new object; the old one stops rotating automatically (KMIP 2.1 §4.48-4.52).
 *
 * Both objects change in the caller's transaction; the existing object is written with its
 * optimistic version check, so of two concurrent re-keys of one key only the first commits
 * (the other fails with StoreConflictError and leaves nothing behind). The replacement is
 * owned by the existing object's owner and becomes the ID Placeholder.
 */
export async function replaceObject(
  ctx: RequestContext,
  old: ManagedObject,
  opts: ReplaceOptions,
  replacement: Replacement,
): Promise<ManagedObject> {
  const templateNames = new Set(opts.template.map((a) => a.name));
  const given = new Set([...templateNames, ...replacement.derived.map((a) => a.name)]);
  const moved = (name: string) =>
    opts.offset !== undefined && (replacement.offsetDates as readonly string[]).includes(name);
  const now = nowSeconds(ctx);
  const derived: Attr[] = [];
  for (const a of old.attrs.all()) {
    if (NOT_COPIED.has(a.name) || given.has(a.name) || moved(a.name)) continue;
    derived.push(a);
  }
  if (opts.offset !== undefined) derived.push(...offsetDates(ctx, old, now, opts.offset, replacement.offsetDates));
  // Usage Limits: the Total is copied and the replacement starts with its full allowance (Count = Total).
  const limits = old.attrs.get("Usage Limits");
  if (limits?.type === ItemType.Structure && !templateNames.has("Usage Limits")) {
    const total = limits.value.find((i) => i.tag === Tag.UsageLimitsTotal);
    const rest = limits.value.filter((i) => i.tag !== Tag.UsageLimitsCount);
    if (total !== undefined) rest.splice(1, 0, { ...total, tag: Tag.UsageLimitsCount });
    derived.push({ name: "Usage Limits", value: ttlv.struct(Tag.UsageLimits, rest) });
  }
  const generation = old.attrs.get("Rotate Generation");
  derived.push(
    ...replacement.derived,
    { name: "Link", value: link(LinkType.ReplacedObjectLink, old.id) },
    {
      name: "Rotate Generation",
      value: ttlv.int(Tag.RotateGeneration, (generation?.type === ItemType.Integer ? generation.value : 0) + 1),
    },
    { name: "Rotate Latest", value: ttlv.bool(Tag.RotateLatest, true) },
  );
  const created = await createObject(
    ctx,
    {
      objectType: old.objectType,
      clientAttrs: opts.template,
      value: replacement.value,
      derived,
      generated: true,
      owner: old.owner,
      // The existing object's Names move to the replacement: asking for one of them is no duplicate.
      replaced: old.id,
      ...(replacement.id !== undefined ? { id: replacement.id } : {}),
    },
    opts.action,
  );
  await copyGrants(ctx, old.id, created.id);
  old.attrs.remove("Name");
  old.attrs.add("Link", link(LinkType.ReplacementObjectLink, created.id));
  old.attrs.set("Rotate Date", ttlv.date(Tag.RotateDate, now));
  old.attrs.set("Rotate Latest", ttlv.bool(Tag.RotateLatest, false));
  if (old.attrs.has("Rotate Automatic")) old.attrs.set("Rotate Automatic", ttlv.bool(Tag.RotateAutomatic, false));
  await saveChange(ctx, old, opts.action, { replacement: created.id });
  ctx.idPlaceholder = created.id;
  return created;
}

/**
 * The replacement's dates from an Offset (KMIP 1.4 §4.4 Table 172): AT2 = IT2 + Offset and
 * every other date keeps its distance to the activation: X2 = X1 + (AT2 - AT1). Without an
 * Activation Date on the existing key the other dates cannot be moved (1.4 §11.5: Illegal
 * Operation; 2.1 §6.1.46.1 lists no such reason, so Invalid Field there).
 */
function offsetDates(
  ctx: RequestContext,
  old: ManagedObject,
  now: bigint,
  offset: number,
  which: readonly OffsetDate[],
): Attr[] {
  const at2 = now + BigInt(offset);
  const out: Attr[] = [{ name: dateAttr.activation, value: ttlv.date(Tag.ActivationDate, at2) }];
  const at1 = dateSeconds(old.attrs.get(dateAttr.activation));
  for (const name of which) {
    if (name === dateAttr.activation) continue;
    const x1 = dateSeconds(old.attrs.get(name));
    if (x1 === undefined) continue;
    if (at1 === undefined) {
      const reason = ctx.version.major >= 2 ? ResultReason.InvalidField : ResultReason.IllegalOperation;
      throw new KmipError(reason, `an Offset cannot move ${name}: the existing key has no Activation Date`);
    }
    out.push({ name, value: ttlv.date(DATE_TAGS[name], x1 + (at2 - at1)) });
  }
  return out;
}

function dateSeconds(v: TtlvItem | undefined): bigint | undefined {
  return v?.type === ItemType.DateTime ? v.value : undefined;
}

function link(type: number, id: string): TtlvItem {
  return ttlv.struct(Tag.Link, [ttlv.enum(Tag.LinkType, type), ttlv.text(Tag.LinkedObjectIdentifier, id)]);
}

function numberAttr(obj: ManagedObject, name: string): number | undefined {
  const v = obj.attrs.get(name);
  return v?.type === ItemType.Enumeration || v?.type === ItemType.Integer ? v.value : undefined;
}
