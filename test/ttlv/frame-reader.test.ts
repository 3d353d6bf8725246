import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeTtlv } from "../../src/ttlv/encode.js";
import { TtlvDecodeError } from "../../src/ttlv/errors.js";
import { TtlvFrameReader } from "../../src/ttlv/frame-reader.js";
import { ttlv } from "../../src/ttlv/item.js";

const message = (n: number, bytes: number): Uint8Array =>
  encodeTtlv(
    ttlv.struct(0x420078, [ttlv.int(0x42000d, n), ttlv.bytes(0x4200c2, new Uint8Array(bytes).fill(n & 0xff))]),
  );

/** Cuts `stream` at `cuts` (positions, any order, duplicates allowed). */
function chunked(stream: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const at = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const c of [...at, stream.length]) {
    out.push(stream.subarray(from, c));
    from = c;
  }
  return out;
}

describe("TtlvFrameReader", () => {
  it("hands out the same messages however the stream is cut into chunks", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        (sizes, cuts) => {
          const messages = sizes.map((s, i) => message(i, s));
          const stream = Buffer.concat(messages);
          const reader = new TtlvFrameReader(1 << 20);
          const got: Uint8Array[] = [];
          for (const chunk of chunked(stream, cuts)) {
            reader.push(chunk);
            for (let m = reader.next(); m !== undefined; m = reader.next()) got.push(Buffer.from(m));
          }
          expect(got).toEqual(messages.map((m) => Buffer.from(m)));
          expect(reader.buffered).toBe(0);
        },
      ),
    );
  });

  it("waits for the rest of a message and keeps the bytes after it", () => {
    const a = message(1, 100);
    const b = message(2, 5);
    const reader = new TtlvFrameReader(1 << 20);
    reader.push(a.subarray(0, 5));
    expect(reader.next()).toBeUndefined();
    reader.push(Buffer.concat([a.subarray(5), b.subarray(0, 3)]));
    expect(Buffer.from(reader.next()!)).toEqual(Buffer.from(a));
    expect(reader.next()).toBeUndefined();
    expect(reader.buffered).toBe(3);
    reader.push(b.subarray(3));
    expect(Buffer.from(reader.next()!)).toEqual(Buffer.from(b));
  });

  it("holds memory proportional to the bytes buffered, however small the chunks (1-byte TLS records)", () => {
    const big = message(7, 300_000);
    const reader = new TtlvFrameReader(1 << 20);
    for (let i = 0; i < big.length - 1; i++) reader.push(big.subarray(i, i + 1));
    expect(reader.next()).toBeUndefined();
    expect(reader.capacity).toBeLessThanOrEqual(2 * reader.buffered + 16 * 1024);
    reader.push(big.subarray(big.length - 1));
    expect(Buffer.from(reader.next()!)).toEqual(Buffer.from(big));
    // Emptied after a large message, the reader lets its large buffer go.
    expect(reader.capacity).toBeLessThanOrEqual(16 * 1024);
  });

  it("refuses a header that is not a KMIP message, or announces more than the limit, before buffering the body", () => {
    const bad = new TtlvFrameReader(1 << 20);
    bad.push(Buffer.from("GET / HTTP/1.1\r\n"));
    expect(() => bad.next()).toThrow(TtlvDecodeError);
    const huge = new TtlvFrameReader(1024);
    huge.push(Uint8Array.from([0x42, 0x00, 0x78, 0x01, 0x7f, 0xff, 0xff, 0xf8]));
    expect(() => huge.next()).toThrow(/exceeds maxMessageBytes/);
  });
});
