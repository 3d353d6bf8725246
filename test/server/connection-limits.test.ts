import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KmipClient } from "../../src/client/kmip-client.js";
import { type Harness, startHarness } from "../support/custos-harness.js";

/** kmip.maxConnectionsPerIdentity: one client identity cannot hold more connections than this. */
describe("connections per identity", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ tweak: (c) => ({ ...c, kmip: { ...c.kmip, maxConnectionsPerIdentity: 2 } }) });
  });
  afterAll(async () => {
    await h.stop();
  });

  const works = async (c: KmipClient) => (await c.discoverVersions()).length > 0;

  it("closes an identity's connection beyond the limit and keeps serving the others", async () => {
    const a1 = await h.client("admin");
    const a2 = await h.client("admin");
    expect(await works(a1)).toBe(true);
    expect(await works(a2)).toBe(true);
    const a3 = await h.client("admin");
    await expect(works(a3)).rejects.toThrow();
    // Another identity is not affected, nor are the first two connections.
    expect(await works(await h.client("user"))).toBe(true);
    expect(await works(a1)).toBe(true);
    // A connection that closes frees its place.
    await a2.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await works(await h.client("admin"))).toBe(true);
  });
});
