import type { Generated } from "kysely";

/**
 * Kysely table types: the database as the store sees it. Timestamps are milliseconds
 * since the epoch in 64-bit integer columns; binary columns are BLOB (SQLite) or
 * BYTEA (PostgreSQL). The DDL lives in ./migrations.ts.
 */

/** One managed object. `material` is sealed by the master key (AAD = id); null once destroyed. */
export interface ObjectsTable {
  id: string;
  owner: string;
  object_type: number;
  state: number;
  attributes: Uint8Array;
  material: Uint8Array | null;
  created_at: number;
  updated_at: number;
  version: number;
}

/** Searchable attribute values of an object; `position` keeps the caller's order. */
export interface ObjectIndexTable {
  object_id: string;
  position: number;
  name: string;
  value: string;
}

/** Per-object access grants; operation 0 means every operation. */
export interface GrantsTable {
  object_id: string;
  grantee: string;
  operation: number;
}

/** Append-only, hash-chained audit log (one chain per object id, "" for records without one). */
export interface AuditTable {
  seq: Generated<number>;
  at: number;
  actor: string;
  action: string;
  object_id: string | null;
  /** Canonical JSON text. */
  details: string;
  prev_hash: string;
  hash: string;
}

/** The last record of every audit chain: its row lock serialises writers of one chain only. */
export interface AuditHeadsTable {
  chain: string;
  last_seq: number;
  hash: string;
}

/** A single row (id = 1) holding the applied schema version; its row lock serialises migrators. */
export interface SchemaVersionTable {
  id: number;
  version: number;
  updated_at: number;
}

export interface Database {
  objects: ObjectsTable;
  object_index: ObjectIndexTable;
  grants: GrantsTable;
  audit: AuditTable;
  audit_heads: AuditHeadsTable;
  locks: LocksTable;
  schema_version: SchemaVersionTable;
}

/** One row per key ever locked (StoreTx.lockKey); only its row lock matters. */
export interface LocksTable {
  key: string;
}

/** The SQL flavour a backend speaks; only DDL and a few limits differ. */
export type SqlFlavor = "sqlite" | "postgres";
