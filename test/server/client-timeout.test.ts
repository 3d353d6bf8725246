import { readFile } from "node:fs/promises";
import * as tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KmipClient } from "../../src/client/kmip-client.js";
import { type Harness, startHarness } from "../support/custos-harness.js";

describe("KmipClient request timeout", () => {
  let h: Harness;
  let silent: tls.Server;
  beforeAll(async () => {
    h = await startHarness();
    // A TLS server that completes the handshake and never answers.
    silent = tls.createServer({
      key: await readFile(h.paths.serverKey),
      cert: await readFile(h.paths.serverCert),
      ca: await readFile(h.paths.caCert),
      requestCert: true,
    });
    silent.on("secureConnection", (s) => s.on("data", () => undefined));
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
  });
  afterAll(async () => {
    await new Promise((r) => silent.close(r));
    await h.stop();
  });

  it("fails a request the server never answers instead of hanging", async () => {
    const port = (silent.address() as { port: number }).port;
    const c = await KmipClient.connect({
      host: "127.0.0.1",
      port,
      ca: await readFile(h.paths.caCert),
      cert: await readFile(h.paths.adminCert),
      key: await readFile(h.paths.adminKey),
      servername: "localhost",
      requestTimeoutMs: 300,
    });
    const started = Date.now();
    await expect(c.discoverVersions()).rejects.toThrow(/no response within 300 ms/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
