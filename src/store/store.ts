/**
 * The one storage interface. Only src/store speaks SQL; everything above it sees
 * these types. Implemented once over Kysely, running on SQLite (better-sqlite3) and
 * PostgreSQL (pg).
 *
 * Key material is handed to the store in plaintext (`material`) and is sealed by the
 * store with the master key (AES-256-GCM, the object id bound as associated data)
 * before it touches the database; it comes back unsealed from `getObject`.
 */

/** One searchable attribute value: `name` is the KMIP 1.x attribute name ("Cryptographic Algorithm"),
 * `value` a canonical string computed by the KMS layer (equality match only). */
export interface IndexEntry {
  readonly name: string;
  readonly value: string;
}

export interface ObjectRecord {
  readonly id: string;
  readonly owner: string;
  /** KMIP Object Type enumeration value. */
  readonly objectType: number;
  /** KMIP State enumeration value. */
  readonly state: number;
  /** Encoded attributes (not secret; stored as is). */
  readonly attributes: Uint8Array;
  /** Plaintext key material / object value; sealed at rest (unsealed when first read). null once destroyed. */
  readonly material: Uint8Array | null;
  /** Whether `material` is present, known without unsealing it. */
  readonly hasMaterial: boolean;
  /**
   * Names the stored (sealed) material, null when there is none: it changes on every write of
   * the material, so a cache of the usable key keyed by it never serves material from a write
   * that was rolled back (MasterKey.sealId).
   */
  readonly materialId: string | null;
  /** Searchable attribute values (replaced wholesale on every update). */
  readonly index: readonly IndexEntry[];
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Optimistic-concurrency version, starts at 1, bumped by every update. */
  readonly version: number;
}

export type NewObject = Omit<ObjectRecord, "createdAt" | "updatedAt" | "version" | "hasMaterial" | "materialId">;

export interface ObjectFilter {
  /** Only the object with this id (the other conditions still apply). */
  readonly id?: string;
  /** Only objects owned by one of these identities; undefined = any owner. */
  readonly owners?: readonly string[];
  /** With `owners`: also objects this identity holds a grant on (any operation). */
  readonly grantee?: string;
  readonly objectTypes?: readonly number[];
  readonly states?: readonly number[];
  /** Every entry must match (AND); each entry matches if the object has an index entry with that name and value. */
  readonly index?: readonly IndexEntry[];
  /** Objects created at or after / at or before (ms since epoch). */
  readonly createdFrom?: number;
  readonly createdTo?: number;
  /**
   * A keyset cursor: only objects after this one in the newest-first order, i.e. with
   * (createdAt, id) below (before.createdAt, before.id). Pass the last record of one page
   * to read the next without an OFFSET (served by the (created_at, id) index).
   */
  readonly before?: { readonly createdAt: number; readonly id: string };
  /** Newest first by createdAt, then id. */
  readonly limit?: number;
  readonly offset?: number;
}

export interface AuditEntry {
  /** Identity that caused the change. */
  readonly actor: string;
  /** What happened, e.g. "kmip.Create". */
  readonly action: string;
  readonly objectId: string | null;
  /** Non-secret details (JSON-serialisable). Never key material. */
  readonly details: Readonly<Record<string, unknown>>;
}

export interface StoredAudit extends AuditEntry {
  readonly seq: number;
  readonly at: number;
  /** hex SHA-256 over (previous hash of the same chain || canonical record). */
  readonly hash: string;
  readonly prevHash: string;
}

export interface Grant {
  readonly objectId: string;
  readonly grantee: string;
  /** KMIP Operation enumeration value, or 0 for every operation. */
  readonly operation: number;
}

/** Operations valid inside one transaction. */
export interface GetObjectOptions {
  /** Load the index entries too (default true); false leaves `index` empty and saves a query. */
  readonly withIndex?: boolean;
}

export interface StoreTx {
  getObject(id: string, options?: GetObjectOptions): Promise<ObjectRecord | undefined>;
  insertObject(obj: NewObject): Promise<ObjectRecord>;
  /**
   * Updates by id if `expectedVersion` matches; throws StoreConflictError otherwise. Fields omitted
   * are kept. `options.withIndex` false: when `changes` has no index, the returned `index` is
   * empty instead of read back (a query saved).
   */
  updateObject(
    id: string,
    expectedVersion: number,
    changes: Partial<Pick<ObjectRecord, "state" | "attributes" | "material" | "index" | "owner">>,
    options?: GetObjectOptions,
  ): Promise<ObjectRecord>;
  /** `options.withIndex` false leaves every `index` empty (as for getObject). */
  findObjects(filter: ObjectFilter, options?: GetObjectOptions): Promise<ObjectRecord[]>;
  /** Ids only: cheaper when material is not needed. */
  findObjectIds(filter: ObjectFilter): Promise<string[]>;
  /** How many objects match the filter; its `limit` and `offset` are ignored. */
  countObjects(filter: ObjectFilter): Promise<number>;
  addGrant(grant: Grant): Promise<void>;
  removeGrant(grant: Grant): Promise<void>;
  listGrants(objectId: string): Promise<Grant[]>;
  audit(entry: AuditEntry): Promise<void>;
  /**
   * Holds `key` until the transaction ends: another transaction locking the same key waits
   * until then, and its reads after the lock see this one's committed writes. For checks that
   * no row-level conflict protects, such as "no live object of this owner has this Name"
   * (PostgreSQL runs READ COMMITTED). Keys are kept, one short row each.
   */
  lockKey(key: string): Promise<void>;
}

export interface Store extends StoreTx {
  /** Runs `fn` in one transaction: all its writes commit together or none do.
   * Concurrent transactions may share one durable commit (group commit) but each
   * still succeeds or fails on its own. Retries on serialization failures. */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  listAudit(options: { objectId?: string; afterSeq?: number; limit?: number }): Promise<StoredAudit[]>;
  /** Verifies every audit chain; returns the first broken seq or undefined. */
  verifyAudit(): Promise<number | undefined>;
  close(): Promise<void>;
}

export class StoreConflictError extends Error {
  override readonly name = "StoreConflictError";
}
