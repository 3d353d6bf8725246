import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CryptographicAlgorithm } from "../../src/ttlv/enums.js";
import { type Harness, startHarness } from "../support/custos-harness.js";
import { run } from "./capture.js";

describe("custos audit: list and verify the audit trail", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it("lists an object's records, oldest first, as text and as JSON, and pages with --after", async () => {
    const c = await h.client("admin");
    const id = await c.create({ algorithm: CryptographicAlgorithm.AES, length: 256 });
    await c.activate(id);
    await c.revoke(id, 5);
    const listed = await run(["audit", "list", "--object", id, "--json", "--data-dir", h.dataDir]);
    expect(listed.code).toBe(0);
    const records = JSON.parse(listed.stdout) as Array<{
      seq: number;
      action: string;
      actor: string;
      objectId: string;
    }>;
    expect(records.map((r) => r.action)).toEqual(["kmip.Create", "kmip.Activate", "kmip.Revoke"]);
    expect(records.every((r) => r.actor === "admin" && r.objectId === id)).toBe(true);
    expect(records.map((r) => r.seq)).toEqual([...records.map((r) => r.seq)].sort((a, b) => a - b));

    const text = await run(["audit", "list", "--object", id, "--data-dir", h.dataDir]);
    const lines = text.stdout.trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]?.split("\t").slice(2, 5)).toEqual(["admin", "kmip.Create", id]);

    const page = await run([
      "audit",
      "list",
      "--object",
      id,
      "--after",
      String(records[0]?.seq),
      "--limit",
      "1",
      "--json",
      "--data-dir",
      h.dataDir,
    ]);
    expect((JSON.parse(page.stdout) as Array<{ action: string }>).map((r) => r.action)).toEqual(["kmip.Activate"]);
  });

  it("verifies the chains, and names the first record that was edited", async () => {
    const ok = await run(["audit", "verify", "--data-dir", h.dataDir]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe("audit trail intact\n");

    const c = await h.client("admin");
    const id = await c.create({ algorithm: CryptographicAlgorithm.AES, length: 128 });
    const [created] = await h.custos.store.listAudit({ objectId: id });
    const db = new BetterSqlite3(join(h.dataDir, "custos.db"));
    try {
      db.prepare("update audit set actor = 'someone-else' where seq = ?").run(created?.seq);
    } finally {
      db.close();
    }
    const broken = await run(["audit", "verify", "--data-dir", h.dataDir]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain(`broken at record ${created?.seq}`);
  });
});
