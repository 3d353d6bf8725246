import { CompiledQuery, type Kysely, type QueryResult } from "kysely";
import type { Database, SqlFlavor } from "./schema.js";

/**
 * The SQL text of the store's hot statements, written by hand once per shape instead of
 * being rebuilt by Kysely's query builder on every call (building and compiling a query
 * measured as about a seventh of the server's CPU on Create+Get). Texts are written in the
 * SQL both dialects share, with `?` placeholders; for PostgreSQL they are numbered ($1, $2,
 * ...) once, when the shape is first used. Shapes are few and bounded (keys name the
 * columns or the row count), and the cache lives as long as the store.
 */
export class SqlTexts {
  readonly #numbered: boolean;
  readonly #cache = new Map<string, string>();

  constructor(flavor: SqlFlavor) {
    this.#numbered = flavor === "postgres";
  }

  /** The text of shape `key`, built by `build` the first time. Placeholders must not appear inside literals. */
  get(key: string, build: () => string): string {
    let text = this.#cache.get(key);
    if (text === undefined) {
      text = build();
      if (this.#numbered) {
        let n = 0;
        text = text.replace(/\?/g, () => `$${++n}`);
      }
      this.#cache.set(key, text);
    }
    return text;
  }
}

/** Runs a prepared text on `db` (the pool, a transaction or a savepoint), through Kysely's driver. */
export function runSql<R>(db: Kysely<Database>, text: string, parameters: readonly unknown[]): Promise<QueryResult<R>> {
  return db.executeQuery<R>(CompiledQuery.raw(text, parameters as unknown[]));
}

/** `(?, ?, ...)` repeated `rows` times, comma-separated: the VALUES of a multi-row insert. */
export function valuesList(rows: number, columns: number): string {
  const row = `(${Array.from({ length: columns }, () => "?").join(", ")})`;
  return Array.from({ length: rows }, () => row).join(", ");
}

/** `?, ?, ...` (`count` placeholders): an IN list. */
export function placeholders(count: number): string {
  return Array.from({ length: count }, () => "?").join(", ");
}
