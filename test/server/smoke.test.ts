import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attr } from "../../src/client/kmip-client.js";
import { CryptographicAlgorithm, ObjectType, State } from "../../src/ttlv/enums.js";
import { type Harness, startHarness } from "../support/custos-harness.js";

describe("custos end to end", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  for (const version of [
    { major: 1, minor: 4 },
    { major: 2, minor: 1 },
  ]) {
    it(`creates, gets, locates and destroys a key over KMIP ${version.major}.${version.minor}`, async () => {
      const c = await h.client("admin", version);
      const name = `smoke-${version.major}${version.minor}`;
      const id = await c.create({ algorithm: CryptographicAlgorithm.AES, length: 256, name });
      const key = await c.get(id);
      expect(key.material.length).toBe(32);
      expect(key.objectType).toBe(ObjectType.SymmetricKey);
      expect(await c.locate({ attributes: [attr.name(name)] })).toEqual([id]);
      const attrs = await c.getAttributes(id, ["State"]);
      expect(attrs[0]?.value.value).toBe(State.PreActive);
      await c.activate(id);
      await expect(c.destroy(id)).rejects.toThrow(/WrongKeyLifecycleState|PermissionDenied/);
      await c.revoke(id);
      await c.destroy(id);
      await expect(c.get(id)).rejects.toThrow(/ObjectDestroyed|IllegalOperation/);
    });
  }
});
