import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attr } from "../../src/client/kmip-client.js";
import { encodeAttribute2 } from "../../src/kmip/attributes/attribute-wire.js";
import { CryptographicAlgorithm, Operation } from "../../src/ttlv/enums.js";
import { ttlv } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";
import { type Harness, startHarness } from "../support/custos-harness.js";

describe("key-pair generation runs outside the write transaction", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it("lets other clients' writes commit while an RSA-4096 pair is being generated", async () => {
    const slow = await h.client("admin");
    const fast = await h.client("user");
    let pairDone = 0;
    const pair = slow
      .call(Operation.CreateKeyPair, [
        ttlv.struct(
          Tag.CommonAttributes,
          [attr.algorithm(CryptographicAlgorithm.RSA), attr.length(4096)].map(encodeAttribute2),
        ),
        ttlv.struct(Tag.PrivateKeyAttributes, [encodeAttribute2(attr.usageMask(0x1))]),
        ttlv.struct(Tag.PublicKeyAttributes, [encodeAttribute2(attr.usageMask(0x2))]),
      ])
      .then((p) => {
        pairDone = Date.now();
        return p;
      });
    await new Promise((r) => setTimeout(r, 20));
    const done: number[] = [];
    for (let i = 0; i < 3; i++) {
      await fast.create({ algorithm: CryptographicAlgorithm.AES, length: 256 });
      done.push(Date.now());
    }
    const p = await pair;
    expect(p.value.some((v) => v.tag === Tag.PrivateKeyUniqueIdentifier)).toBe(true);
    // Had the generation held the write transaction, these creates would have waited for it.
    for (const t of done) expect(t).toBeLessThan(pairDone);
  });
});
