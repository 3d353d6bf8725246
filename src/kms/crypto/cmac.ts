import { createCipheriv, type KeyObject } from "node:crypto";
import { keyLength } from "./symmetric.js";

/**
 * AES-CMAC (NIST SP 800-38B, RFC 4493) over node:crypto's AES-ECB, which node:crypto does not
 * offer directly. Returns the full 16-byte tag.
 */
export function cmac(key: Uint8Array | KeyObject, message: Uint8Array): Buffer {
  const bits = keyLength(key) * 8;
  const name = `aes-${bits}-ecb`;
  const enc = (block: Buffer): Buffer => {
    const c = createCipheriv(name, key, null);
    c.setAutoPadding(false);
    return Buffer.concat([c.update(block), c.final()]);
  };
  const l = enc(Buffer.alloc(16));
  const k1 = dbl(l);
  const k2 = dbl(k1);
  const n = Math.max(1, Math.ceil(message.length / 16));
  const complete = message.length > 0 && message.length % 16 === 0;
  const last = Buffer.alloc(16);
  const tail = message.subarray((n - 1) * 16);
  Buffer.from(tail).copy(last);
  if (!complete) last[tail.length] = 0x80;
  xorInto(last, complete ? k1 : k2);
  // CBC-MAC over the first n-1 blocks then the masked last block, in one AES-CBC pass.
  const body = Buffer.concat([Buffer.from(message.subarray(0, (n - 1) * 16)), last]);
  const c = createCipheriv(`aes-${bits}-cbc`, key, Buffer.alloc(16));
  c.setAutoPadding(false);
  const out = Buffer.concat([c.update(body), c.final()]);
  return out.subarray(out.length - 16);
}

/** Doubling in GF(2^128) (SP 800-38B §6.1). */
function dbl(b: Buffer): Buffer {
  const out = Buffer.alloc(16);
  let carry = 0;
  for (let i = 15; i >= 0; i--) {
    const v = b[i] ?? 0;
    out[i] = ((v << 1) | carry) & 0xff;
    carry = v >> 7;
  }
  if (carry) out[15] = (out[15] ?? 0) ^ 0x87;
  return out;
}

function xorInto(a: Buffer, b: Buffer): void {
  for (let i = 0; i < 16; i++) a[i] = (a[i] ?? 0) ^ (b[i] ?? 0);
}
