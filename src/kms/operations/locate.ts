import type { Attr } from "../../kmip/attributes/attribute.js";
import { AttributeList } from "../../kmip/attributes/attribute-list.js";
import { decodeRequestAttributes } from "../../kmip/attributes/attribute-wire.js";
import { kmipError } from "../../kmip/kmip-error.js";
import { opt } from "../../kmip/read.js";
import { atLeast } from "../../kmip/version.js";
import type { IndexEntry, ObjectFilter, ObjectRecord } from "../../store/store.js";
import { State } from "../../ttlv/enums.js";
import { ItemType, type TtlvItem, ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import type { RequestContext } from "../context.js";
import { applyDueTransitions, statesThatMayBecome } from "../lifecycle.js";
import type { ManagedObject } from "../managed-object.js";
import { decodeAttrs, unindexedAttributes, valueKey } from "../object-repo.js";
import type { OperationHandler } from "./operation.js";

/** Storage Status Mask bits (KMIP 2.1 §11.46): On-line, Archival, Destroyed. */
const online = 0x1;
const destroyedBit = 0x4;
/**
 * Most Unique Identifiers one response carries, whatever Maximum Items asks ("the maximum
 * number of object identifiers the server MAY return"): without a cap one Locate over a large
 * store would build a response (and hold a page) as big as the store. Located Items still
 * reports the true total, and Offset Items pages past it.
 */
const maxItemsPerResponse = 10_000;
/** Candidate records read per query when criteria are matched in memory: bounds the memory of a scan. */
const scanChunk = 1_000;

/** What to match in memory, on the state and attributes as of now. */
interface MemoryCriteria {
  readonly states: readonly number[];
  readonly dates: ReadonlyMap<string, bigint[]>;
  /** Unindexed attributes (object-repo.ts) each object must have with this exact value (valueKey). */
  readonly values: readonly { readonly name: string; readonly key: string }[];
  /** Bit-mask attributes: an object matches when its mask has every bit set that the request's has. */
  readonly masks: readonly { readonly name: string; readonly bits: number }[];
}

/** Locate compares these attributes by bits (KMIP 1.4 §4.9, 2.1 §6.1.27). */
const maskAttributes: ReadonlySet<string> = new Set(["Cryptographic Usage Mask"]);

/** The requested page of the matches: [offset, offset + limit), and how many matched in all. */
interface Page {
  readonly ids: string[];
  readonly total: number;
}

/**
 * Locate (KMIP 1.4 §4.9 / 2.1 §6.1.27): the objects, newest first, that match every given
 * attribute. Object Type and every other non-date attribute match exactly (in SQL through the
 * attribute index, or in memory for the unindexed ones of object-repo.ts); Cryptographic Usage
 * Mask matches every object that has at least the requested bits; a date attribute given once
 * matches exactly and given twice is an inclusive range; State is matched on the state as of
 * now. Destroyed objects are found only when the Storage Status Mask asks for them. Maximum
 * Items / Offset Items page the result; with either of them (KMIP 1.3 and later) Located Items
 * reports how many objects match in all.
 */
export const locate: OperationHandler = async (ctx, payload) => {
  const maxItems = opt.int(payload, Tag.MaximumItems);
  const offsetItems = opt.int(payload, Tag.OffsetItems);
  const offset = offsetItems ?? 0;
  if ((maxItems !== undefined && maxItems < 0) || offset < 0) throw kmipError.invalidField("negative paging value");
  const mask = opt.int(payload, Tag.StorageStatusMask) ?? online;
  const attrs = decodeRequestAttributes(payload, Tag.TemplateAttribute);
  // Located Items (tag 0x4200D4) exists from KMIP 1.3 on, as does Offset Items.
  const withCount = atLeast(ctx.version, 1, 3) && (maxItems !== undefined || offsetItems !== undefined);

  const objectTypes: number[] = [];
  const states: number[] = [];
  const index: IndexEntry[] = [];
  const dates = new Map<string, bigint[]>();
  const values: { name: string; key: string }[] = [];
  const masks: { name: string; bits: number }[] = [];
  let uid: string | undefined;
  for (const a of attrs) {
    if (a.name === "Object Type" && a.value.type === ItemType.Enumeration) objectTypes.push(a.value.value);
    else if (a.name === "State" && a.value.type === ItemType.Enumeration) states.push(a.value.value);
    else if (a.name === "Unique Identifier" && a.value.type === ItemType.TextString) uid = a.value.value;
    else if (a.value.type === ItemType.DateTime) dates.set(a.name, [...(dates.get(a.name) ?? []), a.value.value]);
    else if (maskAttributes.has(a.name) && a.value.type === ItemType.Integer)
      masks.push({ name: a.name, bits: a.value.value });
    else if (unindexedAttributes.has(a.name)) values.push({ name: a.name, key: valueKey(a.value) });
    else index.push({ name: a.name, value: valueKey(a.value) });
  }
  const storable: number[] = [State.PreActive, State.Active, State.Deactivated, State.Compromised];
  const allowedStates =
    (mask & destroyedBit) !== 0 ? [...storable, State.Destroyed, State.DestroyedCompromised] : storable;
  if ((mask & (online | destroyedBit)) === 0) return pagedResult({ ids: [], total: 0 }, withCount);

  // Date-driven transitions never lead into or out of a destroyed state, so the stored state
  // already tells whether an object is destroyed: that part of the mask is always matched in SQL,
  // and so are the stored states from which a wanted State can be reached.
  const candidates = states.length > 0 ? statesThatMayBecome(states) : allowedStates;
  const filter: ObjectFilter = {
    ...(ctx.isAdmin ? {} : { owners: [ctx.identity], grantee: ctx.identity }),
    ...(uid !== undefined ? { id: uid } : {}),
    ...(objectTypes.length > 0 ? { objectTypes } : {}),
    ...(index.length > 0 ? { index } : {}),
    states: allowedStates.filter((s) => candidates.includes(s)),
  };
  const limit = Math.min(maxItems ?? maxItemsPerResponse, maxItemsPerResponse);
  const inMemory = states.length > 0 || dates.size > 0 || values.length > 0 || masks.length > 0;
  const page =
    inMemory || uid !== undefined
      ? await scan(ctx, filter, { states, dates, values, masks }, offset, limit, withCount)
      : await sqlPage(ctx, filter, offset, limit, withCount);
  return placeholder(ctx, pagedResult(page, withCount));
};

/** Every criterion is a SQL condition: the page comes from LIMIT / OFFSET, the total from a COUNT. */
async function sqlPage(
  ctx: RequestContext,
  filter: ObjectFilter,
  offset: number,
  limit: number,
  withCount: boolean,
): Promise<Page> {
  const ids = await ctx.tx.findObjectIds({ ...filter, limit, offset });
  if (!withCount) return { ids, total: ids.length };
  // A page that is neither empty nor full ends the result: no need to count.
  if (ids.length > 0 && ids.length < limit) return { ids, total: offset + ids.length };
  return { ids, total: await ctx.tx.countObjects(filter) };
}

/**
 * Some criterion is matched in memory (State and dates, which depend on the time of the
 * request; an unindexed attribute; a mask), so candidates are matched in memory. With a
 * Unique Identifier the one object is read through the same filter (so the same ownership and
 * grant rules apply); otherwise every candidate is read, newest first, in chunks of
 * {@link scanChunk} with a keyset cursor on (created_at, id). Only the requested page
 * is kept; the scan stops at the end of the page unless the total is wanted.
 */
async function scan(
  ctx: RequestContext,
  filter: ObjectFilter,
  criteria: MemoryCriteria,
  offset: number,
  limit: number,
  withCount: boolean,
): Promise<Page> {
  const ids: string[] = [];
  const end = offset + limit;
  let total = 0;
  let before: ObjectFilter["before"];
  for (;;) {
    const chunk = await ctx.tx.findObjects(
      {
        ...filter,
        ...(before !== undefined ? { before } : {}),
        ...(filter.id === undefined ? { limit: scanChunk } : {}),
      },
      { withIndex: false },
    );
    for (const r of chunk) {
      if (!matches(ctx, r, criteria)) continue;
      if (total >= offset && total < end) ids.push(r.id);
      total++;
    }
    const last = chunk[chunk.length - 1];
    if (filter.id !== undefined || last === undefined || chunk.length < scanChunk) break;
    if (!withCount && total >= end) break;
    before = { createdAt: last.createdAt, id: last.id };
  }
  return { ids, total };
}

/**
 * Whether a candidate matches the in-memory criteria as of now. Its attributes come from the
 * attribute cache when they are there, but a scan never fills the cache: one Locate over a large
 * store must not evict every key that Encrypt and Sign keep using. A record whose state no date
 * can change is matched on State alone, without decoding its attributes, when no date is asked.
 */
function matches(ctx: RequestContext, r: ObjectRecord, c: MemoryCriteria): boolean {
  const settled = r.state !== State.PreActive && r.state !== State.Active;
  const onlyState = c.dates.size === 0 && c.values.length === 0 && c.masks.length === 0;
  if (settled && onlyState) return c.states.length === 0 || c.states.includes(r.state);
  const attrs = ctx.attributes?.get(r.id, r.version, r.attributes) ?? decodeAttrs(r.attributes).all();
  const obj: ManagedObject = {
    id: r.id,
    owner: r.owner,
    objectType: r.objectType,
    state: r.state,
    attrs: new AttributeList(attrs),
    value: null,
    version: r.version,
    createdAt: r.createdAt,
  };
  applyDueTransitions(obj, ctx.now);
  if (c.states.length > 0 && !c.states.includes(obj.state)) return false;
  return datesMatch(attrs, c.dates) && valuesMatch(attrs, c.values) && masksMatch(attrs, c.masks);
}

function valuesMatch(attrs: readonly Attr[], wanted: MemoryCriteria["values"]): boolean {
  return wanted.every((w) => attrs.some((a) => a.name === w.name && valueKey(a.value) === w.key));
}

function masksMatch(attrs: readonly Attr[], wanted: MemoryCriteria["masks"]): boolean {
  return wanted.every((w) =>
    attrs.some((a) => a.name === w.name && a.value.type === ItemType.Integer && (a.value.value & w.bits) === w.bits),
  );
}

/** The first located object becomes the ID Placeholder (KMIP 1.4 §4.9), so a batch can Locate then Get. */
function placeholder(ctx: RequestContext, out: TtlvItem[]): TtlvItem[] {
  const first = out.find((i) => i.tag === Tag.UniqueIdentifier);
  if (first?.type === ItemType.TextString) ctx.idPlaceholder = first.value;
  return out;
}

function datesMatch(attrs: readonly Attr[], wanted: ReadonlyMap<string, bigint[]>): boolean {
  for (const [name, bounds] of wanted) {
    const lo = bounds.reduce((a, b) => (a < b ? a : b));
    const hi = bounds.reduce((a, b) => (a > b ? a : b));
    const hit = attrs.some(
      (a) => a.name === name && a.value.type === ItemType.DateTime && a.value.value >= lo && a.value.value <= hi,
    );
    if (!hit) return false;
  }
  return true;
}

function pagedResult(page: Page, withCount: boolean): TtlvItem[] {
  const out: TtlvItem[] = [];
  if (withCount) out.push(ttlv.int(Tag.LocatedItems, page.total));
  for (const id of page.ids) out.push(ttlv.text(Tag.UniqueIdentifier, id));
  return out;
}
