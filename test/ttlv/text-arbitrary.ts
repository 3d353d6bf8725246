/**
 * fast-check generator of TTLV items for the XML and JSON round-trip
 * properties: known and extension tags, every item type, edge values, and
 * Attribute Name / Attribute Value pairs so that the KMIP 1.x naming rule runs.
 */
import fc from "fast-check";
import { type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";
import { isXmlChar } from "../../src/ttlv/xml-tokenizer.js";

const leafTags = [
  Tag.CryptographicUsageMask,
  Tag.ObjectType,
  Tag.CryptographicAlgorithm,
  Tag.AttributeValue,
  Tag.AttributeReference,
  Tag.NameValue,
  Tag.KeyMaterial,
  Tag.ActivationDate,
  Tag.BatchCount,
  0x540001,
  0x42ffff,
];

const attributeNames = ["Cryptographic Usage Mask", "Cryptographic Algorithm", "Object Type", "x-custom", "State"];

function text(xmlSafe: boolean): fc.Arbitrary<string> {
  const s = fc.string({ unit: "grapheme", maxLength: 12 });
  return xmlSafe ? s.filter((t) => [...t].every((c) => isXmlChar(c.codePointAt(0) ?? 0))) : s;
}

const int64 = fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n });

function leaf(xmlSafe: boolean): fc.Arbitrary<TtlvItem> {
  const tag = fc.constantFrom(...leafTags);
  return fc.oneof(
    fc.tuple(tag, fc.integer({ min: -0x8000_0000, max: 0x7fff_ffff })).map(([t, v]) => ttlv.int(t, v)),
    fc.tuple(tag, int64).map(([t, v]) => ttlv.long(t, v)),
    fc.tuple(tag, fc.bigInt({ min: -(1n << 200n), max: 1n << 200n })).map(([t, v]) => ttlv.bigint(t, v)),
    fc
      .tuple(tag, fc.oneof(fc.integer({ min: 0, max: 20 }), fc.nat({ max: 0xffff_ffff })))
      .map(([t, v]) => ttlv.enum(t, v)),
    fc.tuple(tag, fc.boolean()).map(([t, v]) => ttlv.bool(t, v)),
    fc.tuple(tag, text(xmlSafe)).map(([t, v]) => ttlv.text(t, v)),
    fc.tuple(tag, fc.uint8Array({ maxLength: 16 })).map(([t, v]) => ttlv.bytes(t, v)),
    fc.tuple(tag, int64).map(([t, v]) => ttlv.date(t, v)),
    fc.tuple(tag, fc.nat({ max: 0xffff_ffff })).map(([t, v]) => ttlv.interval(t, v)),
    fc.tuple(tag, int64).map(([t, v]) => ttlv.dateExt(t, v)),
  );
}

export function arbitraryItem(options: { xmlSafeText: boolean }): fc.Arbitrary<TtlvItem> {
  const { tree } = fc.letrec<{ tree: TtlvItem; attribute: TtlvItem }>((rec) => ({
    tree: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaf(options.xmlSafeText),
      rec("attribute"),
      fc
        .tuple(fc.constantFrom(Tag.RequestPayload, Tag.Attributes, 0x540010), fc.array(rec("tree"), { maxLength: 5 }))
        .map(([t, children]) => ttlv.struct(t, children)),
    ),
    attribute: fc
      .tuple(fc.constantFrom(...attributeNames), leaf(options.xmlSafeText))
      .map(([name, value]) =>
        ttlv.struct(Tag.Attribute, [ttlv.text(Tag.AttributeName, name), { ...value, tag: Tag.AttributeValue }]),
      ),
  }));
  return tree;
}
