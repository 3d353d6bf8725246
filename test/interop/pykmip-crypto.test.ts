/**
 * PyKMIP 0.10's ProxyKmipClient using custos's cryptographic services over KMIP 1.2 and 2.0:
 * encrypt / decrypt (AES-256-CBC, PKCS5, server-generated IV), sign / signature_verify
 * (RSA-2048 PSS SHA-256), mac (HMAC-SHA256) and derive_key (HMAC). What PyKMIP gets back is checked with
 * node:crypto, with the key bytes PyKMIP fetched with get.
 *
 * Needs python3-pykmip (scripts/test-setup.sh installs it).
 */
import { constants, createDecipheriv, createHmac, createPublicKey, verify } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/custos-harness.js";
import { custosTarget, runPykmipScenario, stepValue } from "./pykmip.js";

const SCENARIO_TIMEOUT_MS = 60_000;

describe("PyKMIP client: cryptographic services against custos", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  for (const version of ["1.2", "2.0"] as const) {
    it(
      `encrypt, decrypt, sign, signature_verify, mac and derive_key over KMIP ${version}`,
      async () => {
        const report = await runPykmipScenario({
          ...custosTarget(h),
          version,
          scenario: "crypto",
          timeoutMs: SCENARIO_TIMEOUT_MS,
        });
        expect(report.fatal).toBeUndefined();
        expect(report.connectionLost).toBeUndefined();
        const message = Buffer.from(String(report.messageHex), "hex");

        const aes = stepValue(report, "create_aes") as { keyHex: string };
        const enc = stepValue(report, "encrypt") as { dataHex: string; ivHex: string };
        const iv = Buffer.from(enc.ivHex, "hex");
        expect(iv.length).toBe(16);
        const d = createDecipheriv("aes-256-cbc", Buffer.from(aes.keyHex, "hex"), iv);
        const plain = Buffer.concat([d.update(Buffer.from(enc.dataHex, "hex")), d.final()]);
        expect(plain).toEqual(message);
        expect(Buffer.from(String(stepValue(report, "decrypt")), "hex")).toEqual(message);

        stepValue(report, "register_private_key");
        stepValue(report, "register_public_key");
        const signature = Buffer.from(String(stepValue(report, "sign")), "hex");
        const publicKey = createPublicKey({
          key: Buffer.from(String(report.publicKeyHex), "hex"),
          format: "der",
          type: "spki",
        });
        expect(
          verify(
            "sha256",
            message,
            { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
            signature,
          ),
        ).toBe(true);
        expect(stepValue(report, "signature_verify")).toBe("VALID");
        expect(stepValue(report, "signature_verify_tampered")).toBe("INVALID");

        const hmac = stepValue(report, "create_hmac") as { keyHex: string };
        const mac = stepValue(report, "mac") as { macHex: string };
        expect(mac.macHex).toBe(createHmac("sha256", Buffer.from(hmac.keyHex, "hex")).update(message).digest("hex"));

        // Derive Key, method HMAC-SHA256 over the message, 128 bits.
        const base = stepValue(report, "create_derive_base") as { keyHex: string };
        const derived = stepValue(report, "derive_key") as { keyHex: string };
        expect(derived.keyHex).toBe(
          createHmac("sha256", Buffer.from(base.keyHex, "hex")).update(message).digest("hex").slice(0, 32),
        );
      },
      SCENARIO_TIMEOUT_MS + 10_000,
    );
  }
});
