import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attr, type KmipClient } from "../../src/client/kmip-client.js";
import type { Attr } from "../../src/kmip/attributes/attribute.js";
import { unindexedAttributes } from "../../src/kms/object-repo.js";
import { CryptographicAlgorithm } from "../../src/ttlv/enums.js";
import { ttlv } from "../../src/ttlv/item.js";
import { CryptographicUsageMask as M } from "../../src/ttlv/masks.js";
import { Tag } from "../../src/ttlv/tags.js";
import { type Harness, startHarness } from "../support/custos-harness.js";

const fresh = (v: boolean): Attr => ({ name: "Fresh", value: ttlv.bool(Tag.Fresh, v) });

/**
 * Locate criteria matched in memory rather than through the attribute index: Cryptographic
 * Usage Mask by bits (KMIP 1.4 §4.9, 2.1 §6.1.27), and the unindexed attributes of
 * object-repo.ts by value; alone or next to indexed criteria.
 */
for (const version of [
  { major: 1, minor: 4 },
  { major: 2, minor: 1 },
]) {
  describe(`Locate in memory over KMIP ${version.major}.${version.minor}`, () => {
    let h: Harness;
    let c: KmipClient;
    const ids: Record<string, string> = {};
    beforeAll(async () => {
      h = await startHarness();
      c = await h.client("admin", version);
      const aes = { algorithm: CryptographicAlgorithm.AES, length: 256 };
      ids.both = await c.create({ ...aes, name: "both", usageMask: M.Encrypt | M.Decrypt });
      ids.enc = await c.create({ ...aes, name: "enc", usageMask: M.Encrypt });
      ids.wrap = await c.create({ ...aes, name: "wrap", usageMask: M.WrapKey | M.UnwrapKey | M.Encrypt });
      ids.mac = await c.create({
        algorithm: CryptographicAlgorithm.HMAC_SHA256,
        length: 256,
        name: "mac",
        usageMask: M.MACGenerate | M.MACVerify,
      });
      await c.get(ids.enc); // no longer Fresh
    });
    afterAll(async () => {
      await h.stop();
    });

    it("matches Cryptographic Usage Mask by the requested bits, not by value", async () => {
      const byMask = async (mask: number) => (await c.locate({ attributes: [attr.usageMask(mask)] })).sort();
      expect(await byMask(M.Encrypt)).toEqual([ids.both, ids.enc, ids.wrap].sort());
      expect(await byMask(M.Encrypt | M.Decrypt)).toEqual([ids.both]);
      expect(await byMask(M.WrapKey)).toEqual([ids.wrap]);
      expect(await byMask(M.MACVerify)).toEqual([ids.mac]);
      expect(await byMask(M.Sign)).toEqual([]);
      expect(await byMask(0)).toEqual(Object.values(ids).sort());
      expect(await c.locate({ attributes: [attr.usageMask(M.Encrypt), attr.name("wrap")] })).toEqual([ids.wrap]);
    });

    it("matches an unindexed attribute by value, alone or with indexed ones", async () => {
      expect(await c.locate({ attributes: [fresh(false)] })).toEqual([ids.enc]);
      expect((await c.locate({ attributes: [fresh(true)] })).sort()).toEqual([ids.both, ids.wrap, ids.mac].sort());
      expect(await c.locate({ attributes: [fresh(true), attr.name("enc")] })).toEqual([]);
      expect(await c.locate({ attributes: [fresh(true), attr.algorithm(CryptographicAlgorithm.HMAC_SHA256)] })).toEqual(
        [ids.mac],
      );
      const located = await c.locate({ attributes: [fresh(true)], maxItems: 1, offset: 1 });
      expect(located).toHaveLength(1);
    });

    it("keeps the unindexed attributes out of the attribute index", () => {
      const db = new Database(join(h.dataDir, "custos.db"), { readonly: true });
      try {
        const names = db.prepare("select distinct name from object_index").pluck().all() as string[];
        expect(names).toContain("Cryptographic Algorithm");
        for (const n of unindexedAttributes) expect(names).not.toContain(n);
      } finally {
        db.close();
      }
    });
  });
}
