import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeTtlv, MAX_BIG_INTEGER_BYTES } from "../../src/ttlv/decode.js";
import { encodeTtlv } from "../../src/ttlv/encode.js";
import { TtlvDecodeError, type TtlvErrorCode, ttlvDecodeErrorCodes } from "../../src/ttlv/errors.js";
import { ttlvFrameLength } from "../../src/ttlv/frame.js";
import { type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import type { TtlvLimits } from "../../src/ttlv/limits.js";

const T = 0x420020;

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected an exception");
}

const codesSeen = new Set<TtlvErrorCode>();

/** Asserts decoding fails with a TtlvDecodeError carrying `code` (and `offset` if given). */
function expectDecodeError(bytes: Uint8Array, code: TtlvErrorCode, offset?: number, limits?: Partial<TtlvLimits>) {
  const error = thrown(() => decodeTtlv(bytes, limits));
  expect(error).toBeInstanceOf(TtlvDecodeError);
  expect(error).toMatchObject(offset === undefined ? { code } : { code, offset });
  codesSeen.add(code);
}

/** Decodes, or throws TtlvDecodeError; anything else fails the test. */
function decodesOrRejects(bytes: Uint8Array, limits?: Partial<TtlvLimits>): void {
  try {
    decodeTtlv(bytes, limits);
  } catch (error) {
    if (!(error instanceof TtlvDecodeError)) throw error;
  }
}

/** One raw item: header + value + `pad` bytes (zero unless given). */
function raw(tag: number, type: number, length: number, value: ArrayLike<number> = [], pad?: ArrayLike<number>) {
  const padding = pad ?? new Array((8 - (value.length % 8)) % 8).fill(0);
  const out = new Uint8Array(8 + value.length + padding.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, (tag << 8) | type);
  view.setUint32(4, length);
  out.set(value, 8);
  out.set(padding, 8 + value.length);
  return out;
}
function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
function structure(tag: number, ...children: Uint8Array[]): Uint8Array {
  const body = concat(...children);
  return concat(raw(tag, 0x01, body.length), body);
}

/** A realistic request: Request Header + one Batch Item with a Create payload. */
const request = encodeTtlv(
  ttlv.struct(0x420078, [
    ttlv.struct(0x420077, [
      ttlv.struct(0x420069, [ttlv.int(0x42006a, 1), ttlv.int(0x42006b, 4)]),
      ttlv.date(0x420092, 1205495800n),
      ttlv.int(0x42000d, 1),
    ]),
    ttlv.struct(0x42000f, [
      ttlv.enum(0x42005c, 1),
      ttlv.bytes(0x420093, new Uint8Array([1, 2, 3, 4, 5])),
      ttlv.struct(0x420079, [
        ttlv.enum(0x420057, 2),
        ttlv.struct(0x420091, [
          ttlv.struct(0x420008, [ttlv.text(0x42000a, "Cryptographic Algorithm"), ttlv.enum(0x42000b, 3)]),
          ttlv.struct(0x420008, [ttlv.text(0x42000a, "Cryptographic Length"), ttlv.int(0x42000b, 256)]),
          ttlv.struct(0x420008, [ttlv.text(0x42000a, "Sensitive"), ttlv.bool(0x42000b, true)]),
          ttlv.struct(0x420008, [ttlv.text(0x42000a, "x-Big"), ttlv.bigint(0x42000b, -(1n << 100n))]),
          ttlv.interval(0x420049, 3600),
          ttlv.dateExt(0x540001, 1n),
          ttlv.long(0x540002, -5n),
        ]),
      ]),
    ]),
  ]),
);

describe("truncation", () => {
  it("every proper prefix of a valid message is 'truncated'", () => {
    expect(() => decodeTtlv(request)).not.toThrow();
    for (let n = 0; n < request.length; n++) expectDecodeError(request.subarray(0, n), "truncated");
  });
});

describe("Item Length", () => {
  const fixed: Array<[string, number, number]> = [
    ["Integer", 0x02, 4],
    ["Long Integer", 0x03, 8],
    ["Enumeration", 0x05, 4],
    ["Boolean", 0x06, 8],
    ["Date-Time", 0x09, 8],
    ["Interval", 0x0a, 4],
    ["Date-Time Extended", 0x0b, 8],
  ];
  for (const [name, type, length] of fixed) {
    it(`${name} must have length ${length}`, () => {
      for (const wrong of [0, 1, 3, 5, 7, 12, 16, length === 4 ? 8 : 4]) {
        expectDecodeError(raw(T, type, wrong, new Array(wrong).fill(0)), "bad-length", 0);
      }
    });
  }

  it("Structure length must be a multiple of 8", () => {
    expectDecodeError(raw(T, 0x01, 4, [0x42, 0, 1, 2, 0, 0, 0, 0]), "bad-length", 0);
  });

  it("Big Integer length must be a non-zero multiple of 8", () => {
    expectDecodeError(raw(T, 0x04, 0), "bad-length", 0);
    expectDecodeError(raw(T, 0x04, 12, new Array(12).fill(0)), "bad-length", 0);
    expectDecodeError(raw(T, 0x04, 3, [1, 2, 3]), "bad-length", 0);
  });

  it("length 0xFFFFFFFF is refused before anything is allocated", () => {
    const huge = raw(T, 0x08, 0xffffffff, [1, 2, 3, 4, 5, 6, 7, 8]);
    expectDecodeError(huge, "too-large", 0);
    expectDecodeError(huge, "truncated", undefined, { maxMessageBytes: 2 ** 40 });
    expectDecodeError(raw(T, 0x02, 0xffffffff, [0, 0, 0, 1, 0, 0, 0, 0]), "bad-length", 0);
    const nested = structure(0x420078, raw(T, 0x07, 0xffffffff, [0x41, 0, 0, 0, 0, 0, 0, 0]));
    expectDecodeError(nested, "bad-length", 8);
  });

  it("a child running past its Structure is 'bad-length'", () => {
    const child = raw(T, 0x08, 16, new Array(16).fill(7));
    const lying = concat(raw(0x420001, 0x01, 16), child); // claims 16 bytes, its child needs 24
    expectDecodeError(structure(0x420078, lying, raw(T, 0x02, 4, [0, 0, 0, 0])), "bad-length", 16);
  });
});

describe("values", () => {
  it("rejects non-zero padding for every padded type", () => {
    expectDecodeError(raw(T, 0x02, 4, [0, 0, 0, 8], [0, 0, 0, 1]), "bad-padding", 12);
    expectDecodeError(raw(T, 0x05, 4, [0, 0, 0, 8], [1, 0, 0, 0]), "bad-padding", 12);
    expectDecodeError(raw(T, 0x0a, 4, [0, 0, 0, 8], [0, 0x80, 0, 0]), "bad-padding", 12);
    expectDecodeError(raw(T, 0x07, 3, [0x61, 0x62, 0x63], [0, 0, 0, 0, 0x20]), "bad-padding", 15);
    expectDecodeError(raw(T, 0x08, 1, [9], [0, 0, 0, 0, 0, 0, 1]), "bad-padding", 15);
    const deep = structure(0x420078, raw(T, 0x08, 1, [9], [0, 0, 0, 1, 0, 0, 0]));
    expectDecodeError(deep, "bad-padding", 8 + 12);
  });

  it("Boolean must be exactly 0 or 1", () => {
    expect(decodeTtlv(raw(T, 0x06, 8, [0, 0, 0, 0, 0, 0, 0, 0]))).toEqual(ttlv.bool(T, false));
    expectDecodeError(raw(T, 0x06, 8, [0, 0, 0, 0, 0, 0, 0, 2]), "bad-boolean", 8);
    expectDecodeError(raw(T, 0x06, 8, [1, 0, 0, 0, 0, 0, 0, 1]), "bad-boolean", 8);
    expectDecodeError(raw(T, 0x06, 8, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]), "bad-boolean", 8);
  });

  it("Text String must be valid UTF-8 (short and long strings)", () => {
    const invalid = [
      [0xc0, 0xaf], // overlong "/"
      [0x80], // lone continuation byte
      [0xed, 0xa0, 0x80], // UTF-16 surrogate D800
      [0xf4, 0x90, 0x80, 0x80], // above U+10FFFF
      [0xe2, 0x82], // cut-off sequence
      [0xff],
    ];
    for (const bad of invalid) {
      expectDecodeError(raw(T, 0x07, bad.length + 1, [0x41, ...bad]), "bad-utf8", 8);
      const long = [...new Array(40).fill(0x41), ...bad];
      expectDecodeError(raw(T, 0x07, long.length, long), "bad-utf8", 8);
    }
  });

  it("rejects unknown Item Types and tags outside 42xxxx/54xxxx", () => {
    for (const type of [0x00, 0x0c, 0x10, 0xff]) expectDecodeError(raw(T, type, 0), "bad-type", 0);
    for (const tag of [0x000001, 0x410001, 0x430000, 0x550000, 0xff0000]) {
      expectDecodeError(raw(tag, 0x02, 4, [0, 0, 0, 0]), "bad-tag", 0);
    }
    expectDecodeError(structure(0x420078, raw(0x420001, 0x02, 4, [0, 0, 0, 0]), raw(0x100001, 0x02, 0)), "bad-tag", 24);
  });

  it("refuses a Big Integer over MAX_BIG_INTEGER_BYTES whatever the message limit", () => {
    const length = MAX_BIG_INTEGER_BYTES + 8;
    const bytes = raw(T, 0x04, length, new Uint8Array(length));
    expectDecodeError(bytes, "too-large", 0, { maxMessageBytes: 2 * length });
    const largest = raw(T, 0x04, MAX_BIG_INTEGER_BYTES, new Uint8Array(MAX_BIG_INTEGER_BYTES).fill(0xff));
    expect(decodeTtlv(largest, { maxMessageBytes: 2 * length })).toEqual(ttlv.bigint(T, -1n));
  });
});

describe("message shape", () => {
  it("rejects trailing bytes after the one top-level item", () => {
    expectDecodeError(concat(request, new Uint8Array(8)), "trailing-bytes", request.length);
    expectDecodeError(concat(request, new Uint8Array(1)), "trailing-bytes", request.length);
    expectDecodeError(concat(request, request), "trailing-bytes", request.length);
  });
});

describe("limits", () => {
  /** `levels` Structures, each the only item of its parent, built directly as bytes. */
  function nested(levels: number): Uint8Array {
    const out = new Uint8Array(levels * 8);
    const view = new DataView(out.buffer);
    for (let i = 0; i < levels; i++) {
      view.setUint32(i * 8, (T << 8) | 0x01);
      view.setUint32(i * 8 + 4, (levels - i - 1) * 8);
    }
    return out;
  }

  it("10 000 nested Structures fail 'too-deep' without a stack overflow", () => {
    expectDecodeError(nested(10_000), "too-deep", 32 * 8);
  });

  it("the decoder is iterative: 10 000 levels decode when the limit allows", () => {
    let item: TtlvItem = decodeTtlv(nested(10_000), { maxDepth: 10_000 });
    let depth = 1;
    while (item.type === 0x01 && item.value[0] !== undefined) {
      item = item.value[0];
      depth++;
    }
    expect(depth).toBe(10_000);
  });

  it("maxDepth is exact", () => {
    expect(() => decodeTtlv(nested(32))).not.toThrow();
    expectDecodeError(nested(33), "too-deep", 256);
    expectDecodeError(nested(4), "too-deep", 24, { maxDepth: 3 });
  });

  it("maxItems counts every item, the top-level Structure included", () => {
    const ints = Array.from({ length: 10 }, (_, i) => raw(T, 0x02, 4, [0, 0, 0, i]));
    const bytes = structure(0x420078, ...ints);
    expect(() => decodeTtlv(bytes, { maxItems: 11 })).not.toThrow();
    expectDecodeError(bytes, "too-many-items", 8 + 9 * 16, { maxItems: 10 });
  });

  it("an item flood is stopped by the default maxItems", () => {
    const empty = raw(T, 0x08, 0); // 8-byte empty Byte String
    const count = 100_001;
    const body = new Uint8Array(count * 8);
    for (let i = 0; i < count; i++) body.set(empty, i * 8);
    expectDecodeError(concat(raw(0x420078, 0x01, body.length), body), "too-many-items");
  });

  it("maxMessageBytes bounds the input and the declared length", () => {
    expect(() => decodeTtlv(request, { maxMessageBytes: request.length })).not.toThrow();
    expectDecodeError(request, "too-large", 0, { maxMessageBytes: request.length - 8 });
    expectDecodeError(request.subarray(0, 64), "too-large", 0, { maxMessageBytes: 128 });
  });

  it("rejects invalid limits as a programming error", () => {
    expect(() => decodeTtlv(request, { maxDepth: 0 })).toThrow(TypeError);
    expect(() => decodeTtlv(request, { maxItems: Number.NaN })).toThrow(TypeError);
  });
});

describe("fuzz (fast-check): decode succeeds or throws TtlvDecodeError, nothing else", () => {
  const limits = { maxDepth: 8, maxItems: 500 };

  it("random byte arrays", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 256 }), (bytes) => decodesOrRejects(bytes, limits)),
      { numRuns: 2000 },
    );
  });

  it("random bodies behind a plausible Structure header", () => {
    const body = fc.uint8Array({ maxLength: 256 }).map((b) => b.subarray(0, b.length - (b.length % 8)));
    fc.assert(
      fc.property(body, fc.constantFrom(0x42, 0x54), (b, high) => {
        decodesOrRejects(concat(raw((high << 16) | 0x78, 0x01, b.length), b), limits);
      }),
      { numRuns: 2000 },
    );
  });

  it("single-byte mutations of a valid message", () => {
    fc.assert(
      fc.property(fc.nat({ max: request.length - 1 }), fc.integer({ min: 0, max: 255 }), (at, value) => {
        const mutated = request.slice();
        mutated[at] = value;
        decodesOrRejects(mutated, limits);
        decodesOrRejects(mutated.subarray(0, at), limits);
      }),
      { numRuns: 3000 },
    );
  });

  it("every single-bit flip of a valid message", () => {
    for (let at = 0; at < request.length; at++) {
      for (let bit = 0; bit < 8; bit++) {
        const mutated = request.slice();
        mutated[at]! ^= 1 << bit;
        decodesOrRejects(mutated);
      }
    }
  });

  it("ttlvFrameLength returns a length, undefined, or throws TtlvDecodeError", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 16 }), fc.integer({ min: 1, max: 2 ** 33 }), (bytes, max) => {
        try {
          const n = ttlvFrameLength(bytes, max);
          if (n === undefined) expect(bytes.length).toBeLessThan(8);
          else expect(n).toBeLessThanOrEqual(max);
        } catch (error) {
          if (!(error instanceof TtlvDecodeError)) throw error;
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe("error catalogue", () => {
  it("every decode error code is produced by one of the tests above", () => {
    expect([...codesSeen].sort()).toEqual(Object.keys(ttlvDecodeErrorCodes).sort());
  });
});
