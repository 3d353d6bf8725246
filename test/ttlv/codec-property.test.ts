import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeTtlv } from "../../src/ttlv/decode.js";
import { encodeTtlv, TtlvEncoder } from "../../src/ttlv/encode.js";
import { encodedBytes } from "../../src/ttlv/encoded-size.js";
import { ttlvFrameLength } from "../../src/ttlv/frame.js";
import { ItemType, type TtlvItem, ttlv } from "../../src/ttlv/item.js";

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

const tag = fc.oneof(fc.integer({ min: 0x420000, max: 0x42ffff }), fc.integer({ min: 0x540000, max: 0x54ffff }));
const int64 = fc.bigInt({ min: INT64_MIN, max: INT64_MAX });
const uint32 = fc.integer({ min: 0, max: 0xffffffff });
const wellFormed = (s: string): boolean => (s as string & { isWellFormed(): boolean }).isWellFormed();
// Covers both encoder paths: <= 64 UTF-16 units by hand, longer through TextEncoder.
const text = fc
  .oneof(fc.string({ unit: "binary", maxLength: 90 }), fc.string({ unit: "grapheme-ascii", maxLength: 120 }))
  .filter(wellFormed);

/** Big Integers near the sign bit of each 8-byte length, where the minimal length changes. */
const bigIntegerEdge = fc
  .tuple(fc.integer({ min: 1, max: 5 }), fc.bigInt({ min: -2n, max: 2n }), fc.boolean())
  .map(([words, delta, negative]) => (negative ? -1n : 1n) * (1n << BigInt(64 * words - 1)) + delta);
const bigInteger = fc.oneof(int64, bigIntegerEdge, fc.bigInt({ min: -(1n << 400n), max: 1n << 400n }));

const leaf: fc.Arbitrary<TtlvItem> = fc.oneof(
  fc.tuple(tag, fc.integer({ min: -0x80000000, max: 0x7fffffff })).map(([t, v]) => ttlv.int(t, v)),
  fc.tuple(tag, int64).map(([t, v]) => ttlv.long(t, v)),
  fc.tuple(tag, bigInteger).map(([t, v]) => ttlv.bigint(t, v)),
  fc.tuple(tag, uint32).map(([t, v]) => ttlv.enum(t, v)),
  fc.tuple(tag, fc.boolean()).map(([t, v]) => ttlv.bool(t, v)),
  fc.tuple(tag, text).map(([t, v]) => ttlv.text(t, v)),
  fc.tuple(tag, fc.uint8Array({ maxLength: 40 })).map(([t, v]) => ttlv.bytes(t, v)),
  fc.tuple(tag, int64).map(([t, v]) => ttlv.date(t, v)),
  fc.tuple(tag, uint32).map(([t, v]) => ttlv.interval(t, v)),
  fc.tuple(tag, int64).map(([t, v]) => ttlv.dateExt(t, v)),
);

/** Trees of all 11 Item Types, Structures nested at most 5 deep. */
const { item } = fc.letrec<{ item: TtlvItem; structure: TtlvItem }>((tie) => ({
  item: fc.oneof({ depthSize: "small", maxDepth: 5 }, leaf, tie("structure")),
  structure: fc.tuple(tag, fc.array(tie("item"), { maxLength: 6 })).map(([t, v]) => ttlv.struct(t, v)),
}));
const message = fc.tuple(tag, fc.array(item, { maxLength: 6 })).map(([t, v]) => ttlv.struct(t, v));

describe("TTLV round trip (fast-check)", () => {
  it("decode(encode(x)) deep-equals x for any item", () => {
    fc.assert(
      fc.property(item, (x) => {
        expect(decodeTtlv(encodeTtlv(x))).toEqual(x);
      }),
      { numRuns: 1000 },
    );
  });

  it("encode(decode(b)) is byte-identical to b for encoder output", () => {
    fc.assert(
      fc.property(message, (x) => {
        const bytes = encodeTtlv(x);
        expect(encodeTtlv(decodeTtlv(bytes))).toEqual(bytes);
      }),
      { numRuns: 500 },
    );
  });

  it("a reused encoder produces the same bytes as encodeTtlv, call after call", () => {
    const encoder = new TtlvEncoder({ initialBufferBytes: 16 });
    fc.assert(
      fc.property(fc.array(message, { minLength: 1, maxLength: 4 }), (xs) => {
        for (const x of xs) expect(encoder.encode(x)).toEqual(encodeTtlv(x));
      }),
      { numRuns: 200 },
    );
  });

  it("every encoding is a multiple of 8 bytes and frames to its own length", () => {
    fc.assert(
      fc.property(message, (x) => {
        const bytes = encodeTtlv(x);
        expect(bytes.length % 8).toBe(0);
        expect(ttlvFrameLength(bytes, bytes.length)).toBe(bytes.length);
      }),
      { numRuns: 300 },
    );
  });

  it("encodedBytes(x) is the length of encodeTtlv(x), without encoding", () => {
    fc.assert(
      fc.property(message, (x) => {
        expect(encodedBytes(x)).toBe(encodeTtlv(x).length);
      }),
      { numRuns: 500 },
    );
  });

  it("generates every Item Type", () => {
    const seen = new Set<number>();
    const visit = (x: TtlvItem): void => {
      seen.add(x.type);
      if (x.type === ItemType.Structure) x.value.forEach(visit);
    };
    for (const x of fc.sample(message, 300)) visit(x);
    expect(seen.size).toBe(11);
  });
});
