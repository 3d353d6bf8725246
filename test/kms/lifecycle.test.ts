import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attr } from "../../src/client/kmip-client.js";
import type { Attr } from "../../src/kmip/attributes/attribute.js";
import { CryptographicAlgorithm, RevocationReasonCode, State } from "../../src/ttlv/enums.js";
import { ttlv } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";
import { type Harness, startHarness } from "../support/custos-harness.js";

const seconds = (d: Date) => BigInt(Math.floor(d.getTime() / 1000));
const deactivation = (d: Date): Attr => ({
  name: "Deactivation Date",
  value: ttlv.date(Tag.DeactivationDate, seconds(d)),
});

describe("KMIP lifecycle (KMIP 1.4 §3.22 state machine, date-driven transitions)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  async function state(id: string): Promise<number> {
    const c = await h.client();
    const [s] = await c.getAttributes(id, ["State"]);
    return s?.value.value as number;
  }

  it("keeps a key with a future Activation Date Pre-Active", async () => {
    const c = await h.client();
    const id = await c.create({
      algorithm: CryptographicAlgorithm.AES,
      length: 128,
      attributes: [attr.activationDate(new Date(Date.now() + 3_600_000))],
    });
    expect(await state(id)).toBe(State.PreActive);
  });

  it("makes a key whose Activation Date has passed Active at once", async () => {
    const c = await h.client();
    const id = await c.create({
      algorithm: CryptographicAlgorithm.AES,
      length: 128,
      attributes: [attr.activationDate(new Date(Date.now() - 60_000))],
    });
    expect(await state(id)).toBe(State.Active);
  });

  it("deactivates a key when its Deactivation Date passes, and audits it", async () => {
    const c = await h.client();
    // Date-Time has whole seconds: a date "1 s from now" may be truncated to 1 ms from now,
    // and pass before the first check under load. At least 2 full seconds ahead instead.
    const at = (Math.floor(Date.now() / 1000) + 3) * 1000;
    const id = await c.create({
      algorithm: CryptographicAlgorithm.AES,
      length: 256,
      attributes: [attr.activationDate(new Date(Date.now() - 60_000)), deactivation(new Date(at))],
    });
    expect(await state(id)).toBe(State.Active);
    await new Promise((r) => setTimeout(r, at - Date.now() + 1100));
    expect(await state(id)).toBe(State.Deactivated);
    const audit = await h.custos.store.listAudit({ objectId: id });
    expect(audit.map((a) => a.action)).toContain("lifecycle.DateTransition");
    expect(await c.locate({ attributes: [attr.state(State.Deactivated)] })).toContain(id);
  });

  it("moves a key revoked for Key Compromise to Compromised, then Destroyed Compromised", async () => {
    const c = await h.client();
    const id = await c.create({ algorithm: CryptographicAlgorithm.AES, length: 256 });
    await c.activate(id);
    await c.revoke(id, RevocationReasonCode.KeyCompromise, new Date(Date.now() - 86_400_000));
    expect(await state(id)).toBe(State.Compromised);
    await c.destroy(id);
    expect(await state(id)).toBe(State.DestroyedCompromised);
    const attrs = await c.getAttributes(id, ["Compromise Occurrence Date", "Compromise Date", "Destroy Date"]);
    expect(attrs.map((a) => a.name).sort()).toEqual(["Compromise Date", "Compromise Occurrence Date", "Destroy Date"]);
  });

  it("refuses Activate outside Pre-Active and Destroy of an Active key (Wrong Key Lifecycle State)", async () => {
    const c = await h.client();
    const id = await c.create({ algorithm: CryptographicAlgorithm.AES, length: 256 });
    await c.activate(id);
    await expect(c.activate(id)).rejects.toMatchObject({ resultReason: 0x43 });
    await expect(c.destroy(id)).rejects.toMatchObject({ resultReason: 0x43 });
    await c.revoke(id, RevocationReasonCode.CessationOfOperation);
    expect(await state(id)).toBe(State.Deactivated);
    await c.destroy(id);
    expect(await state(id)).toBe(State.Destroyed);
  });
});
