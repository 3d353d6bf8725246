import { attributeByName } from "../kmip/attribute-defs.js";
import { type Attr, isCustomName, retag } from "../kmip/attributes/attribute.js";
import { AttributeList } from "../kmip/attributes/attribute-list.js";
import { decodeAttribute1, encodeAttribute1 } from "../kmip/attributes/attribute-wire.js";
import type { IndexEntry, ObjectRecord, StoreTx } from "../store/store.js";
import { decodeTtlv } from "../ttlv/decode.js";
import { encodeTtlv, TtlvEncoder } from "../ttlv/encode.js";
import { ItemType, type StructureItem, type TtlvItem, ttlv } from "../ttlv/item.js";
import { Tag } from "../ttlv/tags.js";
import type { AttributeCache } from "./attribute-cache.js";
import type { ManagedObject } from "./managed-object.js";
import { assertWritable } from "./read-mostly.js";

/**
 * One encoder for stored attributes: encode() is synchronous and returns a copy, so sharing it
 * is safe, and its grown buffer spares a fresh encoder's 256 -> 512 -> 1024 -> 2048 byte
 * regrowth on every save (attributes are about 1-2 KiB). Object values (key material) get a
 * fresh encoder each time, so that no long-lived buffer keeps plaintext key bytes.
 */
const attributeEncoder = new TtlvEncoder();

/**
 * Maps ManagedObject <-> ObjectRecord. Attributes are stored as a TTLV structure of
 * KMIP 1.x Attribute items (one form for every protocol version); the object value is
 * TTLV-encoded and handed to the store as `material`, which the store seals.
 */
export function encodeAttrs(attrs: readonly Attr[]): Uint8Array {
  return attributeEncoder.encode(
    ttlv.struct(
      Tag.Attributes,
      attrs.map((a) => encodeAttribute1(a, undefined)),
    ),
  );
}

export function decodeAttrs(bytes: Uint8Array): AttributeList {
  const s = decodeTtlv(bytes) as StructureItem;
  return new AttributeList(s.value.map(decodeAttribute1));
}

/** Canonical equality key of an attribute value: the value re-tagged as Attribute Value, TTLV-encoded, base64. */
export function valueKey(value: TtlvItem, encoder?: TtlvEncoder): string {
  const item = retag(value, Tag.AttributeValue);
  return Buffer.from(encoder ? encoder.encode(item) : encodeTtlv(item)).toString("base64");
}

/**
 * Attributes Locate matches in memory rather than through the attribute index:
 * - Cryptographic Usage Mask, which Locate matches by bits, not by value (KMIP 1.4 §4.9,
 *   2.1 §6.1.27: a candidate "has all of the bits set in its mask that are set in the
 *   requested mask, but MAY have additional bits set");
 * - attributes the server sets on nearly every key with one of a few values. An index entry
 *   narrows no search for them, yet each one cost about 6 µs of B-tree insert on every Create
 *   (14 entries per key were more than a third of a Create's SQLite time), and Fresh made the
 *   first Get of every key rewrite the index.
 */
export const unindexedAttributes: ReadonlySet<string> = new Set([
  "Cryptographic Usage Mask",
  "Fresh",
  "Sensitive",
  "Extractable",
  "Always Sensitive",
  "Never Extractable",
  "Random Number Generator",
  "Key Format Type",
  "Protection Storage Mask",
  "Protection Storage Masks",
  "Lease Time",
]);

/**
 * Every non-date attribute value outside {@link unindexedAttributes} is indexed for equality
 * matching in Locate; dates are range-matched in memory.
 */
export function indexOf(attrs: readonly Attr[]): IndexEntry[] {
  const encoder = new TtlvEncoder(); // one buffer for every entry of this object
  const out: IndexEntry[] = [];
  for (const a of attrs) {
    if (a.value.type === ItemType.DateTime || a.value.type === ItemType.DateTimeExtended) continue;
    if (unindexedAttributes.has(a.name)) continue;
    out.push({ name: a.name, value: valueKey(a.value, encoder) });
  }
  return out;
}

/**
 * Objects read from the store, each with whether its stored value is present (known without
 * unsealing or decoding it), and those whose value an operation has since replaced.
 */
const storedValuePresent = new WeakMap<ManagedObject, boolean>();
const valueReplaced = new WeakSet<ManagedObject>();

/**
 * The managed object of a record. Its value (the key material, unsealed by the store and
 * TTLV-decoded here) is read when first used: operations that never look at it (Get
 * Attributes, Locate, state changes, a Sign whose parsed key is cached) skip that work.
 */
export function fromRecord(r: ObjectRecord, cache?: AttributeCache): ManagedObject {
  let attrs: AttributeList;
  const cached = cache?.get(r.id, r.version, r.attributes);
  if (cached !== undefined) {
    attrs = new AttributeList(cached);
  } else {
    attrs = decodeAttrs(r.attributes);
    cache?.set(r.id, r.version, r.attributes, attrs.all());
  }
  let value: StructureItem | null | undefined;
  const obj: ManagedObject = {
    id: r.id,
    owner: r.owner,
    objectType: r.objectType,
    state: r.state,
    attrs,
    get value(): StructureItem | null {
      if (value === undefined) {
        const material = r.material;
        value = material === null ? null : (decodeTtlv(material) as StructureItem);
      }
      return value;
    },
    set value(v: StructureItem | null) {
      value = v;
      valueReplaced.add(obj);
    },
    version: r.version,
    createdAt: r.createdAt,
    get materialId(): string | null | undefined {
      return valueReplaced.has(obj) ? undefined : r.materialId;
    },
  };
  storedValuePresent.set(obj, r.hasMaterial);
  return obj;
}

/** Whether `obj` has a value (is not destroyed), without unsealing or decoding a stored one. */
export function hasValue(obj: ManagedObject): boolean {
  if (!valueReplaced.has(obj)) {
    const stored = storedValuePresent.get(obj);
    if (stored !== undefined) return stored;
  }
  return obj.value !== null;
}

/**
 * Stores a new object. `cache`: its decoded attributes go in at once, for the stored version and
 * bytes, so that the next read of the object (the Get after a Create) need not decode them; if
 * the transaction rolls back, no stored row ever matches the entry (attribute-cache.ts).
 */
export async function insertObject(
  tx: StoreTx,
  obj: Omit<ManagedObject, "version" | "createdAt">,
  cache?: AttributeCache,
): Promise<void> {
  assertWritable(tx);
  const attrs = obj.attrs.all();
  const attributes = encodeAttrs(attrs);
  const stored = await tx.insertObject({
    id: obj.id,
    owner: obj.owner,
    objectType: obj.objectType,
    state: obj.state,
    attributes,
    material: obj.value === null ? null : encodeTtlv(obj.value),
    index: indexOf(attrs),
  });
  cache?.set(stored.id, stored.version, attributes, attrs);
}

/**
 * Writes back state, attributes and value; fails on a concurrent change (optimistic version check).
 * The attribute index is rewritten only when an edit touched an indexed attribute (clearing
 * Fresh on the first Get, a new Last Change Date or a state change leave it as it is).
 */
export async function saveObject(tx: StoreTx, obj: ManagedObject): Promise<void> {
  assertWritable(tx);
  const attrs = obj.attrs.all();
  const loaded = storedValuePresent.has(obj);
  const valueChanged = !loaded || valueReplaced.has(obj);
  const reindex = !loaded || touchesIndex(obj.attrs.touched());
  await tx.updateObject(
    obj.id,
    obj.version,
    {
      state: obj.state,
      owner: obj.owner,
      attributes: encodeAttrs(attrs),
      ...(reindex ? { index: indexOf(attrs) } : {}),
      ...(valueChanged ? { material: obj.value === null ? null : encodeTtlv(obj.value) } : {}),
    },
    { withIndex: false },
  );
}

/**
 * Whether changing attributes of these names can change {@link indexOf}: false only for names
 * that are never indexed (unindexed, or standard attributes whose value is a date).
 */
export function touchesIndex(names: Iterable<string>): boolean {
  for (const name of names) {
    if (unindexedAttributes.has(name)) continue;
    const type = isCustomName(name) ? undefined : attributeByName(name)?.type;
    if (type === ItemType.DateTime || type === ItemType.DateTimeExtended) continue;
    return true;
  }
  return false;
}
