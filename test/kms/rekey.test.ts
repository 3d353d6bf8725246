import { createHash, createPrivateKey, createPublicKey, sign, verify } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attr, type KmipClient } from "../../src/client/kmip-client.js";
import type { Attr } from "../../src/kmip/attributes/attribute.js";
import { encodeAttribute1, encodeAttribute2 } from "../../src/kmip/attributes/attribute-wire.js";
import { req } from "../../src/kmip/read.js";
import type { ProtocolVersion } from "../../src/kmip/version.js";
import {
  CryptographicAlgorithm,
  KeyFormatType,
  LinkType,
  ObjectType,
  Operation,
  ResultReason,
  ResultStatus,
  State,
} from "../../src/ttlv/enums.js";
import { type StructureItem, type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";
import { type Harness, startHarness } from "../support/custos-harness.js";

const V14: ProtocolVersion = { major: 1, minor: 4 };
const V21: ProtocolVersion = { major: 2, minor: 1 };
const nowSec = () => Math.floor(Date.now() / 1000);
const date = (name: string, tag: number, sec: number): Attr => ({ name, value: ttlv.date(tag, BigInt(sec)) });

async function rekey(
  c: KmipClient,
  id: string,
  o: { offset?: number; attributes?: readonly Attr[] } = {},
): Promise<string> {
  const payload: TtlvItem[] = [ttlv.text(Tag.UniqueIdentifier, id)];
  if (o.offset !== undefined) payload.push(ttlv.interval(Tag.Offset, o.offset));
  payload.push(...c.encodeAttributes(o.attributes ?? []));
  const p = await c.call(Operation.ReKey, payload);
  return req.text(p, Tag.UniqueIdentifier);
}

/** A Template-Attribute (1.x, `tag1`) or Attributes (2.x, `tag2`) structure of `attrs`. */
function box(c: KmipClient, tag1: number, tag2: number, attrs: readonly Attr[]): TtlvItem {
  return c.version.major >= 2
    ? ttlv.struct(tag2, attrs.map(encodeAttribute2))
    : ttlv.struct(
        tag1,
        attrs.map((a) => encodeAttribute1(a, undefined)),
      );
}

async function createKeyPair(
  c: KmipClient,
  common: readonly Attr[],
  privateOnly: readonly Attr[] = [],
  publicOnly: readonly Attr[] = [],
): Promise<{ priv: string; pub: string }> {
  const p = await c.call(Operation.CreateKeyPair, [
    box(c, Tag.CommonTemplateAttribute, Tag.CommonAttributes, common),
    box(c, Tag.PrivateKeyTemplateAttribute, Tag.PrivateKeyAttributes, privateOnly),
    box(c, Tag.PublicKeyTemplateAttribute, Tag.PublicKeyAttributes, publicOnly),
  ]);
  return { priv: req.text(p, Tag.PrivateKeyUniqueIdentifier), pub: req.text(p, Tag.PublicKeyUniqueIdentifier) };
}

async function rekeyKeyPair(
  c: KmipClient,
  privateId: string,
  offset?: number,
  templates: { priv?: readonly Attr[]; pub?: readonly Attr[] } = {},
): Promise<{ priv: string; pub: string }> {
  const payload: TtlvItem[] = [ttlv.text(Tag.PrivateKeyUniqueIdentifier, privateId)];
  if (offset !== undefined) payload.push(ttlv.interval(Tag.Offset, offset));
  if (templates.priv !== undefined) {
    payload.push(box(c, Tag.PrivateKeyTemplateAttribute, Tag.PrivateKeyAttributes, templates.priv));
  }
  if (templates.pub !== undefined) {
    payload.push(box(c, Tag.PublicKeyTemplateAttribute, Tag.PublicKeyAttributes, templates.pub));
  }
  const p = await c.call(Operation.ReKeyKeyPair, payload);
  return { priv: req.text(p, Tag.PrivateKeyUniqueIdentifier), pub: req.text(p, Tag.PublicKeyUniqueIdentifier) };
}

function links(attrs: readonly Attr[]): { type: number; id: string }[] {
  return attrs
    .filter((a) => a.name === "Link")
    .map((a) => {
      const s = a.value as StructureItem;
      return { type: req.enum(s, Tag.LinkType), id: req.text(s, Tag.LinkedObjectIdentifier) };
    });
}

function dateOf(attrs: readonly Attr[], name: string): number | undefined {
  const v = attrs.find((a) => a.name === name)?.value;
  return v?.type === 9 ? Number(v.value) : undefined;
}

describe("Re-key (KMIP 1.4 §4.4 / 2.1 §6.1.46)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  for (const version of [V14, V21]) {
    const v = `${version.major}.${version.minor}`;

    it(`${v}: links old and new both ways, moves the Name, keeps algorithm/length, new material and Digest`, async () => {
      const c = await h.client("admin", version);
      const name = `rekey-${v}-${Date.now()}`;
      const oldId = await c.create({ algorithm: CryptographicAlgorithm.AES, length: 192, name });
      await c.activate(oldId);
      const newId = await rekey(c, oldId);
      expect(newId).not.toBe(oldId);

      const oldAttrs = await c.getAttributes(oldId);
      const newAttrs = await c.getAttributes(newId);
      expect(links(oldAttrs)).toContainEqual({ type: LinkType.ReplacementObjectLink, id: newId });
      expect(links(newAttrs)).toEqual([{ type: LinkType.ReplacedObjectLink, id: oldId }]);
      expect(oldAttrs.some((a) => a.name === "Name")).toBe(false);
      expect(await c.locate({ attributes: [attr.name(name)] })).toEqual([newId]);

      const oldKey = await c.get(oldId);
      const newKey = await c.get(newId);
      expect(newKey.algorithm).toBe(CryptographicAlgorithm.AES);
      expect(newKey.length).toBe(192);
      expect(newKey.material.length).toBe(24);
      expect(Buffer.from(newKey.material).equals(Buffer.from(oldKey.material))).toBe(false);
      const digest = newAttrs.find((a) => a.name === "Digest")?.value as StructureItem;
      expect(Buffer.from(req.bytes(digest, Tag.DigestValue))).toEqual(
        createHash("sha256").update(newKey.material).digest(),
      );
      // Activation Date copied (no Offset): the replacement is born Active.
      expect(dateOf(newAttrs, "Activation Date")).toBe(dateOf(oldAttrs, "Activation Date"));
      const [state] = await c.getAttributes(newId, ["State"]);
      expect(state?.value.value).toBe(State.Active);
      expect(dateOf(newAttrs, "Initial Date")).toBeGreaterThanOrEqual(dateOf(oldAttrs, "Initial Date")!);
      expect(newAttrs.find((a) => a.name === "Cryptographic Usage Mask")?.value.value).toBe(0x0c);

      const names = newAttrs.map((a) => a.name);
      if (version.major >= 2) {
        expect(newAttrs.find((a) => a.name === "Rotate Generation")?.value.value).toBe(1);
        expect(newAttrs.find((a) => a.name === "Rotate Latest")?.value.value).toBe(true);
        expect(oldAttrs.find((a) => a.name === "Rotate Latest")?.value.value).toBe(false);
      } else {
        expect(names).not.toContain("Rotate Generation");
      }
      const audit = await h.custos.store.listAudit({ objectId: newId });
      expect(audit.map((a) => [a.action, a.actor])).toContainEqual(["kmip.ReKey", "admin"]);
      expect((await h.custos.store.listAudit({ objectId: oldId })).map((a) => a.action)).toContain("kmip.ReKey");
    });

    it(`${v}: accepts the existing key's own Name for the replacement, which then holds it alone`, async () => {
      const c = await h.client("admin", version);
      const name = `same-name-${v}-${Date.now()}`;
      const oldId = await c.create({ algorithm: CryptographicAlgorithm.AES, length: 128, name });
      // The Name moves from the existing key to the replacement: giving it explicitly is no duplicate.
      const newId = await rekey(c, oldId, { attributes: [attr.name(name)] });
      expect((await c.getAttributes(oldId)).some((a) => a.name === "Name")).toBe(false);
      expect(await c.locate({ attributes: [attr.name(name)] })).toEqual([newId]);
      // Another live key's Name is still taken.
      const other = await c.create({ algorithm: CryptographicAlgorithm.AES, length: 128, name: `${name}-other` });
      await expect(rekey(c, newId, { attributes: [attr.name(`${name}-other`)] })).rejects.toMatchObject({
        resultReason: version.major >= 2 ? ResultReason.NonUniqueNameAttribute : ResultReason.InvalidField,
      });
      expect(await c.locate({ attributes: [attr.name(`${name}-other`)] })).toEqual([other]);
    });

    it(`${v}: sets the ID Placeholder to the replacement`, async () => {
      const c = await h.client("admin", version);
      const oldId = await c.create({ algorithm: CryptographicAlgorithm.AES, length: 128 });
      const results = await c.batch([
        { operation: Operation.ReKey, payload: [ttlv.text(Tag.UniqueIdentifier, oldId)] },
        { operation: Operation.Activate, payload: [] },
      ]);
      expect(results.map((r) => r.resultStatus)).toEqual([ResultStatus.Success, ResultStatus.Success]);
      const newId = req.text(results[0]!.payload!, Tag.UniqueIdentifier);
      expect(req.text(results[1]!.payload!, Tag.UniqueIdentifier)).toBe(newId);
    });

    it(`${v}: moves every date by an Offset (AT2 = IT2 + Offset, X2 = X1 + (AT2 - AT1))`, async () => {
      const c = await h.client("admin", version);
      const at1 = nowSec() - 100;
      const oldId = await c.create({
        algorithm: CryptographicAlgorithm.AES,
        length: 256,
        attributes: [
          date("Activation Date", Tag.ActivationDate, at1),
          date("Process Start Date", Tag.ProcessStartDate, at1 + 10),
          date("Protect Stop Date", Tag.ProtectStopDate, at1 + 1000),
          date("Deactivation Date", Tag.DeactivationDate, at1 + 2000),
        ],
      });
      const offset = 3600;
      const newId = await rekey(c, oldId, { offset });
      const a = await c.getAttributes(newId);
      const it2 = dateOf(a, "Initial Date")!;
      const at2 = dateOf(a, "Activation Date")!;
      expect(at2).toBe(it2 + offset);
      expect(dateOf(a, "Process Start Date")).toBe(at1 + 10 + (at2 - at1));
      expect(dateOf(a, "Protect Stop Date")).toBe(at1 + 1000 + (at2 - at1));
      expect(dateOf(a, "Deactivation Date")).toBe(at1 + 2000 + (at2 - at1));
      expect(a.find((x) => x.name === "State")?.value.value).toBe(State.PreActive);
      // The existing key keeps its own dates.
      const o = await c.getAttributes(oldId);
      expect(dateOf(o, "Deactivation Date")).toBe(at1 + 2000);
    });

    it(`${v}: refuses an Offset together with explicit dates (Invalid Message)`, async () => {
      const c = await h.client("admin", version);
      const oldId = await c.create({ algorithm: CryptographicAlgorithm.AES, length: 128 });
      await expect(
        rekey(c, oldId, { offset: 60, attributes: [date("Deactivation Date", Tag.DeactivationDate, nowSec() + 99)] }),
      ).rejects.toMatchObject({ resultReason: ResultReason.InvalidMessage });
    });

    it(`${v}: refuses an Offset that would move dates of a key without Activation Date`, async () => {
      const c = await h.client("admin", version);
      const oldId = await c.create({
        algorithm: CryptographicAlgorithm.AES,
        length: 128,
        attributes: [date("Deactivation Date", Tag.DeactivationDate, nowSec() + 9999)],
      });
      await expect(rekey(c, oldId, { offset: 60 })).rejects.toMatchObject({
        resultReason: version.major >= 2 ? ResultReason.InvalidField : ResultReason.IllegalOperation,
      });
      // Nothing was left behind: the key keeps no Replacement link.
      expect(links(await c.getAttributes(oldId))).toEqual([]);
    });

    it(`${v}: refuses objects that cannot be re-keyed`, async () => {
      const c = await h.client("admin", version);
      await expect(rekey(c, "no-such-object")).rejects.toMatchObject({
        resultReason: version.major >= 2 ? ResultReason.ObjectNotFound : ResultReason.ItemNotFound,
      });
      const secret = await c.register({ objectType: ObjectType.SecretData, material: Buffer.from("s3cret") });
      await expect(rekey(c, secret)).rejects.toMatchObject({
        resultReason: version.major >= 2 ? ResultReason.InvalidObjectType : ResultReason.PermissionDenied,
      });
      const gone = await c.create({ algorithm: CryptographicAlgorithm.AES, length: 128 });
      await c.destroy(gone);
      await expect(rekey(c, gone)).rejects.toMatchObject({ resultReason: ResultReason.KeyValueNotPresent });
    });

    it(`${v}: lets template attributes override copied ones but not the algorithm`, async () => {
      const c = await h.client("admin", version);
      const oldId = await c.create({
        algorithm: CryptographicAlgorithm.AES,
        length: 128,
        attributes: [attr.objectGroup("old-group")],
      });
      const newId = await rekey(c, oldId, { attributes: [attr.objectGroup("new-group")] });
      const groups = (await c.getAttributes(newId, ["Object Group"])).map((a) => a.value.value);
      expect(groups).toEqual(["new-group"]);
      await expect(
        rekey(c, newId, { attributes: [attr.algorithm(CryptographicAlgorithm.HMAC_SHA256)] }),
      ).rejects.toMatchObject({ resultReason: ResultReason.InvalidField });
    });

    it(`${v}: Re-key Key Pair replaces an RSA pair with a new linked pair of the same size`, async () => {
      const c = await h.client("admin", version);
      const name = `pair-${v}-${Date.now()}`;
      const old = await createKeyPair(
        c,
        [attr.algorithm(CryptographicAlgorithm.RSA), attr.length(2048), attr.usageMask(0x01 | 0x02)],
        [attr.name(name)],
      );
      const at1 = dateOf(await c.getAttributes(old.priv), "Initial Date")!;
      const fresh = await rekeyKeyPair(c, old.priv, 60);
      const privAttrs = await c.getAttributes(fresh.priv);
      const pubAttrs = await c.getAttributes(fresh.pub);
      expect(links(privAttrs)).toEqual(
        expect.arrayContaining([
          { type: LinkType.PublicKeyLink, id: fresh.pub },
          { type: LinkType.ReplacedObjectLink, id: old.priv },
        ]),
      );
      expect(links(pubAttrs)).toEqual(
        expect.arrayContaining([
          { type: LinkType.PrivateKeyLink, id: fresh.priv },
          { type: LinkType.ReplacedObjectLink, id: old.pub },
        ]),
      );
      expect(links(await c.getAttributes(old.priv))).toContainEqual({
        type: LinkType.ReplacementObjectLink,
        id: fresh.priv,
      });
      expect(links(await c.getAttributes(old.pub))).toContainEqual({
        type: LinkType.ReplacementObjectLink,
        id: fresh.pub,
      });
      // Names moved to the new halves; Activation Date = Initial Date + Offset.
      expect(await c.locate({ attributes: [attr.name(name)] })).toEqual([fresh.priv]);
      expect(dateOf(privAttrs, "Activation Date")).toBe(dateOf(privAttrs, "Initial Date")! + 60);
      expect(dateOf(privAttrs, "Initial Date")).toBeGreaterThanOrEqual(at1);
      // The new halves are a real, new RSA-2048 pair: a node:crypto signature by one verifies with the other.
      const priv = await c.get(fresh.priv, { keyFormatType: KeyFormatType.PKCS_1 });
      const pub = await c.get(fresh.pub, { keyFormatType: KeyFormatType.PKCS_1 });
      const oldPub = await c.get(old.pub, { keyFormatType: KeyFormatType.PKCS_1 });
      expect(Buffer.from(pub.material).equals(Buffer.from(oldPub.material))).toBe(false);
      const privKey = createPrivateKey({ key: Buffer.from(priv.material), format: "der", type: "pkcs1" });
      const pubKey = createPublicKey({ key: Buffer.from(pub.material), format: "der", type: "pkcs1" });
      expect(privKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
      const sig = sign("sha256", Buffer.from("rekey"), privKey);
      expect(verify("sha256", Buffer.from("rekey"), pubKey, sig)).toBe(true);
      // ID Placeholder = new Private Key.
      const [r] = await c
        .batch([
          { operation: Operation.ReKeyKeyPair, payload: [ttlv.text(Tag.PrivateKeyUniqueIdentifier, fresh.priv)] },
          { operation: Operation.GetAttributes, payload: [] },
        ])
        .then((rs) => [rs.map((x) => x.resultStatus), rs] as const);
      expect(r).toEqual([ResultStatus.Success, ResultStatus.Success]);
    });

    it(`${v}: Re-key Key Pair accepts each existing half's own Name for its replacement`, async () => {
      const c = await h.client("admin", version);
      const name = `same-pair-${v}-${Date.now()}`;
      const old = await createKeyPair(
        c,
        [attr.algorithm(CryptographicAlgorithm.ECDSA), attr.length(256), attr.usageMask(0x01 | 0x02)],
        [attr.name(`${name}-priv`)],
        [attr.name(`${name}-pub`)],
      );
      const fresh = await rekeyKeyPair(c, old.priv, undefined, {
        priv: [attr.name(`${name}-priv`)],
        pub: [attr.name(`${name}-pub`)],
      });
      expect(await c.locate({ attributes: [attr.name(`${name}-priv`)] })).toEqual([fresh.priv]);
      expect(await c.locate({ attributes: [attr.name(`${name}-pub`)] })).toEqual([fresh.pub]);
      for (const id of [old.priv, old.pub]) {
        expect((await c.getAttributes(id)).some((a) => a.name === "Name")).toBe(false);
      }
    });

    it(`${v}: Re-key Key Pair keeps the curve of an EC pair and refuses a Public Key`, async () => {
      const c = await h.client("admin", version);
      const old = await createKeyPair(c, [
        attr.algorithm(CryptographicAlgorithm.ECDSA),
        attr.length(384),
        attr.usageMask(0x01 | 0x02),
      ]);
      const fresh = await rekeyKeyPair(c, old.priv);
      const pub = await c.get(fresh.pub, { keyFormatType: KeyFormatType.X_509 });
      const key = createPublicKey({ key: Buffer.from(pub.material), format: "der", type: "spki" });
      expect(key.asymmetricKeyDetails?.namedCurve).toBe("secp384r1");
      await expect(rekeyKeyPair(c, old.pub)).rejects.toMatchObject({
        resultReason: version.major >= 2 ? ResultReason.InvalidObjectType : ResultReason.PermissionDenied,
      });
    });
  }

  it("gives the replacement to the existing key's owner when an administrator re-keys it", async () => {
    const admin = await startHarness({ admins: ["admin"] });
    try {
      const user = await admin.client("user");
      const oldId = await user.create({ algorithm: CryptographicAlgorithm.AES, length: 128 });
      const newId = await rekey(await admin.client("admin"), oldId);
      expect((await user.get(newId)).length).toBe(128);
    } finally {
      await admin.stop();
    }
  });
});
