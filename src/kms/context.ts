import type { ProtocolVersion } from "../kmip/version.js";
import type { StoreTx } from "../store/store.js";
import type { AttributeCache } from "./attribute-cache.js";
import type { KeyObjectCache } from "./crypto/key-cache.js";
import type { SessionTable } from "./crypto/sessions.js";
import type { FreshHint } from "./fresh-hint.js";

/**
 * What an operation knows about the request it serves: who asks, in which protocol
 * version, at what time, and the batch's ID Placeholder (KMIP 1.4 §2.1.9 / 2.1 §2.1.10).
 * Operations never see sockets, HTTP or SQL: the store transaction is behind StoreTx.
 */
export interface RequestContext {
  readonly identity: string;
  readonly isAdmin: boolean;
  readonly version: ProtocolVersion;
  /** Milliseconds since the epoch, fixed for the whole batch. */
  readonly now: number;
  readonly tx: StoreTx;
  readonly server: ServerInfo;
  /**
   * Open multi-part cryptographic operations of this server process (crypto/sessions.ts); in an
   * Undo batch of several items, a table that refuses them (undoBatchSessions).
   */
  readonly sessions: SessionTable;
  /** Parsed asymmetric keys of this server process (crypto/key-cache.ts); none: parse every time. */
  readonly keyObjects?: KeyObjectCache;
  /**
   * Expensive values computed before the first store write (key generation), kept when a
   * read-mostly operation is rerun inside a write transaction (read-mostly.ts `prepared`).
   */
  readonly preparedValues?: Map<string, unknown>;
  /** Decoded attributes by (object id, version) of this server process (attribute-cache.ts). */
  readonly attributes?: AttributeCache;
  /** Objects this process created Fresh and has not served yet (fresh-hint.ts); none: no hint. */
  readonly freshHint?: FreshHint;
  /**
   * Room left for this item's answer under the request's Maximum Response Size; none: no limit.
   * Every success is checked after its operation returns (response-budget.ts), which rolls back
   * its store writes; a multi-part part also asks before it changes its session, which no
   * rollback undoes (crypto/multi-part.ts afterWrites).
   */
  readonly responseRoom?: ResponseRoom;
  /** The ID Placeholder: the Unique Identifier produced by the previous batch item. */
  idPlaceholder: string | undefined;
}

/** Maximum Response Size (KMIP 1.4 §6.3, 2.1 §9.12), as seen by one batch item. */
export interface ResponseRoom {
  /**
   * Throws Response Too Large unless a success answer whose Response Payload encodes to at most
   * `payloadBytes` bytes (a Structure, its own Tag, Type and Length included) fits the Maximum
   * Response Size after the Response Header and the batch's other answers.
   */
  ensure(payloadBytes: number): void;
}

export function nowSeconds(ctx: RequestContext): bigint {
  return BigInt(Math.floor(ctx.now / 1000));
}

/** What Query reports about this server (KMIP 1.4 §4.25). */
export interface ServerInfo {
  readonly vendorIdentification: string;
  readonly serverInformation: string;
  /** Operation enumeration values the dispatch table handles. */
  readonly operations: readonly number[];
}
