import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeTtlv } from "../../src/ttlv/decode.js";
import { encodeTtlv } from "../../src/ttlv/encode.js";
import { CryptographicAlgorithm, ObjectType, Operation } from "../../src/ttlv/enums.js";
import { ItemType, type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { CryptographicUsageMask } from "../../src/ttlv/masks.js";
import { Tag } from "../../src/ttlv/tags.js";
import { KmipXmlError, ttlvToXml, xmlToTtlv, xmlToTtlvAll } from "../../src/ttlv/xml.js";
import { parseXmlElements } from "../../src/ttlv/xml-tokenizer.js";
import { fillPlaceholders, loadVectorFile, parseVectorText } from "../conformance/vectors.js";
import { arbitraryItem } from "./text-arbitrary.js";
import { concreteVectorText, vectorFilePaths } from "./vector-messages.js";

const paths = vectorFilePaths();

function xmlError(f: () => unknown): KmipXmlError {
  try {
    f();
  } catch (e) {
    if (e instanceof KmipXmlError) return e;
    throw e;
  }
  throw new Error("expected a KmipXmlError");
}

describe("official vectors", () => {
  it.each(paths)("%s: xml -> ttlv -> xml -> ttlv is stable, and ttlv -> binary -> ttlv is lossless", (path) => {
    const messages = xmlToTtlvAll(concreteVectorText(path), { maxItems: 1_000_000, maxBytes: 64 << 20 });
    const name = path.replace(/^.*\//, "").replace(/\.xml$/, "");
    // The plain codec agrees with the vector loader (placeholders filled the same way).
    const steps = parseVectorText(concreteVectorText(path), name, { fixups: false });
    expect(messages).toEqual(steps.flatMap((s) => [fillPlaceholders(s.request), fillPlaceholders(s.response)]));
    expect(messages.length).toBe(loadVectorFile(path).steps.length * 2);
    for (const m of messages) {
      const xml = ttlvToXml(m);
      const again = xmlToTtlv(xml);
      expect(again).toEqual(m);
      expect(ttlvToXml(again)).toBe(xml);
      expect(decodeTtlv(encodeTtlv(m))).toEqual(m);
    }
  });
});

describe("ttlvToXml", () => {
  it("writes the profile's forms for every item type", () => {
    const item = ttlv.struct(Tag.RequestPayload, [
      ttlv.int(Tag.CryptographicLength, -5),
      ttlv.int(Tag.CryptographicUsageMask, CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt),
      ttlv.long(Tag.UsageLimitsTotal, -(2n ** 63n)),
      ttlv.bigint(Tag.Modulus, 0x010001n),
      ttlv.bigint(Tag.PrivateExponent, -1n),
      ttlv.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      ttlv.enum(Tag.ObjectType, 0x8000_0001),
      ttlv.bool(Tag.RandomIV, true),
      ttlv.text(Tag.NameValue, `a<b>&"c'\n\t`),
      ttlv.bytes(Tag.KeyMaterial, new Uint8Array([0x01, 0xab])),
      ttlv.date(Tag.ActivationDate, 978343200n),
      ttlv.interval(Tag.LeaseTime, 3600),
      ttlv.dateExt(Tag.TimeStamp, 978343200_000001n),
      ttlv.text(0x540001, "vendor"),
      ttlv.struct(Tag.KeyValue, []),
    ]);
    expect(ttlvToXml(item)).toBe(
      [
        "<RequestPayload>",
        '  <CryptographicLength type="Integer" value="-5"/>',
        '  <CryptographicUsageMask type="Integer" value="Encrypt Decrypt"/>',
        '  <UsageLimitsTotal type="LongInteger" value="-9223372036854775808"/>',
        '  <Modulus type="BigInteger" value="0000000000010001"/>',
        '  <PrivateExponent type="BigInteger" value="ffffffffffffffff"/>',
        '  <ObjectType type="Enumeration" value="SymmetricKey"/>',
        '  <ObjectType type="Enumeration" value="0x80000001"/>',
        '  <RandomIV type="Boolean" value="true"/>',
        '  <NameValue type="TextString" value="a&lt;b&gt;&amp;&quot;c\'&#xA;&#x9;"/>',
        '  <KeyMaterial type="ByteString" value="01ab"/>',
        '  <ActivationDate type="DateTime" value="2001-01-01T10:00:00+00:00"/>',
        '  <LeaseTime type="Interval" value="3600"/>',
        '  <TimeStamp type="DateTimeExtended" value="2001-01-01T10:00:00.000001+00:00"/>',
        '  <TTLV tag="0x540001" type="TextString" value="vendor"/>',
        "  <KeyValue/>",
        "</RequestPayload>",
      ].join("\n"),
    );
    expect(xmlToTtlv(ttlvToXml(item))).toEqual(item);
    expect(xmlToTtlv(ttlvToXml(item, { indent: "" }))).toEqual(item);
  });

  it("names a KMIP 1.x Attribute Value by the preceding Attribute Name", () => {
    const attr = (name: string, value: TtlvItem) =>
      ttlv.struct(Tag.Attribute, [ttlv.text(Tag.AttributeName, name), value]);
    const xml = ttlvToXml(
      ttlv.struct(Tag.TemplateAttribute, [
        attr("Cryptographic Algorithm", ttlv.enum(Tag.AttributeValue, CryptographicAlgorithm.AES)),
        attr("Cryptographic Usage Mask", ttlv.int(Tag.AttributeValue, CryptographicUsageMask.Sign)),
        attr("x-custom", ttlv.int(Tag.AttributeValue, 4)),
      ]),
      { indent: "" },
    );
    expect(xml).toContain('<AttributeValue type="Enumeration" value="AES"/>');
    expect(xml).toContain('<AttributeValue type="Integer" value="Sign"/>');
    expect(xml).toContain('<AttributeValue type="Integer" value="4"/>');
  });

  it("refuses text that XML 1.0 cannot carry", () => {
    expect(xmlError(() => ttlvToXml(ttlv.text(Tag.NameValue, "a\u0001b"))).code).toBe("bad-text");
    expect(xmlError(() => ttlvToXml(ttlv.text(Tag.NameValue, "\ud800"))).code).toBe("bad-text");
  });

  it("uses hex for dates outside years 0000-9999", () => {
    const far = ttlv.date(Tag.ActivationDate, 1n << 62n);
    expect(ttlvToXml(far)).toBe('<ActivationDate type="DateTime" value="0x4000000000000000"/>');
    expect(xmlToTtlv(ttlvToXml(far))).toEqual(far);
  });

  it("round-trips arbitrary items", () => {
    fc.assert(
      fc.property(arbitraryItem({ xmlSafeText: true }), (item) => {
        expect(xmlToTtlv(ttlvToXml(item))).toEqual(item);
      }),
      { numRuns: 300 },
    );
  });
});

describe("xmlToTtlv", () => {
  it("reads the alternative value forms", () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
      <!-- a comment -->
      <RequestPayload type='Structure'>
        <CryptographicLength type="Integer" value="0x00000080"/>
        <CryptographicUsageMask type="Integer" value="Decrypt   Encrypt 0x00100000"/>
        <ObjectType type="Enumeration" value="0x00000002"/>
        <RandomIV type="Boolean" value="0"/>
        <ActivationDate type="DateTime" value="2001-01-01T20:00:00+10:00"/>
        <DeactivationDate type="DateTime" value="0x000000003A505520"/>
        <UsageLimitsTotal type="LongInteger" value="0x0000000000000010"/>
        <Modulus type="BigInteger" value="ff"/>
        <NameValue type="TextString" value="&#65;&#x42;&lt;&apos;"/>
        <TTLV tag="0x540002" type="Interval" value="7"/>
      </RequestPayload>`;
    expect(xmlToTtlv(xml)).toEqual(
      ttlv.struct(Tag.RequestPayload, [
        ttlv.int(Tag.CryptographicLength, 128),
        ttlv.int(
          Tag.CryptographicUsageMask,
          0x0010_0000 | CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt,
        ),
        ttlv.enum(Tag.ObjectType, ObjectType.SymmetricKey),
        ttlv.bool(Tag.RandomIV, false),
        ttlv.date(Tag.ActivationDate, 978343200n),
        ttlv.date(Tag.DeactivationDate, 978343200n),
        ttlv.long(Tag.UsageLimitsTotal, 16n),
        ttlv.bigint(Tag.Modulus, -1n),
        ttlv.text(Tag.NameValue, "AB<'"),
        ttlv.interval(0x540002, 7),
      ]),
    );
  });

  it("names Attribute Values by their Attribute Name when reading", () => {
    const item = xmlToTtlv(`<Attribute>
      <AttributeName type="TextString" value="Cryptographic Usage Mask"/>
      <AttributeValue type="Integer" value="Encrypt Decrypt"/>
    </Attribute>`);
    expect(item).toEqual(
      ttlv.struct(Tag.Attribute, [
        ttlv.text(Tag.AttributeName, "Cryptographic Usage Mask"),
        ttlv.int(Tag.AttributeValue, CryptographicUsageMask.Encrypt | CryptographicUsageMask.Decrypt),
      ]),
    );
  });

  it("reads several top-level elements, unwrapping <KMIP>", () => {
    const one = '<Operation type="Enumeration" value="Get"/>';
    expect(xmlToTtlvAll(`<KMIP>${one}<!-- x -->${one}</KMIP>`)).toEqual([
      ttlv.enum(Tag.Operation, Operation.Get),
      ttlv.enum(Tag.Operation, Operation.Get),
    ]);
    expect(xmlToTtlvAll(`${one}\n${one}`)).toHaveLength(2);
    expect(xmlError(() => xmlToTtlv(`${one}${one}`)).code).toBe("syntax");
  });

  it.each([
    ["placeholder", '<ActivationDate type="DateTime" value="$NOW"/>', "bad-value"],
    ["unknown tag", '<NoSuchTag type="Integer" value="1"/>', "bad-tag"],
    ["TTLV without tag", '<TTLV type="Integer" value="1"/>', "bad-tag"],
    ["tag not 42/54", '<TTLV tag="0x430001" type="Integer" value="1"/>', "bad-tag"],
    ["unknown type", '<BatchCount type="Int" value="1"/>', "bad-type"],
    ["children of a leaf", '<BatchCount type="Integer" value="1"><BatchCount/></BatchCount>', "bad-type"],
    ["missing value", '<BatchCount type="Integer"/>', "bad-value"],
    ["value on a Structure", '<BatchItem value="1"/>', "bad-value"],
    ["extra attribute", '<BatchCount type="Integer" value="1" x="2"/>', "syntax"],
    ["int32 overflow", '<BatchCount type="Integer" value="2147483648"/>', "bad-value"],
    ["unknown mask name", '<CryptographicUsageMask type="Integer" value="Encrypt Fly"/>', "bad-value"],
    ["unknown enum name", '<ObjectType type="Enumeration" value="Banana"/>', "bad-value"],
    ["odd hex", '<KeyMaterial type="ByteString" value="abc"/>', "bad-value"],
    ["non-hex", '<KeyMaterial type="ByteString" value="zz"/>', "bad-value"],
    ["bad boolean", '<RandomIV type="Boolean" value="yes"/>', "bad-value"],
    ["bad date", '<ActivationDate type="DateTime" value="2001-02-30T00:00:00Z"/>', "bad-value"],
    ["date without zone", '<ActivationDate type="DateTime" value="2001-01-01T00:00:00"/>', "bad-value"],
    ["fractional DateTime", '<ActivationDate type="DateTime" value="2001-01-01T00:00:00.5Z"/>', "bad-value"],
    ["negative interval", '<LeaseTime type="Interval" value="-1"/>', "bad-value"],
    ["long overflow", '<UsageLimitsTotal type="LongInteger" value="9223372036854775808"/>', "bad-value"],
  ])("refuses %s", (_what, xml, code) => {
    expect(xmlError(() => xmlToTtlv(xml)).code).toBe(code);
  });
});

describe("XML tokenizer", () => {
  it.each([
    ["DOCTYPE", '<!DOCTYPE x [<!ENTITY a "b">]><BatchCount type="Integer" value="1"/>', "unsupported"],
    ["CDATA", "<BatchItem><![CDATA[x]]></BatchItem>", "unsupported"],
    ["processing instruction", "<?php x?><BatchItem/>", "unsupported"],
    ["text content", "<BatchItem>text</BatchItem>", "unsupported"],
    ["unknown entity", '<NameValue type="TextString" value="&nbsp;"/>', "bad-entity"],
    ["bad char reference", '<NameValue type="TextString" value="&#0;"/>', "bad-entity"],
    ["surrogate reference", '<NameValue type="TextString" value="&#xD800;"/>', "bad-entity"],
    ["unterminated entity", '<NameValue type="TextString" value="a &amp b"/>', "bad-entity"],
    ["'<' in attribute", '<NameValue type="TextString" value="a<b"/>', "syntax"],
    ["duplicate attribute", '<NameValue type="TextString" type="TextString" value="a"/>', "syntax"],
    ["mismatched close", "<BatchItem></RequestHeader>", "syntax"],
    ["unclosed", "<BatchItem><RequestHeader></RequestHeader>", "syntax"],
    ["stray close", "</BatchItem>", "syntax"],
    ["unquoted attribute", "<BatchCount type=Integer/>", "syntax"],
    ["attributes without space", '<BatchCount type="Integer"value="1"/>', "syntax"],
    ["'--' in comment", "<!-- a -- b --><BatchItem/>", "syntax"],
    ["unterminated comment", "<!-- a <BatchItem/>", "syntax"],
    ["empty document", "  ", "syntax"],
    ["non-UTF-8 declaration", '<?xml version="1.0" encoding="ISO-8859-1"?><BatchItem/>', "unsupported"],
    ["control character", '<NameValue type="TextString" value="a\u0001"/>', "syntax"],
  ])("refuses %s", (_what, xml, code) => {
    expect(xmlError(() => xmlToTtlv(xml)).code).toBe(code);
  });

  it("reports the offset of the fault", () => {
    const e = xmlError(() => xmlToTtlv("<BatchItem>\n  <Bogus/>\n</BatchItem>"));
    expect(e.code).toBe("bad-tag");
    expect(e.offset).toBe(14);
  });

  it("bounds nesting depth without recursion", () => {
    const deep = "<BatchItem>".repeat(100_000) + "</BatchItem>".repeat(100_000);
    expect(xmlError(() => xmlToTtlv(deep)).code).toBe("too-deep");
    const ok = "<BatchItem>".repeat(32) + "</BatchItem>".repeat(32);
    expect(xmlToTtlv(ok).tag).toBe(Tag.BatchItem);
    expect(xmlError(() => xmlToTtlv(ok, { maxDepth: 31 })).code).toBe("too-deep");
  });

  it("bounds the element count", () => {
    const many = `<BatchItem>${"<BatchItem/>".repeat(200)}</BatchItem>`;
    expect(xmlToTtlv(many, { maxItems: 201 }).type).toBe(ItemType.Structure);
    expect(xmlError(() => xmlToTtlv(many, { maxItems: 200 })).code).toBe("too-many-items");
  });

  it("bounds the input size in UTF-8 bytes before parsing", () => {
    const big = `<NameValue type="TextString" value="${"é".repeat(1000)}"/>`;
    expect(xmlError(() => xmlToTtlv(big, { maxBytes: 1500 })).code).toBe("too-large");
    expect(xmlToTtlv(big, { maxBytes: 2100 }).value).toBe("é".repeat(1000));
  });

  it("bounds the attribute count per element", () => {
    const attrs = Array.from({ length: 20 }, (_, i) => `a${i}="x"`).join(" ");
    expect(xmlError(() => parseXmlElements(`<BatchItem ${attrs}/>`)).code).toBe("too-many-attributes");
  });

  it("normalises literal whitespace in attribute values, keeps character references", () => {
    expect(xmlToTtlv('<NameValue type="TextString" value="a\tb\nc&#xA;"/>').value).toBe("a b c\n");
  });

  it("throws only KmipXmlError for mutated input", () => {
    const base = ttlvToXml(
      ttlv.struct(Tag.RequestPayload, [
        ttlv.text(Tag.NameValue, "x&y"),
        ttlv.int(Tag.CryptographicUsageMask, 12),
        ttlv.date(Tag.ActivationDate, 0n),
      ]),
    );
    fc.assert(
      fc.property(fc.nat(base.length), fc.nat(base.length), fc.string({ maxLength: 4 }), (at, del, insert) => {
        const mutated = base.slice(0, at) + insert + base.slice(Math.min(base.length, at + (del % 5)));
        try {
          xmlToTtlv(mutated);
        } catch (e) {
          expect(e).toBeInstanceOf(KmipXmlError);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe("text codec limits", () => {
  it("refuses limits that are not positive integers, or a depth the converters cannot recurse to", () => {
    expect(() => xmlToTtlv("<BatchItem/>", { maxDepth: 0 })).toThrow(TypeError);
    expect(() => xmlToTtlv("<BatchItem/>", { maxItems: 1.5 })).toThrow(TypeError);
    expect(() => xmlToTtlv("<BatchItem/>", { maxDepth: 1001 })).toThrow(TypeError);
    expect(xmlToTtlv("<BatchItem/>", { maxDepth: 1000 }).tag).toBe(Tag.BatchItem);
  });
});
