/**
 * PyKMIP 0.10 (Debian python3-pykmip, ProxyKmipClient) against a real custos: the
 * "lifecycle" scenario over KMIP 1.2 and 2.0, and the "denied" scenario run by another
 * client identity. The harness itself is proven against PyKMIP's own server in
 * pykmip-self.test.ts, so a failure here is custos's.
 *
 * Needs python3-pykmip (scripts/test-setup.sh installs it).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AttributeDef, attributeByName, type KmipVersion } from "../../src/kmip/attribute-defs.js";
import { State } from "../../src/ttlv/enums.js";
import { type Harness, startHarness } from "../support/custos-harness.js";
import {
  custosTarget,
  type PykmipGotAttributes as GotAttributes,
  type PykmipGotObject as GotObject,
  type PykmipLocated as Located,
  type PykmipReport,
  type PykmipVersion,
  runPykmipScenario,
  stepError,
  stepValue,
} from "./pykmip.js";

/** KMIP 1.4 §9.1.3.3.1 / 2.1 §11.14: Encrypt (0x4) | Decrypt (0x8). */
const ENCRYPT_DECRYPT_MASK = 0x4 | 0x8;
const SCENARIO_TIMEOUT_MS = 60_000;
const ALL_VERSIONS: readonly KmipVersion[] = ["1.0", "1.1", "1.2", "1.3", "1.4", "2.0", "2.1"];

describe("PyKMIP client against custos", () => {
  let h: Harness;
  /** The lifecycle report per version, for the denied runs. */
  const lifecycle = new Map<PykmipVersion, PykmipReport>();

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  const run = (version: PykmipVersion, scenario: string, who: "admin" | "user", extra: string[] = []) =>
    runPykmipScenario({
      ...custosTarget(h, who),
      version,
      scenario,
      extra,
    });

  for (const version of ["1.2", "2.0"] as const) {
    it(
      `runs the lifecycle scenario over KMIP ${version}`,
      async () => {
        const report = await run(version, "lifecycle", "admin");
        lifecycle.set(version, report);
        expect(report.fatal).toBeUndefined();
        expect(report.connectionLost).toBeUndefined();
        expect(report.kmipVersion).toBe(version);
        stepValue(report, "connect");
        // KMIP 1.4 §4.26: every supported version, newest first.
        expect(stepValue(report, "discover_versions")).toEqual(["2.1", "2.0", "1.4", "1.3", "1.2", "1.1", "1.0"]);
        await checkLifecycle(h, report, version);
      },
      SCENARIO_TIMEOUT_MS,
    );
  }

  for (const version of ["1.2", "2.0"] as const) {
    it(
      `denies identity "user" the objects of "admin" over KMIP ${version}, and the object survives`,
      async () => {
        const owner = lifecycle.get(version);
        if (owner === undefined) throw new Error(`the ${version} lifecycle test must run first`);
        const [secret] = owner.remaining as string[];
        expect(secret).toBeTypeOf("string");
        const uid = secret as string;

        const denied = await run(version, "denied", "user", ["--uid", uid]);
        expect(denied.fatal).toBeUndefined();
        stepValue(denied, "connect");
        for (const step of ["get", "get_attributes", "destroy"]) {
          expect(stepError(denied, step), step).toMatchObject({
            class: "KmipOperationFailure",
            status: "OPERATION_FAILED",
            reason: "PERMISSION_DENIED",
          });
        }
        // Locate answers only what the caller may use: nothing of admin's.
        expect(stepValue(denied, "locate_all")).toEqual({ uids: [], count: 0, contains: { [uid]: false } });

        // The owner still has it, bytes intact: the denied Destroy changed nothing.
        const again = await run(version, "denied", "admin", ["--uid", uid]);
        expect(stepValue(again, "get")).toMatchObject({
          object_type: "SECRET_DATA",
          data_type: "PASSWORD",
          valueHex: owner.registeredSecretHex,
        });
        expect((stepValue(again, "locate_all") as Located).contains[uid]).toBe(true);
      },
      SCENARIO_TIMEOUT_MS,
    );
  }

  // 1.4 §11.12/§11.13/§11.22 "No object with the specified Unique Identifier exists": Item
  // Not Found; 2.1 §6.1.19 and §11.34 name Object Not Found for a missing managed object.
  for (const [version, reason] of [
    ["1.2", "ITEM_NOT_FOUND"],
    ["2.0", "OBJECT_NOT_FOUND"],
  ] as const) {
    it(
      `answers ${reason} over KMIP ${version} for an id that does not exist`,
      async () => {
        const report = await run(version, "denied", "admin", ["--uid", "no-such-object"]);
        for (const step of ["get", "get_attributes", "destroy"]) {
          expect(stepError(report, step), step).toMatchObject({ status: "OPERATION_FAILED", reason });
        }
      },
      SCENARIO_TIMEOUT_MS,
    );
  }
});

/** "AttributeType.ORIGINAL_CREATION_DATE" / "Tags.SHORT_UNIQUE_IDENTIFIER" -> "Original Creation Date". */
function attributeNameOfPykmipEnum(member: string): string {
  return member
    .split(".")
    .pop()!
    .split("_")
    .map((w) => w.charAt(0) + w.slice(1).toLowerCase())
    .join(" ");
}

/** An attribute exists in KMIP `version` (its "since"/"until" in src/kmip/attribute-defs.ts). */
function existsIn(def: AttributeDef, version: KmipVersion): boolean {
  const at = ALL_VERSIONS.indexOf(version);
  return ALL_VERSIONS.indexOf(def.since) <= at && (def.until === undefined || at < ALL_VERSIONS.indexOf(def.until));
}

async function checkLifecycle(h: Harness, report: PykmipReport, version: PykmipVersion): Promise<void> {
  const names = report.names as { created: string; key: string; secret: string };
  const created = stepValue(report, "create") as string;
  const key = stepValue(report, "register_key") as string;
  const secret = stepValue(report, "register_secret") as string;
  expect(new Set([created, key, secret]).size).toBe(3);

  // Get: the generated key is 256 random bits; registered bytes come back unchanged.
  expect(stepValue(report, "get_created")).toEqual({
    class: "SymmetricKey",
    object_type: "SYMMETRIC_KEY",
    cryptographic_algorithm: "AES",
    cryptographic_length: 256,
    key_format_type: "RAW",
    valueHex: expect.stringMatching(/^[0-9a-f]{64}$/),
  });
  expect(stepValue(report, "get_key")).toEqual({
    class: "SymmetricKey",
    object_type: "SYMMETRIC_KEY",
    cryptographic_algorithm: "AES",
    cryptographic_length: 256,
    key_format_type: "RAW",
    valueHex: report.registeredKeyHex,
  });
  expect(stepValue(report, "get_secret")).toEqual({
    class: "SecretData",
    object_type: "SECRET_DATA",
    data_type: "PASSWORD",
    valueHex: report.registeredSecretHex,
  });
  expect((stepValue(report, "get_created") as GotObject).valueHex).not.toBe(report.registeredKeyHex);

  // Get Attributes with names.
  expect(stepValue(report, "get_attributes_selected")).toEqual({
    uid: created,
    attributes: {
      Name: { value: names.created, type: "UNINTERPRETED_TEXT_STRING" },
      "Object Type": "SYMMETRIC_KEY",
      "Cryptographic Algorithm": "AES",
      "Cryptographic Length": 256,
      "Cryptographic Usage Mask": ENCRYPT_DECRYPT_MASK,
      State: "PRE_ACTIVE",
    },
  } satisfies GotAttributes);

  // Get Attribute List: the attributes custos keeps, each one defined in this KMIP version.
  const list = stepValue(report, "get_attribute_list") as string[];
  expect(list).toEqual(
    expect.arrayContaining([
      "Unique Identifier",
      "Name",
      "Object Type",
      "Cryptographic Algorithm",
      "Cryptographic Length",
      "Cryptographic Usage Mask",
      "State",
      "Initial Date",
      "Last Change Date",
    ]),
  );
  expect(new Set(list).size).toBe(list.length);
  for (const name of list) {
    const def = attributeByName(name);
    expect(def, name).toBeDefined();
    expect(existsIn(def as AttributeDef, version), `${name} exists in KMIP ${version}`).toBe(true);
  }

  // Get Attributes with no names answers every attribute (KMIP 1.4 §4.12, 2.1 §6.1.21). PyKMIP
  // 0.10 cannot decode some attributes its own enum tables place in these versions (its
  // AttributeValueFactory knows no Original Creation Date, Short Unique Identifier, Link...), so
  // its decoder gives up on the first one: the failure must name an attribute that custos listed.
  const all = report.steps.get_attributes_all;
  if (all?.ok === false) {
    expect(all.error.class).toBe("ValueError");
    const member = /^Unrecognized attribute type: ((?:AttributeType|Tags)\.[A-Z0-9_]+)$/.exec(all.error.message)?.[1];
    expect(member, all.error.message).toBeDefined();
    expect(list).toContain(attributeNameOfPykmipEnum(member as string));
  } else {
    const got = stepValue(report, "get_attributes_all") as GotAttributes;
    expect(Object.keys(got.attributes).sort()).toEqual([...list].sort());
  }
  // What PyKMIP could not decode, custos's own client reads in the same version: the same names.
  const own = await h.client("admin", { major: Number(version[0]), minor: Number(version[2]) });
  const ownAll = await own.getAttributes(secret);
  const compact = (n: string) => n.replaceAll(" ", ""); // the 2.x list gives enum names ("ObjectType")
  expect(new Set(ownAll.map((a) => compact(a.name)))).toEqual(
    new Set((await own.getAttributeList(secret)).map(compact)),
  );

  // Locate by Name, Object Type, State.
  expect(stepValue(report, "locate_by_name")).toEqual({ uids: [created], count: 1, contains: { [created]: true } });
  const byType = stepValue(report, "locate_by_object_type") as Located;
  expect(byType.contains).toEqual({ [secret]: true, [created]: false });
  expect(byType.uids).not.toContain(key);
  const preActive = stepValue(report, "locate_by_state_pre_active") as Located;
  expect(preActive.uids).toEqual(expect.arrayContaining([created, key, secret]));

  // Activate -> Active; Locate by State Active finds it, and not the Pre-Active ones.
  expect(stepValue(report, "activate")).toEqual({ state: "ACTIVE" });
  const active = stepValue(report, "locate_by_state_active") as Located;
  expect(active.contains[created]).toBe(true);
  expect(active.uids).not.toContain(key);

  // An Active object cannot be destroyed: 2.1 §6.1.15 Wrong Key Lifecycle State;
  // 1.4 §11.22 "Object is not in Pre-Active, Deactivated or Compromised state": Permission Denied.
  expect(stepError(report, "destroy_active")).toMatchObject({
    status: "OPERATION_FAILED",
    reason: version === "2.0" ? "WRONG_KEY_LIFECYCLE_STATE" : "PERMISSION_DENIED",
  });

  // Revoke (Cessation of Operation) -> Deactivated; then Destroy succeeds, as for a Pre-Active key.
  expect(stepValue(report, "revoke")).toEqual({ state: "DEACTIVATED" });
  expect(stepValue(report, "destroy_after_revoke")).toBeNull();
  expect(stepValue(report, "destroy_pre_active")).toBeNull();

  // custos keeps a destroyed object's metadata. Get: 2.x Object Destroyed (2.1 §11.34); 1.4
  // §11.12 "the server only has attributes for this object": Illegal Operation.
  for (const step of ["get_destroyed", "get_destroyed_pre_active"]) {
    expect(stepError(report, step), step).toMatchObject({
      class: "KmipOperationFailure",
      status: "OPERATION_FAILED",
      reason: version === "2.0" ? "OBJECT_DESTROYED" : "ILLEGAL_OPERATION",
    });
  }
  const [state] = await own.getAttributes(created, ["State"]);
  expect(state?.value.value).toBe(State.Destroyed);
}
