/**
 * Proves the PyKMIP interop harness (pykmip_client.py + pykmip-server.ts)
 * against PyKMIP's own reference server, so a failure in the custos interop
 * tests can be blamed on custos and not on the harness.
 *
 * Needs python3-pykmip (scripts/test-setup.sh installs it).
 */
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isLoopback, listeningSocketsOfGroup } from "./listening-sockets.js";
import { createTestPki } from "./openssl-pki.js";
import {
  type PykmipGotAttributes as GotAttributes,
  type PykmipGotObject as GotObject,
  type PykmipLocated as Located,
  type PykmipReport,
  type PykmipVersion,
  runPykmipScenario,
  stepError,
  stepValue,
} from "./pykmip.js";
import { type PykmipServer, startPykmipServer } from "./pykmip-server.js";

/** KMIP 1.4 section 9.1.3.2.10 / 2.1 section 11.14: Encrypt (0x4) | Decrypt (0x8). */
const ENCRYPT_DECRYPT_MASK = 0x4 | 0x8;

const SCENARIO_TIMEOUT_MS = 60_000;

describe("PyKMIP harness against PyKMIP's own server", () => {
  let dir = "";
  let server: PykmipServer;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "custos-pykmip-self-"));
    server = await startPykmipServer({ dir });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }, 15_000);

  const run = (version: PykmipVersion, scenario: string, extra: string[] = [], cert?: { cert: string; key: string }) =>
    runPykmipScenario({
      host: server.host,
      port: server.port,
      ca: server.caFile,
      cert: cert?.cert ?? server.clientCert,
      key: cert?.key ?? server.clientKey,
      version,
      scenario,
      extra,
    });

  it("listens on loopback only", async () => {
    const sockets = await listeningSocketsOfGroup(server.pgid);
    expect(sockets.map((s) => s.port)).toContain(server.port);
    for (const socket of sockets) expect(isLoopback(socket.address), JSON.stringify(socket)).toBe(true);
  });

  // PyKMIP 0.10's server accepts KMIP 1.0-1.4 and 2.0 (engine._protocol_versions).
  for (const version of ["1.2", "2.0"] as const) {
    it(
      `runs the lifecycle scenario over KMIP ${version}`,
      async () => {
        const report = await run(version, "lifecycle");
        expect(report.fatal).toBeUndefined();
        expect(report.kmipVersion).toBe(version);
        stepValue(report, "connect");
        expect(stepValue(report, "discover_versions")).toContain(version);
        checkLifecycle(report, version);
      },
      SCENARIO_TIMEOUT_MS,
    );
  }

  it(
    "denies another client identity access to an object it does not own",
    async () => {
      const owner = await run("1.2", "lifecycle");
      const [secret] = owner.remaining as string[];
      expect(secret).toBeTypeOf("string");

      const intruder = await server.pki.issueClient("pykmip-intruder");
      const report = await run("1.2", "denied", ["--uid", secret as string], intruder);
      stepValue(report, "connect");
      // PyKMIP's default operation policy: objects are visible to their owner
      // (the CN of the creating client's certificate) only.
      for (const step of ["get", "get_attributes", "destroy"]) {
        expect(stepError(report, step).reason, step).toBe("PERMISSION_DENIED");
      }
      expect((stepValue(report, "locate_all") as Located).contains[secret as string]).toBe(false);

      // The owner still has it: the denied Destroy changed nothing.
      const again = await run("1.2", "denied", ["--uid", secret as string]);
      expect((stepValue(again, "get") as GotObject).valueHex).toBe(owner.registeredSecretHex);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    "reports ITEM_NOT_FOUND for an id that does not exist",
    async () => {
      const report = await run("2.0", "denied", ["--uid", "no-such-object"]);
      expect(stepError(report, "get").reason).toBe("ITEM_NOT_FOUND");
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    "runs the bench scenario",
    async () => {
      const report = await run("1.2", "bench", ["--count", "20"]);
      const bench = report.bench as { count: number; errors: number; roundTripsPerSecond: number };
      expect(bench.count).toBe(20);
      expect(bench.errors).toBe(0);
      expect(bench.roundTripsPerSecond).toBeGreaterThan(0);
    },
    SCENARIO_TIMEOUT_MS,
  );

  // PyKMIP's server speaks TLS 1.2 only, so a rejected client certificate
  // fails the handshake, i.e. the connect step. (Over TLS 1.3 a client learns
  // of the rejection only at its first read, so against a TLS 1.3 server the
  // failure may show at the first operation instead.)
  it(
    "rejects a client certificate from another CA at the TLS handshake",
    async () => {
      const stranger = await (await createTestPki(join(dir, "stranger"))).issueClient("stranger");
      const report = await run("1.2", "lifecycle", [], stranger);
      expect(Object.keys(report.steps)).toEqual(["connect"]);
      expect(report.connectionLost).toBe("connect");
      expect(stepError(report, "connect")).toMatchObject({ class: "SSLError" });
      expect(stepError(report, "connect").message).toMatch(/unknown ca/i);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    "rejects a client certificate without extendedKeyUsage clientAuth",
    async () => {
      const noClientAuth = await server.pki.issueClient("no-client-auth", { clientAuth: false });
      const report = await run("1.2", "lifecycle", [], noClientAuth);
      expect(Object.keys(report.steps)).toEqual(["connect"]);
      expect(report.connectionLost).toBe("connect");
      expect(stepError(report, "connect")).toMatchObject({ class: "SSLError" });
      expect(stepError(report, "connect").message).toMatch(/unsupported certificate/i);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    "ends the scenario when the server never answers (socket timeout)",
    async () => {
      const accepted: Socket[] = [];
      const silent = createServer((socket) => accepted.push(socket)); // accepts TCP, never speaks TLS
      await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
      const address = silent.address();
      try {
        const report = await runPykmipScenario({
          host: "127.0.0.1",
          port: typeof address === "object" && address ? address.port : 0,
          ca: server.caFile,
          cert: server.clientCert,
          key: server.clientKey,
          version: "1.2",
          scenario: "lifecycle",
          extra: ["--timeout", "1"],
        });
        expect(Object.keys(report.steps)).toEqual(["connect"]);
        expect(stepError(report, "connect").class).toBe("TimeoutError");
        expect(report.connectionLost).toBe("connect");
      } finally {
        for (const socket of accepted) socket.destroy();
        silent.close();
      }
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    "reports a closed port as a failed connect step",
    async () => {
      const report = await runPykmipScenario({
        host: server.host,
        port: await closedPort(),
        ca: server.caFile,
        cert: server.clientCert,
        key: server.clientKey,
        version: "1.2",
        scenario: "lifecycle",
      });
      expect(Object.keys(report.steps)).toEqual(["connect"]);
      expect(report.connectionLost).toBe("connect");
      expect(stepError(report, "connect").class).toBe("ConnectionRefusedError");
    },
    SCENARIO_TIMEOUT_MS,
  );
});

/** A loopback port that was free a moment ago (nothing listens on it). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 1));
    });
  });
}

function checkLifecycle(report: PykmipReport, version: PykmipVersion): void {
  const names = report.names as { created: string; key: string; secret: string };
  const created = stepValue(report, "create") as string;
  const key = stepValue(report, "register_key") as string;
  const secret = stepValue(report, "register_secret") as string;
  expect(new Set([created, key, secret]).size).toBe(3);

  // Get: generated key is 256 bits; registered bytes come back unchanged.
  const gotCreated = stepValue(report, "get_created") as GotObject;
  expect(gotCreated).toMatchObject({ object_type: "SYMMETRIC_KEY", cryptographic_algorithm: "AES" });
  expect(gotCreated.cryptographic_length).toBe(256);
  expect(gotCreated.valueHex).toMatch(/^[0-9a-f]{64}$/);
  const gotKey = stepValue(report, "get_key") as GotObject;
  expect(gotKey.object_type).toBe("SYMMETRIC_KEY");
  expect(gotKey.valueHex).toBe(report.registeredKeyHex);
  const gotSecret = stepValue(report, "get_secret") as GotObject;
  expect(gotSecret).toMatchObject({ object_type: "SECRET_DATA", data_type: "PASSWORD" });
  expect(gotSecret.valueHex).toBe(report.registeredSecretHex);

  // Get Attributes with names, then all of them; Get Attribute List.
  const selected = stepValue(report, "get_attributes_selected") as GotAttributes;
  expect(selected.uid).toBe(created);
  expect(selected.attributes).toEqual({
    Name: { value: names.created, type: "UNINTERPRETED_TEXT_STRING" },
    "Object Type": "SYMMETRIC_KEY",
    "Cryptographic Algorithm": "AES",
    "Cryptographic Length": 256,
    "Cryptographic Usage Mask": ENCRYPT_DECRYPT_MASK,
    State: "PRE_ACTIVE",
  });
  const all = stepValue(report, "get_attributes_all") as GotAttributes;
  expect(all.attributes).toMatchObject({ ...selected.attributes, "Unique Identifier": created });
  expect(all.attributes["Initial Date"]).toBeTypeOf("number");
  const list = stepValue(report, "get_attribute_list") as string[];
  expect(list).toEqual(expect.arrayContaining([...Object.keys(all.attributes)]));
  expect(list).toHaveLength(Object.keys(all.attributes).length);
  if (version === "2.0") {
    // KMIP 2.0 dropped Operation Policy Name; PyKMIP adds Sensitive there.
    expect(list).not.toContain("Operation Policy Name");
    expect(all.attributes.Sensitive).toBe(false);
  } else {
    expect(all.attributes["Operation Policy Name"]).toBe("default");
  }

  // Locate by Name, Object Type, State.
  expect((stepValue(report, "locate_by_name") as Located).uids).toEqual([created]);
  const byType = stepValue(report, "locate_by_object_type") as Located;
  expect(byType.contains).toEqual({ [secret]: true, [created]: false });
  expect((stepValue(report, "locate_by_state_pre_active") as Located).contains[created]).toBe(true);

  // Activate -> Active; Locate by State Active finds it.
  expect(stepValue(report, "activate")).toEqual({ state: "ACTIVE" });
  expect((stepValue(report, "locate_by_state_active") as Located).contains[created]).toBe(true);

  // KMIP 1.4 section 11.22: destroying an Active object fails with Permission Denied.
  expect(stepError(report, "destroy_active")).toMatchObject({
    status: "OPERATION_FAILED",
    reason: "PERMISSION_DENIED",
  });

  // Revoke (Cessation of Operation) -> Deactivated; then Destroy succeeds.
  expect(stepValue(report, "revoke")).toEqual({ state: "DEACTIVATED" });
  stepValue(report, "destroy_after_revoke");
  stepValue(report, "destroy_pre_active");

  // PyKMIP deletes a destroyed object outright, so Get answers Item Not Found.
  // (A server that keeps the Destroyed object may answer differently.)
  expect(stepError(report, "get_destroyed").reason).toBe("ITEM_NOT_FOUND");
  expect(stepError(report, "get_destroyed_pre_active").reason).toBe("ITEM_NOT_FOUND");
}
