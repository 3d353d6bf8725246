import { opt } from "../../kmip/read.js";
import { itemBytes, structureBytes } from "../../ttlv/encoded-size.js";
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
 * undoBatchSessions); and a part checks that its answer fits the Maximum Response Size before
 * it changes its session (afterWrites), not after, when its stream would already have moved.
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

/**
 * Runs `step` (the part's change to its session, after the operation's last store write) once
 * per request item. First, an answer of `answerBytes` (an upper bound of the encoded Response
 * Payload, see payloadBytes) must fit the request's Maximum Response Size (KMIP 1.4 §6.3): a
 * part refused with Response Too Large leaves its session as it was: not opened, fed or closed.
 */
export function afterWrites<T>(ctx: RequestContext, answerBytes: number, step: () => Promise<T>): Promise<T> {
  return prepared(ctx, "multi-part session step", () => {
    ctx.responseRoom?.ensure(answerBytes);
    return step();
  });
}

/**
 * Encoded length of a Response Payload whose items have values of `lengths` bytes (KMIP 1.4
 * §9.1.1: each value padded to a multiple of 8 bytes after an 8-byte Tag, Type and Length;
 * Integers and Enumerations count as 4 bytes), by the rules of ttlv/encoded-size.ts.
 */
export function payloadBytes(...lengths: readonly number[]): number {
  return structureBytes(lengths.map(itemBytes));
}
