import { describe, expect, it } from "vitest";
import { decodeTtlv } from "../../src/ttlv/decode.js";
import { encodeTtlv, TtlvEncoder } from "../../src/ttlv/encode.js";
import { TtlvDecodeError, TtlvEncodeError } from "../../src/ttlv/errors.js";
import { ttlvFrameLength } from "../../src/ttlv/frame.js";
import { ItemType, type TtlvItem, ttlv } from "../../src/ttlv/item.js";

/** "42 00 20 | 02 | 00 00 00 04 | ..." as printed in the spec -> bytes. */
function hex(text: string): Uint8Array {
  const digits = text.replace(/[\s|]/g, "");
  return Uint8Array.from(Buffer.from(digits, "hex"));
}
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected an exception");
}
function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex").toUpperCase();
}

const T = 0x420020; // the tag the spec examples use

/** KMIP 1.4 §9.1.2 "Examples", copied from the specification. */
const specExamples: ReadonlyArray<{ name: string; item: TtlvItem; wire: string }> = [
  {
    name: "An Integer containing the decimal value 8",
    item: ttlv.int(T, 8),
    wire: "42 00 20 | 02 | 00 00 00 04 | 00 00 00 08 00 00 00 00",
  },
  {
    name: "A Long Integer containing the decimal value 123456789000000000",
    item: ttlv.long(T, 123456789000000000n),
    wire: "42 00 20 | 03 | 00 00 00 08 | 01 B6 9B 4B A5 74 92 00",
  },
  {
    name: "A Big Integer containing the decimal value 1234567890000000000000000000",
    item: ttlv.bigint(T, 1234567890000000000000000000n),
    wire: "42 00 20 | 04 | 00 00 00 10 | 00 00 00 00 03 FD 35 EB 6B C2 DF 46 18 08 00 00",
  },
  {
    name: "An Enumeration with value 255",
    item: ttlv.enum(T, 255),
    wire: "42 00 20 | 05 | 00 00 00 04 | 00 00 00 FF 00 00 00 00",
  },
  {
    name: "A Boolean with the value True",
    item: ttlv.bool(T, true),
    wire: "42 00 20 | 06 | 00 00 00 08 | 00 00 00 00 00 00 00 01",
  },
  {
    name: 'A Text String with the value "Hello World"',
    item: ttlv.text(T, "Hello World"),
    wire: "42 00 20 | 07 | 00 00 00 0B | 48 65 6C 6C 6F 20 57 6F 72 6C 64 00 00 00 00 00",
  },
  {
    name: "A Byte String with the value { 0x01, 0x02, 0x03 }",
    item: ttlv.bytes(T, new Uint8Array([1, 2, 3])),
    wire: "42 00 20 | 08 | 00 00 00 03 | 01 02 03 00 00 00 00 00",
  },
  {
    name: "A Date-Time, containing the value for Friday, March 14, 2008, 11:56:40 GMT",
    item: ttlv.date(T, BigInt(Date.UTC(2008, 2, 14, 11, 56, 40) / 1000)),
    wire: "42 00 20 | 09 | 00 00 00 08 | 00 00 00 00 47 DA 67 F8",
  },
  {
    name: "An Interval, containing the value for 10 days",
    item: ttlv.interval(T, 10 * 24 * 60 * 60),
    wire: "42 00 20 | 0A | 00 00 00 04 | 00 0D 2F 00 00 00 00 00",
  },
  {
    name: "A Structure containing an Enumeration, value 254, followed by an Integer, value 255",
    item: ttlv.struct(T, [ttlv.enum(0x420004, 254), ttlv.int(0x420005, 255)]),
    wire:
      "42 00 20 | 01 | 00 00 00 20 | 42 00 04 | 05 | 00 00 00 04 | 00 00 00 FE 00 00 00 00 |" +
      " 42 00 05 | 02 | 00 00 00 04 | 00 00 00 FF 00 00 00 00",
  },
  {
    // KMIP 2.1 §10.1.2: "Date Time Extended: Encoded as eight-byte long (64 bit) binary signed numbers",
    // Table 427 length 8, Item Type 0B (Table 458); micro-seconds since the epoch.
    name: "A Date-Time Extended for 2008-03-14T11:56:40.123456Z (KMIP 2.1)",
    item: ttlv.dateExt(T, 1205495800123456n),
    wire: "42 00 20 | 0B | 00 00 00 08 | 00 04 48 64 5C F1 D0 40",
  },
];

describe("KMIP 1.4 §9.1.2 examples", () => {
  for (const { name, item, wire } of specExamples) {
    it(`encodes ${name}`, () => {
      expect(toHex(encodeTtlv(item))).toBe(toHex(hex(wire)));
    });
    it(`decodes ${name}`, () => {
      expect(decodeTtlv(hex(wire))).toEqual(item);
    });
  }

  it("covers all 11 Item Types", () => {
    expect(new Set(specExamples.map((e) => e.item.type)).size).toBe(Object.keys(ItemType).length);
  });
});

describe("encoding details", () => {
  it("returns an exact-length, unshared Uint8Array from a reused encoder", () => {
    const encoder = new TtlvEncoder({ initialBufferBytes: 16 });
    const first = encoder.encode(ttlv.text(T, "first value, longer than sixteen bytes"));
    const firstCopy = first.slice();
    const second = encoder.encode(ttlv.int(T, 1));
    expect(first).toEqual(firstCopy);
    expect(second.length).toBe(16);
    expect(first.buffer).not.toBe(second.buffer);
    expect(decodeTtlv(first)).toEqual(ttlv.text(T, "first value, longer than sixteen bytes"));
  });

  it("writes zero padding even when the reused buffer held other bytes", () => {
    const encoder = new TtlvEncoder();
    encoder.encode(ttlv.bytes(T, new Uint8Array(64).fill(0xff)));
    const bytes = encoder.encode(ttlv.bytes(T, new Uint8Array([1])));
    expect(toHex(bytes)).toBe("42002008000000010100000000000000");
  });

  it("encodes Big Integers with the minimal sign-extended multiple of 8 bytes", () => {
    const cases: Array<[bigint, string]> = [
      [0n, "0000000000000000"],
      [-1n, "FFFFFFFFFFFFFFFF"],
      [(1n << 63n) - 1n, "7FFFFFFFFFFFFFFF"],
      [1n << 63n, "00000000000000008000000000000000"],
      [-(1n << 63n), "8000000000000000"],
      [-(1n << 63n) - 1n, "FFFFFFFFFFFFFFFF7FFFFFFFFFFFFFFF"],
      [-(1n << 127n), "80000000000000000000000000000000"],
      [1n << 127n, "000000000000000080000000000000000000000000000000"],
    ];
    for (const [value, valueHex] of cases) {
      const bytes = encodeTtlv(ttlv.bigint(T, value));
      expect(toHex(bytes.subarray(8))).toBe(valueHex);
      expect(new DataView(bytes.buffer).getUint32(4)).toBe(valueHex.length / 2);
      expect(decodeTtlv(bytes)).toEqual(ttlv.bigint(T, value));
    }
  });

  it("decodes non-minimal Big Integers (any multiple of 8)", () => {
    const wire = hex("42 00 20 | 04 | 00 00 00 10 | FF FF FF FF FF FF FF FF FF FF FF FF FF FF FF FE");
    expect(decodeTtlv(wire)).toEqual(ttlv.bigint(T, -2n));
  });

  it("encodes multi-byte UTF-8 (short and long paths) and keeps a leading BOM", () => {
    for (const s of ["é", "€uro", "😀", "\uFEFFbom", "ünïcødé ".repeat(20), "😀".repeat(50)]) {
      const bytes = encodeTtlv(ttlv.text(T, s));
      const utf8 = Buffer.from(s, "utf8");
      expect(new DataView(bytes.buffer).getUint32(4)).toBe(utf8.length);
      expect(toHex(bytes.subarray(8, 8 + utf8.length))).toBe(toHex(utf8));
      expect(decodeTtlv(bytes)).toEqual(ttlv.text(T, s));
    }
  });

  it("encodes extension tags (first byte 54) and empty values", () => {
    const item = ttlv.struct(0x540001, [
      ttlv.text(0x540002, ""),
      ttlv.bytes(0x420003, new Uint8Array(0)),
      ttlv.struct(T, []),
    ]);
    const bytes = encodeTtlv(item);
    expect(toHex(bytes)).toBe("54000101000000185400020700000000420003080000000042002001" + "00000000");
    expect(decodeTtlv(bytes)).toEqual(item);
  });

  it("decodes Byte Strings as copies that do not alias the input", () => {
    const wire = hex("42 00 20 | 08 | 00 00 00 03 | 01 02 03 00 00 00 00 00");
    const item = decodeTtlv(wire);
    wire[8] = 0x99;
    expect(item).toEqual(ttlv.bytes(T, new Uint8Array([1, 2, 3])));
  });

  it("decodes from a Buffer view at a non-zero offset", () => {
    const backing = Buffer.alloc(40);
    backing.set(hex("42 00 20 | 02 | 00 00 00 04 | FF FF FF FE 00 00 00 00"), 24);
    expect(decodeTtlv(backing.subarray(24))).toEqual(ttlv.int(T, -2));
  });
});

describe("encode range checks", () => {
  const reject: Array<[string, TtlvItem, string]> = [
    ["Integer above int32", ttlv.int(T, 2 ** 31), "out-of-range"],
    ["Integer below int32", ttlv.int(T, -(2 ** 31) - 1), "out-of-range"],
    ["fractional Integer", ttlv.int(T, 1.5), "out-of-range"],
    ["NaN Integer", ttlv.int(T, Number.NaN), "out-of-range"],
    ["negative Enumeration", ttlv.enum(T, -1), "out-of-range"],
    ["Enumeration above uint32", ttlv.enum(T, 2 ** 32), "out-of-range"],
    ["Interval above uint32", ttlv.interval(T, 2 ** 32), "out-of-range"],
    ["Long Integer above int64", ttlv.long(T, 1n << 63n), "out-of-range"],
    ["Date-Time below int64", ttlv.date(T, -(1n << 63n) - 1n), "out-of-range"],
    ["Date-Time Extended above int64", ttlv.dateExt(T, 1n << 64n), "out-of-range"],
    ["lone high surrogate", ttlv.text(T, "a\uD800b"), "bad-text"],
    ["lone low surrogate in a long string", ttlv.text(T, `${"x".repeat(100)}\uDC00`), "bad-text"],
    ["tag without 42/54", ttlv.int(0x430001, 1), "bad-tag"],
    ["tag above 3 bytes", ttlv.int(0x42000001, 1), "bad-tag"],
    ["nested bad value", ttlv.struct(T, [ttlv.struct(T, [ttlv.int(T, 2 ** 40)])]), "out-of-range"],
    ["unknown type", { tag: T, type: 0x0c, value: 0 } as unknown as TtlvItem, "bad-type"],
    ["Long Integer given a number", { tag: T, type: 0x03, value: 1 } as unknown as TtlvItem, "bad-value"],
  ];
  for (const [name, item, code] of reject) {
    it(`rejects ${name} with ${code}`, () => {
      const error = thrown(() => encodeTtlv(item));
      expect(error).toBeInstanceOf(TtlvEncodeError);
      expect(error).toMatchObject({ code, tag: item.tag });
    });
  }

  it("accepts the range boundaries", () => {
    const item = ttlv.struct(T, [
      ttlv.int(T, -(2 ** 31)),
      ttlv.int(T, 2 ** 31 - 1),
      ttlv.enum(T, 2 ** 32 - 1),
      ttlv.interval(T, 0),
      ttlv.long(T, -(1n << 63n)),
      ttlv.dateExt(T, (1n << 63n) - 1n),
    ]);
    expect(decodeTtlv(encodeTtlv(item))).toEqual(item);
  });

  it("stops a cyclic structure with too-deep instead of a stack overflow", () => {
    const children: TtlvItem[] = [];
    const cyclic = ttlv.struct(T, children);
    children.push(cyclic);
    expect(() => encodeTtlv(cyclic)).toThrow(expect.objectContaining({ code: "too-deep" }));
  });

  it("honours the encoder maxDepth", () => {
    const nest = (n: number): TtlvItem => (n === 1 ? ttlv.struct(T, []) : ttlv.struct(T, [nest(n - 1)]));
    expect(new TtlvEncoder({ maxDepth: 3 }).encode(nest(3)).length).toBe(24);
    expect(() => new TtlvEncoder({ maxDepth: 3 }).encode(nest(4))).toThrow(TtlvEncodeError);
  });
});

describe("ttlvFrameLength", () => {
  const message = encodeTtlv(ttlv.struct(0x420078, [ttlv.int(0x42000d, 1), ttlv.text(0x420055, "name")]));

  it("needs 8 bytes before answering", () => {
    for (let n = 0; n < 8; n++) expect(ttlvFrameLength(message.subarray(0, n), 1 << 20)).toBeUndefined();
  });

  it("returns header + Item Length from 8 bytes on, whatever follows", () => {
    const expected = message.length;
    expect(expected).toBe(8 + 16 + 16);
    for (let n = 8; n <= message.length; n++) expect(ttlvFrameLength(message.subarray(0, n), 1 << 20)).toBe(expected);
    const twoMessages = new Uint8Array([...message, ...message]);
    expect(ttlvFrameLength(twoMessages, 1 << 20)).toBe(expected);
  });

  it("accepts a message exactly at the limit and rejects one byte-block over", () => {
    expect(ttlvFrameLength(message, message.length)).toBe(message.length);
    expect(() => ttlvFrameLength(message, message.length - 1)).toThrow(expect.objectContaining({ code: "too-large" }));
  });

  it("rejects a 4 GiB announcement without waiting for it", () => {
    const header = hex("42 00 78 | 01 | FF FF FF F8");
    expect(() => ttlvFrameLength(header, 4 * 1024 * 1024)).toThrow(expect.objectContaining({ code: "too-large" }));
  });

  it("rejects a first item that is not a Structure", () => {
    const int = encodeTtlv(ttlv.int(T, 8));
    expect(() => ttlvFrameLength(int, 1 << 20)).toThrow(TtlvDecodeError);
    expect(() => ttlvFrameLength(int, 1 << 20)).toThrow(expect.objectContaining({ code: "bad-type" }));
  });

  it("rejects bytes that are not TTLV (an HTTP request) and odd structure lengths", () => {
    const http = new TextEncoder().encode("GET / HTTP/1.1\r\n");
    expect(() => ttlvFrameLength(http, 1 << 20)).toThrow(expect.objectContaining({ code: "bad-tag" }));
    expect(() => ttlvFrameLength(hex("42 00 78 | 01 | 00 00 00 0C"), 1 << 20)).toThrow(
      expect.objectContaining({ code: "bad-length" }),
    );
  });
});
