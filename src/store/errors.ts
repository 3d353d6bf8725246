/**
 * Typed errors raised by the storage layer (besides `StoreConflictError`, which
 * belongs to the store interface in ./store.ts). Every error carries a stable `code`
 * so that callers map failures without matching on message text.
 */

/** Stable codes of {@link StoreError}. */
export const StoreErrorCode = {
  /** The database schema is newer than this build knows how to use. */
  SchemaTooNew: "CUSTOS_STORE_SCHEMA_TOO_NEW",
  /** A transaction still failed with a serialization failure or deadlock after every retry. */
  RetriesExhausted: "CUSTOS_STORE_RETRIES_EXHAUSTED",
  /** The store was used after `close()`. */
  Closed: "CUSTOS_STORE_CLOSED",
} as const;
export type StoreErrorCode = (typeof StoreErrorCode)[keyof typeof StoreErrorCode];

export class StoreError extends Error {
  override readonly name = "StoreError";
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** Stable codes of {@link MasterKeyError}. */
export const MasterKeyErrorCode = {
  /** The key file can be read by its group or by others: it is refused, never used. */
  InsecurePermissions: "CUSTOS_MASTER_KEY_INSECURE_PERMISSIONS",
  /** The key file or key bytes are not exactly 32 bytes. */
  InvalidKey: "CUSTOS_MASTER_KEY_INVALID",
  /** A sealed blob failed to open: wrong key, wrong associated data, or tampered bytes. */
  OpenFailed: "CUSTOS_MASTER_KEY_OPEN_FAILED",
} as const;
export type MasterKeyErrorCode = (typeof MasterKeyErrorCode)[keyof typeof MasterKeyErrorCode];

export class MasterKeyError extends Error {
  override readonly name = "MasterKeyError";
  constructor(
    readonly code: MasterKeyErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
