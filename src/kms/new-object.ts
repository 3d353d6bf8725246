import { createHash } from "node:crypto";
import { attributeByName } from "../kmip/attribute-defs.js";
import { type Attr, isCustomName } from "../kmip/attributes/attribute.js";
import { AttributeList } from "../kmip/attributes/attribute-list.js";
import { KmipError, kmipError } from "../kmip/kmip-error.js";
import {
  DRBGAlgorithm,
  HashingAlgorithm,
  KeyFormatType,
  ObjectType,
  ResultReason,
  RNGAlgorithm,
  State,
} from "../ttlv/enums.js";
import { type StructureItem, type TtlvItem, ttlv } from "../ttlv/item.js";
import { Tag } from "../ttlv/tags.js";
import { checkAttributeCounts } from "./attribute-rules.js";
import { nowSeconds, type RequestContext } from "./context.js";
import { initialState } from "./lifecycle.js";
import type { ManagedObject } from "./managed-object.js";
import { newObjectId } from "./object-id.js";
import { insertObject, valueKey } from "./object-repo.js";

/** Attributes only the server sets (KMIP 1.4 §3 "Initially set by: Server", "Modifiable by client: No"). */
export function checkClientSettable(attrs: readonly Attr[], derived: readonly Attr[] = []): void {
  const seen = new Set<string>();
  for (const a of attrs) {
    if (isCustomName(a.name)) continue;
    const d = derived.find((x) => x.name === a.name);
    if (d !== undefined) {
      // A client may state what the server derives anyway (e.g. Certificate Type), but not contradict it.
      if (valueKey(d.value) !== valueKey(a.value)) throw kmipError.invalidField(`${a.name} does not match the object`);
      continue;
    }
    const def = attributeByName(a.name);
    if (def === undefined) throw kmipError.invalidField(`unknown attribute ${a.name}`);
    if (!def.clientSettable) throw new KmipError(ResultReason.AttributeReadOnly, `${a.name} is set by the server`);
    if (!def.multiInstance) {
      if (seen.has(a.name)) throw new KmipError(ResultReason.AttributeSingleValued, `${a.name} may occur once`);
      seen.add(a.name);
    }
  }
}

/** Digest attribute (KMIP 1.4 §3.17): SHA-256 over the key material in the format it was registered/created in. */
export function digestOf(material: Uint8Array, keyFormatType: number): TtlvItem {
  return ttlv.struct(Tag.Digest, [
    ttlv.enum(Tag.HashingAlgorithm, HashingAlgorithm.SHA_256),
    ttlv.bytes(Tag.DigestValue, createHash("sha256").update(material).digest()),
    ttlv.enum(Tag.KeyFormatType, keyFormatType),
  ]);
}

/** The server's RNG, described truthfully: node:crypto draws from OpenSSL's NIST SP 800-90A CTR-DRBG (AES-256). */
export function rngAttribute(): TtlvItem {
  return ttlv.struct(Tag.RandomNumberGenerator, [
    ttlv.enum(Tag.RNGAlgorithm, RNGAlgorithm.DRBG),
    ttlv.enum(Tag.DRBGAlgorithm, DRBGAlgorithm.CTR),
    ttlv.enum(Tag.CryptographicAlgorithm, 3 /* AES */),
    ttlv.int(Tag.CryptographicLength, 256),
  ]);
}

export interface NewObjectSpec {
  readonly objectType: number;
  readonly clientAttrs: readonly Attr[];
  readonly value: StructureItem;
  /** Server-derived attributes (algorithm, length, digest, ...), set unless the client gave them. */
  readonly derived: readonly Attr[];
  /** Keys generated here carry a Random Number Generator attribute; registered ones do not. */
  readonly generated: boolean;
  /** A Unique Identifier chosen beforehand (Create Key Pair links the halves before storing them). */
  readonly id?: string;
  /**
   * Owner of the new object, among whose objects its Names must be unique; the requester
   * unless given (Re-key: the replaced key's owner).
   */
  readonly owner?: string;
  /**
   * The object this one replaces (Re-key, Re-key Key Pair), whose Names move to it: they are
   * not taken by another object (see checkUniqueNames).
   */
  readonly replaced?: string;
}

/** The Names one request gives one object, and the owner among whose objects they must be unique. */
export interface NamedObject {
  /** The identity that owns, or will own, the object named. */
  readonly owner: string;
  readonly attrs: readonly Attr[];
}

/**
 * Locks every Name of every one of `objects` under its owner until the transaction ends
 * (StoreTx.lockKey), all in one order (sorted lock keys), so that two requests naming the same
 * objects cannot deadlock: a request that creates several objects (Create Key Pair, Re-key Key
 * Pair) locks all their Names here, together, before it checks any of them. Names are unique per
 * owner, so an administrator or a grantee naming another identity's object takes that
 * identity's locks. Two transactions locking one Name take turns; the second then sees the
 * first's object.
 */
export async function lockNames(ctx: RequestContext, objects: readonly NamedObject[]): Promise<void> {
  const keys = new Set<string>();
  for (const { owner, attrs } of objects) {
    for (const name of namesOf(attrs)) keys.add(`name ${JSON.stringify([owner, name])}`);
  }
  for (const key of [...keys].sort()) await ctx.tx.lockKey(key);
}

/** The distinct Name values (valueKey) among `attrs`. */
function namesOf(attrs: readonly Attr[]): string[] {
  return [...new Set(attrs.filter((a) => a.name === "Name").map((a) => valueKey(a.value)))];
}

/**
 * Name values must be unique among the live objects of `owner`, the identity that owns (or will
 * own) the object named, whoever asks (KMIP 1.4 §11.2: same Name -> Invalid Field; 2.1 §11.46
 * Non Unique Name Attribute). `replaced`: the object whose attributes these become (Import with
 * Replace Existing), which may keep its own Names, or the object these Names move from (Re-key:
 * "all name attributes are removed from the existing key", KMIP 1.4 §4.4 Table 173), which may
 * give its own Names to the replacement.
 */
export async function checkUniqueNames(
  ctx: RequestContext,
  owner: string,
  attrs: readonly Attr[],
  replaced?: string,
): Promise<void> {
  await lockNames(ctx, [{ owner, attrs }]);
  for (const name of namesOf(attrs)) {
    const ids = await ctx.tx.findObjectIds({
      owners: [owner],
      states: [State.PreActive, State.Active, State.Deactivated, State.Compromised],
      index: [{ name: "Name", value: name }],
      limit: replaced === undefined ? 1 : 2,
    });
    if (ids.some((id) => id !== replaced)) {
      throw new KmipError(ResultReason.NonUniqueNameAttribute, "an object with this Name exists");
    }
  }
}

/** Builds, stores and audits a new managed object; sets the ID Placeholder; returns its id. */
export async function createObject(ctx: RequestContext, spec: NewObjectSpec, action: string): Promise<ManagedObject> {
  checkClientSettable(spec.clientAttrs, spec.derived);
  const owner = spec.owner ?? ctx.identity;
  await checkUniqueNames(ctx, owner, spec.clientAttrs, spec.replaced);
  const now = nowSeconds(ctx);
  const id = spec.id ?? newObjectId();
  const derivedNames = new Set(spec.derived.map((d) => d.name));
  const attrs = new AttributeList(spec.clientAttrs.filter((a) => !derivedNames.has(a.name)));
  for (const d of spec.derived) attrs.add(d.name, d.value);
  const serverSet: Attr[] = [
    { name: "Initial Date", value: ttlv.date(Tag.InitialDate, now) },
    { name: "Last Change Date", value: ttlv.date(Tag.LastChangeDate, now) },
    { name: "Original Creation Date", value: ttlv.date(Tag.OriginalCreationDate, now) },
    { name: "Short Unique Identifier", value: ttlv.bytes(Tag.ShortUniqueIdentifier, shortId(id)) },
  ];
  if (isKey(spec.objectType)) {
    serverSet.push(
      { name: "Fresh", value: ttlv.bool(Tag.Fresh, true) },
      { name: "Lease Time", value: ttlv.interval(Tag.LeaseTime, 3600) },
      { name: "Key Format Type", value: ttlv.enum(Tag.KeyFormatType, storedFormat(spec.value)) },
      { name: "Protection Storage Mask", value: ttlv.int(Tag.ProtectionStorageMask, 1 /* Software */) },
    );
    // Always Sensitive / Never Extractable record the object's start (KMIP 2.1 §4.3, §4.40).
    const sensitive = flag(attrs.get("Sensitive"), false);
    const extractable = flag(attrs.get("Extractable"), true);
    if (!attrs.has("Sensitive")) serverSet.push({ name: "Sensitive", value: ttlv.bool(Tag.Sensitive, false) });
    if (!attrs.has("Extractable")) serverSet.push({ name: "Extractable", value: ttlv.bool(Tag.Extractable, true) });
    serverSet.push(
      { name: "Always Sensitive", value: ttlv.bool(Tag.AlwaysSensitive, sensitive) },
      { name: "Never Extractable", value: ttlv.bool(Tag.NeverExtractable, !extractable) },
    );
    if (spec.generated) serverSet.push({ name: "Random Number Generator", value: rngAttribute() });
  }
  for (const s of serverSet) attrs.set(s.name, s.value);
  checkAttributeCounts(attrs.all());
  const obj: ManagedObject = {
    id,
    owner,
    objectType: spec.objectType,
    state: State.PreActive,
    attrs,
    value: spec.value,
    version: 1,
    createdAt: ctx.now,
  };
  obj.state = initialState(obj, ctx.now);
  await insertObject(ctx.tx, obj, ctx.attributes);
  await ctx.tx.audit({
    actor: ctx.identity,
    action,
    objectId: id,
    details: { objectType: spec.objectType, state: obj.state },
  });
  if (isKey(spec.objectType)) ctx.freshHint?.add(id);
  ctx.idPlaceholder = id;
  return obj;
}

export function isKey(objectType: number): boolean {
  return (
    objectType === ObjectType.SymmetricKey ||
    objectType === ObjectType.PrivateKey ||
    objectType === ObjectType.PublicKey ||
    objectType === ObjectType.SplitKey ||
    objectType === ObjectType.SecretData
  );
}

/** Short Unique Identifier (KMIP 2.0 §4.53): a SHA-256 of the Unique Identifier. */
function shortId(id: string): Uint8Array {
  return createHash("sha256").update(id).digest();
}

/** Key Format Type attribute (KMIP 2.1 §4.26): the format the Key Block is held in. */
function storedFormat(value: StructureItem): number {
  const kb = value.value.find((c) => c.tag === Tag.KeyBlock);
  const f = kb?.type === 1 ? kb.value.find((c) => c.tag === Tag.KeyFormatType) : undefined;
  return f?.type === 5 ? f.value : KeyFormatType.Raw;
}

function flag(v: TtlvItem | undefined, fallback: boolean): boolean {
  return v?.type === 6 ? v.value : fallback;
}
