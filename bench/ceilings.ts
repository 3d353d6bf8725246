/**
 * Raw ceilings measured in the same process as the real benchmarks, so the report can say
 * how far custos is from what the machine does with no KMIP at all:
 *   - memcpy: Buffer#copy of as many bytes as the TTLV codec bench moves per operation;
 *   - crypto: what a Create+Get costs the server at minimum in node:crypto: 32 random key
 *     bytes, sealed at rest with AES-256-GCM (as MasterKey does: 12-byte nonce, AAD, tag)
 *     on Create and opened again on Get.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { opsPerSecond } from "./ops-per-second.js";

const NONCE_BYTES = 12;
const TAG_BYTES = 16;

/** MB/s of copying `bytes` bytes into a preallocated buffer. */
export function memcpyMBps(bytes: number, ms = 300): number {
  const source = randomBytes(bytes);
  const target = Buffer.alloc(bytes);
  return (opsPerSecond(() => source.copy(target), ms, 20_000) * bytes) / 1e6;
}

/** Create+Get pairs per second that node:crypto alone allows on one core. */
export function cryptoPairsPerSecond(ms = 500): number {
  const masterKey = randomBytes(32);
  const aad = Buffer.from("8a3f6c1e-2b7d-4e59-9c0a-5d1f3e7b2a64", "utf8");
  return opsPerSecond(() => {
    // Create: generate and seal.
    const key = randomBytes(32);
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv("aes-256-gcm", masterKey, nonce, { authTagLength: TAG_BYTES });
    cipher.setAAD(aad);
    const sealed = Buffer.concat([cipher.update(key), cipher.final()]);
    const tag = cipher.getAuthTag();
    // Get: open.
    const decipher = createDecipheriv("aes-256-gcm", masterKey, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    const opened = Buffer.concat([decipher.update(sealed), decipher.final()]);
    if (opened.length !== key.length) throw new Error("AES-GCM round trip lost bytes");
  }, ms);
}
