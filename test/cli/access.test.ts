import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attr } from "../../src/client/kmip-client.js";
import { CryptographicAlgorithm, ResultReason } from "../../src/ttlv/enums.js";
import { type Harness, startHarness } from "../support/custos-harness.js";
import { run } from "./capture.js";

describe("custos access: per-object grants", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it("lets a granted identity get (and find) an object, only for the granted operations, until revoked", async () => {
    const owner = await h.client("admin");
    const other = await h.client("user");
    const id = await owner.create({ algorithm: CryptographicAlgorithm.AES, length: 256, name: "shared" });
    await expect(other.get(id)).rejects.toMatchObject({ resultReason: ResultReason.PermissionDenied });
    expect(await other.locate({ attributes: [attr.name("shared")] })).toEqual([]);

    const granted = await run(["access", "grant", id, "user", "--operation", "get", "--data-dir", h.dataDir]);
    expect(granted.stderr).toBe("");
    expect(granted.code).toBe(0);
    expect((await other.get(id)).material).toEqual((await owner.get(id)).material);
    expect(await other.locate({ attributes: [attr.name("shared")] })).toEqual([id]);
    await expect(other.destroy(id)).rejects.toMatchObject({ resultReason: ResultReason.PermissionDenied });

    const listed = await run(["access", "list", id, "--json", "--data-dir", h.dataDir]);
    expect(JSON.parse(listed.stdout)).toEqual({ id, owner: "admin", grants: [{ grantee: "user", operation: "Get" }] });

    const revoked = await run(["access", "revoke", id, "user", "--data-dir", h.dataDir]);
    expect(revoked.code).toBe(0);
    await expect(other.get(id)).rejects.toMatchObject({ resultReason: ResultReason.PermissionDenied });
    const audit = await h.custos.store.listAudit({ objectId: id });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["access.Grant", "access.Revoke"]));
  });

  it("refuses a grant on an unknown object and an unknown operation name", async () => {
    expect((await run(["access", "grant", "no-such-id", "user", "--data-dir", h.dataDir])).code).toBe(64);
    const bad = await run(["access", "grant", "x", "user", "--operation", "fly", "--data-dir", h.dataDir]);
    expect(bad.code).toBe(64);
  });
});
