import { ttlv } from "../ttlv/item.js";
import { Tag } from "../ttlv/tags.js";
import { checkAttributeCounts } from "./attribute-rules.js";
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
  checkAttributeCounts(obj.attrs.all());
  touch(obj, nowSeconds(ctx));
  // Once a key was not Sensitive (or was Extractable), Always Sensitive (Never Extractable) is false for good.
  const sensitive = obj.attrs.get("Sensitive");
  if (sensitive?.type === 6 && !sensitive.value && obj.attrs.has("Always Sensitive")) {
    obj.attrs.set("Always Sensitive", ttlv.bool(Tag.AlwaysSensitive, false));
  }
  const extractable = obj.attrs.get("Extractable");
  if (extractable?.type === 6 && extractable.value && obj.attrs.has("Never Extractable")) {
    obj.attrs.set("Never Extractable", ttlv.bool(Tag.NeverExtractable, false));
  }
  await saveObject(ctx.tx, obj);
  await ctx.tx.audit({ actor: ctx.identity, action, objectId: obj.id, details: { state: obj.state, ...details } });
  ctx.idPlaceholder = obj.id;
}
