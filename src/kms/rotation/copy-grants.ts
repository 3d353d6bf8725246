import type { RequestContext } from "../context.js";

/** Audit action of a grant change; the same one `custos access grant` records. */
export const GRANT_ACTION = "access.Grant";

/**
 * Gives the replacement `toId` of a re-keyed or rotated object `fromId` the grants held on
 * `fromId` (same grantees, same operations), so whoever could use the existing key can use its
 * replacement. Runs in the caller's transaction; each grantee's new grants are audited on the
 * replacement as `access.Grant`, naming the object they were copied from. Returns the number
 * of grants copied.
 */
export async function copyGrants(ctx: RequestContext, fromId: string, toId: string): Promise<number> {
  const grants = await ctx.tx.listGrants(fromId);
  const byGrantee = new Map<string, number[]>();
  for (const g of grants) {
    await ctx.tx.addGrant({ objectId: toId, grantee: g.grantee, operation: g.operation });
    const ops = byGrantee.get(g.grantee);
    if (ops) ops.push(g.operation);
    else byGrantee.set(g.grantee, [g.operation]);
  }
  for (const [grantee, operations] of byGrantee) {
    await ctx.tx.audit({
      actor: ctx.identity,
      action: GRANT_ACTION,
      objectId: toId,
      details: { grantee, operations, copiedFrom: fromId },
    });
  }
  return grants.length;
}
