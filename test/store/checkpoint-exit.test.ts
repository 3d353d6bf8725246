import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

const DIST = new URL("../../dist/", import.meta.url).href;

/**
 * Closing a store whose checkpoint thread has started must hold the process until the close
 * is done. The thread is unreferenced while it idles; if it stayed so while closing, a
 * process with nothing else to do would exit (code 13, "unsettled top-level await") with the
 * store half closed. The test runner keeps its own event loop busy, so this needs a process
 * of its own, running the built package (npm test builds dist/ first).
 */
describe("closing a store with a checkpoint thread", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "custos-ckpt-exit-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("lets the process finish the close and exit 0", () => {
    const script = `
      import { randomBytes } from "node:crypto";
      const { createSqliteBackend } = await import("${DIST}store/sqlite/sqlite-backend.js");
      const { migrate } = await import("${DIST}store/migrations.js");
      const { KyselyStore } = await import("${DIST}store/kysely-store.js");
      const { MasterKey } = await import("${DIST}store/master-key.js");
      const backend = createSqliteBackend({ path: ${JSON.stringify(join(dir, "x.db"))}, checkpointBytes: 16 * 1024 });
      await migrate(backend.db, backend.flavor);
      const store = new KyselyStore(backend, MasterKey.fromBytes(randomBytes(32)));
      for (let round = 0; round < 20; round++) {
        await Promise.all(Array.from({ length: 10 }, (_, i) => store.transaction((tx) => tx.insertObject({
          id: "o-" + round + "-" + i, owner: "o", objectType: 2, state: 1,
          attributes: new Uint8Array(200), material: randomBytes(32), index: [{ name: "Name", value: "n" + round + i }],
        }))));
      }
      await store.close();
      console.log("closed");
    `;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    expect(out.trim()).toBe("closed");
  });
});
