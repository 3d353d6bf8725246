/**
 * TTLV codec throughput on two realistic KMIP 1.4 messages, built with raw tags:
 * a Create request (Template-Attribute with 4 attributes) and a Get response
 * carrying a 32-byte AES key in a Key Block. Reference in the same process:
 * JSON.parse / JSON.stringify of the same tree, so ratios survive slow machines.
 */
import { pathToFileURL } from "node:url";
import { decodeTtlv } from "../src/ttlv/decode.js";
import { encodeTtlv, TtlvEncoder } from "../src/ttlv/encode.js";
import { type TtlvItem, ttlv } from "../src/ttlv/item.js";

export interface TtlvBenchResult {
  /** Bytes of the two messages together. */
  readonly messageBytes: number;
  readonly decodeMBps: number;
  /** Reused TtlvEncoder (the server's hot path). */
  readonly encodeMBps: number;
  /** encodeTtlv(), a fresh encoder per call. */
  readonly encodeFreshMBps: number;
  /** TTLV decode speed / JSON.parse speed of the same tree as JSON. */
  readonly decodeVsJsonParse: number;
  /** Reused-encoder speed / JSON.stringify speed of the same tree. */
  readonly encodeVsJsonStringify: number;
}

const protocolVersion = ttlv.struct(0x420069, [ttlv.int(0x42006a, 1), ttlv.int(0x42006b, 4)]);
const attribute = (name: string, value: TtlvItem): TtlvItem =>
  ttlv.struct(0x420008, [ttlv.text(0x42000a, name), { ...value, tag: 0x42000b }]);

const createRequest = ttlv.struct(0x420078, [
  ttlv.struct(0x420077, [protocolVersion, ttlv.int(0x42000d, 1)]),
  ttlv.struct(0x42000f, [
    ttlv.enum(0x42005c, 0x01), // Operation: Create
    ttlv.struct(0x420079, [
      ttlv.enum(0x420057, 0x02), // Object Type: Symmetric Key
      ttlv.struct(0x420091, [
        attribute("Cryptographic Algorithm", ttlv.enum(0, 0x03)), // AES
        attribute("Cryptographic Length", ttlv.int(0, 256)),
        attribute("Cryptographic Usage Mask", ttlv.int(0, 0x0c)), // Encrypt | Decrypt
        attribute("Name", ttlv.struct(0, [ttlv.text(0x420055, "bench-key-0001"), ttlv.enum(0x420054, 0x01)])),
      ]),
    ]),
  ]),
]);

const getResponse = ttlv.struct(0x42007b, [
  ttlv.struct(0x42007a, [protocolVersion, ttlv.date(0x420092, 1_700_000_000n), ttlv.int(0x42000d, 1)]),
  ttlv.struct(0x42000f, [
    ttlv.enum(0x42005c, 0x0a), // Operation: Get
    ttlv.enum(0x42007f, 0x00), // Result Status: Success
    ttlv.struct(0x42007c, [
      ttlv.enum(0x420057, 0x02),
      ttlv.text(0x420094, "8a3f6c1e-2b7d-4e59-9c0a-5d1f3e7b2a64"),
      ttlv.struct(0x42008f, [
        ttlv.struct(0x420040, [
          ttlv.enum(0x420042, 0x01), // Key Format Type: Raw
          ttlv.struct(0x420045, [
            ttlv.bytes(
              0x420043,
              Uint8Array.from({ length: 32 }, (_, i) => i * 7),
            ),
          ]),
          ttlv.enum(0x420028, 0x03),
          ttlv.int(0x42002a, 256),
        ]),
      ]),
    ]),
  ]),
]);

/** Runs `fn` for about `ms` milliseconds and returns calls per second. */
function opsPerSecond(fn: () => unknown, ms: number): number {
  for (let i = 0; i < 2000; i++) fn(); // warm-up
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 500; i++) fn();
    calls += 500;
    elapsed = performance.now() - start;
  }
  return (calls * 1000) / elapsed;
}

const toJson = (x: TtlvItem): string =>
  JSON.stringify(x, (_k, v: unknown) =>
    typeof v === "bigint" ? v.toString() : v instanceof Uint8Array ? Buffer.from(v).toString("hex") : v,
  );

export async function benchTtlv(msPerCase = 400): Promise<TtlvBenchResult> {
  const messages = [createRequest, getResponse];
  const wires = messages.map((m) => encodeTtlv(m));
  const jsons = messages.map(toJson);
  const messageBytes = wires.reduce((n, w) => n + w.length, 0);
  const encoder = new TtlvEncoder();
  const mbps = (opsPerPair: number): number => (opsPerPair * messageBytes) / 1e6;

  const decode = opsPerSecond(() => wires.map((w) => decodeTtlv(w)), msPerCase);
  const encode = opsPerSecond(() => messages.map((m) => encoder.encode(m)), msPerCase);
  const encodeFresh = opsPerSecond(() => messages.map((m) => encodeTtlv(m)), msPerCase);
  const jsonParse = opsPerSecond(() => jsons.map((j) => JSON.parse(j) as unknown), msPerCase);
  const jsonStringify = opsPerSecond(() => messages.map(toJson), msPerCase);
  return {
    messageBytes,
    decodeMBps: mbps(decode),
    encodeMBps: mbps(encode),
    encodeFreshMBps: mbps(encodeFresh),
    decodeVsJsonParse: decode / jsonParse,
    encodeVsJsonStringify: encode / jsonStringify,
  };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const result = await benchTtlv();
  for (const [name, value] of Object.entries(result)) console.log(`${name.padEnd(22)} ${value.toFixed(2)}`);
}
