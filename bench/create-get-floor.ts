/**
 * The floor of one Create+Get on this machine: the CPU a server with custos's storage,
 * durability and transport spends on a pair before any KMIP work at all, measured piece by
 * piece with the drivers alone so that the round-trip lines can be judged against it:
 *   - SQL: the statements custos's store runs for a Create (object row, 4 index rows, the
 *     record on the object's own audit hash chain: 5 statements) and for the Get that
 *     follows (read the row, write it back with Fresh cleared: 2 statements), as a trace of
 *     the real server shows them, on better-sqlite3 with custos's schema (its own
 *     migrations), foreign keys on and the same durability (WAL, synchronous=FULL: the WAL
 *     fsynced by COMMIT here, on libuv's thread pool after COMMIT in custos), `batch`
 *     transactions per durable COMMIT, as group commit shares them under 16 connections
 *     (5.0-5.3 measured). Row sizes are those of a real AES-256 key (1,016-byte attribute
 *     blob, 141-byte sealed material). CPU of the whole process, user + system, every thread.
 *   - TLS: server CPU per round trip of bench/tls-echo-process.ts answering a Get-sized
 *     response (32 bytes of data) on 16 connections: framing and TLS, nothing else.
 * Add node:crypto's share (bench/ceilings.ts) and the rest of a server's CPU per pair is
 * protocol work: decoding, policy, attributes, audit hashing, encoding, scheduling.
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import type { KmipClient } from "../src/client/kmip-client.js";
import { newObjectId } from "../src/kms/object-id.js";
import { migrate } from "../src/store/migrations.js";
import { createSqliteBackend } from "../src/store/sqlite/sqlite-backend.js";
import { Operation } from "../src/ttlv/enums.js";
import { ttlv } from "../src/ttlv/item.js";
import { Tag } from "../src/ttlv/tags.js";
import { processCpuSeconds } from "./proc-cpu.js";
import { spawnTlsEcho } from "./targets.js";

/** Transactions per COMMIT: what group commit shares under 16 connections (the tx/COMMIT detail of the round-trip lines). */
export const FLOOR_BATCH = 5;
const ATTRIBUTE_BLOB_BYTES = 1_016;
const SEALED_MATERIAL_BYTES = 141;
const OWNER = "CN=bench-client";
const HASH_HEX = 64;
/** Bytes of Data in the echoed response: a Get's 32-byte AES-256 key. */
const ECHO_DATA_BYTES = 32;
const ECHO_CONNECTIONS = 16;

export class FloorError extends Error {
  readonly code = "BENCH_FLOOR";
  override readonly name = "FloorError";
}

/** CPU microseconds per Create+Get pair that custos's SQL alone costs on SQLite. */
export async function sqliteFloorMicrosPerPair(ms = 1_500, batch = FLOOR_BATCH): Promise<number> {
  const dir = await mkdtemp(join(tmpdir(), "custos-bench-floor-"));
  const path = join(dir, "floor.db");
  try {
    const backend = createSqliteBackend({ path });
    await migrate(backend.db, backend.flavor);
    await backend.close();
    const db = new BetterSqlite3(path);
    try {
      return measure(db, ms, batch);
    } finally {
      db.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function measure(db: BetterSqlite3.Database, ms: number, batch: number): number {
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  db.pragma("cache_size = -65536");
  const insertObject = db.prepare(
    "insert into objects (id, owner, object_type, state, attributes, material, created_at, updated_at, version) values (?, ?, ?, ?, ?, ?, ?, ?, 1)",
  );
  const insertIndex = db.prepare(
    "insert into object_index (object_id, position, name, value) values (?, ?, ?, ?), (?, ?, ?, ?), (?, ?, ?, ?), (?, ?, ?, ?)",
  );
  const auditHead = db.prepare(
    "insert into audit_heads (chain, last_seq, hash) values (?, 0, ?) on conflict (chain) do update set hash = audit_heads.hash returning hash",
  );
  const insertAudit = db.prepare(
    "insert into audit (at, actor, action, object_id, details, prev_hash, hash) values (?, ?, ?, ?, ?, ?, ?) returning seq",
  );
  const moveHead = db.prepare("update audit_heads set hash = ?, last_seq = ? where chain = ?");
  const select = db.prepare(
    "select id, owner, object_type, state, attributes, material, created_at, updated_at, version from objects where id = ?",
  );
  const update = db.prepare(
    "update objects set version = version + 1, updated_at = ?, owner = ?, state = ?, attributes = ? where id = ? and version = ? returning id, owner, object_type, state, attributes, material, created_at, updated_at, version",
  );
  const attributes = randomBytes(ATTRIBUTE_BLOB_BYTES);
  const hash = "0".repeat(HASH_HEX);
  const created: string[] = [];
  const createBatch = () => {
    db.exec("begin immediate");
    for (let i = 0; i < batch; i++) {
      db.exec("savepoint member");
      const id = newObjectId();
      const now = Date.now();
      insertObject.run(id, OWNER, 2, 1, attributes, randomBytes(SEALED_MATERIAL_BYTES), now, now);
      insertIndex.run(
        ...[id, 0, "Cryptographic Algorithm", "QgALBQAAAAQAAAADAAAAAA=="],
        ...[id, 1, "Cryptographic Length", "QgALAgAAAAQAAAEAAAAAAA=="],
        ...[id, 2, "Digest", randomBytes(72).toString("base64")],
        ...[id, 3, "Short Unique Identifier", randomBytes(40).toString("base64")],
      );
      // Each object has its own chain (src/store/audit-chain.ts chainKey): a Create starts one.
      const head = auditHead.get(id, hash) as { hash: string };
      const seq = (
        insertAudit.get(now, OWNER, "create", id, '{"objectType":2,"state":1}', head.hash, hash) as {
          seq: number;
        }
      ).seq;
      moveHead.run(hash, seq, id);
      db.exec("release member");
      created.push(id);
    }
    db.exec("commit");
  };
  const getBatch = () => {
    db.exec("begin immediate");
    for (let i = 0; i < batch; i++) {
      db.exec("savepoint member");
      const id = created.shift();
      const row = select.get(id) as { owner: string; state: number; version: number } | undefined;
      if (!row) throw new FloorError(`row ${id} vanished`);
      if (!update.get(Date.now(), row.owner, row.state, attributes, id, row.version)) {
        throw new FloorError(`row ${id} not updated`);
      }
      db.exec("release member");
    }
    db.exec("commit");
  };
  const pairOfBatches = () => {
    createBatch();
    getBatch();
  };
  const warmEnd = performance.now() + ms / 3;
  while (performance.now() < warmEnd) pairOfBatches();
  const cpu = process.cpuUsage();
  const end = performance.now() + ms;
  let pairs = 0;
  while (performance.now() < end) {
    pairOfBatches();
    pairs += batch;
  }
  const used = process.cpuUsage(cpu);
  return (used.user + used.system) / pairs;
}

/** Server CPU microseconds per TLS round trip of a Get-sized KMIP exchange that does no work. */
export async function tlsFloorMicrosPerRoundTrip(ms = 3_000): Promise<number> {
  const echo = await spawnTlsEcho(ECHO_DATA_BYTES);
  const clients: KmipClient[] = [];
  try {
    if (echo.pid === undefined) throw new FloorError("TLS echo has no pid");
    const pid = echo.pid;
    for (let i = 0; i < ECHO_CONNECTIONS; i++) clients.push(await echo.connect({ major: 2, minor: 1 }));
    const payload = [
      ttlv.text(Tag.UniqueIdentifier, newObjectId()),
      ttlv.bytes(Tag.Data, randomBytes(ECHO_DATA_BYTES)),
    ];
    const run = async (windowMs: number) => {
      const end = performance.now() + windowMs;
      let n = 0;
      await Promise.all(
        clients.map(async (c) => {
          while (performance.now() < end) {
            await c.call(Operation.Encrypt, payload);
            n++;
          }
        }),
      );
      return n;
    };
    await run(ms / 3);
    const before = processCpuSeconds(pid);
    const n = await run(ms);
    const after = processCpuSeconds(pid);
    if (before === undefined || after === undefined) throw new FloorError("cannot read the TLS echo's CPU time");
    return ((after - before) * 1e6) / n;
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await echo.stop();
  }
}
