import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attr } from "../../src/client/kmip-client.js";
import { CryptographicAlgorithm, ResultReason } from "../../src/ttlv/enums.js";
import { type Harness, startHarness } from "../support/custos-harness.js";

describe("ownership: the client certificate is the identity", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ admins: ["admin"] });
  });
  afterAll(async () => {
    await h.stop();
  });

  it("denies another identity and lets a configured administrator act on every object", async () => {
    const user = await h.client("user");
    const admin = await h.client("admin");
    const id = await user.create({ algorithm: CryptographicAlgorithm.AES, length: 128, name: "user-key" });

    // A second plain identity: the user's object is invisible and untouchable for it.
    const h2 = await startHarness({ admins: [] });
    try {
      const stranger = await h2.client("admin");
      const sid = await stranger.create({ algorithm: CryptographicAlgorithm.AES, length: 128, name: "s" });
      const plainUser = await h2.client("user");
      await expect(plainUser.get(sid)).rejects.toMatchObject({ resultReason: ResultReason.PermissionDenied });
      await expect(plainUser.destroy(sid)).rejects.toMatchObject({ resultReason: ResultReason.PermissionDenied });
      expect(await plainUser.locate({ attributes: [attr.name("s")] })).toEqual([]);
      expect((await stranger.get(sid)).material.length).toBe(16);
    } finally {
      await h2.stop();
    }

    // The administrator of the first server sees and uses the user's key.
    expect((await admin.get(id)).material.length).toBe(16);
    expect(await admin.locate({ attributes: [attr.name("user-key")] })).toEqual([id]);
  });
});
