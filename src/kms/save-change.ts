import type { RequestContext } from "./context.js";
import { nowSeconds } from "./context.js";
import { touch } from "./lifecycle.js";
import type { ManagedObject } from "./managed-object.js";
import { saveObject } from "./object-repo.js";

/** Persists a change to an object with a fresh Last Change Date and an audit record in the same transaction. */
export async function saveChange(
  ctx: RequestContext,
  obj: ManagedObject,
  action: string,
  details: Readonly<Record<string, unknown>> = {},
): Promise<void> {
  touch(obj, nowSeconds(ctx));
  await saveObject(ctx.tx, obj);
  await ctx.tx.audit({ actor: ctx.identity, action, objectId: obj.id, details: { state: obj.state, ...details } });
  ctx.idPlaceholder = obj.id;
}
