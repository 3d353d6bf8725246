import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { attributeByName, attributeByTag, attributeDefs } from "../../src/kmip/attribute-defs.js";
import {
  BatchErrorContinuationOption,
  CryptographicAlgorithm,
  enumByTag,
  enumName,
  enumTables,
  enumValue,
  HashingAlgorithm,
  KeyFormatType,
  MaskGenerator,
  ObjectType,
  Operation,
  ResultReason,
  State,
} from "../../src/ttlv/enums.js";
import { ItemType, itemTypeNames } from "../../src/ttlv/item.js";
import { CryptographicUsageMask, maskByTag, maskTables, maskText, maskValue } from "../../src/ttlv/masks.js";
import { Tag, tagByName, tagName } from "../../src/ttlv/tags.js";
import { vectorRoot } from "../support/vector-root.js";

const vectorsDir = vectorRoot;

function xmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? xmlFiles(join(dir, e.name)) : e.name.endsWith(".xml") ? [join(dir, e.name)] : [],
  );
}

interface Element {
  readonly name: string;
  readonly type: string | undefined;
  readonly value: string | undefined;
  readonly parent: Frame | undefined;
}
interface Frame {
  readonly name: string;
  readonly parent: Frame | undefined;
  /** Children seen so far (siblings of the next element). */
  readonly children: Element[];
}

/** Walks every element of a KMIP XML vector file (flat tag syntax only; no mixed content). */
function* elements(xml: string): Generator<Element> {
  const text = xml.replace(/<!--[\s\S]*?-->/g, "");
  const re = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w-]+="[^"]*")*)\s*(\/?)>/g;
  let frame: Frame | undefined;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const [, closing, name, attrs, selfClosing] = m as unknown as [string, string, string, string, string];
    if (closing) {
      frame = frame?.parent;
      continue;
    }
    const type = /\btype="([^"]*)"/.exec(attrs)?.[1];
    const value = /\bvalue="([^"]*)"/.exec(attrs)?.[1];
    const el: Element = { name, type, value, parent: frame };
    frame?.children.push(el);
    yield el;
    if (!selfClosing) frame = { name, parent: frame, children: [] };
  }
}

/** For an AttributeValue inside a 1.x/2.x Attribute structure: the tag of the named attribute, if standard. */
function attributeValueTag(el: Element): number | undefined {
  const siblings = el.parent?.children ?? [];
  if (siblings.some((s) => s.name === "VendorIdentification")) return undefined;
  const name = siblings.find((s) => s.name === "AttributeName")?.value;
  return name === undefined ? undefined : attributeByName(name)?.tag;
}

const isCustomName = (name: string) => /^[xy]-/.test(name);
const attributeContainers = new Set([
  "Attributes",
  "CommonAttributes",
  "PrivateKeyAttributes",
  "PublicKeyAttributes",
  "CurrentAttribute",
  "NewAttribute",
]);

interface Findings {
  files: number;
  elements: number;
  enumerations: number;
  masks: number;
  attributeNames: number;
  unknownElements: Set<string>;
  unknownEnums: Set<string>;
  unknownMasks: Set<string>;
  unknownAttributeNames: Set<string>;
  unknownAttributeTags: Set<string>;
  wrongAttributeTypes: Set<string>;
}

function scanVectors(): Findings {
  const f: Findings = {
    files: 0,
    elements: 0,
    enumerations: 0,
    masks: 0,
    attributeNames: 0,
    unknownElements: new Set(),
    unknownEnums: new Set(),
    unknownMasks: new Set(),
    unknownAttributeNames: new Set(),
    unknownAttributeTags: new Set(),
    wrongAttributeTypes: new Set(),
  };
  for (const file of xmlFiles(vectorsDir)) {
    f.files++;
    for (const el of elements(readFileSync(file, "utf8"))) {
      if (el.name === "KMIP") continue;
      f.elements++;
      const tag = tagByName(el.name);
      if (tag === undefined) {
        f.unknownElements.add(el.name);
        continue;
      }
      const valueTag = tag === Tag.AttributeValue ? attributeValueTag(el) : tag;
      if (el.type === "Enumeration" && el.value !== undefined) {
        f.enumerations++;
        if (valueTag === undefined || enumValue(valueTag, el.value) === undefined) {
          f.unknownEnums.add(`${el.name}=${el.value}`);
        }
      }
      // Integers written as names (masks); numbers and "$PLACEHOLDER" values are left to the codec.
      if (el.type === "Integer" && el.value !== undefined && /^[A-Za-z]/.test(el.value)) {
        f.masks++;
        const mask = valueTag === undefined ? undefined : maskByTag.get(valueTag);
        if (mask === undefined || maskValue(mask, el.value) === undefined) f.unknownMasks.add(`${el.name}=${el.value}`);
      }
      if (el.name === "AttributeName" && el.value !== undefined && el.parent?.name === "Attribute") {
        const vendor = el.parent.children.some((s) => s.name === "VendorIdentification");
        if (!vendor && !isCustomName(el.value)) {
          f.attributeNames++;
          if (attributeByName(el.value) === undefined) f.unknownAttributeNames.add(el.value);
        }
      }
      if (el.parent && attributeContainers.has(el.parent.name) && el.name !== "Attribute") {
        const def = attributeByTag(tag);
        if (def === undefined) f.unknownAttributeTags.add(el.name);
        else if (el.type !== undefined && el.type !== itemTypeNames[def.type] && tag !== Tag.UniqueIdentifier) {
          f.wrongAttributeTypes.add(`${el.name}: ${el.type} (table: ${itemTypeNames[def.type]})`);
        }
      }
    }
  }
  return f;
}

const list = (s: ReadonlySet<string>) => [...s].sort().join(", ");

describe.skipIf(!existsSync(vectorsDir))("every name in the official XML test vectors resolves", () => {
  const f = scanVectors();

  it("scans all vector files (v1.4 and v2.1)", () => {
    expect(f.files).toBeGreaterThanOrEqual(150);
    expect(f.elements).toBeGreaterThan(10_000);
    expect(f.enumerations).toBeGreaterThan(1_000);
    expect(f.masks).toBeGreaterThan(100);
    expect(f.attributeNames).toBeGreaterThan(500);
  });
  it("element names", () => {
    expect(f.unknownElements.size, `unknown element names: ${list(f.unknownElements)}`).toBe(0);
  });
  it("Enumeration values (AttributeValue via its Attribute Name)", () => {
    expect(f.unknownEnums.size, `unknown enumeration values: ${list(f.unknownEnums)}`).toBe(0);
  });
  it("mask flag names", () => {
    expect(f.unknownMasks.size, `unknown mask names: ${list(f.unknownMasks)}`).toBe(0);
  });
  it("1.x Attribute Names", () => {
    expect(f.unknownAttributeNames.size, `unknown attribute names: ${list(f.unknownAttributeNames)}`).toBe(0);
  });
  it("2.x attribute elements are attributes of the right type", () => {
    expect(
      f.unknownAttributeTags.size,
      `elements in Attributes that are not attributes: ${list(f.unknownAttributeTags)}`,
    ).toBe(0);
    expect(
      f.wrongAttributeTypes.size,
      `attribute elements whose type differs from the table: ${list(f.wrongAttributeTypes)}`,
    ).toBe(0);
  });
});

describe("tags", () => {
  it("match the specification tables", () => {
    expect(Tag.ActivationDate).toBe(0x420001);
    expect(Tag.AttributeIndex).toBe(0x420009); // 1.x only, "(Reserved)" in 2.x
    expect(Tag.RequestMessage).toBe(0x420078);
    expect(Tag.ResponseMessage).toBe(0x42007b);
    expect(Tag.ProtocolVersionMajor).toBe(0x42006a);
    expect(Tag.UniqueIdentifier).toBe(0x420094);
    expect(Tag.CryptographicUsageMask).toBe(0x42002c);
    expect(Tag.X_509CertificateIdentifier).toBe(0x4200b5);
    expect(Tag.PKCS_12FriendlyName).toBe(0x4200fb);
    expect(Tag.Attributes).toBe(0x420125);
    expect(Tag.AttributeReference).toBe(0x42013b);
    expect(Tag.RotateLatest).toBe(0x420172);
    expect(Tag.AsynchronousCorrelationValues).toBe(0x420176);
  });
  it("are unique and in the standard range", () => {
    const values = Object.values(Tag);
    expect(new Set(values).size).toBe(values.length);
    for (const v of values) expect(v >>> 16, tagName(v)).toBe(0x42);
  });
  it("round-trip name <-> value", () => {
    for (const [name, value] of Object.entries(Tag)) {
      expect(tagName(value)).toBe(name);
      expect(tagByName(name)).toBe(value);
    }
  });
  it("use the hex form for tags without a name", () => {
    expect(tagName(0x540001)).toBe("0x540001");
    expect(tagName(0x4200ff + 0x1000)).toBe("0x4210FF");
    expect(tagByName("0x540001")).toBe(0x540001);
    expect(tagByName("0x42000a")).toBe(Tag.AttributeName);
    expect(tagByName("NoSuchTag")).toBeUndefined();
    expect(tagByName("0x5400011")).toBeUndefined();
  });
});

describe("enumerations", () => {
  it("match the specification tables", () => {
    expect(Operation.Create).toBe(1);
    expect(Operation.DiscoverVersions).toBe(0x1e);
    expect(Operation.ReKeyKeyPair).toBe(0x1d);
    expect(Operation.PKCS_11).toBe(0x33);
    expect(ResultReason.ItemNotFound).toBe(1);
    expect(ResultReason.GeneralFailure).toBe(0x100);
    expect(ObjectType.SymmetricKey).toBe(2);
    expect(ObjectType.Template).toBe(6); // 1.x only
    expect(ObjectType.CertificateRequest).toBe(10);
    expect(State.PreActive).toBe(1);
    expect(State.DestroyedCompromised).toBe(6);
    expect(CryptographicAlgorithm.DES3).toBe(2);
    expect(CryptographicAlgorithm.HMAC_SHA256).toBe(9);
    expect(HashingAlgorithm.SHA_256).toBe(6);
    expect(KeyFormatType.PKCS_1).toBe(3);
    expect(KeyFormatType.TransparentSymmetricKey).toBe(7);
    expect(BatchErrorContinuationOption.Undo).toBe(3);
  });
  it("map every enumeration-typed tag to its table", () => {
    expect(enumByTag.get(Tag.ObjectType)?.name).toBe("ObjectType");
    expect(enumByTag.get(Tag.MaskGeneratorHashingAlgorithm)?.name).toBe("HashingAlgorithm");
    expect(enumByTag.get(Tag.AttributeReference)?.name).toBe("Tag");
    expect(enumByTag.get(Tag.UniqueIdentifier)?.name).toBe("UniqueIdentifier");
    expect(enumByTag.has(Tag.CryptographicUsageMask)).toBe(false);
    expect(enumByTag.has(Tag.Name)).toBe(false);
    expect(enumName(Tag.AttributeReference, Tag.CryptographicAlgorithm)).toBe("CryptographicAlgorithm");
  });
  it("round-trip name <-> value in every table", () => {
    for (const table of enumTables.values()) {
      for (const [name, value] of table.byName) {
        const preferred = table.byValue.get(value);
        expect(preferred, `${table.name}.${name}`).toBeDefined();
        expect(table.byName.get(preferred as string)).toBe(value);
      }
      for (const [value, name] of table.byValue) expect(table.byName.get(name)).toBe(value);
    }
    for (const [tag, table] of enumByTag) {
      for (const [value, name] of table.byValue) {
        expect(enumName(tag, value)).toBe(name);
        expect(enumValue(tag, name)).toBe(value);
      }
    }
  });
  it("accept both spellings where the specifications differ, preferring the vectors'", () => {
    expect(MaskGenerator.MGF1).toBe(1);
    expect(enumName(Tag.MaskGenerator, 1)).toBe("MGF1");
    expect(enumValue(Tag.MaskGenerator, "MFG1")).toBe(1); // KMIP 2.1 §11.30 spelling
    expect(enumValue(Tag.PKCS_11ReturnCode, "CKR_OK")).toBe(0);
    expect(enumName(Tag.PKCS_11ReturnCode, 0)).toBe("OK");
    expect(enumName(Tag.PKCS_11Function, 1)).toBe("C_Initialize");
  });
  it("accept hex values and reject unknown names", () => {
    expect(enumValue(Tag.OpaqueDataType, "0x80000001")).toBe(0x80000001);
    expect(enumValue(Tag.State, "NoSuchState")).toBeUndefined();
    expect(enumValue(Tag.Name, "SymmetricKey")).toBeUndefined();
    expect(enumName(Tag.State, 0x7fffffff)).toBeUndefined();
  });
});

describe("masks", () => {
  const usage = maskByTag.get(Tag.CryptographicUsageMask);
  it("match the specification tables", () => {
    expect(CryptographicUsageMask.Sign).toBe(0x1);
    expect(CryptographicUsageMask.MACVerify).toBe(0x100);
    expect(CryptographicUsageMask.CRLSign).toBe(0x2000);
    expect(CryptographicUsageMask.TranslateUnwrap).toBe(0x80000); // 1.x only
    expect(CryptographicUsageMask.Authenticate).toBe(0x100000);
    expect(CryptographicUsageMask.FPEDecrypt).toBe(0x800000);
    expect(maskByTag.get(Tag.ProtectionStorageMask)?.bits.get("Software")).toBe(1);
    expect(maskByTag.get(Tag.StorageStatusMask)?.bits.get("ArchivalStorage")).toBe(2);
  });
  it("parse names in any order and write them in bit order", () => {
    if (usage === undefined) throw new Error("no Cryptographic Usage Mask table");
    expect(maskValue(usage, "Decrypt Encrypt")).toBe(0xc);
    expect(maskValue(usage, "Encrypt|Decrypt")).toBe(0xc);
    expect(maskValue(usage, "Sign 0x80000000")).toBe(0x80000001);
    expect(maskValue(usage, "Encrypt Bogus")).toBeUndefined();
    expect(maskValue(usage, "")).toBeUndefined();
    expect(maskText(usage, 0xc)).toBe("Encrypt Decrypt");
    expect(maskText(usage, 0x80000001)).toBe("Sign 0x80000000");
    expect(maskValue(usage, "ContentCommitment")).toBe(0x400);
    expect(maskText(usage, 0x400)).toBe("ContentCommitmentNonRepudiation");
  });
  it("round-trip every flag", () => {
    for (const table of maskTables.values()) {
      for (const [name, bit] of table.bits) {
        expect(maskText(table, bit)).toBe(name);
        expect(maskValue(table, name)).toBe(bit);
      }
    }
  });
});

describe("attribute definitions", () => {
  const get = (name: string) => {
    const def = attributeByName(name);
    if (def === undefined) throw new Error(`no attribute ${name}`);
    return def;
  };
  it("follow the specification rules tables", () => {
    const state = get("State");
    expect(state.tag).toBe(Tag.State);
    expect(state.type).toBe(ItemType.Enumeration);
    expect(state.setBy).toBe("server");
    expect(state.clientModifiable).toBe(false);
    expect(state.serverModifiable).toBe(true);

    const name = get("Name");
    expect(name.multiInstance).toBe(true);
    expect(name.clientModifiable).toBe(true);
    expect(name.clientDeletable).toBe(true);
    expect(name.type).toBe(ItemType.Structure);

    const alg = get("Cryptographic Algorithm");
    expect(alg.clientModifiable).toBe(false);
    expect(alg.clientDeletable).toBe(false);
    expect(alg.clientSettable).toBe(true); // supplied in Create/Register, then fixed

    expect(get("Object Group").multiInstance).toBe(true);
    expect(get("Unique Identifier").clientSettable).toBe(false);
    expect(get("Activation Date").setBy).toBe("both");
    expect(get("Cryptographic Usage Mask").type).toBe(ItemType.Integer);
    expect(get("Lease Time").type).toBe(ItemType.Interval);
    expect(get("Short Unique Identifier").type).toBe(ItemType.ByteString);
  });
  it("record versions", () => {
    expect(get("Operation Policy Name").until).toBe("2.0");
    expect(get("Certificate Identifier").until).toBe("2.0");
    expect(get("Fresh").since).toBe("1.1");
    expect(get("Sensitive").since).toBe("1.4");
    expect(get("Quantum Safe").since).toBe("2.0");
    expect(get("Rotate Interval").since).toBe("2.1");
    expect(get("Name").until).toBeUndefined();
  });
  it("are found by tag, the current definition first", () => {
    expect(attributeByTag(Tag.CertificateSubjectCN)?.name).toBe("Certificate Subject CN");
    expect(attributeByTag(Tag.Attribute)?.name).toBe("Vendor Attribute");
    expect(attributeByTag(Tag.RequestMessage)).toBeUndefined();
    for (const def of attributeDefs) {
      expect(tagName(def.tag), def.name).not.toMatch(/^0x/);
      if (def.until === undefined) expect(attributeByTag(def.tag), def.name).toBe(def);
    }
    expect(new Set(attributeDefs.map((a) => a.name)).size).toBe(attributeDefs.length);
  });
});
