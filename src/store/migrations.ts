import type { Kysely } from "kysely";
import { StoreError, StoreErrorCode } from "./errors.js";
import type { Database, SqlFlavor } from "./schema.js";

/**
 * Schema migrations, applied in order, each exactly once per database.
 *
 * Concurrency: several nodes may start at once against one PostgreSQL. Instead of an
 * advisory lock (not portable to CockroachDB/YugabyteDB) every migrator first takes
 * the row lock of the single `schema_version` row with a no-op UPDATE, then reads the
 * version, applies what is missing and bumps the version in that same transaction.
 * DDL is transactional on PostgreSQL and SQLite, so a second node blocks on the row
 * lock, then sees the new version and does nothing.
 */
interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Kysely<Database>, flavor: SqlFlavor): Promise<void>;
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "objects, index, grants, audit",
    async up(db, flavor) {
      const binary = flavor === "sqlite" ? "blob" : "bytea";
      await db.schema
        .createTable("objects")
        .addColumn("id", "text", (c) => c.primaryKey())
        .addColumn("owner", "text", (c) => c.notNull())
        .addColumn("object_type", "integer", (c) => c.notNull())
        .addColumn("state", "integer", (c) => c.notNull())
        .addColumn("attributes", binary, (c) => c.notNull())
        .addColumn("material", binary)
        .addColumn("created_at", "bigint", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .addColumn("version", "integer", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("objects_created").on("objects").columns(["created_at", "id"]).execute();
      await db.schema.createIndex("objects_owner").on("objects").columns(["owner", "created_at"]).execute();

      await db.schema
        .createTable("object_index")
        .addColumn("object_id", "text", (c) => c.notNull().references("objects.id").onDelete("cascade"))
        .addColumn("position", "integer", (c) => c.notNull())
        .addColumn("name", "text", (c) => c.notNull())
        .addColumn("value", "text", (c) => c.notNull())
        .addPrimaryKeyConstraint("object_index_pk", ["object_id", "position"])
        .execute();
      await db.schema
        .createIndex("object_index_name_value")
        .on("object_index")
        .columns(["name", "value", "object_id"])
        .execute();

      await db.schema
        .createTable("grants")
        .addColumn("object_id", "text", (c) => c.notNull().references("objects.id").onDelete("cascade"))
        .addColumn("grantee", "text", (c) => c.notNull())
        .addColumn("operation", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("grants_pk", ["object_id", "grantee", "operation"])
        .execute();

      await db.schema
        .createTable("audit")
        .addColumn("seq", flavor === "sqlite" ? "integer" : "bigserial", (c) =>
          flavor === "sqlite" ? c.primaryKey().autoIncrement() : c.primaryKey(),
        )
        .addColumn("at", "bigint", (c) => c.notNull())
        .addColumn("actor", "text", (c) => c.notNull())
        .addColumn("action", "text", (c) => c.notNull())
        .addColumn("object_id", "text")
        .addColumn("details", "text", (c) => c.notNull())
        .addColumn("prev_hash", "text", (c) => c.notNull())
        .addColumn("hash", "text", (c) => c.notNull())
        .execute();
      await db.schema.createIndex("audit_object").on("audit").columns(["object_id", "seq"]).execute();

      await db.schema
        .createTable("audit_heads")
        .addColumn("chain", "text", (c) => c.primaryKey())
        .addColumn("last_seq", "bigint", (c) => c.notNull())
        .addColumn("hash", "text", (c) => c.notNull())
        .execute();
    },
  },
  {
    version: 2,
    name: "locks",
    async up(db) {
      // Rows whose lock serializes transactions checking the same thing (StoreTx.lockKey).
      await db.schema
        .createTable("locks")
        .addColumn("key", "text", (c) => c.primaryKey())
        .execute();
    },
  },
];

/** The schema version this build expects. */
export const SCHEMA_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);

/** Postgres errors two concurrent `CREATE TABLE IF NOT EXISTS` can raise: unique_violation, duplicate_table, duplicate_object ("type ... already exists"). */
const CREATE_RACE_CODES = new Set(["23505", "42P07", "42710"]);
const BOOTSTRAP_ATTEMPTS = 5;

/** Brings the database schema up to {@link SCHEMA_VERSION}; idempotent and safe to run concurrently. */
export async function migrate(db: Kysely<Database>, flavor: SqlFlavor, now: () => number = Date.now): Promise<void> {
  await bootstrap(db, now);
  await db.transaction().execute(async (trx) => {
    const locked = await trx
      .updateTable("schema_version")
      .set((eb) => ({ version: eb.ref("version") }))
      .where("id", "=", 1)
      .returning("version")
      .executeTakeFirstOrThrow();
    const current = Number(locked.version);
    if (current > SCHEMA_VERSION) {
      throw new StoreError(
        StoreErrorCode.SchemaTooNew,
        `database schema version ${current} is newer than this build supports (${SCHEMA_VERSION}); upgrade custos`,
      );
    }
    if (current === SCHEMA_VERSION) return;
    for (const migration of MIGRATIONS) {
      if (migration.version > current) await migration.up(trx, flavor);
    }
    await trx
      .updateTable("schema_version")
      .set({ version: SCHEMA_VERSION, updated_at: now() })
      .where("id", "=", 1)
      .execute();
  });
}

/** Creates the `schema_version` table and its single row if absent. */
async function bootstrap(db: Kysely<Database>, now: () => number): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.schema
        .createTable("schema_version")
        .ifNotExists()
        .addColumn("id", "integer", (c) => c.primaryKey())
        .addColumn("version", "integer", (c) => c.notNull())
        .addColumn("updated_at", "bigint", (c) => c.notNull())
        .execute();
      await db
        .insertInto("schema_version")
        .values({ id: 1, version: 0, updated_at: now() })
        .onConflict((oc) => oc.column("id").doNothing())
        .execute();
      return;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (attempt >= BOOTSTRAP_ATTEMPTS || typeof code !== "string" || !CREATE_RACE_CODES.has(code)) throw error;
    }
  }
}
