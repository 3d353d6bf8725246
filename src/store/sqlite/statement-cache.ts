import type BetterSqlite3 from "better-sqlite3";
import type { SqliteDatabase, SqliteStatement } from "kysely";

/** Distinct SQL texts kept prepared; the store issues a few dozen shapes. */
export const DEFAULT_STATEMENT_CACHE_SIZE = 256;

/**
 * Wraps a better-sqlite3 connection for Kysely's SqliteDialect so that each distinct
 * SQL text is prepared once and reused (Kysely's driver prepares on every query, which
 * measured as the largest single cost of a small transaction). Safe because every
 * query runs to completion synchronously (`all`/`run`); the store never streams.
 * SQLite re-prepares a cached statement by itself if the schema changes.
 */
export function withStatementCache(
  db: BetterSqlite3.Database,
  maxSize: number = DEFAULT_STATEMENT_CACHE_SIZE,
): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => {
      cache.clear();
      db.close();
    },
    prepare(sql: string): SqliteStatement {
      const cached = cache.get(sql);
      if (cached) return cached;
      const statement = db.prepare(sql);
      if (cache.size >= maxSize) {
        const oldest = cache.keys().next();
        if (!oldest.done) cache.delete(oldest.value);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}
