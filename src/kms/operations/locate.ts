import type { Attr } from "../../kmip/attributes/attribute.js";
import { AttributeList } from "../../kmip/attributes/attribute-list.js";
import { decodeRequestAttributes } from "../../kmip/attributes/attribute-wire.js";
import { kmipError } from "../../kmip/kmip-error.js";
import { opt } from "../../kmip/read.js";
import { atLeast } from "../../kmip/version.js";
import type { ObjectFilter, ObjectRecord } from "../../store/store.js";
import { State } from "../../ttlv/enums.js";
import { ItemType, type TtlvItem, ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import type { RequestContext } from "../context.js";
import { applyDueTransitions, statesThatMayBecome } from "../lifecycle.js";
import type { ManagedObject } from "../managed-object.js";
import { decodeAttrs } from "../object-repo.js";
import { type AttributeTest, locateCriteria } from "./locate-criteria.js";
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
  readonly tests: readonly AttributeTest[];
}

/** The requested page of the matches: [offset, offset + limit), and how many matched in all. */
interface Page {
  readonly ids: string[];
  readonly total: number;
}

/**
 * Locate (KMIP 1.4 §4.9 / 2.1 §6.1.27): the objects, newest first, that match every given
 * attribute (locate-criteria.ts): Object Type and every other non-date attribute match
 * exactly (in SQL through the attribute index, or in memory for the unindexed ones of
 * object-repo.ts); Cryptographic Usage Mask matches every object that has at least the
 * requested bits, Usage Limits every object with at least the requested Count and Total, a
 * structure given with only some of its fields every object whose instance has those fields;
 * Object Group Member picks a group's fresh objects or its default (newest) one; a date
 * attribute given once matches exactly and given twice is an inclusive range; State is
 * matched on the state as of now. Destroyed objects are found only when the Storage Status Mask asks for them. Maximum
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

  const { objectTypes, states, uid, index, dates, tests, groupDefault } = locateCriteria(
    attrs,
    opt.enum(payload, Tag.ObjectGroupMember),
  );
  const storable: number[] = [State.PreActive, State.Active, State.Deactivated, State.Compromised];
  const allowedStates =
    (mask & destroyedBit) !== 0 ? [...storable, State.Destroyed, State.DestroyedCompromised] : storable;
  if ((mask & (online | destroyedBit)) === 0) {
    placeholder(ctx, []);
    return pagedResult({ ids: [], total: 0 }, withCount);
  }

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
  // Group Member Default: the group's default object, the newest (results come newest first).
  const limit = groupDefault ? 1 : Math.min(maxItems ?? maxItemsPerResponse, maxItemsPerResponse);
  const inMemory = states.length > 0 || dates.size > 0 || tests.length > 0;
  const page =
    inMemory || uid !== undefined
      ? await scan(ctx, filter, { states, dates, tests }, offset, limit, withCount && !groupDefault)
      : await sqlPage(ctx, filter, offset, limit, withCount && !groupDefault);
  placeholder(ctx, page.ids);
  return pagedResult(groupDefault ? { ids: page.ids, total: page.ids.length } : page, withCount);
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
  const onlyState = c.dates.size === 0 && c.tests.length === 0;
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
  return datesMatch(attrs, c.dates) && c.tests.every((test) => test(attrs));
}

/**
 * The ID Placeholder (KMIP 1.4 §4.9, 2.1 §6.1.27): "If a single Unique Identifier is returned
 * to the client, then the server SHALL copy" it there; when more match, it is emptied, so that
 * the operations batched after the Locate "SHALL proceed only if a single object is returned".
 * custos empties it for an empty result too.
 */
function placeholder(ctx: RequestContext, ids: readonly string[]): void {
  ctx.idPlaceholder = ids.length === 1 ? ids[0] : undefined;
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
