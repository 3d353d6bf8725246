import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CryptographicAlgorithm, ObjectType } from "../../src/ttlv/enums.js";
import { type Harness, startHarness } from "../support/custos-harness.js";

describe("key material at rest", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it("never writes a created or registered key's bytes to the database files", async () => {
    const c = await h.client();
    const id = await c.create({ algorithm: CryptographicAlgorithm.AES, length: 256 });
    const created = (await c.get(id)).material;
    const known = Buffer.from("00112233445566778899aabbccddeeff0f1e2d3c4b5a69788796a5b4c3d2e1f0", "hex");
    await c.register({
      objectType: ObjectType.SymmetricKey,
      material: known,
      algorithm: CryptographicAlgorithm.AES,
      length: 256,
    });
    await h.custos.stop();
    const files = (await readdir(h.dataDir)).filter((f) => f.startsWith("custos.db"));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      const bytes = await readFile(join(h.dataDir, f));
      expect(bytes.includes(Buffer.from(created)), `${f} holds the created key`).toBe(false);
      expect(bytes.includes(known), `${f} holds the registered key`).toBe(false);
    }
    // Sanity: the same search finds bytes that are stored in the clear (the object id).
    const all = Buffer.concat(await Promise.all(files.map((f) => readFile(join(h.dataDir, f)))));
    expect(all.includes(Buffer.from(id))).toBe(true);
  });
});
