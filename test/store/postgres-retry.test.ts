import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { StoreBackend } from "../../src/store/backend.js";
import { StoreError, StoreErrorCode } from "../../src/store/errors.js";
import { migrate } from "../../src/store/migrations.js";
import { createPostgresBackend } from "../../src/store/postgres/postgres-backend.js";
import { createTestDb, type TestDb } from "./dialects.js";

/**
 * The PostgreSQL commit strategy reruns a transaction after a real serialization
 * failure (40001), produced here by a REPEATABLE READ transaction whose row was
 * updated by another connection after its snapshot was taken.
 */
describe("PostgreSQL transaction retries", () => {
  let db: TestDb;
  let backend: StoreBackend;

  beforeEach(async () => {
    db = await createTestDb("postgres");
    if (db.config.kind !== "postgres") throw new Error("expected a postgres test database");
    backend = createPostgresBackend({ url: db.config.url, maxAttempts: 3 });
    await migrate(backend.db, "postgres");
    await backend.db.insertInto("audit_heads").values({ chain: "c", last_seq: 0, hash: "h" }).execute();
  });
  afterEach(async () => {
    await backend.close();
    await db.destroy();
  });

  /** Reads the counter in a snapshot, lets another connection bump it `interfere` times, then writes. */
  function conflictingIncrement(interfere: (attempt: number) => boolean) {
    let attempts = 0;
    const result = backend.transaction(async (trx) => {
      attempts++;
      await sql`SET TRANSACTION ISOLATION LEVEL REPEATABLE READ`.execute(trx);
      const row = await trx
        .selectFrom("audit_heads")
        .select("last_seq")
        .where("chain", "=", "c")
        .executeTakeFirstOrThrow();
      if (interfere(attempts)) {
        await backend.db
          .updateTable("audit_heads")
          .set((eb) => ({ last_seq: eb("last_seq", "+", 100) }))
          .where("chain", "=", "c")
          .execute();
      }
      await trx
        .updateTable("audit_heads")
        .set({ last_seq: row.last_seq + 1 })
        .where("chain", "=", "c")
        .execute();
      return row.last_seq;
    });
    return { result, attempts: () => attempts };
  }

  it("reruns the transaction after a serialization failure and then commits", async () => {
    const run = conflictingIncrement((attempt) => attempt === 1);
    await expect(run.result).resolves.toBe(100);
    expect(run.attempts()).toBe(2);
    const row = await backend.db.selectFrom("audit_heads").select("last_seq").executeTakeFirstOrThrow();
    expect(row.last_seq).toBe(101);
  });

  it("gives up with RetriesExhausted after maxAttempts", async () => {
    const run = conflictingIncrement(() => true);
    const error = await run.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe(StoreErrorCode.RetriesExhausted);
    expect(((error as StoreError).cause as { code?: string }).code).toBe("40001");
    expect(run.attempts()).toBe(3);
  });

  it("does not rerun a transaction that failed for another reason", async () => {
    let attempts = 0;
    await expect(
      backend.transaction(async () => {
        attempts++;
        throw new Error("plain failure");
      }),
    ).rejects.toThrow("plain failure");
    expect(attempts).toBe(1);
  });
});
