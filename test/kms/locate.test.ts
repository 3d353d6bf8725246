import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attr, type KmipClient } from "../../src/client/kmip-client.js";
import type { Attr } from "../../src/kmip/attributes/attribute.js";
import { CryptographicAlgorithm, ObjectType, State } from "../../src/ttlv/enums.js";
import { ttlv } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";
import { type Harness, startHarness } from "../support/custos-harness.js";

const initialDate = (d: Date): Attr => ({
  name: "Initial Date",
  value: ttlv.date(Tag.InitialDate, BigInt(Math.floor(d.getTime() / 1000))),
});

for (const version of [
  { major: 1, minor: 2 },
  { major: 1, minor: 4 },
  { major: 2, minor: 0 },
  { major: 2, minor: 1 },
]) {
  describe(`Locate over KMIP ${version.major}.${version.minor}`, () => {
    let h: Harness;
    let c: KmipClient;
    const ids: Record<string, string> = {};
    const start = new Date(Date.now() - 2000);
    beforeAll(async () => {
      h = await startHarness();
      c = await h.client("admin", version);
      ids.a = await c.create({
        algorithm: CryptographicAlgorithm.AES,
        length: 128,
        name: "alpha",
        attributes: [attr.objectGroup("g1"), attr.custom("x-team", "payments")],
      });
      ids.b = await c.create({
        algorithm: CryptographicAlgorithm.AES,
        length: 256,
        name: "beta",
        attributes: [attr.objectGroup("g1")],
      });
      ids.c = await c.create({ algorithm: CryptographicAlgorithm.HMAC_SHA256, length: 256, name: "gamma" });
      ids.s = await c.register({ objectType: ObjectType.SecretData, material: Buffer.from("hunter2"), name: "delta" });
      await c.activate(ids.b);
    });
    afterAll(async () => {
      await h.stop();
    });

    it("finds by name, object type, algorithm, group and custom attribute", async () => {
      expect(await c.locate({ attributes: [attr.name("beta")] })).toEqual([ids.b]);
      expect((await c.locate({ attributes: [attr.objectType(ObjectType.SecretData)] })).sort()).toEqual([ids.s]);
      expect(await c.locate({ attributes: [attr.algorithm(CryptographicAlgorithm.HMAC_SHA256)] })).toEqual([ids.c]);
      expect((await c.locate({ attributes: [attr.objectGroup("g1")] })).sort()).toEqual([ids.a, ids.b].sort());
      expect(await c.locate({ attributes: [attr.custom("x-team", "payments")] })).toEqual([ids.a]);
      expect(await c.locate({ attributes: [attr.objectGroup("g1"), attr.length(128)] })).toEqual([ids.a]);
      expect(await c.locate({ attributes: [attr.name("nobody")] })).toEqual([]);
    });

    it("finds by state, as of now", async () => {
      expect(await c.locate({ attributes: [attr.state(State.Active)] })).toEqual([ids.b]);
      expect((await c.locate({ attributes: [attr.state(State.PreActive)] })).sort()).toEqual(
        [ids.a, ids.c, ids.s].sort(),
      );
    });

    it("matches two instances of a date attribute as an inclusive range", async () => {
      const all = await c.locate({ attributes: [initialDate(start), initialDate(new Date(Date.now() + 2000))] });
      expect(all.sort()).toEqual(Object.values(ids).sort());
      const none = await c.locate({
        attributes: [initialDate(new Date(0)), initialDate(new Date(start.getTime() - 60_000))],
      });
      expect(none).toEqual([]);
    });

    it("pages with Maximum Items and Offset Items, newest first", async () => {
      const all = await c.locate();
      expect(all).toHaveLength(4);
      expect(all[0]).toBe(ids.s);
      const page1 = await c.locate({ maxItems: 2 });
      const page2 = await c.locate({ maxItems: 2, offset: 2 });
      expect([...page1, ...page2]).toEqual(all);
    });

    it("hides destroyed objects", async () => {
      const id = await c.create({ algorithm: CryptographicAlgorithm.AES, length: 128, name: "doomed" });
      expect(await c.locate({ attributes: [attr.name("doomed")] })).toEqual([id]);
      await c.destroy(id);
      expect(await c.locate({ attributes: [attr.name("doomed")] })).toEqual([]);
    });
  });
}
