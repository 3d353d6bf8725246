/**
 * PyKMIP 0.10 (ProxyKmipClient) against a real custos, "asymmetric" scenario over KMIP 1.2 and
 * 2.0: create_key_pair (RSA 2048), register of an RSA public key (X.509), an RSA private key
 * (PKCS#8) and an X.509 certificate made by PyKMIP's side with `cryptography`, get of each.
 * What PyKMIP got back is checked with node:crypto (the created pair signs and verifies; the
 * registered material comes back byte for byte).
 *
 * Needs python3-pykmip (scripts/test-setup.sh installs it).
 */
import { createPrivateKey, createPublicKey, sign, verify, X509Certificate } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "../support/custos-harness.js";
import {
  custosTarget,
  type PykmipGotAttributes as GotAttributes,
  type PykmipGotObject as GotObject,
  runPykmipScenario,
  stepValue,
} from "./pykmip.js";

const SCENARIO_TIMEOUT_MS = 60_000;

describe("PyKMIP client against custos: asymmetric keys and certificates", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  for (const version of ["1.2", "2.0"] as const) {
    it(
      `runs the asymmetric scenario over KMIP ${version}`,
      async () => {
        const report = await runPykmipScenario({
          ...custosTarget(h),
          version,
          scenario: "asymmetric",
          extra: [],
        });
        expect(report.fatal).toBeUndefined();
        expect(report.connectionLost).toBeUndefined();
        expect(report.kmipVersion).toBe(version);

        const pair = stepValue(report, "create_key_pair") as { public: string; private: string };
        expect(pair.public).not.toBe(pair.private);
        const pub = stepValue(report, "get_created_public") as GotObject;
        const priv = stepValue(report, "get_created_private") as GotObject;
        expect(pub).toMatchObject({ class: "PublicKey", cryptographic_algorithm: "RSA", cryptographic_length: 2048 });
        expect(priv).toMatchObject({ class: "PrivateKey", cryptographic_algorithm: "RSA", cryptographic_length: 2048 });
        // custos stores RSA pairs as PKCS#1 (what the AKLC vectors' Digest names).
        expect([pub.key_format_type, priv.key_format_type]).toEqual(["PKCS_1", "PKCS_1"]);
        const publicKey = createPublicKey({ key: Buffer.from(pub.valueHex, "hex"), format: "der", type: "pkcs1" });
        const privateKey = createPrivateKey({ key: Buffer.from(priv.valueHex, "hex"), format: "der", type: "pkcs1" });
        const data = Buffer.from("pykmip interop");
        expect(verify("sha256", data, publicKey, sign("sha256", data, privateKey))).toBe(true);
        const pa = stepValue(report, "get_attributes_created_private") as GotAttributes;
        expect(pa.attributes).toMatchObject({
          "Object Type": "PRIVATE_KEY",
          "Cryptographic Algorithm": "RSA",
          "Cryptographic Length": 2048,
        });

        const regPub = stepValue(report, "get_registered_public") as GotObject;
        const regPriv = stepValue(report, "get_registered_private") as GotObject;
        const cert = stepValue(report, "get_certificate") as GotObject;
        expect(regPub).toMatchObject({ class: "PublicKey", key_format_type: "X_509" });
        expect(regPub.valueHex).toBe(report.registeredPublicHex);
        expect(regPriv).toMatchObject({ class: "PrivateKey", key_format_type: "PKCS_8" });
        expect(regPriv.valueHex).toBe(report.registeredPrivateHex);
        expect(cert.class).toBe("X509Certificate");
        expect(cert.valueHex).toBe(report.registeredCertificateHex);
        // The certificate custos returned carries the registered public key.
        const x509 = new X509Certificate(Buffer.from(cert.valueHex, "hex"));
        expect(x509.publicKey.export({ format: "der", type: "spki" }).toString("hex")).toBe(report.registeredPublicHex);
        const ra = stepValue(report, "get_attributes_registered_public") as GotAttributes;
        expect(ra.attributes).toMatchObject({ "Cryptographic Algorithm": "RSA", "Cryptographic Length": 2048 });
      },
      SCENARIO_TIMEOUT_MS,
    );
  }
});
