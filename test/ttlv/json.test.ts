import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CryptographicAlgorithm, ObjectType } from "../../src/ttlv/enums.js";
import { type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { jsonTextToTtlv, jsonToTtlv, KmipJsonError, ttlvToJson } from "../../src/ttlv/json.js";
import { CryptographicUsageMask } from "../../src/ttlv/masks.js";
import { Tag } from "../../src/ttlv/tags.js";
import { xmlToTtlvAll } from "../../src/ttlv/xml.js";
import { arbitraryItem } from "./text-arbitrary.js";
import { concreteVectorText, vectorFilePaths } from "./vector-messages.js";

function jsonError(f: () => unknown): KmipJsonError {
  try {
    f();
  } catch (e) {
    if (e instanceof KmipJsonError) return e;
    throw e;
  }
  throw new Error("expected a KmipJsonError");
}

describe("official vectors", () => {
  it.each(vectorFilePaths())("%s: ttlv -> json text -> ttlv is lossless", (path) => {
    const messages = xmlToTtlvAll(concreteVectorText(path), { maxItems: 1_000_000, maxBytes: 64 << 20 });
    expect(messages.length).toBeGreaterThan(0);
    for (const m of messages) {
      const text = JSON.stringify(ttlvToJson(m));
      expect(jsonTextToTtlv(text)).toEqual(m);
    }
  });
});

describe("ttlvToJson", () => {
  it("writes the profile's forms for every item type", () => {
    const item = ttlv.struct(Tag.RequestPayload, [
      ttlv.int(Tag.CryptographicLength, -5),
      ttlv.int(
        Tag.CryptographicUsageMask,
        CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt | 0x0100_0000,
      ),
      ttlv.long(Tag.UsageLimitsTotal, 2n ** 52n),
      ttlv.long(Tag.UsageLimitsTotal, 2n ** 52n + 1n),
      ttlv.long(Tag.UsageLimitsTotal, -1n - 2n ** 52n),
      ttlv.bigint(Tag.Modulus, 65537n),
      ttlv.bigint(Tag.Modulus, 2n ** 64n),
      ttlv.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      ttlv.enum(Tag.ObjectType, 0x8000_0001),
      ttlv.bool(Tag.RandomIV, false),
      ttlv.text(Tag.NameValue, 'a"b'),
      ttlv.bytes(Tag.KeyMaterial, new Uint8Array([0x01, 0xab])),
      ttlv.date(Tag.ActivationDate, 978343200n),
      ttlv.interval(Tag.LeaseTime, 3600),
      ttlv.dateExt(Tag.TimeStamp, 978343200_000001n),
      ttlv.text(0x540001, "vendor"),
    ]);
    expect(ttlvToJson(item)).toEqual({
      tag: "RequestPayload",
      value: [
        { tag: "CryptographicLength", type: "Integer", value: -5 },
        { tag: "CryptographicUsageMask", type: "Integer", value: "Encrypt|Decrypt|0x01000000" },
        { tag: "UsageLimitsTotal", type: "LongInteger", value: 2 ** 52 },
        { tag: "UsageLimitsTotal", type: "LongInteger", value: "0x0010000000000001" },
        { tag: "UsageLimitsTotal", type: "LongInteger", value: "0xffefffffffffffff" },
        { tag: "Modulus", type: "BigInteger", value: 65537 },
        { tag: "Modulus", type: "BigInteger", value: "0x00000000000000010000000000000000" },
        { tag: "ObjectType", type: "Enumeration", value: "SymmetricKey" },
        { tag: "ObjectType", type: "Enumeration", value: "0x80000001" },
        { tag: "RandomIV", type: "Boolean", value: false },
        { tag: "NameValue", type: "TextString", value: 'a"b' },
        { tag: "KeyMaterial", type: "ByteString", value: "01ab" },
        { tag: "ActivationDate", type: "DateTime", value: "2001-01-01T10:00:00+00:00" },
        { tag: "LeaseTime", type: "Interval", value: 3600 },
        { tag: "TimeStamp", type: "DateTimeExtended", value: "2001-01-01T10:00:00.000001+00:00" },
        { tag: "0x540001", type: "TextString", value: "vendor" },
      ],
    });
    expect(jsonToTtlv(ttlvToJson(item))).toEqual(item);
  });

  it("names a KMIP 1.x Attribute Value by the preceding Attribute Name", () => {
    const json = ttlvToJson(
      ttlv.struct(Tag.Attribute, [
        ttlv.text(Tag.AttributeName, "Cryptographic Algorithm"),
        ttlv.enum(Tag.AttributeValue, CryptographicAlgorithm.RSA),
      ]),
    );
    expect(json).toEqual({
      tag: "Attribute",
      value: [
        { tag: "AttributeName", type: "TextString", value: "Cryptographic Algorithm" },
        { tag: "AttributeValue", type: "Enumeration", value: "RSA" },
      ],
    });
  });

  it("round-trips arbitrary items through JSON text", () => {
    fc.assert(
      fc.property(arbitraryItem({ xmlSafeText: false }), (item: TtlvItem) => {
        expect(jsonTextToTtlv(JSON.stringify(ttlvToJson(item)))).toEqual(item);
      }),
      { numRuns: 300 },
    );
  });
});

describe("jsonToTtlv", () => {
  it("reads the alternative value forms", () => {
    const item = jsonToTtlv({
      tag: "0x420079",
      type: "Structure",
      value: [
        { tag: "CryptographicLength", type: "Integer", value: "0x00000080" },
        { tag: "CryptographicUsageMask", type: "Integer", value: "Decrypt|Encrypt" },
        { tag: "ObjectType", type: "Enumeration", value: "0x00000002" },
        { tag: "ObjectType", type: "Enumeration", value: 3 },
        { tag: "RandomIV", type: "Boolean", value: "0x0000000000000001" },
        { tag: "ActivationDate", type: "DateTime", value: "0x000000003A505520" },
        { tag: "ActivationDate", type: "DateTime", value: "2001-01-01T11:00:00+01:00" },
        { tag: "UsageLimitsTotal", type: "LongInteger", value: "0xffffffffffffffff" },
        { tag: "Modulus", type: "BigInteger", value: "0xff" },
        { tag: "LeaseTime", type: "Interval", value: "0x00000010" },
        { tag: "TimeStamp", type: "DateTimeExtended", value: "2001-01-01T10:00:00.5Z" },
      ],
    });
    expect(item).toEqual(
      ttlv.struct(Tag.RequestPayload, [
        ttlv.int(Tag.CryptographicLength, 128),
        ttlv.int(Tag.CryptographicUsageMask, CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt),
        ttlv.enum(Tag.ObjectType, ObjectType.SymmetricKey),
        ttlv.enum(Tag.ObjectType, ObjectType.PublicKey),
        ttlv.bool(Tag.RandomIV, true),
        ttlv.date(Tag.ActivationDate, 978343200n),
        ttlv.date(Tag.ActivationDate, 978343200n),
        ttlv.long(Tag.UsageLimitsTotal, -1n),
        ttlv.bigint(Tag.Modulus, -1n),
        ttlv.interval(Tag.LeaseTime, 16),
        ttlv.dateExt(Tag.TimeStamp, 978343200_500000n),
      ]),
    );
  });

  it.each([
    ["a non-object", 5, "syntax"],
    ["an array", [], "syntax"],
    ["an extra member", { tag: "BatchCount", type: "Integer", value: 1, x: 1 }, "syntax"],
    ["a missing tag", { type: "Integer", value: 1 }, "bad-tag"],
    ["an unknown tag", { tag: "Nope", type: "Integer", value: 1 }, "bad-tag"],
    ["a tag outside 42/54", { tag: "0x430001", type: "Integer", value: 1 }, "bad-tag"],
    ["an unknown type", { tag: "BatchCount", type: "Int", value: 1 }, "bad-type"],
    ["a missing value", { tag: "BatchCount", type: "Integer" }, "bad-value"],
    ["a Structure without an array", { tag: "BatchItem", value: 1 }, "bad-value"],
    ["an int32 overflow", { tag: "BatchCount", type: "Integer", value: 2 ** 31 }, "bad-value"],
    ["a fractional number", { tag: "BatchCount", type: "Integer", value: 1.5 }, "bad-value"],
    ["an unsafe integer", { tag: "UsageLimitsTotal", type: "LongInteger", value: 2 ** 60 }, "bad-value"],
    ["a negative enumeration", { tag: "ObjectType", type: "Enumeration", value: -1 }, "bad-value"],
    ["an unknown enumeration name", { tag: "ObjectType", type: "Enumeration", value: "Banana" }, "bad-value"],
    ["an unknown mask name", { tag: "CryptographicUsageMask", type: "Integer", value: "Encrypt|Fly" }, "bad-value"],
    ["a 0x ByteString", { tag: "KeyMaterial", type: "ByteString", value: "0x00" }, "bad-value"],
    ["a Boolean string", { tag: "RandomIV", type: "Boolean", value: "true" }, "bad-value"],
    ["a numeric DateTime", { tag: "ActivationDate", type: "DateTime", value: 0 }, "bad-value"],
    ["a BigInteger without 0x", { tag: "Modulus", type: "BigInteger", value: "ff" }, "bad-value"],
    ["a placeholder", { tag: "ActivationDate", type: "DateTime", value: "$NOW" }, "bad-value"],
  ])("refuses %s", (_what, json, code) => {
    expect(jsonError(() => jsonToTtlv(json)).code).toBe(code);
  });

  it("reports the path of the fault", () => {
    const e = jsonError(() =>
      jsonToTtlv({
        tag: "RequestMessage",
        value: [{ tag: "BatchItem", value: [{ tag: "Operation", type: "Enumeration", value: "Fly" }] }],
      }),
    );
    expect(e.path).toBe("RequestMessage[0]/BatchItem[0]/Operation");
  });

  it("refuses __proto__ and other members, never touching prototypes", () => {
    const hostile = JSON.parse('{"tag":"BatchCount","type":"Integer","value":1,"__proto__":{"polluted":true}}');
    expect(jsonError(() => jsonToTtlv(hostile)).code).toBe("syntax");
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it("bounds depth and item count", () => {
    let deep: unknown = { tag: "BatchItem", value: [] };
    for (let i = 0; i < 10_000; i++) deep = { tag: "BatchItem", value: [deep] };
    expect(jsonError(() => jsonToTtlv(deep)).code).toBe("too-deep");
    const wide = { tag: "BatchItem", value: Array.from({ length: 100 }, () => ({ tag: "BatchItem", value: [] })) };
    expect(jsonToTtlv(wide, { maxItems: 101 }).value).toHaveLength(100);
    expect(jsonError(() => jsonToTtlv(wide, { maxItems: 100 })).code).toBe("too-many-items");
  });

  it("bounds JSON text before parsing it, and reports bad JSON as KmipJsonError", () => {
    const text = JSON.stringify({ tag: "NameValue", type: "TextString", value: "é".repeat(1000) });
    expect(jsonError(() => jsonTextToTtlv(text, { maxBytes: 1500 })).code).toBe("too-large");
    expect(jsonTextToTtlv(text, { maxBytes: 2100 }).value).toBe("é".repeat(1000));
    expect(jsonError(() => jsonTextToTtlv("{")).code).toBe("syntax");
    const nested = `${'{"tag":"BatchItem","value":['.repeat(50_000)}${"]}".repeat(50_000)}`;
    expect(jsonError(() => jsonTextToTtlv(nested)).code).toMatch(/^(too-deep|syntax)$/);
  });

  it("throws only KmipJsonError for arbitrary JSON values", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        try {
          jsonToTtlv(value);
        } catch (e) {
          expect(e).toBeInstanceOf(KmipJsonError);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
