import type { Kysely, Selectable } from "kysely";
import { auditHash, canonicalJson, chainKey, GENESIS_HASH } from "./audit-chain.js";
import type { MasterKey } from "./master-key.js";
import { filteredObjects } from "./object-filter.js";
import type { Database, ObjectsTable } from "./schema.js";
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

/**
 * The store's business logic, written once over Kysely and shared by both dialects.
 * `db` is whatever executor the backend hands out: a transaction, a savepoint inside a
 * group commit, or the plain pool for autocommit reads. Key material is sealed here
 * with the object id as associated data and opened again on every read.
 */
export class KyselyRepository implements StoreTx {
  readonly #db: Kysely<Database>;
  readonly #key: MasterKey;
  readonly #now: () => number;

  constructor(db: Kysely<Database>, key: MasterKey, now: () => number) {
    this.#db = db;
    this.#key = key;
    this.#now = now;
  }

  async getObject(id: string, options: GetObjectOptions = {}): Promise<ObjectRecord | undefined> {
    const row = await this.#db.selectFrom("objects").selectAll().where("id", "=", id).executeTakeFirst();
    if (!row) return undefined;
    if (options.withIndex === false) return this.#toRecord(row, []);
    const index = await this.#loadIndex([id]);
    return this.#toRecord(row, index.get(id) ?? []);
  }

  /**
   * Throws StoreConflictError if the id is taken. On PostgreSQL a failed statement aborts
   * the whole transaction, so callers must not continue a transaction after catching it.
   */
  async insertObject(obj: NewObject): Promise<ObjectRecord> {
    const now = this.#now();
    const insert = this.#db
      .insertInto("objects")
      .values({
        id: obj.id,
        owner: obj.owner,
        object_type: obj.objectType,
        state: obj.state,
        attributes: toBuffer(obj.attributes),
        material: obj.material === null ? null : toBuffer(this.#key.seal(obj.material, obj.id)),
        created_at: now,
        updated_at: now,
        version: 1,
      })
      .execute();
    try {
      await insert;
    } catch (error) {
      if (isUniqueViolation(error)) throw new StoreConflictError(`object ${obj.id} already exists`, { cause: error });
      throw error;
    }
    await this.#writeIndex(obj.id, obj.index);
    return {
      ...copyObject(obj),
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
  }

  async updateObject(
    id: string,
    expectedVersion: number,
    changes: Partial<Pick<ObjectRecord, "state" | "attributes" | "material" | "index" | "owner">>,
  ): Promise<ObjectRecord> {
    const { material, attributes } = changes;
    const row = await this.#db
      .updateTable("objects")
      .set((eb) => ({
        version: eb("version", "+", 1),
        updated_at: this.#now(),
        ...(changes.owner !== undefined && { owner: changes.owner }),
        ...(changes.state !== undefined && { state: changes.state }),
        ...(attributes !== undefined && { attributes: toBuffer(attributes) }),
        ...(material !== undefined && { material: material === null ? null : toBuffer(this.#key.seal(material, id)) }),
      }))
      .where("id", "=", id)
      .where("version", "=", expectedVersion)
      .returningAll()
      .executeTakeFirst();
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
    } else {
      index = (await this.#loadIndex([id])).get(id) ?? [];
    }
    return this.#toRecord(row, index, material);
  }

  async findObjects(filter: ObjectFilter): Promise<ObjectRecord[]> {
    const query = filteredObjects(this.#db, filter);
    if (!query) return [];
    const rows = await query.selectAll("o").execute();
    const index = await this.#loadIndex(rows.map((r) => r.id));
    return rows.map((row) => this.#toRecord(row, index.get(row.id) ?? []));
  }

  async findObjectIds(filter: ObjectFilter): Promise<string[]> {
    const query = filteredObjects(this.#db, filter);
    if (!query) return [];
    const rows = await query.select("o.id").execute();
    return rows.map((r) => r.id);
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
    const head = await this.#db
      .insertInto("audit_heads")
      .values({ chain, last_seq: 0, hash: GENESIS_HASH })
      .onConflict((oc) => oc.column("chain").doUpdateSet((eb) => ({ hash: eb.ref("audit_heads.hash") })))
      .returning("hash")
      .executeTakeFirstOrThrow();
    const prevHash = head.hash;
    const fields = { at, actor: entry.actor, action: entry.action, objectId: entry.objectId, detailsJson };
    const hash = auditHash(prevHash, fields);
    const inserted = await this.#db
      .insertInto("audit")
      .values({
        at,
        actor: entry.actor,
        action: entry.action,
        object_id: entry.objectId,
        details: detailsJson,
        prev_hash: prevHash,
        hash,
      })
      .returning("seq")
      .executeTakeFirstOrThrow();
    await this.#db
      .updateTable("audit_heads")
      .set({ hash, last_seq: Number(inserted.seq) })
      .where("chain", "=", chain)
      .execute();
  }

  async #writeIndex(objectId: string, index: readonly IndexEntry[]): Promise<void> {
    if (index.length === 0) return;
    await this.#db
      .insertInto("object_index")
      .values(index.map((e, position) => ({ object_id: objectId, position, name: e.name, value: e.value })))
      .execute();
  }

  /**
   * Brings an object's index rows to `index` touching only what changed (an update usually
   * changes one or two attributes; rewriting all rows and their two b-trees dominated the
   * cost of a small transaction). Entries are compared as a multiset of (name, value).
   */
  async #replaceIndex(objectId: string, index: readonly IndexEntry[]): Promise<void> {
    const old = await this.#db
      .selectFrom("object_index")
      .select(["position", "name", "value"])
      .where("object_id", "=", objectId)
      .execute();
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
    if (removed.length > 0) {
      await this.#db
        .deleteFrom("object_index")
        .where("object_id", "=", objectId)
        .where("position", "in", removed)
        .execute();
    }
    if (added.length > 0) {
      await this.#db
        .insertInto("object_index")
        .values(added.map((e, i) => ({ object_id: objectId, position: next + i, name: e.name, value: e.value })))
        .execute();
    }
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

  /** Maps a row; `plaintext` skips unsealing when the caller just wrote the material. */
  #toRecord(row: Selectable<ObjectsTable>, index: readonly IndexEntry[], plaintext?: Uint8Array | null): ObjectRecord {
    let material: Uint8Array | null;
    if (plaintext !== undefined) material = plaintext === null ? null : new Uint8Array(plaintext);
    else material = row.material === null ? null : this.#key.open(row.material, row.id);
    return {
      id: row.id,
      owner: row.owner,
      objectType: Number(row.object_type),
      state: Number(row.state),
      attributes: new Uint8Array(row.attributes),
      material,
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
