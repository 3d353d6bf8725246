/**
 * PyKMIP 0.10 (ProxyKmipClient.rekey) against a real custos, "rekey" scenario over KMIP 1.2
 * and 2.0: an AES-256 key is created with a Name and activated, re-keyed without Offset, and
 * the replacement re-keyed with an Offset of one hour (KMIP 1.4 §4.4). What PyKMIP got back
 * is checked here and against custos's own view of the objects (links, dates).
 *
 * Needs python3-pykmip (scripts/test-setup.sh installs it).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { req } from "../../src/kmip/read.js";
import { LinkType } from "../../src/ttlv/enums.js";
import type { StructureItem } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";
import { type Harness, startHarness } from "../support/custos-harness.js";
import {
  custosTarget,
  type PykmipGotAttributes as GotAttributes,
  type PykmipGotObject as GotObject,
  type PykmipLocated as Located,
  runPykmipScenario,
  stepValue,
} from "./pykmip.js";

const SCENARIO_TIMEOUT_MS = 60_000;
const OFFSET = 3600;

describe("PyKMIP client against custos: rekey", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  for (const version of ["1.2", "2.0"] as const) {
    it(
      `runs the rekey scenario over KMIP ${version}`,
      async () => {
        const report = await runPykmipScenario({
          ...custosTarget(h),
          version,
          scenario: "rekey",
        });
        expect(report.fatal).toBeUndefined();
        expect(report.connectionLost).toBeUndefined();
        const original = stepValue(report, "create") as string;
        stepValue(report, "activate");
        const first = stepValue(report, "rekey") as string;
        const second = stepValue(report, "rekey_offset") as string;
        expect(new Set([original, first, second]).size).toBe(3);

        // Three different AES-256 keys.
        const keys = ["original", "first", "second"].map((s) => stepValue(report, `get_${s}`) as GotObject);
        for (const k of keys) {
          expect(k).toMatchObject({ class: "SymmetricKey", cryptographic_algorithm: "AES", cryptographic_length: 256 });
          expect(k.valueHex).toMatch(/^[0-9a-f]{64}$/);
        }
        expect(new Set(keys.map((k) => k.valueHex)).size).toBe(3);

        const attrs = (s: string) => (stepValue(report, `get_attributes_${s}`) as GotAttributes).attributes;
        const a0 = attrs("original");
        const a1 = attrs("first");
        const a2 = attrs("second");
        // No Offset: the dates are copied, so the first replacement is Active at once.
        expect(a0.State).toBe("ACTIVE");
        expect(a1.State).toBe("ACTIVE");
        expect(a1["Activation Date"]).toBe(a0["Activation Date"]);
        // Offset: Activation Date = Initial Date + Offset, so the second replacement waits Pre-Active.
        expect(a2.State).toBe("PRE_ACTIVE");
        expect(a2["Activation Date"]).toBe((a2["Initial Date"] as number) + OFFSET);
        // The Name moved along to the newest key.
        expect(a0.Name).toBeUndefined();
        expect(a1.Name).toBeUndefined();
        expect(a2.Name).toMatchObject({ value: report.name });
        const located = stepValue(report, "locate_name") as Located;
        expect(located.uids).toEqual([second]);

        // custos's view: Replacement/Replaced Object links chain original -> first -> second.
        const c = await h.client("admin");
        const links = async (id: string, type: number) =>
          (await c.getAttributes(id, ["Link"]))
            .map((a) => a.value as StructureItem)
            .filter((l) => req.enum(l, Tag.LinkType) === type)
            .map((l) => req.text(l, Tag.LinkedObjectIdentifier));
        expect(await links(original, LinkType.ReplacementObjectLink)).toEqual([first]);
        expect(await links(first, LinkType.ReplacedObjectLink)).toEqual([original]);
        expect(await links(first, LinkType.ReplacementObjectLink)).toEqual([second]);
        expect(await links(second, LinkType.ReplacedObjectLink)).toEqual([first]);
      },
      SCENARIO_TIMEOUT_MS,
    );
  }
});
