import type { StoreBackend } from "./backend.js";
import { KyselyStore } from "./kysely-store.js";
import type { MasterKey } from "./master-key.js";
import { migrate } from "./migrations.js";
import { createPostgresBackend } from "./postgres/postgres-backend.js";
import { createSqliteBackend } from "./sqlite/sqlite-backend.js";
import type { Store } from "./store.js";

/** Where the store lives: one SQLite file (embedded default) or a shared PostgreSQL. */
export type StoreConfig =
  | { readonly kind: "sqlite"; readonly path: string }
  | { readonly kind: "postgres"; readonly url: string; readonly poolSize?: number };

export interface OpenStoreOptions {
  /** Clock for createdAt/updatedAt and audit times, in ms since the epoch (default Date.now). */
  readonly now?: () => number;
}

/**
 * Opens the store: connects, brings the schema up to date (idempotent, safe when
 * several nodes start at once) and returns the {@link Store}. The config is copied
 * and frozen; key material is sealed with `masterKey`.
 */
export async function openStore(
  config: StoreConfig,
  masterKey: MasterKey,
  options: OpenStoreOptions = {},
): Promise<Store> {
  const now = options.now ?? Date.now;
  const frozen: StoreConfig = Object.freeze({ ...config });
  const backend: StoreBackend =
    frozen.kind === "sqlite"
      ? createSqliteBackend({ path: frozen.path })
      : createPostgresBackend(
          frozen.poolSize === undefined ? { url: frozen.url } : { url: frozen.url, poolSize: frozen.poolSize },
        );
  try {
    await migrate(backend.db, backend.flavor, now);
  } catch (error) {
    await backend.close();
    throw error;
  }
  return new KyselyStore(backend, masterKey, now);
}
