import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KmipTransport } from "../../src/client/kmip-transport.js";
import { type Harness, startHarness } from "../support/custos-harness.js";
import { exclusions } from "./exclusions.js";
import type { ServerGeneratedRule } from "./match-response.js";
import { type FileResult, formatResult, loadFiles, runVectorFile } from "./run-vectors.js";
import type { VectorFile } from "./vectors.js";

export interface VectorSuiteOptions {
  /** Extra server-chosen values for a file, each with its reason (see match-response.ts). */
  readonly extraRules?: (file: VectorFile) => readonly ServerGeneratedRule[];
}

/**
 * Replays vector files against one live custos, one test per file on a fresh connection
 * (identity "admin"), and prints a PASS/FAIL line per file and the totals. A failing file
 * fails its test unless it is listed, with its reason, in exclusions.ts.
 */
export function describeVectorSuite(title: string, paths: readonly string[], options: VectorSuiteOptions = {}): void {
  describe(`OASIS KMIP conformance vectors: ${title}`, () => {
    let h: Harness;
    const results: FileResult[] = [];
    beforeAll(async () => {
      h = await startHarness();
    });
    afterAll(async () => {
      const passed = results.filter((r) => r.failure === undefined).length;
      console.log(
        [...results.map(formatResult), `conformance (${title}): ${passed}/${results.length} vector files passed`].join(
          "\n",
        ),
      );
      await h.stop();
    });

    for (const file of loadFiles(paths)) {
      it(file.name, async () => {
        const transport = await KmipTransport.connect({
          host: "127.0.0.1",
          port: h.port,
          ca: await readFile(h.paths.caCert),
          cert: await readFile(h.paths.adminCert),
          key: await readFile(h.paths.adminKey),
          servername: "localhost",
        });
        try {
          const r = await runVectorFile(file, transport, options.extraRules?.(file) ?? []);
          results.push(r);
          if (exclusions.has(file.name)) return;
          expect(r.failure, formatResult(r)).toBeUndefined();
        } finally {
          await transport.close();
        }
      });
    }
  });
}
