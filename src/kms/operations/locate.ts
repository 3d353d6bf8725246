import type { Attr } from "../../kmip/attributes/attribute.js";
import { decodeRequestAttributes } from "../../kmip/attributes/attribute-wire.js";
import { kmipError } from "../../kmip/kmip-error.js";
import { opt } from "../../kmip/read.js";
import type { IndexEntry, ObjectFilter } from "../../store/store.js";
import { State } from "../../ttlv/enums.js";
import { ItemType, type TtlvItem, ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import type { RequestContext } from "../context.js";
import { applyDueTransitions } from "../lifecycle.js";
import { fromRecord, valueKey } from "../object-repo.js";
import type { OperationHandler } from "./operation.js";

/** Storage Status Mask bits (KMIP 2.1 §11.46): On-line, Archival, Destroyed. */
const online = 0x1;
const destroyedBit = 0x4;
const maxLocateItems = 10_000;

/**
 * Locate (KMIP 1.4 §4.9 / 2.1 §6.1.27): the objects, newest first, that match every given
 * attribute. Object Type and every non-date attribute match exactly (in SQL, through the
 * attribute index); a date attribute given once matches exactly and given twice is an
 * inclusive range; State is matched on the state as of now. Destroyed objects are found only
 * when the Storage Status Mask asks for them. Maximum Items / Offset Items page the result.
 */
export const locate: OperationHandler = async (ctx, payload) => {
  const maxItems = opt.int(payload, Tag.MaximumItems);
  const offset = opt.int(payload, Tag.OffsetItems) ?? 0;
  if ((maxItems !== undefined && maxItems < 0) || offset < 0) throw kmipError.invalidField("negative paging value");
  const mask = opt.int(payload, Tag.StorageStatusMask) ?? online;
  const attrs = decodeRequestAttributes(payload, Tag.TemplateAttribute);

  const objectTypes: number[] = [];
  const states: number[] = [];
  const index: IndexEntry[] = [];
  const dates = new Map<string, bigint[]>();
  let uid: string | undefined;
  for (const a of attrs) {
    if (a.name === "Object Type" && a.value.type === ItemType.Enumeration) objectTypes.push(a.value.value);
    else if (a.name === "State" && a.value.type === ItemType.Enumeration) states.push(a.value.value);
    else if (a.name === "Unique Identifier" && a.value.type === ItemType.TextString) uid = a.value.value;
    else if (a.value.type === ItemType.DateTime) dates.set(a.name, [...(dates.get(a.name) ?? []), a.value.value]);
    else index.push({ name: a.name, value: valueKey(a.value) });
  }
  const storable: number[] = [State.PreActive, State.Active, State.Deactivated, State.Compromised];
  const allowedStates =
    (mask & destroyedBit) !== 0 ? [...storable, State.Destroyed, State.DestroyedCompromised] : storable;
  if ((mask & (online | destroyedBit)) === 0) return pagedResult([], 0, maxItems, offset);

  const base: ObjectFilter = {
    ...(ctx.isAdmin ? {} : { owners: [ctx.identity], grantee: ctx.identity }),
    ...(objectTypes.length > 0 ? { objectTypes } : {}),
    ...(index.length > 0 ? { index } : {}),
  };
  const inMemory = states.length > 0 || dates.size > 0 || uid !== undefined;
  if (!inMemory) {
    const ids = await ctx.tx.findObjectIds({ ...base, states: allowedStates, limit: maxLocateItems });
    return placeholder(ctx, pagedResult(ids, ids.length, maxItems, offset, maxItems !== undefined || offset > 0));
  }
  const records = await ctx.tx.findObjects({ ...base, limit: maxLocateItems });
  const ids: string[] = [];
  for (const r of records) {
    if (uid !== undefined && r.id !== uid) continue;
    const obj = fromRecord(r, ctx.attributes);
    applyDueTransitions(obj, ctx.now);
    if (!allowedStates.includes(obj.state)) continue;
    if (states.length > 0 && !states.includes(obj.state)) continue;
    if (!datesMatch(obj.attrs.all(), dates)) continue;
    ids.push(obj.id);
  }
  return placeholder(ctx, pagedResult(ids, ids.length, maxItems, offset, maxItems !== undefined || offset > 0));
};

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

function pagedResult(
  ids: readonly string[],
  total: number,
  maxItems: number | undefined,
  offset: number,
  withCount = false,
): TtlvItem[] {
  const page = ids.slice(offset, maxItems === undefined ? undefined : offset + maxItems);
  const out: TtlvItem[] = [];
  if (withCount) out.push(ttlv.int(Tag.LocatedItems, total));
  for (const id of page) out.push(ttlv.text(Tag.UniqueIdentifier, id));
  return out;
}
