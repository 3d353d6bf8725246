import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attr } from "../../src/client/kmip-client.js";
import { encodeAttribute1, encodeAttribute2 } from "../../src/kmip/attributes/attribute-wire.js";
import {
  CryptographicAlgorithm,
  KeyFormatType,
  ObjectType,
  Operation,
  QueryFunction,
  ResultReason,
} from "../../src/ttlv/enums.js";
import { ttlv } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";
import { type Harness, startHarness } from "../support/custos-harness.js";

const v14 = { major: 1, minor: 4 };
const v21 = { major: 2, minor: 1 };

describe("operations", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it("Query reports operations, objects, server information, profiles and capabilities", async () => {
    const c = await h.client();
    const p = await c.query([
      QueryFunction.QueryOperations,
      QueryFunction.QueryObjects,
      QueryFunction.QueryServerInformation,
      QueryFunction.QueryProfiles,
      QueryFunction.QueryCapabilities,
    ]);
    const ops = p.value.filter((v) => v.tag === Tag.Operation).map((v) => v.value);
    expect(ops).toEqual(expect.arrayContaining([Operation.Create, Operation.Locate, Operation.Query, Operation.Log]));
    // Every type Register stores, no more (PGP Key only from KMIP 1.2).
    const stored = [
      ObjectType.Certificate,
      ObjectType.SymmetricKey,
      ObjectType.PublicKey,
      ObjectType.PrivateKey,
      ObjectType.SplitKey,
      ObjectType.SecretData,
      ObjectType.OpaqueObject,
      ObjectType.PGPKey,
    ];
    expect(p.value.filter((v) => v.tag === Tag.ObjectType).map((v) => v.value)).toEqual(stored);
    expect(p.value.find((v) => v.tag === Tag.VendorIdentification)?.value).toBe("custos");
    expect(p.value.some((v) => v.tag === Tag.ProfileInformation)).toBe(true);
    expect(p.value.some((v) => v.tag === Tag.CapabilityInformation)).toBe(true);
    const old = await h.client("admin", { major: 1, minor: 2 });
    const p12 = await old.query([QueryFunction.QueryOperations, QueryFunction.QueryProfiles]);
    const p11 = await (await h.client("admin", { major: 1, minor: 1 })).query([QueryFunction.QueryObjects]);
    expect(p11.value.filter((v) => v.tag === Tag.ObjectType).map((v) => v.value)).toEqual(
      stored.filter((t) => t !== ObjectType.PGPKey),
    );
    expect(p12.value.filter((v) => v.tag === Tag.Operation).map((v) => v.value)).not.toContain(Operation.Log);
    expect(p12.value.some((v) => v.tag === Tag.ProfileInformation)).toBe(false);
  });

  it("Get serves a symmetric key as Raw or Transparent Symmetric Key", async () => {
    const c = await h.client();
    const material = Buffer.alloc(16, 7);
    const id = await c.register({
      objectType: ObjectType.SymmetricKey,
      material,
      algorithm: CryptographicAlgorithm.AES,
      length: 128,
    });
    expect(Buffer.from((await c.get(id, { keyFormatType: KeyFormatType.Raw })).material)).toEqual(material);
    const t = await c.get(id, { keyFormatType: KeyFormatType.TransparentSymmetricKey });
    expect(Buffer.from(t.material)).toEqual(material);
    await expect(c.get(id, { keyFormatType: KeyFormatType.PKCS_8 })).rejects.toMatchObject({
      resultReason: ResultReason.KeyFormatTypeNotSupported,
    });
  });

  it("Register refuses material that contradicts its attributes", async () => {
    const c = await h.client();
    await expect(
      c.register({
        objectType: ObjectType.SymmetricKey,
        material: Buffer.alloc(16),
        algorithm: CryptographicAlgorithm.AES,
        length: 256,
      }),
    ).rejects.toMatchObject({ resultReason: ResultReason.InvalidField });
    await expect(
      c.register({
        objectType: ObjectType.SymmetricKey,
        material: Buffer.alloc(16),
        algorithm: CryptographicAlgorithm.AES,
        length: 128,
        attributes: [attr.length(256)],
      }),
    ).rejects.toMatchObject({ resultReason: ResultReason.InvalidField });
  });

  it("never returns a Sensitive key in the clear", async () => {
    const c = await h.client();
    const id = await c.create({
      algorithm: CryptographicAlgorithm.AES,
      length: 256,
      attributes: [{ name: "Sensitive", value: ttlv.bool(Tag.Sensitive, true) }],
    });
    await expect(c.get(id)).rejects.toMatchObject({ resultReason: ResultReason.Sensitive });
    const [always] = await c.getAttributes(id, ["Always Sensitive"]);
    expect(always?.value.value).toBe(true);
  });

  it("Check compares the usage mask and empties the ID Placeholder on refusal", async () => {
    const c = await h.client();
    const id = await c.create({ algorithm: CryptographicAlgorithm.AES, length: 256, usageMask: 0x04 });
    await c.call(Operation.Check, [ttlv.text(Tag.UniqueIdentifier, id), ttlv.int(Tag.CryptographicUsageMask, 0x04)]);
    const [r1, r2] = await c.batch([
      {
        operation: Operation.Check,
        payload: [ttlv.text(Tag.UniqueIdentifier, id), ttlv.int(Tag.CryptographicUsageMask, 0x08)],
      },
      { operation: Operation.Get, payload: [] },
    ]);
    expect(r1?.resultReason).toBe(ResultReason.IncompatibleCryptographicUsageMask);
    expect(r2).toBeUndefined();
  });

  it("edits attributes in KMIP 1.4 (Attribute + index) and 2.1 (New/Current Attribute)", async () => {
    const c14 = await h.client("admin", v14);
    const id = await c14.create({ algorithm: CryptographicAlgorithm.AES, length: 128, name: "edit-1" });
    await c14.call(Operation.AddAttribute, [
      ttlv.text(Tag.UniqueIdentifier, id),
      encodeAttribute1(attr.name("edit-2"), undefined),
    ]);
    const mod = await c14.call(Operation.ModifyAttribute, [
      ttlv.text(Tag.UniqueIdentifier, id),
      encodeAttribute1(attr.name("edit-2b"), 1),
    ]);
    expect(mod.value.some((v) => v.tag === Tag.Attribute)).toBe(true);
    let names = (await c14.getAttributes(id, ["Name"])).map((a) => (a.value.type === 1 ? a.value.value[0]?.value : ""));
    expect(names).toEqual(["edit-1", "edit-2b"]);
    await c14.call(Operation.DeleteAttribute, [
      ttlv.text(Tag.UniqueIdentifier, id),
      ttlv.text(Tag.AttributeName, "Name"),
      ttlv.int(Tag.AttributeIndex, 0),
    ]);
    names = (await c14.getAttributes(id, ["Name"])).map((a) => (a.value.type === 1 ? a.value.value[0]?.value : ""));
    expect(names).toEqual(["edit-2b"]);

    const c21 = await h.client("admin", v21);
    await c21.call(Operation.ModifyAttribute, [
      ttlv.text(Tag.UniqueIdentifier, id),
      ttlv.struct(Tag.CurrentAttribute, [encodeAttribute2(attr.name("edit-2b"))]),
      ttlv.struct(Tag.NewAttribute, [encodeAttribute2(attr.name("edit-3"))]),
    ]);
    await c21.call(Operation.SetAttribute, [
      ttlv.text(Tag.UniqueIdentifier, id),
      ttlv.struct(Tag.NewAttribute, [{ tag: Tag.Description, type: 7, value: "a description" }]),
    ]);
    const got = await c21.getAttributes(id, ["Name", "Description"]);
    expect(got.map((a) => a.name)).toEqual(["Name", "Description"]);
    await expect(
      c21.call(Operation.SetAttribute, [
        ttlv.text(Tag.UniqueIdentifier, id),
        ttlv.struct(Tag.NewAttribute, [ttlv.enum(Tag.State, 2)]),
      ]),
    ).rejects.toMatchObject({ resultReason: ResultReason.AttributeReadOnly });
    await expect(
      c21.call(Operation.AddAttribute, [
        ttlv.text(Tag.UniqueIdentifier, id),
        ttlv.struct(Tag.NewAttribute, [attr.algorithm(CryptographicAlgorithm.AES).value]),
      ]),
    ).rejects.toMatchObject({ resultReason: ResultReason.AttributeSingleValued });
  });

  it("caps the instances of one attribute with Index Out of Bounds", async () => {
    const c = await h.client();
    const id = await c.create({ algorithm: CryptographicAlgorithm.AES, length: 128 });
    const add = (i: number) => ({
      operation: Operation.AddAttribute,
      payload: [
        ttlv.text(Tag.UniqueIdentifier, id),
        ttlv.struct(Tag.NewAttribute, [encodeAttribute2(attr.custom("x-tag", `v${i}`))]),
      ],
    });
    for (let start = 0; start < 256; start += 64) {
      const r = await c.batch(Array.from({ length: 64 }, (_, i) => add(start + i)));
      expect(r.every((x) => x.resultStatus === 0)).toBe(true);
    }
    const [over] = await c.batch([add(256)]);
    expect(over?.resultReason).toBe(ResultReason.IndexOutOfBounds);
    expect(await c.getAttributes(id, ["x-tag"])).toHaveLength(256);
  });

  it("Log writes the message to the audit trail; Interop answers empty", async () => {
    const c = await h.client();
    await c.call(Operation.Log, [ttlv.text(Tag.LogMessage, "hello auditors")]);
    const audit = await h.custos.store.listAudit({});
    expect(audit.some((a) => a.action === "kmip.Log" && a.details.message === "hello auditors")).toBe(true);
    const p = await c.call(Operation.Interop, [
      ttlv.enum(Tag.InteropFunction, 1),
      ttlv.text(Tag.InteropIdentifier, "x"),
    ]);
    expect(p.value).toEqual([]);
  });
});
