import { opt } from "../../kmip/read.js";
import type { StructureItem } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import type { RequestContext } from "../context.js";
import { prepared } from "../read-mostly.js";

/**
 * Multi-part operations (Encrypt, Decrypt, MAC, Sign, Signature Verify, Hash) keep their state
 * in process memory (crypto/sessions.ts), outside the store's transactions. When a request
 * item's transaction is run again (a read-only attempt then a write transaction, a PostgreSQL
 * retry even at COMMIT, a rerun after a lost version check), these helpers make the session
 * work happen once per item: the rerun gets the first run's result instead of feeding a part
 * twice, opening a second stream or finding its stream already closed. What these helpers
 * cannot do is take a session change back: in an Undo batch of several items, where a later
 * item's failure rolls back the earlier ones, multi-part parts are refused (sessions.ts
 * undoBatchSessions).
 */

/** The session a part names (and the object it was opened for), resumed once per request item. */
export function resumeOnce<T>(
  ctx: RequestContext,
  payload: StructureItem,
  operation: number,
  correlation: Uint8Array,
  check: (s: unknown) => s is T,
): Promise<{ readonly objectId: string | undefined; readonly state: T }> {
  return prepared(ctx, "multi-part session", async () => {
    const objectId = opt.text(payload, Tag.UniqueIdentifier) ?? ctx.sessions.objectOf(ctx.identity, correlation);
    return { objectId, state: ctx.sessions.resume(ctx.identity, operation, objectId, correlation, check) };
  });
}

/** Runs `step` (the part's change to its session, after the operation's last store write) once per request item. */
export function afterWrites<T>(ctx: RequestContext, step: () => Promise<T>): Promise<T> {
  return prepared(ctx, "multi-part session step", step);
}
