import { poolRandomBytes } from "../../crypto/random-pool.js";
import { KmipError, kmipError } from "../../kmip/kmip-error.js";
import { ResultReason } from "../../ttlv/enums.js";
import { MAX_SESSIONS, MAX_SESSIONS_PER_IDENTITY, SESSION_IDLE_MS } from "./limits.js";

/** Length of the Correlation Values the server hands out. */
export const CORRELATION_BYTES = 16;

/**
 * State of one multi-part (streaming) cryptographic operation (KMIP 1.4 §4.29 ff., 2.1 §6.1.17
 * ff.: Correlation Value, Init Indicator, Final Indicator). The server answers the initial part
 * with a fresh Correlation Value; later parts name it; the part with Final Indicator ends it.
 * `state` is the operation's own (a node:crypto Cipher, Hmac, Hash or an input buffer); each
 * operation narrows it back with a type guard when it resumes.
 */
interface Session {
  readonly identity: string;
  readonly operation: number;
  readonly objectId: string | undefined;
  readonly state: unknown;
  lastUsed: number;
}

/** What an operation does with the multi-part sessions (RequestContext.sessions). */
export interface SessionTable {
  /** Opens a session and returns its Correlation Value. */
  open<T>(identity: string, operation: number, objectId: string | undefined, state: T): Uint8Array;
  /** The state of an open session of `operation` for `identity`, narrowed by `check`. */
  resume<T>(
    identity: string,
    operation: number,
    objectId: string | undefined,
    correlation: Uint8Array,
    check: (s: unknown) => s is T,
  ): T;
  /** Object the session was opened for (a later part may omit the Unique Identifier). */
  objectOf(identity: string, correlation: Uint8Array): string | undefined;
  close(identity: string, correlation: Uint8Array): void;
}

/**
 * The multi-part sessions of one server process, keyed by the caller's identity and the
 * Correlation Value, so that one client can never continue another's stream. Bounded by
 * MAX_SESSIONS (whole process), MAX_SESSIONS_PER_IDENTITY and SESSION_IDLE_MS (see limits.ts);
 * expired sessions are swept on every access. Sessions live in memory: a multi-part operation
 * must continue on the same custos node (and is lost on restart).
 */
export class CryptoSessions implements SessionTable {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly clock: () => number = Date.now) {}

  get size(): number {
    return this.sessions.size;
  }

  /** Opens a session and returns its Correlation Value. */
  open<T>(identity: string, operation: number, objectId: string | undefined, state: T): Uint8Array {
    this.sweep();
    if (this.sessions.size >= MAX_SESSIONS) {
      throw new KmipError(ResultReason.ServerLimitExceeded, "too many multi-part operations are open on this server");
    }
    let mine = 0;
    for (const s of this.sessions.values()) if (s.identity === identity) mine++;
    if (mine >= MAX_SESSIONS_PER_IDENTITY) {
      throw new KmipError(
        ResultReason.ServerLimitExceeded,
        `at most ${MAX_SESSIONS_PER_IDENTITY} multi-part operations may be open per client`,
      );
    }
    const correlation = poolRandomBytes(CORRELATION_BYTES);
    this.sessions.set(key(identity, correlation), {
      identity,
      operation,
      objectId,
      state,
      lastUsed: this.clock(),
    });
    return correlation;
  }

  /**
   * The state of an open session of `operation` for `identity`; Invalid Correlation Value when
   * there is none (never opened, finished, expired, another client's or another operation's).
   * `check` narrows the stored state to the operation's type.
   */
  resume<T>(
    identity: string,
    operation: number,
    objectId: string | undefined,
    correlation: Uint8Array,
    check: (s: unknown) => s is T,
  ): T {
    this.sweep();
    const s = this.sessions.get(key(identity, correlation));
    if (
      s === undefined ||
      s.operation !== operation ||
      (objectId !== undefined && s.objectId !== undefined && s.objectId !== objectId) ||
      !check(s.state)
    ) {
      throw new KmipError(
        ResultReason.InvalidCorrelationValue,
        "no open multi-part operation has this Correlation Value",
      );
    }
    s.lastUsed = this.clock();
    return s.state;
  }

  /** Object the session was opened for (a later part may omit the Unique Identifier). */
  objectOf(identity: string, correlation: Uint8Array): string | undefined {
    return this.sessions.get(key(identity, correlation))?.objectId;
  }

  close(identity: string, correlation: Uint8Array): void {
    this.sessions.delete(key(identity, correlation));
  }

  private sweep(): void {
    const oldest = this.clock() - SESSION_IDLE_MS;
    for (const [k, s] of this.sessions) if (s.lastUsed < oldest) this.sessions.delete(k);
  }
}

function refuseInUndoBatch(): never {
  throw kmipError.featureNotSupported(
    "multi-part operations (Init Indicator, Correlation Value) are not supported in a batch of several items with " +
      "Batch Error Continuation Option Undo: their stream state is kept in memory and cannot be undone with the " +
      "batch; send the part in a request of its own or with Stop or Continue",
  );
}

/**
 * The sessions seen by the items of an Undo batch of several items (Batch Error Continuation
 * Option, KMIP 1.4 §6.13, in 2.1 §9.6: "If any operation in the request fails, then the server
 * SHALL undo all the previous operations"): every use fails with Feature Not Supported. The
 * store's rollback undoes an item's writes, not a part's change to its in-memory session, and
 * that change cannot wait until the batch commits: a part's answer is its stream's output
 * (node:crypto ciphers and HMACs cannot be copied, so feeding data moves the stream for good),
 * and a final part may still fail after feeding it (a wrong authentication tag). Operations
 * reach sessions only through this table, and a part uses it before it changes any session (a
 * later part resumes its session before feeding it; an initial part builds its state privately,
 * then opens the session), so a refused part leaves no session opened, fed or closed.
 */
export const undoBatchSessions: SessionTable = {
  open: refuseInUndoBatch,
  resume: refuseInUndoBatch,
  objectOf: refuseInUndoBatch,
  close: refuseInUndoBatch,
};

function key(identity: string, correlation: Uint8Array): string {
  return `${identity}\u0000${Buffer.from(correlation).toString("hex")}`;
}
