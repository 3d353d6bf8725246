import type { Kysely } from "kysely";
import { ChainVerifier } from "./audit-chain.js";
import type { StoreBackend } from "./backend.js";
import type { MasterKey } from "./master-key.js";
import { KyselyRepository } from "./repository.js";
import { RowCache } from "./row-cache.js";
import type { Database } from "./schema.js";
import { SqlTexts } from "./sql-texts.js";
import type {
  AuditEntry,
  GetObjectOptions,
  Grant,
  NewObject,
  ObjectFilter,
  ObjectRecord,
  Store,
  StoredAudit,
  StoreTx,
} from "./store.js";

/** Audit rows read per query while verifying. */
const VERIFY_PAGE = 1_000;

/**
 * The {@link Store}: the shared repository plus a dialect's {@link StoreBackend}.
 * Reads outside a transaction use the autocommit executor; writes outside a
 * transaction each run as their own small transaction (so an insert and its index
 * rows still commit together, and on SQLite still join a group commit).
 */
export class KyselyStore implements Store {
  readonly #backend: StoreBackend;
  readonly #key: MasterKey;
  readonly #now: () => number;
  readonly #reader: KyselyRepository;
  readonly #sql: SqlTexts;

  constructor(backend: StoreBackend, key: MasterKey, now: () => number = Date.now) {
    this.#backend = backend;
    this.#key = key;
    this.#now = now;
    this.#sql = new SqlTexts(backend.flavor);
    // A version check costs a PostgreSQL round trip like the whole row, so only SQLite caches rows.
    const rows = backend.flavor === "sqlite" ? new RowCache() : undefined;
    this.#reader = new KyselyRepository(backend.db, key, now, this.#sql, rows, backend.committedVersion);
  }

  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    return this.#backend.transaction((db, direct) =>
      fn(new KyselyRepository(db, this.#key, this.#now, this.#sql, undefined, undefined, direct)),
    );
  }

  getObject(id: string, options?: GetObjectOptions): Promise<ObjectRecord | undefined> {
    return this.#reader.getObject(id, options);
  }

  insertObject(obj: NewObject): Promise<ObjectRecord> {
    return this.transaction((tx) => tx.insertObject(obj));
  }

  updateObject(
    id: string,
    expectedVersion: number,
    changes: Partial<Pick<ObjectRecord, "state" | "attributes" | "material" | "index" | "owner">>,
    options?: GetObjectOptions,
  ): Promise<ObjectRecord> {
    return this.transaction((tx) => tx.updateObject(id, expectedVersion, changes, options));
  }

  findObjects(filter: ObjectFilter, options?: GetObjectOptions): Promise<ObjectRecord[]> {
    return this.#reader.findObjects(filter, options);
  }

  findObjectIds(filter: ObjectFilter): Promise<string[]> {
    return this.#reader.findObjectIds(filter);
  }

  countObjects(filter: ObjectFilter): Promise<number> {
    return this.#reader.countObjects(filter);
  }

  addGrant(grant: Grant): Promise<void> {
    return this.transaction((tx) => tx.addGrant(grant));
  }

  removeGrant(grant: Grant): Promise<void> {
    return this.transaction((tx) => tx.removeGrant(grant));
  }

  listGrants(objectId: string): Promise<Grant[]> {
    return this.#reader.listGrants(objectId);
  }

  audit(entry: AuditEntry): Promise<void> {
    return this.transaction((tx) => tx.audit(entry));
  }

  /** Outside a transaction a lock ends at once; it only makes sure the key's row exists. */
  lockKey(key: string): Promise<void> {
    return this.transaction((tx) => tx.lockKey(key));
  }

  /** Records in ascending seq order; every record when no limit is given. */
  async listAudit(options: { objectId?: string; afterSeq?: number; limit?: number }): Promise<StoredAudit[]> {
    let query = this.#backend.db.selectFrom("audit").selectAll().orderBy("seq");
    if (options.objectId !== undefined) query = query.where("object_id", "=", options.objectId);
    if (options.afterSeq !== undefined) query = query.where("seq", ">", options.afterSeq);
    if (options.limit !== undefined) query = query.limit(options.limit);
    const rows = await query.execute();
    return rows.map((r) => ({
      seq: Number(r.seq),
      at: Number(r.at),
      actor: r.actor,
      action: r.action,
      objectId: r.object_id,
      details: JSON.parse(r.details) as Record<string, unknown>,
      prevHash: r.prev_hash,
      hash: r.hash,
    }));
  }

  /**
   * Walks every record in seq order, checking that each links to the previous record
   * of its chain and that its hash matches its content; then checks that each chain
   * head still names the chain's last record (so deleting the newest records shows).
   * Runs on one snapshot, so writers committing meanwhile cannot make a chain look broken.
   */
  async verifyAudit(): Promise<number | undefined> {
    return this.#backend.snapshot((db) => verifyChains(db));
  }

  close(): Promise<void> {
    return this.#backend.close();
  }
}

async function verifyChains(db: Kysely<Database>): Promise<number | undefined> {
  const verifier = new ChainVerifier();
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom("audit")
      .selectAll()
      .where("seq", ">", after)
      .orderBy("seq")
      .limit(VERIFY_PAGE)
      .execute();
    for (const r of rows) {
      const record = {
        seq: Number(r.seq),
        at: Number(r.at),
        actor: r.actor,
        action: r.action,
        objectId: r.object_id,
        detailsJson: r.details,
        prevHash: r.prev_hash,
        hash: r.hash,
      };
      if (!verifier.check(record)) return record.seq;
      after = record.seq;
    }
    if (rows.length < VERIFY_PAGE) break;
  }
  const heads = await db.selectFrom("audit_heads").selectAll().orderBy("last_seq").execute();
  for (const head of heads) {
    const seen = verifier.head(head.chain);
    const lastSeq = Number(head.last_seq);
    if (lastSeq === 0 && seen === undefined) continue;
    if (seen?.seq !== lastSeq || seen.hash !== head.hash) return lastSeq;
  }
  return undefined;
}
