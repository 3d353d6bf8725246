import { KmipError, kmipError } from "../kmip/kmip-error.js";
import { opt } from "../kmip/read.js";
import { ResultReason } from "../ttlv/enums.js";
import type { StructureItem } from "../ttlv/item.js";
import { Tag } from "../ttlv/tags.js";
import type { RequestContext } from "./context.js";
import { applyDueTransitions } from "./lifecycle.js";
import type { ManagedObject } from "./managed-object.js";
import { fromRecord, saveObject } from "./object-repo.js";

/** Unique Identifier of the request, or the ID Placeholder when it is omitted (KMIP 1.4 §2.1.9). */
export function targetId(ctx: RequestContext, payload: StructureItem): string {
  const id = opt.text(payload, Tag.UniqueIdentifier) ?? ctx.idPlaceholder;
  if (id === undefined) throw kmipError.missingData("Unique Identifier is required (no ID Placeholder is set)");
  return id;
}

/**
 * Loads an object for `operation` on behalf of the caller: it exists, the caller owns it,
 * is an administrator, or holds a grant for the operation; and date-driven state changes
 * that are due are applied (and saved) first.
 */
export async function loadAuthorized(ctx: RequestContext, id: string, operation: number): Promise<ManagedObject> {
  const rec = await ctx.tx.getObject(id, { withIndex: false });
  if (rec === undefined) throw new KmipError(ResultReason.ObjectNotFound, `object ${id} not found`);
  if (!ctx.isAdmin && rec.owner !== ctx.identity) {
    const grants = await ctx.tx.listGrants(id);
    if (!grants.some((g) => g.grantee === ctx.identity && (g.operation === 0 || g.operation === operation))) {
      throw kmipError.permissionDenied(`${ctx.identity} may not use object ${id}`);
    }
  }
  const obj = fromRecord(rec, ctx.attributes);
  const before = obj.state;
  if (applyDueTransitions(obj, ctx.now)) {
    await saveObject(ctx.tx, obj);
    await ctx.tx.audit({
      actor: "custos",
      action: "lifecycle.DateTransition",
      objectId: id,
      details: { from: before, to: obj.state },
    });
    return fromRecord((await ctx.tx.getObject(id, { withIndex: false }))!, ctx.attributes);
  }
  return obj;
}
