import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KmipTransport } from "../../src/client/kmip-transport.js";
import { type Harness, startHarness } from "../support/custos-harness.js";
import { exclusions } from "./exclusions.js";
import { type FileResult, formatResult, loadFiles, runVectorFile, vectorFiles } from "./run-vectors.js";

/**
 * The official vectors that use Key Wrapping Specification / Key Wrapping Data: AX-M-2 (Get of AES
 * keys wrapped with an AES key-encryption key, Block Cipher Mode NISTKeyWrap). The vector sets hold
 * no Export or Import cases.
 */
const required: ReadonlyArray<{ version: "1.4" | "2.1"; sets: string[] }> = [
  { version: "1.4", sets: ["AX-M-2"] },
  { version: "2.1", sets: ["AX-M-2"] },
];

describe("OASIS KMIP conformance vectors: key wrapping", () => {
  let h: Harness;
  const results: FileResult[] = [];
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    const failed = results.filter((r) => r.failure !== undefined);
    const lines = results.map(formatResult);
    lines.push(`conformance (key wrapping): ${results.length - failed.length}/${results.length} vector files passed`);
    console.log(lines.join("\n"));
    await h.stop();
  });

  it("finds the key wrapping vector files", () => {
    expect(required.flatMap(({ version, sets }) => vectorFiles(version, sets))).toHaveLength(2);
  });

  for (const { version, sets } of required) {
    for (const file of loadFiles(vectorFiles(version, sets))) {
      it(`${file.name}`, async () => {
        const transport = await KmipTransport.connect({
          host: "127.0.0.1",
          port: h.port,
          ca: await readFile(h.paths.caCert),
          cert: await readFile(h.paths.adminCert),
          key: await readFile(h.paths.adminKey),
          servername: "localhost",
        });
        try {
          const r = await runVectorFile(file, transport);
          results.push(r);
          if (exclusions.has(file.name)) return;
          expect(r.failure, formatResult(r)).toBeUndefined();
        } finally {
          await transport.close();
        }
      });
    }
  }
});
