import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attr, type KmipClient } from "../../src/client/kmip-client.js";
import type { Attr } from "../../src/kmip/attributes/attribute.js";
import { encodeAttribute2 } from "../../src/kmip/attributes/attribute-wire.js";
import { req } from "../../src/kmip/read.js";
import { rotateDueKeys } from "../../src/kms/rotation/scheduler.js";
import { CryptographicAlgorithm, LinkType, Operation, ResultReason } from "../../src/ttlv/enums.js";
import { type StructureItem, ttlv } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";
import { type Harness, startHarness } from "../support/custos-harness.js";

const V21 = { major: 2, minor: 1 } as const;
const ALL = 0;
const denied = { resultReason: ResultReason.PermissionDenied };

async function rekey(c: KmipClient, id: string): Promise<string> {
  const p = await c.call(Operation.ReKey, [ttlv.text(Tag.UniqueIdentifier, id)]);
  return req.text(p, Tag.UniqueIdentifier);
}

async function createEcPair(c: KmipClient, extra: readonly Attr[] = []): Promise<{ priv: string; pub: string }> {
  const common = [
    attr.algorithm(CryptographicAlgorithm.ECDSA),
    attr.length(256),
    attr.usageMask(0x01 | 0x02),
    ...extra,
  ];
  const p = await c.call(Operation.CreateKeyPair, [ttlv.struct(Tag.CommonAttributes, common.map(encodeAttribute2))]);
  return { priv: req.text(p, Tag.PrivateKeyUniqueIdentifier), pub: req.text(p, Tag.PublicKeyUniqueIdentifier) };
}

/**
 * Access grants follow a key to its replacement: "admin" owns every key here (no server
 * administrators are configured), "user" is the grantee or the stranger, "carol" a grantee
 * without a client certificate.
 */
describe("grants are copied to the replacement of a re-keyed or rotated key", () => {
  let h: Harness;
  let owner: KmipClient;
  let user: KmipClient;
  beforeAll(async () => {
    h = await startHarness({ admins: [] });
    owner = await h.client("admin", V21);
    user = await h.client("user", V21);
  });
  afterAll(async () => {
    await h.stop();
  });

  it("Re-key: the grantee uses the replacement with the same operations, audited as access.Grant", async () => {
    const store = h.custos.store;
    const oldId = await owner.create({ algorithm: CryptographicAlgorithm.AES, length: 128 });
    await store.addGrant({ objectId: oldId, grantee: "user", operation: Operation.Get });
    await store.addGrant({ objectId: oldId, grantee: "user", operation: Operation.ReKey });
    await store.addGrant({ objectId: oldId, grantee: "carol", operation: ALL });
    // Before: the replacement does not exist, so nobody can have a grant on it.
    const newId = await rekey(user, oldId);
    expect(newId).not.toBe(oldId);
    expect((await user.get(newId)).length).toBe(128);
    // The same operations, no more: Get Attributes was never granted.
    await expect(user.getAttributes(newId)).rejects.toMatchObject(denied);
    const grants = await store.listGrants(newId);
    expect(grants.map((g) => [g.grantee, g.operation])).toEqual([
      ["carol", ALL],
      ["user", Operation.ReKey],
      ["user", Operation.Get],
    ]);
    const audit = (await store.listAudit({ objectId: newId })).filter((a) => a.action === "access.Grant");
    expect(audit.map((a) => [a.actor, a.details])).toEqual(
      expect.arrayContaining([
        ["user", { grantee: "carol", operations: [ALL], copiedFrom: oldId }],
        ["user", { grantee: "user", operations: [Operation.ReKey, Operation.Get], copiedFrom: oldId }],
      ]),
    );
    expect(audit).toHaveLength(2);
    expect(await store.verifyAudit()).toBeUndefined();
  });

  it("Re-key: a non-grantee is still denied the replacement", async () => {
    const oldId = await owner.create({ algorithm: CryptographicAlgorithm.AES, length: 128 });
    await h.custos.store.addGrant({ objectId: oldId, grantee: "carol", operation: ALL });
    const newId = await rekey(owner, oldId);
    await expect(user.get(newId)).rejects.toMatchObject(denied);
    await expect(rekey(user, newId)).rejects.toMatchObject(denied);
    expect((await h.custos.store.listGrants(newId)).map((g) => g.grantee)).toEqual(["carol"]);
  });

  it("Re-key without grants copies none and audits no grant", async () => {
    const oldId = await owner.create({ algorithm: CryptographicAlgorithm.AES, length: 128 });
    const newId = await rekey(owner, oldId);
    expect(await h.custos.store.listGrants(newId)).toEqual([]);
    const actions = (await h.custos.store.listAudit({ objectId: newId })).map((a) => a.action);
    expect(actions).not.toContain("access.Grant");
  });

  it("Re-key Key Pair: private-key grants go to the new private key, public-key grants to the new public key", async () => {
    const store = h.custos.store;
    const old = await createEcPair(owner);
    await store.addGrant({ objectId: old.priv, grantee: "user", operation: ALL });
    await store.addGrant({ objectId: old.pub, grantee: "carol", operation: Operation.Get });
    const p = await owner.call(Operation.ReKeyKeyPair, [ttlv.text(Tag.PrivateKeyUniqueIdentifier, old.priv)]);
    const priv = req.text(p, Tag.PrivateKeyUniqueIdentifier);
    const pub = req.text(p, Tag.PublicKeyUniqueIdentifier);
    expect((await user.get(priv)).material.length).toBeGreaterThan(0);
    // The user's grant was on the private key only: the new public key stays closed to it.
    await expect(user.get(pub)).rejects.toMatchObject(denied);
    expect((await store.listGrants(priv)).map((g) => [g.grantee, g.operation])).toEqual([["user", ALL]]);
    expect((await store.listGrants(pub)).map((g) => [g.grantee, g.operation])).toEqual([["carol", Operation.Get]]);
    for (const [id, from] of [
      [priv, old.priv],
      [pub, old.pub],
    ] as const) {
      const audit = (await store.listAudit({ objectId: id })).filter((a) => a.action === "access.Grant");
      expect(audit.map((a) => (a.details as { copiedFrom?: string }).copiedFrom)).toEqual([from]);
    }
  });

  it("automatic rotation: the grantee uses the rotated key; a non-grantee does not", async () => {
    const store = h.custos.store;
    const t0 = Math.floor(Date.now() / 1000);
    const policy: Attr[] = [
      { name: "Activation Date", value: ttlv.date(Tag.ActivationDate, BigInt(t0 - 1)) },
      { name: "Rotate Automatic", value: ttlv.bool(Tag.RotateAutomatic, true) },
      { name: "Rotate Interval", value: ttlv.interval(Tag.RotateInterval, 60) },
    ];
    const keyId = await owner.create({ algorithm: CryptographicAlgorithm.AES, length: 256, attributes: policy });
    const pair = await createEcPair(owner, policy);
    await store.addGrant({ objectId: keyId, grantee: "user", operation: Operation.Get });
    await store.addGrant({ objectId: pair.pub, grantee: "user", operation: Operation.Get });
    const pass = await rotateDueKeys({ store, clock: () => Date.now() + 61_000 });
    const newKey = pass.rotated.get(keyId);
    const newPriv = pass.rotated.get(pair.priv);
    expect(newKey).toBeDefined();
    expect(newPriv).toBeDefined();
    expect((await user.get(newKey!)).length).toBe(256);
    // No grant on the private key: its replacement stays closed to the user.
    await expect(user.get(newPriv!)).rejects.toMatchObject(denied);
    // The public key's grant went to the new public key (the one the new private key links to).
    const newPub = (await owner.getAttributes(newPriv!, ["Link"]))
      .map((a) => a.value as StructureItem)
      .find((l) => req.enum(l, Tag.LinkType) === LinkType.PublicKeyLink);
    expect((await user.get(req.text(newPub!, Tag.LinkedObjectIdentifier))).material.length).toBeGreaterThan(0);
    const audit = (await store.listAudit({ objectId: newKey! })).filter((a) => a.action === "access.Grant");
    expect(audit.map((a) => [a.actor, a.details])).toEqual([
      ["custos", { grantee: "user", operations: [Operation.Get], copiedFrom: keyId }],
    ]);
  });
});
