import type { Kysely, QueryResult, Selectable } from "kysely";
import { auditHash, canonicalJson, chainKey, GENESIS_HASH } from "./audit-chain.js";
import type { DirectSql, StoreBackend } from "./backend.js";
import { MasterKey } from "./master-key.js";
import { filteredObjects, matchingObjects } from "./object-filter.js";
import type { RowCache } from "./row-cache.js";
import type { Database, ObjectsTable } from "./schema.js";
import { placeholders, runSql, type SqlTexts, valuesList } from "./sql-texts.js";
import {
  type AuditEntry,
  type GetObjectOptions,
  type Grant,
  type IndexEntry,
  type NewObject,
  type ObjectFilter,
  type ObjectRecord,
  StoreConflictError,
  type StoreTx,
} from "./store.js";

/** Ids per `IN (...)` list: well under SQLite's bound-parameter limit. */
const IN_LIST_CHUNK = 500;
/** Index rows per INSERT statement (4 parameters each). */
const INDEX_ROWS_PER_INSERT = 100;

const OBJECT_COLUMNS = "id, owner, object_type, state, attributes, material, created_at, updated_at, version";

/**
 * The store's business logic, written once over Kysely and shared by both dialects.
 * `db` is whatever executor the backend hands out: a transaction, a savepoint inside a
 * group commit, or the plain pool for autocommit reads. Key material is sealed here
 * with the object id as associated data and opened again on every read. The statements
 * every request runs (read, insert, update an object, its index rows, the audit chain)
 * are hand-written texts from {@link SqlTexts}; the rarer ones use Kysely's builder.
 */
export class KyselyRepository implements StoreTx {
  readonly #db: Kysely<Database>;
  readonly #key: MasterKey;
  readonly #now: () => number;
  readonly #sql: SqlTexts;

  readonly #rows: RowCache | undefined;
  readonly #committedVersion: StoreBackend["committedVersion"];
  readonly #direct: DirectSql | undefined;

  /**
   * `rows` and `committedVersion`: only for the autocommit reader on SQLite (see RowCache),
   * never inside a transaction. `direct`: only inside a transaction that holds the connection
   * (SQLite's group commit), to run the hand-written statements without Kysely's executor.
   */
  constructor(
    db: Kysely<Database>,
    key: MasterKey,
    now: () => number,
    sql: SqlTexts,
    rows?: RowCache,
    committedVersion?: StoreBackend["committedVersion"],
    direct?: DirectSql,
  ) {
    this.#db = db;
    this.#key = key;
    this.#now = now;
    this.#sql = sql;
    this.#rows = rows;
    this.#committedVersion = committedVersion;
    this.#direct = direct;
  }

  /** Runs a hand-written text (SqlTexts) on this repository's executor, directly when it can. */
  async #run<R>(text: string, parameters: readonly unknown[]): Promise<QueryResult<R>> {
    const direct = this.#direct;
    return direct === undefined ? runSql<R>(this.#db, text, parameters) : direct<R>(text, parameters);
  }

  async getObject(id: string, options: GetObjectOptions = {}): Promise<ObjectRecord | undefined> {
    const row = await this.#objectRow(id);
    if (!row) return undefined;
    if (options.withIndex === false) return this.#toRecord(row, []);
    const index = await this.#loadIndex([id]);
    return this.#toRecord(row, index.get(id) ?? []);
  }

  /** The row of `id`; through the row cache when this reader has one (a version check on a hit). */
  async #objectRow(id: string): Promise<Selectable<ObjectsTable> | undefined> {
    const cached = this.#rows?.peek(id);
    if (cached !== undefined) {
      const current = await this.#storedVersion(id);
      if (current !== null && current === Number(cached.version)) {
        this.#rows!.set(id, cached);
        return cached;
      }
      this.#rows!.drop(id);
      if (current === null) return undefined;
    }
    const text = this.#sql.get("getObject", () => `select ${OBJECT_COLUMNS} from objects where id = ?`);
    const row = (await this.#run<Selectable<ObjectsTable>>(text, [id])).rows[0];
    if (row !== undefined) this.#rows?.set(id, row);
    return row;
  }

  /** The committed version of `id` (null: none): straight from the connection when it can answer now. */
  async #storedVersion(id: string): Promise<number | null> {
    const direct = this.#committedVersion?.(id);
    if (direct !== undefined) return direct;
    const versionText = this.#sql.get("objectVersion", () => "select version from objects where id = ?");
    const row = (await this.#run<{ version: number | string }>(versionText, [id])).rows[0];
    return row === undefined ? null : Number(row.version);
  }

  /**
   * Throws StoreConflictError if the id is taken. On PostgreSQL a failed statement aborts
   * the whole transaction, so callers must not continue a transaction after catching it.
   */
  async insertObject(obj: NewObject): Promise<ObjectRecord> {
    const now = this.#now();
    const text = this.#sql.get(
      "insertObject",
      () => `insert into objects (${OBJECT_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?, 1)`,
    );
    const material = obj.material === null ? null : toBuffer(this.#key.seal(obj.material, obj.id));
    try {
      await this.#run(text, [
        obj.id,
        obj.owner,
        obj.objectType,
        obj.state,
        toBuffer(obj.attributes),
        material,
        now,
        now,
      ]);
    } catch (error) {
      if (isUniqueViolation(error)) throw new StoreConflictError(`object ${obj.id} already exists`, { cause: error });
      throw error;
    }
    await this.#writeIndex(obj.id, obj.index);
    return {
      ...copyObject(obj),
      hasMaterial: obj.material !== null,
      materialId: material === null ? null : MasterKey.sealId(material),
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
  }

  async updateObject(
    id: string,
    expectedVersion: number,
    changes: Partial<Pick<ObjectRecord, "state" | "attributes" | "material" | "index" | "owner">>,
    options: GetObjectOptions = {},
  ): Promise<ObjectRecord> {
    const { material, attributes } = changes;
    // One text per combination of changed columns (at most 16 shapes).
    const columns: string[] = [];
    const values: unknown[] = [this.#now()];
    if (changes.owner !== undefined) {
      columns.push("owner");
      values.push(changes.owner);
    }
    if (changes.state !== undefined) {
      columns.push("state");
      values.push(changes.state);
    }
    if (attributes !== undefined) {
      columns.push("attributes");
      values.push(toBuffer(attributes));
    }
    if (material !== undefined) {
      columns.push("material");
      values.push(material === null ? null : toBuffer(this.#key.seal(material, id)));
    }
    values.push(id, expectedVersion);
    const text = this.#sql.get(
      `updateObject:${columns.join(",")}`,
      () =>
        `update objects set version = version + 1, updated_at = ?${columns.map((c) => `, ${c} = ?`).join("")} ` +
        `where id = ? and version = ? returning ${OBJECT_COLUMNS}`,
    );
    const row = (await this.#run<Selectable<ObjectsTable>>(text, values)).rows[0];
    if (!row) {
      const current = await this.#db.selectFrom("objects").select("version").where("id", "=", id).executeTakeFirst();
      throw new StoreConflictError(
        current
          ? `object ${id} is at version ${current.version}, not ${expectedVersion}`
          : `object ${id} does not exist`,
      );
    }
    let index: readonly IndexEntry[];
    if (changes.index !== undefined) {
      await this.#replaceIndex(id, changes.index);
      index = changes.index;
    } else if (options.withIndex === false) {
      index = [];
    } else {
      index = (await this.#loadIndex([id])).get(id) ?? [];
    }
    return this.#toRecord(row, index, material);
  }

  async findObjects(filter: ObjectFilter, options: GetObjectOptions = {}): Promise<ObjectRecord[]> {
    const query = filteredObjects(this.#db, filter);
    if (!query) return [];
    const rows = await query.selectAll("o").execute();
    const index =
      options.withIndex === false ? new Map<string, IndexEntry[]>() : await this.#loadIndex(rows.map((r) => r.id));
    return rows.map((row) => this.#toRecord(row, index.get(row.id) ?? []));
  }

  async findObjectIds(filter: ObjectFilter): Promise<string[]> {
    const query = filteredObjects(this.#db, filter);
    if (!query) return [];
    const rows = await query.select("o.id").execute();
    return rows.map((r) => r.id);
  }

  async countObjects(filter: ObjectFilter): Promise<number> {
    const query = matchingObjects(this.#db, filter);
    if (!query) return 0;
    const row = await query.select((eb) => eb.fn.countAll().as("n")).executeTakeFirst();
    // PostgreSQL returns count(*) as a bigint, which pg hands over as a string.
    return Number(row?.n ?? 0);
  }

  async addGrant(grant: Grant): Promise<void> {
    await this.#db
      .insertInto("grants")
      .values({ object_id: grant.objectId, grantee: grant.grantee, operation: grant.operation })
      .onConflict((oc) => oc.columns(["object_id", "grantee", "operation"]).doNothing())
      .execute();
  }

  async removeGrant(grant: Grant): Promise<void> {
    await this.#db
      .deleteFrom("grants")
      .where("object_id", "=", grant.objectId)
      .where("grantee", "=", grant.grantee)
      .where("operation", "=", grant.operation)
      .execute();
  }

  async listGrants(objectId: string): Promise<Grant[]> {
    const rows = await this.#db
      .selectFrom("grants")
      .selectAll()
      .where("object_id", "=", objectId)
      .orderBy("grantee")
      .orderBy("operation")
      .execute();
    return rows.map((r) => ({ objectId: r.object_id, grantee: r.grantee, operation: Number(r.operation) }));
  }

  /**
   * Appends to the chain of `entry.objectId`. The upsert of the chain head (a no-op
   * update when it exists) takes the head's row lock, held until commit, and RETURNING
   * reads its latest committed hash: concurrent writers of one chain queue up, writers
   * of other chains do not.
   */
  async audit(entry: AuditEntry): Promise<void> {
    const chain = chainKey(entry.objectId);
    const at = this.#now();
    const detailsJson = canonicalJson(entry.details);
    const lockHead = this.#sql.get(
      "auditLockHead",
      () =>
        "insert into audit_heads (chain, last_seq, hash) values (?, 0, ?) " +
        "on conflict (chain) do update set hash = audit_heads.hash returning hash",
    );
    const head = (await this.#run<{ hash: string }>(lockHead, [chain, GENESIS_HASH])).rows[0];
    if (head === undefined) throw new Error(`audit chain head ${chain} was not returned`);
    const prevHash = head.hash;
    const fields = { at, actor: entry.actor, action: entry.action, objectId: entry.objectId, detailsJson };
    const hash = auditHash(prevHash, fields);
    const insert = this.#sql.get(
      "auditInsert",
      () =>
        "insert into audit (at, actor, action, object_id, details, prev_hash, hash) " +
        "values (?, ?, ?, ?, ?, ?, ?) returning seq",
    );
    const inserted = (
      await this.#run<{ seq: number }>(insert, [
        at,
        entry.actor,
        entry.action,
        entry.objectId,
        detailsJson,
        prevHash,
        hash,
      ])
    ).rows[0];
    if (inserted === undefined) throw new Error("the audit insert returned no sequence number");
    const moveHead = this.#sql.get(
      "auditMoveHead",
      () => "update audit_heads set hash = ?, last_seq = ? where chain = ?",
    );
    await this.#run(moveHead, [hash, Number(inserted.seq), chain]);
  }

  async lockKey(key: string): Promise<void> {
    // The DO UPDATE takes the row lock even when the row exists (DO NOTHING would not);
    // concurrent first inserts of one key wait on the primary key until the first commits.
    const text = this.#sql.get(
      "lockKey",
      () => "insert into locks (key) values (?) on conflict (key) do update set key = excluded.key",
    );
    await this.#run(text, [key]);
  }

  async #writeIndex(objectId: string, index: readonly IndexEntry[], firstPosition = 0): Promise<void> {
    for (let start = 0; start < index.length; start += INDEX_ROWS_PER_INSERT) {
      const rows = Math.min(INDEX_ROWS_PER_INSERT, index.length - start);
      const text = this.#sql.get(
        `insertIndex:${rows}`,
        () => `insert into object_index (object_id, position, name, value) values ${valuesList(rows, 4)}`,
      );
      const values: unknown[] = [];
      for (let i = start; i < start + rows; i++) {
        const e = index[i] as IndexEntry;
        values.push(objectId, firstPosition + i, e.name, e.value);
      }
      await this.#run(text, values);
    }
  }

  /**
   * Brings an object's index rows to `index` touching only what changed (an update usually
   * changes one or two attributes; rewriting all rows and their two b-trees dominated the
   * cost of a small transaction). Entries are compared as a multiset of (name, value).
   */
  async #replaceIndex(objectId: string, index: readonly IndexEntry[]): Promise<void> {
    const selectText = this.#sql.get(
      "indexOfObject",
      () => "select position, name, value from object_index where object_id = ?",
    );
    const old = (await this.#run<{ position: number; name: string; value: string }>(selectText, [objectId])).rows;
    const kept = new Map<string, number[]>();
    let next = 0;
    for (const r of old) {
      const k = `${r.name}\u0000${r.value}`;
      const list = kept.get(k);
      if (list) list.push(r.position);
      else kept.set(k, [r.position]);
      if (r.position >= next) next = r.position + 1;
    }
    const added: IndexEntry[] = [];
    for (const e of index) {
      const list = kept.get(`${e.name}\u0000${e.value}`);
      if (list !== undefined && list.length > 0) list.pop();
      else added.push(e);
    }
    const removed = [...kept.values()].flat();
    for (let start = 0; start < removed.length; start += IN_LIST_CHUNK) {
      const positions = removed.slice(start, start + IN_LIST_CHUNK);
      const text = this.#sql.get(
        `deleteIndex:${positions.length}`,
        () => `delete from object_index where object_id = ? and position in (${placeholders(positions.length)})`,
      );
      await this.#run(text, [objectId, ...positions]);
    }
    await this.#writeIndex(objectId, added, next);
  }

  async #loadIndex(ids: readonly string[]): Promise<Map<string, IndexEntry[]>> {
    const byId = new Map<string, IndexEntry[]>();
    for (let start = 0; start < ids.length; start += IN_LIST_CHUNK) {
      const rows = await this.#db
        .selectFrom("object_index")
        .select(["object_id", "name", "value"])
        .where("object_id", "in", ids.slice(start, start + IN_LIST_CHUNK))
        .orderBy("object_id")
        .orderBy("position")
        .execute();
      for (const r of rows) {
        const list = byId.get(r.object_id);
        if (list) list.push({ name: r.name, value: r.value });
        else byId.set(r.object_id, [{ name: r.name, value: r.value }]);
      }
    }
    return byId;
  }

  /**
   * Maps a row. The material is unsealed when first read (then kept), so that operations that
   * never touch it (Get Attributes, Locate, state changes, a cached parsed key) skip the
   * AES-GCM open; a tampered sealed value still fails, at that first read. `plaintext` skips
   * unsealing when the caller just wrote the material.
   */
  #toRecord(row: Selectable<ObjectsTable>, index: readonly IndexEntry[], plaintext?: Uint8Array | null): ObjectRecord {
    const sealed = row.material;
    const key = this.#key;
    let material: Uint8Array | null | undefined =
      plaintext === undefined ? undefined : plaintext === null ? null : new Uint8Array(plaintext);
    return {
      id: row.id,
      owner: row.owner,
      objectType: Number(row.object_type),
      state: Number(row.state),
      attributes: new Uint8Array(row.attributes),
      get material(): Uint8Array | null {
        material ??= sealed === null ? null : key.open(sealed, row.id);
        return material;
      },
      hasMaterial: plaintext === undefined ? sealed !== null : plaintext !== null,
      materialId: sealed === null ? null : MasterKey.sealId(sealed),
      index: index.map((e) => ({ name: e.name, value: e.value })),
      createdAt: Number(row.created_at),
      updatedAt: Number(row.updated_at),
      version: Number(row.version),
    };
  }
}

/** Unique-key violations: PostgreSQL unique_violation, SQLite primary key / unique constraint. */
const UNIQUE_VIOLATION_CODES = new Set(["23505", "SQLITE_CONSTRAINT_PRIMARYKEY", "SQLITE_CONSTRAINT_UNIQUE"]);

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && UNIQUE_VIOLATION_CODES.has(code);
}

/** A defensive copy, so callers cannot alter a returned record by mutating their input. */
function copyObject(obj: NewObject): NewObject {
  return {
    id: obj.id,
    owner: obj.owner,
    objectType: obj.objectType,
    state: obj.state,
    attributes: new Uint8Array(obj.attributes),
    material: obj.material === null ? null : new Uint8Array(obj.material),
    index: obj.index.map((e) => ({ name: e.name, value: e.value })),
  };
}

/** Both drivers bind Buffers as BLOB/BYTEA; a plain Uint8Array is viewed, not copied. */
function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
