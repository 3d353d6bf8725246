import { createCipheriv, randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attr, type KmipClient } from "../../src/client/kmip-client.js";
import type { Attr } from "../../src/kmip/attributes/attribute.js";
import { encodeAttribute2 } from "../../src/kmip/attributes/attribute-wire.js";
import { req } from "../../src/kmip/read.js";
import { decodeAttrs } from "../../src/kms/object-repo.js";
import { RotationScheduler, rotateDueKeys } from "../../src/kms/rotation/scheduler.js";
import type { Store } from "../../src/store/store.js";
import {
  BlockCipherMode,
  CryptographicAlgorithm,
  LinkType,
  ObjectType,
  Operation,
  PaddingMethod,
  ResultReason,
  RotateNameType,
  State,
} from "../../src/ttlv/enums.js";
import { type StructureItem, ttlv } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";
import { createTestDb, type TestDb } from "../store/dialects.js";
import { type Harness, startHarness } from "../support/custos-harness.js";

const V21 = { major: 2, minor: 1 } as const;
const nowSec = () => Math.floor(Date.now() / 1000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A rotation policy: rotate every `interval` seconds, the replacement active at once (Rotate Offset 0). */
function policy(interval: number, activation: number, deactivation: number): Attr[] {
  return [
    { name: "Activation Date", value: ttlv.date(Tag.ActivationDate, BigInt(activation)) },
    { name: "Deactivation Date", value: ttlv.date(Tag.DeactivationDate, BigInt(deactivation)) },
    { name: "Rotate Automatic", value: ttlv.bool(Tag.RotateAutomatic, true) },
    { name: "Rotate Interval", value: ttlv.interval(Tag.RotateInterval, interval) },
    { name: "Rotate Offset", value: ttlv.interval(Tag.RotateOffset, 0) },
  ];
}

function links(attrs: readonly Attr[], type: number): string[] {
  return attrs
    .filter((a) => a.name === "Link" && req.enum(a.value as StructureItem, Tag.LinkType) === type)
    .map((a) => req.text(a.value as StructureItem, Tag.LinkedObjectIdentifier));
}

function value(attrs: readonly Attr[], name: string): unknown {
  const v = attrs.find((a) => a.name === name)?.value;
  return v?.type === 9 ? Number(v.value) : v?.value;
}

/** AES-256-CBC ciphertext made by node:crypto, to be decrypted by custos. */
function cbcEncrypt(key: Uint8Array, iv: Buffer, plain: Buffer): Buffer {
  const c = createCipheriv("aes-256-cbc", key, iv);
  return Buffer.concat([c.update(plain), c.final()]);
}

async function kmipDecrypt(c: KmipClient, id: string, iv: Buffer, data: Buffer): Promise<Buffer> {
  const p = await c.call(Operation.Decrypt, [
    ttlv.text(Tag.UniqueIdentifier, id),
    ttlv.struct(Tag.CryptographicParameters, [
      ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.CBC),
      ttlv.enum(Tag.PaddingMethod, PaddingMethod.PKCS5),
    ]),
    ttlv.bytes(Tag.Data, data),
    ttlv.bytes(Tag.IVCounterNonce, iv),
  ]);
  return Buffer.from(req.bytes(p, Tag.Data));
}

async function kmipEncrypt(c: KmipClient, id: string): Promise<void> {
  await c.call(Operation.Encrypt, [
    ttlv.text(Tag.UniqueIdentifier, id),
    ttlv.struct(Tag.CryptographicParameters, [
      ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.CBC),
      ttlv.enum(Tag.PaddingMethod, PaddingMethod.PKCS5),
    ]),
    ttlv.bytes(Tag.Data, Buffer.from("x")),
  ]);
}

/** Ids of the objects holding a Replaced Object Link to `oldId`. */
async function replacementsOf(store: Store, oldId: string): Promise<string[]> {
  const all = await store.findObjects({});
  const out: string[] = [];
  for (const rec of all) {
    if (links(decodeAttrs(rec.attributes).all(), LinkType.ReplacedObjectLink).includes(oldId)) out.push(rec.id);
  }
  return out;
}

describe("automatic rotation (KMIP 2.1 §4.48-4.54)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it("rotates a due key once, with Re-key semantics, audited as rotation.Rotate by custos", async () => {
    const c = await h.client("admin", V21);
    const t0 = nowSec();
    const name = `rotating-${Date.now()}`;
    const rotateName: Attr = {
      name: "Rotate Name",
      value: ttlv.struct(Tag.RotateName, [
        ttlv.text(Tag.RotateNameValue, name),
        ttlv.enum(Tag.RotateNameType, RotateNameType.UninterpretedTextString),
      ]),
    };
    const oldId = await c.create({
      algorithm: CryptographicAlgorithm.AES,
      length: 256,
      name,
      attributes: [...policy(2, t0 - 1, t0 + 3600), rotateName],
    });
    const store = h.custos.store;
    // Not yet due: now - Initial Date < Rotate Interval.
    expect((await rotateDueKeys({ store })).rotated.size).toBe(0);
    const later = Date.now() + 2500;
    const first = await rotateDueKeys({ store, clock: () => later });
    const newId = first.rotated.get(oldId);
    expect(newId).toBeDefined();
    // A second pass at the same time finds nothing due: the old key stopped rotating, the new one is young.
    const second = await rotateDueKeys({ store, clock: () => later });
    expect(second.rotated.has(oldId)).toBe(false);
    expect(second.rotated.has(newId!)).toBe(false);
    expect(await replacementsOf(store, oldId)).toEqual([newId]);

    const oldAttrs = await c.getAttributes(oldId);
    const newAttrs = await c.getAttributes(newId!);
    expect(links(oldAttrs, LinkType.ReplacementObjectLink)).toEqual([newId]);
    expect(links(newAttrs, LinkType.ReplacedObjectLink)).toEqual([oldId]);
    expect(value(newAttrs, "Rotate Generation")).toBe(1);
    expect(value(newAttrs, "Rotate Latest")).toBe(true);
    expect(value(newAttrs, "Rotate Automatic")).toBe(true);
    expect(value(newAttrs, "Rotate Interval")).toBe(2);
    expect(value(oldAttrs, "Rotate Latest")).toBe(false);
    expect(value(oldAttrs, "Rotate Automatic")).toBe(false);
    expect(value(oldAttrs, "Rotate Date")).toBe(Math.floor(later / 1000));
    expect(await c.locate({ attributes: [attr.name(name)] })).toEqual([newId]);
    // Every generation keeps the Rotate Name; Rotate Latest marks the current one.
    expect((await c.locate({ attributes: [rotateName] })).sort()).toEqual([oldId, newId!].sort());
    const latest: Attr = { name: "Rotate Latest", value: ttlv.bool(Tag.RotateLatest, true) };
    expect(await c.locate({ attributes: [rotateName, latest] })).toEqual([newId]);
    // Rotate Offset 0: AT2 = IT2, DT2 = DT1 + (AT2 - AT1).
    const it2 = value(newAttrs, "Initial Date") as number;
    expect(it2).toBe(Math.floor(later / 1000));
    expect(value(newAttrs, "Activation Date")).toBe(it2);
    expect(value(newAttrs, "Deactivation Date")).toBe(t0 + 3600 + (it2 - (t0 - 1)));

    for (const id of [oldId, newId!]) {
      const audit = await store.listAudit({ objectId: id });
      expect(audit.map((a) => [a.action, a.actor])).toContainEqual(["rotation.Rotate", "custos"]);
    }
    // The replacement rotates in its turn, one interval after its own Initial Date.
    const third = await rotateDueKeys({ store, clock: () => later + 2000 });
    expect(third.rotated.has(newId!)).toBe(true);
    const gen2 = await c.getAttributes(third.rotated.get(newId!)!, ["Rotate Generation"]);
    expect(value(gen2, "Rotate Generation")).toBe(2);
  });

  it("rotates a key pair through its Private Key, as Re-key Key Pair", async () => {
    const c = await h.client("admin", V21);
    const t0 = nowSec();
    const common = [
      attr.algorithm(CryptographicAlgorithm.ECDSA),
      attr.length(256),
      attr.usageMask(0x01 | 0x02),
      ...policy(2, t0 - 1, t0 + 3600),
    ];
    const p = await c.call(Operation.CreateKeyPair, [ttlv.struct(Tag.CommonAttributes, common.map(encodeAttribute2))]);
    const oldPriv = req.text(p, Tag.PrivateKeyUniqueIdentifier);
    const oldPub = req.text(p, Tag.PublicKeyUniqueIdentifier);
    const pass = await rotateDueKeys({ store: h.custos.store, clock: () => Date.now() + 2500 });
    const newPriv = pass.rotated.get(oldPriv);
    expect(newPriv).toBeDefined();
    expect(pass.rotated.has(oldPub)).toBe(false);
    const privAttrs = await c.getAttributes(newPriv!);
    const [newPub] = links(privAttrs, LinkType.PublicKeyLink);
    expect(links(privAttrs, LinkType.ReplacedObjectLink)).toEqual([oldPriv]);
    expect(links(await c.getAttributes(newPub!), LinkType.ReplacedObjectLink)).toEqual([oldPub]);
    expect(links(await c.getAttributes(oldPub), LinkType.ReplacementObjectLink)).toEqual([newPub]);
    expect(value(await c.getAttributes(oldPub), "Rotate Automatic")).toBe(false);
    expect(value(privAttrs, "Rotate Generation")).toBe(1);
  });

  it("keeps the old key usable for Decrypt until its Deactivation Date, then Deactivated", async () => {
    const c = await h.client("admin", V21);
    const t0 = nowSec();
    const oldId = await c.create({
      algorithm: CryptographicAlgorithm.AES,
      length: 256,
      usageMask: 0x04 | 0x08,
      attributes: policy(1, t0 - 1, t0 + 3),
    });
    const key = (await c.get(oldId)).material;
    const iv = randomBytes(16);
    const plain = Buffer.from("encrypted before the rotation");
    const ciphertext = cbcEncrypt(key, iv, plain);
    const pass = await rotateDueKeys({ store: h.custos.store, clock: () => Date.now() + 1500 });
    const newId = pass.rotated.get(oldId);
    expect(newId).toBeDefined();
    // Still before DT1: the old key is Active and decrypts.
    expect(value(await c.getAttributes(oldId, ["State"]), "State")).toBe(State.Active);
    expect(await kmipDecrypt(c, oldId, iv, ciphertext)).toEqual(plain);
    await sleep((t0 + 4) * 1000 - Date.now());
    // After DT1: Deactivated; it no longer protects but still processes (KMIP 1.4 §3.22).
    expect(value(await c.getAttributes(oldId, ["State"]), "State")).toBe(State.Deactivated);
    await expect(kmipEncrypt(c, oldId)).rejects.toMatchObject({ resultReason: ResultReason.WrongKeyLifecycleState });
    expect(await kmipDecrypt(c, oldId, iv, ciphertext)).toEqual(plain);
    // The replacement (DT2 = DT1 + (AT2 - AT1)) is still Active.
    expect(value(await c.getAttributes(newId!, ["State"]), "State")).toBe(State.Active);
  });

  it("rotates once when two passes race on one store", async () => {
    const c = await h.client("admin", V21);
    const t0 = nowSec();
    const ids: string[] = [];
    for (let i = 0; i < 6; i++) {
      ids.push(
        await c.create({ algorithm: CryptographicAlgorithm.AES, length: 128, attributes: policy(1, t0, t0 + 99) }),
      );
    }
    const clock = () => Date.now() + 1500;
    const failures: unknown[] = [];
    const onError = (_id: string, err: unknown) => failures.push(err);
    const [a, b] = await Promise.all([
      rotateDueKeys({ store: h.custos.store, clock, onError }),
      rotateDueKeys({ store: h.custos.store, clock, onError }),
    ]);
    expect(failures).toEqual([]);
    for (const id of ids) {
      expect(Number(a.rotated.has(id)) + Number(b.rotated.has(id)), id).toBe(1);
      expect(await replacementsOf(h.custos.store, id)).toHaveLength(1);
    }
  });
});

describe("automatic rotation with two custos nodes on one PostgreSQL database", () => {
  let db: TestDb;
  let n1: Harness;
  let n2: Harness;
  beforeAll(async () => {
    db = await createTestDb("postgres");
    if (db.config.kind !== "postgres") throw new Error("expected PostgreSQL");
    const store = { kind: "postgres", url: db.config.url, poolSize: 10 } as const;
    n1 = await startHarness({ store });
    // A second node: its own data folder and listener, the same database and master key.
    n2 = await startHarness({ store, tweak: (c) => ({ ...c, masterKeyFile: n1.custos.config.masterKeyFile }) });
  }, 30_000);
  afterAll(async () => {
    await n1?.stop();
    await n2?.stop();
    await db?.destroy();
  });

  it("rotates each due key exactly once when both nodes run their passes at the same time", async () => {
    const c = await n1.client("admin", V21);
    const t0 = nowSec();
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      ids.push(
        await c.create({ algorithm: CryptographicAlgorithm.AES, length: 256, attributes: policy(1, t0, t0 + 99) }),
      );
    }
    const clock = () => Date.now() + 1500;
    const failures: unknown[] = [];
    const onError = (_id: string, err: unknown) => failures.push(err);
    const [a, b] = await Promise.all([
      rotateDueKeys({ store: n1.custos.store, clock, onError }),
      rotateDueKeys({ store: n2.custos.store, clock, onError }),
    ]);
    expect(failures).toEqual([]);
    for (const id of ids) {
      expect(Number(a.rotated.has(id)) + Number(b.rotated.has(id)), id).toBe(1);
      expect(await replacementsOf(n1.custos.store, id)).toHaveLength(1);
    }
    // 10 old keys and 10 replacements, nothing more.
    expect(await n1.custos.store.findObjectIds({ objectTypes: [ObjectType.SymmetricKey] })).toHaveLength(20);
    const audit = await n1.custos.store.listAudit({ limit: 1000 });
    expect(audit.filter((e) => e.action === "rotation.Rotate")).toHaveLength(20);
    expect(await n1.custos.store.verifyAudit()).toBeUndefined();
    // Both nodes serve the replacement (same database, same master key).
    const c2 = await n2.client("admin", V21);
    const firstNew = a.rotated.get(ids[0]!) ?? b.rotated.get(ids[0]!);
    expect((await c2.get(firstNew!)).material).toHaveLength(32);
  });

  it("rotates exactly once with both nodes' schedulers running", async () => {
    const c = await n2.client("admin", V21);
    const t0 = nowSec();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push(
        await c.create({
          algorithm: CryptographicAlgorithm.AES,
          length: 128,
          attributes: policy(3600, t0, t0 + 99_999),
        }),
      );
    }
    // The schedulers run on a clock one hour ahead, so these keys are due at their first tick; the
    // replacements (Initial Date = that clock) are not due again for an hour.
    const clock = () => Date.now() + 3_600_000;
    const failures: unknown[] = [];
    const onError = (_id: string, err: unknown) => failures.push(err);
    const s1 = new RotationScheduler({ store: n1.custos.store, clock, intervalMs: 25, onError });
    const s2 = new RotationScheduler({ store: n2.custos.store, clock, intervalMs: 25, onError });
    s1.start();
    s2.start();
    const deadline = Date.now() + 10_000;
    try {
      while (Date.now() < deadline) {
        const done = await Promise.all(ids.map(async (id) => (await replacementsOf(n1.custos.store, id)).length));
        if (done.every((n) => n > 0)) break;
        await sleep(50);
      }
      await sleep(200); // more ticks of both schedulers: nothing may be rotated twice
    } finally {
      await s1.stop();
      await s2.stop();
    }
    expect(failures).toEqual([]);
    for (const id of ids) expect(await replacementsOf(n1.custos.store, id)).toHaveLength(1);
  });
});
