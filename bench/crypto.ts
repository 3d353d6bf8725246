/**
 * Report section: KMIP cryptographic services against custos (SQLite, KMIP 2.1, TTLV over mutual
 * TLS) next to node:crypto doing the same work in this process, measured in the same run:
 * - AES-256-GCM Encrypt and Decrypt of 64 B, 4 KiB and 64 KiB messages;
 * - Sign with ECDSA P-256 (SHA-256), RSA-2048 (PKCS#1 v1.5, SHA-256) and Ed25519 over 64 bytes;
 * each with 1 connection and 16 concurrent connections, reported as operations per second and
 * as a ratio of the raw node:crypto rate. Every KMIP answer is checked (ciphertext length,
 * plaintext bytes, signature verified once per line).
 */
import {
  createCipheriv,
  createDecipheriv,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
  verify,
} from "node:crypto";
import type { KmipClient } from "../src/client/kmip-client.js";
import { attr } from "../src/client/kmip-client.js";
import { req } from "../src/kmip/read.js";
import {
  BlockCipherMode,
  CryptographicAlgorithm,
  DigitalSignatureAlgorithm,
  KeyFormatType,
  ObjectType,
  Operation,
} from "../src/ttlv/enums.js";
import { type StructureItem, type TtlvItem, ttlv } from "../src/ttlv/item.js";
import { CryptographicUsageMask } from "../src/ttlv/masks.js";
import { Tag } from "../src/ttlv/tags.js";
import { opsPerSecond } from "./ops-per-second.js";
import { num, percent, type ReportRow, type ReportSection } from "./report.js";
import { spawnCustos, spawnTlsEcho } from "./targets.js";

export interface CryptoBenchOptions {
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly log: (line: string) => void;
}

const V21 = { major: 2, minor: 1 };
const SIZES = [64, 4096, 65536] as const;
const CONNECTIONS = [1, 16] as const;
/** Batch items per request message in the batched Encrypt line. */
const BATCH_ITEMS = 16;
/** Load the server sees before the measured lines. */
const JIT_WARMUP_MS = 3_000;

class CryptoBenchError extends Error {
  readonly code = "BENCH_CRYPTO";
  override readonly name = "CryptoBenchError";
}

function bytes(p: StructureItem, tag: number): Uint8Array {
  return req.bytes(p, tag);
}

/** Runs `op` back to back on every client for warm-up + window; returns completed ops per second. */
async function kmipRate(
  clients: readonly KmipClient[],
  op: (c: KmipClient) => Promise<void>,
  o: CryptoBenchOptions,
): Promise<number> {
  const windowStart = performance.now() + o.warmupMs;
  const windowEnd = windowStart + o.durationMs;
  let done = 0;
  await Promise.all(
    clients.map(async (c) => {
      for (;;) {
        const t = performance.now();
        if (t >= windowEnd) return;
        await op(c);
        const end = performance.now();
        if (end >= windowStart && end < windowEnd) done++;
      }
    }),
  );
  return (done * 1000) / o.durationMs;
}

/**
 * Round trips per second of `op` on `n` connections to the TLS echo server (the transport ceiling;
 * with `signer`, the ceiling of a Sign server: framing plus one real signature per request).
 */
async function echoRate(
  dataBytes: number,
  n: number,
  op: (c: KmipClient) => Promise<void>,
  o: CryptoBenchOptions,
  batchItems = 1,
  signer?: "ecdsa" | "rsa" | "ed25519",
): Promise<number> {
  const echo = await spawnTlsEcho(dataBytes, batchItems, signer);
  const clients: KmipClient[] = [];
  try {
    for (let i = 0; i < n; i++) clients.push(await echo.connect(V21));
    return await kmipRate(clients, op, o);
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await echo.stop();
  }
}

async function registerSymmetric(c: KmipClient, key: Uint8Array): Promise<string> {
  return c.register({
    objectType: ObjectType.SymmetricKey,
    material: key,
    algorithm: CryptographicAlgorithm.AES,
    length: 256,
    usageMask: CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt,
    attributes: [attr.activationDate(new Date(Date.now() - 60_000))],
  });
}

async function registerPrivate(c: KmipClient, key: KeyObject, algorithm: number, length: number): Promise<string> {
  const keyBlock = ttlv.struct(Tag.KeyBlock, [
    ttlv.enum(Tag.KeyFormatType, KeyFormatType.PKCS_8),
    ttlv.struct(Tag.KeyValue, [ttlv.bytes(Tag.KeyMaterial, key.export({ format: "der", type: "pkcs8" }))]),
    ttlv.enum(Tag.CryptographicAlgorithm, algorithm),
    ttlv.int(Tag.CryptographicLength, length),
  ]);
  const p = await c.call(Operation.Register, [
    ttlv.enum(Tag.ObjectType, ObjectType.PrivateKey),
    ...c.encodeAttributes([
      attr.usageMask(CryptographicUsageMask.Sign),
      attr.activationDate(new Date(Date.now() - 60_000)),
    ]),
    ttlv.struct(Tag.PrivateKey, [keyBlock]),
  ]);
  return req.text(p, Tag.UniqueIdentifier);
}

const gcmParams = (): TtlvItem =>
  ttlv.struct(Tag.CryptographicParameters, [
    ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.GCM),
    ttlv.int(Tag.TagLength, 16),
  ]);

function row(label: string, kmip: number, raw: number, note: string): ReportRow {
  return {
    label,
    value: num(kmip),
    unit: "ops/s",
    ratio: percent(kmip / raw, "of node:crypto"),
    detail: `node:crypto ${num(raw)} ops/s`,
    note,
  };
}

/** What one server is measured on: message sizes, connection counts, and a label suffix. */
interface Plan {
  readonly workers: number;
  /** Also measure the TLS transport ceiling (bench/tls-echo-process.ts) for 4 KiB Encrypt. */
  readonly ceiling: boolean;
  /** Also measure Encrypt of 4 KiB with BATCH_ITEMS batch items per request. */
  readonly batched: boolean;
  readonly sizes: readonly number[];
  readonly connections: readonly number[];
  readonly suffix: string;
}

const PLANS: readonly Plan[] = [
  { workers: 1, sizes: SIZES, connections: CONNECTIONS, suffix: "", batched: true, ceiling: true },
  // The same server as two worker processes (the `workers` setting), where concurrency pays.
  { workers: 2, sizes: [4096], connections: [16], suffix: ", 2 workers", batched: true, ceiling: false },
];

export async function benchCrypto(o: CryptoBenchOptions): Promise<ReportSection> {
  const rows: ReportRow[] = [];
  for (const plan of PLANS) rows.push(...(await measure(plan, o)));
  return { title: "Cryptographic services over KMIP 2.1 (custos sqlite) vs node:crypto in this process", rows };
}

async function measure(plan: Plan, o: CryptoBenchOptions): Promise<ReportRow[]> {
  const rows: ReportRow[] = [];
  o.log(`crypto: starting custos (${plan.workers} worker${plan.workers > 1 ? "s" : ""})`);
  const target = await spawnCustos({ name: "custos sqlite (crypto)", workers: plan.workers });
  const clients: KmipClient[] = [];
  try {
    for (let i = 0; i < Math.max(...plan.connections); i++) clients.push(await target.connect(V21));
    const setup = clients[0];
    if (setup === undefined) throw new CryptoBenchError("no client");
    const aesKey = randomBytes(32);
    const aesId = await registerSymmetric(setup, aesKey);

    // JIT warm-up, not counted: the first lines measured a cold server otherwise.
    {
      const warm = randomBytes(4096);
      await kmipRate(
        clients,
        async (c) => {
          await c.call(Operation.Encrypt, [
            ttlv.text(Tag.UniqueIdentifier, aesId),
            gcmParams(),
            ttlv.bytes(Tag.Data, warm),
          ]);
        },
        { ...o, warmupMs: JIT_WARMUP_MS, durationMs: 1 },
      );
    }
    for (const size of plan.sizes) {
      const plain = randomBytes(size);
      const iv = randomBytes(12);
      const rawEncrypt = opsPerSecond(
        () => {
          const c = createCipheriv("aes-256-gcm", aesKey, iv);
          c.update(plain);
          c.final();
          c.getAuthTag();
        },
        o.durationMs,
        200,
      );
      const sample = createCipheriv("aes-256-gcm", aesKey, iv);
      const ct = Buffer.concat([sample.update(plain), sample.final()]);
      const tag = sample.getAuthTag();
      const rawDecrypt = opsPerSecond(
        () => {
          const d = createDecipheriv("aes-256-gcm", aesKey, iv);
          d.setAuthTag(tag);
          d.update(ct);
          d.final();
        },
        o.durationMs,
        200,
      );
      const encryptOp = async (c: KmipClient) => {
        const p = await c.call(Operation.Encrypt, [
          ttlv.text(Tag.UniqueIdentifier, aesId),
          gcmParams(),
          ttlv.bytes(Tag.Data, plain),
        ]);
        if (bytes(p, Tag.Data).length !== size || bytes(p, Tag.AuthenticatedEncryptionTag).length !== 16) {
          throw new CryptoBenchError("Encrypt returned a wrong-sized result");
        }
      };
      const decryptOp = async (c: KmipClient) => {
        const p = await c.call(Operation.Decrypt, [
          ttlv.text(Tag.UniqueIdentifier, aesId),
          gcmParams(),
          ttlv.bytes(Tag.Data, ct),
          ttlv.bytes(Tag.IVCounterNonce, iv),
          ttlv.bytes(Tag.AuthenticatedEncryptionTag, tag),
        ]);
        if (!Buffer.from(bytes(p, Tag.Data)).equals(plain)) throw new CryptoBenchError("Decrypt returned wrong bytes");
      };
      const encryptRates = new Map<number, number>();
      for (const n of plan.connections) {
        const label = size >= 1024 ? `${size / 1024} KiB` : `${size} B`;
        o.log(`crypto: AES-256-GCM ${label} x${n}${plan.suffix}`);
        const enc = await kmipRate(clients.slice(0, n), encryptOp, o);
        encryptRates.set(n, enc);
        rows.push(
          row(
            `Encrypt AES-256-GCM ${label} x${n}${plan.suffix}`,
            enc,
            rawEncrypt,
            `KMIP Encrypt over ${n} connection(s) vs one in-process node:crypto AES-256-GCM encryption`,
          ),
        );
        const dec = await kmipRate(clients.slice(0, n), decryptOp, o);
        rows.push(
          row(
            `Decrypt AES-256-GCM ${label} x${n}${plan.suffix}`,
            dec,
            rawDecrypt,
            `KMIP Decrypt (tag checked) over ${n} connection(s) vs in-process node:crypto`,
          ),
        );
      }
      if (plan.ceiling && size === 4096) {
        const n = Math.max(...plan.connections);
        o.log(`crypto: TLS transport ceiling, 4 KiB x${n}`);
        const ceiling = await echoRate(size, n, encryptOp, o);
        rows.push({
          label: `TLS transport ceiling, 4 KiB Encrypt x${n}`,
          value: num(ceiling),
          unit: "rt/s",
          ratio: percent(ceiling / rawEncrypt, "of node:crypto"),
          detail: `custos Encrypt x${n} reaches ${percent((encryptRates.get(n) ?? 0) / ceiling, "of it")}`,
          note:
            "the same client and requests against a TLS listener that frames each request and answers a prepared " +
            "Encrypt response, doing nothing else (bench/tls-echo-process.ts): no KMIP server answers faster here",
        });
      }
      if (plan.batched && size === 4096) {
        // The same Encrypt, BATCH_ITEMS of them per request message: what a client gains by
        // batching (the per-request cost of TLS, framing and the response is shared).
        const item = {
          operation: Operation.Encrypt,
          payload: [ttlv.text(Tag.UniqueIdentifier, aesId), gcmParams(), ttlv.bytes(Tag.Data, plain)],
        };
        const items = Array.from({ length: BATCH_ITEMS }, () => item);
        const batchOp = async (c: KmipClient) => {
          const results = await c.batch(items);
          for (const r of results) {
            if (r.resultStatus !== 0 || r.payload === undefined || bytes(r.payload, Tag.Data).length !== size) {
              throw new CryptoBenchError("a batched Encrypt failed or returned a wrong-sized result");
            }
          }
        };
        const n = Math.max(...plan.connections);
        o.log(`crypto: AES-256-GCM 4 KiB x${n}, batches of ${BATCH_ITEMS}${plan.suffix}`);
        const batches = await kmipRate(clients.slice(0, n), batchOp, o);
        rows.push(
          row(
            `Encrypt AES-256-GCM 4 KiB x${n}, ${BATCH_ITEMS} per request${plan.suffix}`,
            batches * BATCH_ITEMS,
            rawEncrypt,
            `KMIP Encrypt, ${BATCH_ITEMS} batch items per request message, over ${n} connections`,
          ),
        );
        if (plan.ceiling) {
          o.log(`crypto: TLS transport ceiling, 4 KiB x${n}, batches of ${BATCH_ITEMS}`);
          const ceiling = (await echoRate(size, n, batchOp, o, BATCH_ITEMS)) * BATCH_ITEMS;
          rows.push({
            label: `TLS transport ceiling, 4 KiB Encrypt x${n}, ${BATCH_ITEMS} per request`,
            value: num(ceiling),
            unit: "items/s",
            ratio: percent(ceiling / rawEncrypt, "of node:crypto"),
            detail: `custos batched Encrypt reaches ${percent((batches * BATCH_ITEMS) / ceiling, "of it")}`,
            note: `the same batched requests against the TLS echo listener answering ${BATCH_ITEMS} prepared Encrypt items`,
          });
        }
      }
    }

    const message = randomBytes(64);
    const signers = [
      {
        name: "ECDSA P-256",
        echo: "ecdsa" as const,
        kp: generateKeyPairSync("ec", { namedCurve: "P-256" }),
        alg: CryptographicAlgorithm.ECDSA,
        len: 256,
        hash: "sha256" as string | null,
        dsa: DigitalSignatureAlgorithm.ECDSAWithSHA256 as number | undefined,
      },
      {
        name: "RSA-2048",
        echo: "rsa" as const,
        kp: generateKeyPairSync("rsa", { modulusLength: 2048 }),
        alg: CryptographicAlgorithm.RSA,
        len: 2048,
        hash: "sha256",
        dsa: DigitalSignatureAlgorithm.SHA_256WithRSAEncryption,
      },
      {
        name: "Ed25519",
        echo: "ed25519" as const,
        kp: generateKeyPairSync("ed25519"),
        alg: CryptographicAlgorithm.Ed25519,
        len: 256,
        hash: null,
        dsa: undefined,
      },
    ];
    for (const s of signers) {
      const id = await registerPrivate(setup, s.kp.privateKey, s.alg, s.len);
      const raw = opsPerSecond(() => sign(s.hash, message, s.kp.privateKey), o.durationMs, 50);
      const payload: TtlvItem[] = [ttlv.text(Tag.UniqueIdentifier, id)];
      if (s.dsa !== undefined) {
        payload.push(ttlv.struct(Tag.CryptographicParameters, [ttlv.enum(Tag.DigitalSignatureAlgorithm, s.dsa)]));
      }
      payload.push(ttlv.bytes(Tag.Data, message));
      const first = await setup.call(Operation.Sign, payload);
      if (!verify(s.hash, message, s.kp.publicKey, bytes(first, Tag.SignatureData))) {
        throw new CryptoBenchError(`${s.name}: custos signature does not verify`);
      }
      const signOp = async (c: KmipClient) => {
        await c.call(Operation.Sign, payload);
      };
      for (const n of plan.connections) {
        o.log(`crypto: Sign ${s.name} x${n}${plan.suffix}`);
        const rate = await kmipRate(clients.slice(0, n), signOp, o);
        rows.push(
          row(
            `Sign ${s.name} x${n}${plan.suffix}`,
            rate,
            raw,
            `KMIP Sign of 64 bytes over ${n} connection(s) vs in-process node:crypto sign()`,
          ),
        );
        if (plan.ceiling && n === Math.max(...plan.connections)) {
          o.log(`crypto: Sign ceiling ${s.name} x${n}`);
          const ceiling = await echoRate(0, n, signOp, o, 1, s.echo);
          rows.push({
            label: `Sign ceiling ${s.name} x${n}`,
            value: num(ceiling),
            unit: "rt/s",
            ratio: percent(ceiling / raw, "of node:crypto"),
            detail: `custos Sign x${n} reaches ${percent(rate / ceiling, "of it")}`,
            note:
              "the same Sign requests against the TLS echo listener that frames each request, signs 64 bytes on " +
              "the thread pool and encodes a Sign response, doing nothing else: no KMIP Sign server answers faster here",
          });
        }
      }
    }
  } finally {
    await Promise.allSettled(clients.map((c) => c.close()));
    await target.stop();
  }
  return rows;
}
