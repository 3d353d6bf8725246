import { execFile } from "node:child_process";
import {
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attr, type KmipClient, KmipOperationError } from "../../src/client/kmip-client.js";
import type { Attr } from "../../src/kmip/attributes/attribute.js";
import { encodeAttribute1, encodeAttribute2 } from "../../src/kmip/attributes/attribute-wire.js";
import { asStruct, find, req } from "../../src/kmip/read.js";
import { isV2, type ProtocolVersion } from "../../src/kmip/version.js";
import { keyObjectFromBlock } from "../../src/kms/keys/key-object.js";
import {
  CryptographicAlgorithm,
  KeyFormatType,
  LinkType,
  ObjectType,
  Operation,
  RecommendedCurve,
  ResultReason,
} from "../../src/ttlv/enums.js";
import { type StructureItem, type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { CryptographicUsageMask as M } from "../../src/ttlv/masks.js";
import { Tag } from "../../src/ttlv/tags.js";
import { type Harness, startHarness } from "../support/custos-harness.js";

const run = promisify(execFile);
const v14: ProtocolVersion = { major: 1, minor: 4 };
const v21: ProtocolVersion = { major: 2, minor: 1 };
const F = KeyFormatType;

const curveAttr = (curve: number): Attr => ({
  name: "Cryptographic Domain Parameters",
  value: ttlv.struct(Tag.CryptographicDomainParameters, [ttlv.enum(Tag.RecommendedCurve, curve)]),
});

/** Create Key Pair with 1.x Template-Attributes or 2.x Attributes containers. */
function keyPairPayload(v: ProtocolVersion, common: Attr[], priv: Attr[], pub: Attr[]): TtlvItem[] {
  const box = (tag1: number, tag2: number, attrs: Attr[]) =>
    isV2(v)
      ? ttlv.struct(tag2, attrs.map(encodeAttribute2))
      : ttlv.struct(
          tag1,
          attrs.map((a) => encodeAttribute1(a, undefined)),
        );
  return [
    box(Tag.CommonTemplateAttribute, Tag.CommonAttributes, common),
    box(Tag.PrivateKeyTemplateAttribute, Tag.PrivateKeyAttributes, priv),
    box(Tag.PublicKeyTemplateAttribute, Tag.PublicKeyAttributes, pub),
  ];
}

async function createKeyPair(
  c: KmipClient,
  common: Attr[],
  priv: Attr[] = [attr.usageMask(M.Sign)],
  pub: Attr[] = [attr.usageMask(M.Verify)],
): Promise<{ privateId: string; publicId: string }> {
  const p = await c.call(Operation.CreateKeyPair, keyPairPayload(c.version, common, priv, pub));
  return {
    privateId: req.text(p, Tag.PrivateKeyUniqueIdentifier),
    publicId: req.text(p, Tag.PublicKeyUniqueIdentifier),
  };
}

async function failure(p: Promise<unknown>): Promise<number | undefined> {
  try {
    await p;
  } catch (e) {
    if (e instanceof KmipOperationError) return e.resultReason;
    throw e;
  }
  return undefined;
}

/** Get (optionally in a Key Format Type): the object type and the object structure as returned. */
async function getObject(
  c: KmipClient,
  id: string,
  format?: number,
): Promise<{ objectType: number; object: StructureItem }> {
  const payload: TtlvItem[] = [ttlv.text(Tag.UniqueIdentifier, id)];
  if (format !== undefined) payload.push(ttlv.enum(Tag.KeyFormatType, format));
  const p = await c.call(Operation.Get, payload);
  const object = p.value.at(-1);
  if (object === undefined) throw new Error("empty Get response");
  return { objectType: req.enum(p, Tag.ObjectType), object: asStruct(object) };
}

/** Get in a format, returning the format served and the node:crypto key. */
async function getKey(c: KmipClient, id: string, format?: number): Promise<{ format: number; key: KeyObject }> {
  const got = await getObject(c, id, format);
  const kb = req.struct(got.object, Tag.KeyBlock);
  return { format: req.enum(kb, Tag.KeyFormatType), key: keyObjectFromBlock(got.objectType, kb) };
}

function derOf(got: { object: StructureItem }): Buffer {
  const kb = req.struct(got.object, Tag.KeyBlock);
  return Buffer.from(req.bytes(req.struct(kb, Tag.KeyValue), Tag.KeyMaterial));
}

const spkiOf = (k: KeyObject): Buffer =>
  (k.type === "private" ? createPublicKey(k) : k).export({ format: "der", type: "spki" });

interface Case {
  readonly name: string;
  readonly version: ProtocolVersion;
  readonly common: Attr[];
  readonly algorithm: number;
  readonly length: number;
  readonly type: string;
  readonly privateFormats: number[];
  readonly publicFormats: number[];
  readonly defaults: [number, number];
}

const rsaFormats = {
  privateFormats: [F.PKCS_1, F.PKCS_8, F.TransparentRSAPrivateKey],
  publicFormats: [F.PKCS_1, F.X_509, F.TransparentRSAPublicKey],
  defaults: [F.PKCS_1, F.PKCS_1] as [number, number],
};
const ecFormats = {
  privateFormats: [F.PKCS_8, F.ECPrivateKey, F.TransparentECPrivateKey],
  publicFormats: [F.X_509, F.TransparentECPublicKey],
  defaults: [F.PKCS_8, F.X_509] as [number, number],
};
const okpFormats = {
  privateFormats: [F.PKCS_8, F.Raw],
  publicFormats: [F.X_509, F.Raw],
  defaults: [F.PKCS_8, F.X_509] as [number, number],
};

const cases: Case[] = [
  ...[2048, 3072, 4096].map((length, i) => ({
    name: `RSA ${length}`,
    version: i === 1 ? v14 : v21,
    common: [attr.algorithm(CryptographicAlgorithm.RSA), attr.length(length)],
    algorithm: CryptographicAlgorithm.RSA,
    length,
    type: "rsa",
    ...rsaFormats,
  })),
  {
    name: "ECDSA P-256 by length (1.4)",
    version: v14,
    common: [attr.algorithm(CryptographicAlgorithm.ECDSA), attr.length(256)],
    algorithm: CryptographicAlgorithm.ECDSA,
    length: 256,
    type: "ec",
    ...ecFormats,
    privateFormats: [...ecFormats.privateFormats, F.TransparentECDSAPrivateKey],
  },
  {
    name: "EC P-384 by Recommended Curve",
    version: v21,
    common: [attr.algorithm(CryptographicAlgorithm.EC), curveAttr(RecommendedCurve.P_384)],
    algorithm: CryptographicAlgorithm.EC,
    length: 384,
    type: "ec",
    ...ecFormats,
  },
  {
    name: "ECDSA P-521 by curve and length",
    version: v21,
    common: [attr.algorithm(CryptographicAlgorithm.ECDSA), curveAttr(RecommendedCurve.P_521), attr.length(521)],
    algorithm: CryptographicAlgorithm.ECDSA,
    length: 521,
    type: "ec",
    ...ecFormats,
  },
  {
    name: "Ed25519",
    version: v21,
    common: [attr.algorithm(CryptographicAlgorithm.Ed25519)],
    algorithm: CryptographicAlgorithm.Ed25519,
    length: 256,
    type: "ed25519",
    ...okpFormats,
  },
  {
    name: "X25519 (ECDH on CURVE25519)",
    version: v21,
    common: [attr.algorithm(CryptographicAlgorithm.ECDH), curveAttr(RecommendedCurve.CURVE25519)],
    algorithm: CryptographicAlgorithm.ECDH,
    length: 256,
    type: "x25519",
    ...okpFormats,
  },
];

describe("Create Key Pair and asymmetric key formats", () => {
  let h: Harness;
  let dir: string;
  beforeAll(async () => {
    h = await startHarness();
    dir = await mkdtemp(join(tmpdir(), "custos-keypair-"));
  });
  afterAll(async () => {
    await h.stop();
    await rm(dir, { recursive: true, force: true });
  });

  for (const k of cases) {
    it(`${k.name}: links, usage masks, attributes, every format, and a working key`, async () => {
      const c = await h.client("admin", k.version);
      const x = k.type === "x25519";
      const { privateId, publicId } = await createKeyPair(
        c,
        k.common,
        [attr.usageMask(x ? M.KeyAgreement : M.Sign), attr.name(`${k.name}-priv`)],
        [attr.usageMask(x ? M.KeyAgreement : M.Verify), attr.name(`${k.name}-pub`)],
      );
      expect(privateId).not.toBe(publicId);
      const names = [
        "Object Type",
        "Link",
        "Cryptographic Usage Mask",
        "Cryptographic Algorithm",
        "Cryptographic Length",
      ];
      const pa = await c.getAttributes(privateId, names);
      const ua = await c.getAttributes(publicId, names);
      const val = (as: Attr[], n: string) => as.find((a) => a.name === n)?.value;
      expect(val(pa, "Object Type")?.value).toBe(ObjectType.PrivateKey);
      expect(val(ua, "Object Type")?.value).toBe(ObjectType.PublicKey);
      const link = (as: Attr[]) => asStruct(val(as, "Link") ?? ttlv.struct(Tag.Link, []));
      expect(req.enum(link(pa), Tag.LinkType)).toBe(LinkType.PublicKeyLink);
      expect(req.text(link(pa), Tag.LinkedObjectIdentifier)).toBe(publicId);
      expect(req.enum(link(ua), Tag.LinkType)).toBe(LinkType.PrivateKeyLink);
      expect(req.text(link(ua), Tag.LinkedObjectIdentifier)).toBe(privateId);
      expect(val(pa, "Cryptographic Usage Mask")?.value).toBe(x ? M.KeyAgreement : M.Sign);
      expect(val(ua, "Cryptographic Usage Mask")?.value).toBe(x ? M.KeyAgreement : M.Verify);
      for (const as of [pa, ua]) {
        expect(val(as, "Cryptographic Algorithm")?.value).toBe(k.algorithm);
        expect(val(as, "Cryptographic Length")?.value).toBe(k.length);
      }

      const priv = await getKey(c, privateId);
      const pub = await getKey(c, publicId);
      expect([priv.format, pub.format]).toEqual(k.defaults);
      expect(priv.key.asymmetricKeyType).toBe(k.type);
      if (k.type === "rsa") expect(priv.key.asymmetricKeyDetails?.modulusLength).toBe(k.length);
      // Every format describes the same key pair.
      const reference = spkiOf(pub.key);
      expect(spkiOf(priv.key).equals(reference)).toBe(true);
      for (const f of k.privateFormats) {
        expect(spkiOf((await getKey(c, privateId, f)).key).equals(reference), `private format ${f}`).toBe(true);
      }
      for (const f of k.publicFormats) {
        expect(spkiOf((await getKey(c, publicId, f)).key).equals(reference), `public format ${f}`).toBe(true);
      }
      // The key works: sign with the private key, verify with the public key (both from Get).
      const data = Buffer.from(`custos ${k.name}`);
      if (x) {
        const peer = generateKeyPairSync("x25519");
        const a = diffieHellman({ privateKey: priv.key, publicKey: peer.publicKey });
        const b = diffieHellman({ privateKey: peer.privateKey, publicKey: pub.key });
        expect(a.equals(b)).toBe(true);
      } else {
        const hash = k.type === "ed25519" ? null : "sha256";
        const sig = sign(hash, data, priv.key);
        expect(verify(hash, data, pub.key, sig)).toBe(true);
        expect(verify(hash, Buffer.from("other"), pub.key, sig)).toBe(false);
      }
      // openssl reads and checks what custos exports.
      const p8 = join(dir, `${privateId}.p8.der`);
      await writeFile(p8, derOf(await getObject(c, privateId, F.PKCS_8)));
      const check = await run("openssl", ["pkey", "-inform", "DER", "-in", p8, "-check", "-noout"]);
      expect(`${check.stdout}${check.stderr}`).toMatch(/valid/i);
      const spki = join(dir, `${publicId}.spki.der`);
      await writeFile(spki, derOf(await getObject(c, publicId, F.X_509)));
      const text = await run("openssl", ["pkey", "-pubin", "-inform", "DER", "-in", spki, "-noout", "-text"]);
      expect(text.stdout.length).toBeGreaterThan(0);
      if (k.type === "rsa") {
        const p1 = join(dir, `${publicId}.p1.der`);
        await writeFile(p1, derOf(await getObject(c, publicId, F.PKCS_1)));
        const rsa = await run("openssl", ["rsa", "-RSAPublicKey_in", "-inform", "DER", "-in", p1, "-noout", "-text"]);
        expect(rsa.stdout).toContain(`Public-Key: (${k.length} bit)`);
      }
      if (k.type === "rsa" || k.type === "ec") {
        // A signature made by custos' private key verifies with `openssl dgst -verify` on the exported public key.
        const dataFile = join(dir, `${privateId}.data`);
        const sigFile = join(dir, `${privateId}.sig`);
        const pem = join(dir, `${publicId}.pem`);
        await writeFile(dataFile, data);
        await writeFile(sigFile, sign("sha256", data, priv.key));
        await writeFile(pem, pub.key.export({ format: "pem", type: "spki" }));
        const v = await run("openssl", ["dgst", "-sha256", "-verify", pem, "-signature", sigFile, dataFile]);
        expect(v.stdout).toContain("Verified OK");
      }
    });
  }

  it("a format that does not fit the key is Key Format Type Not Supported", async () => {
    for (const v of [v14, v21]) {
      const c = await h.client("admin", v);
      const rsa = await createKeyPair(c, [attr.algorithm(CryptographicAlgorithm.RSA), attr.length(2048)]);
      expect(await failure(c.get(rsa.privateId, { keyFormatType: F.ECPrivateKey }))).toBe(
        ResultReason.KeyFormatTypeNotSupported,
      );
      expect(await failure(c.get(rsa.publicId, { keyFormatType: F.TransparentECPublicKey }))).toBe(
        ResultReason.KeyFormatTypeNotSupported,
      );
      expect(await failure(c.get(rsa.publicId, { keyFormatType: F.TransparentSymmetricKey }))).toBe(
        ResultReason.KeyFormatTypeNotSupported,
      );
    }
  });

  it("sets the ID Placeholder to the private key", async () => {
    const c = await h.client("admin", v21);
    const [made, got] = await c.batch([
      {
        operation: Operation.CreateKeyPair,
        payload: keyPairPayload(
          v21,
          [attr.algorithm(CryptographicAlgorithm.EC), curveAttr(RecommendedCurve.P_256)],
          [],
          [],
        ),
      },
      { operation: Operation.GetAttributes, payload: [] },
    ]);
    const privateId = req.text(made?.payload ?? ttlv.struct(0, []), Tag.PrivateKeyUniqueIdentifier);
    expect(req.text(got?.payload ?? ttlv.struct(0, []), Tag.UniqueIdentifier)).toBe(privateId);
  });

  it("rejects bad key pair requests with Invalid Field", async () => {
    const c14 = await h.client("admin", v14);
    const c21 = await h.client("admin", v21);
    const bad = ResultReason.InvalidField;
    expect(await failure(createKeyPair(c21, [attr.algorithm(CryptographicAlgorithm.RSA), attr.length(1024)]))).toBe(
      bad,
    );
    expect(await failure(createKeyPair(c21, [attr.algorithm(CryptographicAlgorithm.RSA)]))).toBe(bad);
    expect(await failure(createKeyPair(c21, [attr.length(2048)]))).toBe(bad);
    expect(await failure(createKeyPair(c21, [attr.algorithm(CryptographicAlgorithm.EC), attr.length(200)]))).toBe(bad);
    expect(
      await failure(
        createKeyPair(c21, [
          attr.algorithm(CryptographicAlgorithm.EC),
          curveAttr(RecommendedCurve.P_256),
          attr.length(384),
        ]),
      ),
    ).toBe(bad);
    expect(await failure(createKeyPair(c21, [attr.algorithm(CryptographicAlgorithm.AES), attr.length(256)]))).toBe(bad);
    // Ed25519 does not exist in KMIP 1.4's Cryptographic Algorithm enumeration.
    expect(await failure(createKeyPair(c14, [attr.algorithm(CryptographicAlgorithm.Ed25519)]))).toBe(bad);
    // The halves must describe one key pair.
    expect(
      await failure(
        createKeyPair(c21, [attr.algorithm(CryptographicAlgorithm.RSA)], [attr.length(2048)], [attr.length(3072)]),
      ),
    ).toBe(bad);
  });

  it("creates both halves in one transaction: a failing public half leaves no private key", async () => {
    const c = await h.client("admin", v21);
    await c.create({ algorithm: CryptographicAlgorithm.AES, length: 128, name: "taken-name" });
    const before = await c.locate({ attributes: [attr.objectType(ObjectType.PrivateKey)] });
    const reason = await failure(
      createKeyPair(
        c,
        [attr.algorithm(CryptographicAlgorithm.EC), curveAttr(RecommendedCurve.P_256)],
        [attr.name("fresh-private-name")],
        [attr.name("taken-name")],
      ),
    );
    expect(reason).toBe(ResultReason.NonUniqueNameAttribute);
    expect(await c.locate({ attributes: [attr.name("fresh-private-name")] })).toEqual([]);
    expect(await c.locate({ attributes: [attr.objectType(ObjectType.PrivateKey)] })).toEqual(before);
  });

  it("audits both halves", async () => {
    const c = await h.client("admin", v21);
    const { privateId, publicId } = await createKeyPair(c, [attr.algorithm(CryptographicAlgorithm.Ed25519)]);
    for (const id of [privateId, publicId]) {
      const audit = await h.custos.store.listAudit({ objectId: id });
      expect(audit.map((a) => a.action)).toContain("kmip.CreateKeyPair");
    }
  });

  describe("Register of public and private keys", () => {
    function keyObject(objectType: number, format: number, material: Uint8Array, extra: TtlvItem[] = []): TtlvItem {
      const kb = ttlv.struct(Tag.KeyBlock, [
        ttlv.enum(Tag.KeyFormatType, format),
        ttlv.struct(Tag.KeyValue, [ttlv.bytes(Tag.KeyMaterial, material)]),
        ...extra,
      ]);
      return ttlv.struct(objectType === ObjectType.PrivateKey ? Tag.PrivateKey : Tag.PublicKey, [kb]);
    }
    const register = (c: KmipClient, objectType: number, object: TtlvItem) =>
      c.call(Operation.Register, [
        ttlv.enum(Tag.ObjectType, objectType),
        ...c.encodeAttributes([attr.usageMask(objectType === ObjectType.PrivateKey ? M.Sign : M.Verify)]),
        object,
      ]);

    it("derives Cryptographic Algorithm and Length from the material and serves other formats", async () => {
      for (const v of [v14, v21]) {
        const c = await h.client("admin", v);
        const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 3072 });
        const p = await register(
          c,
          ObjectType.PrivateKey,
          keyObject(ObjectType.PrivateKey, F.PKCS_8, privateKey.export({ format: "der", type: "pkcs8" })),
        );
        const id = req.text(p, Tag.UniqueIdentifier);
        const as = await c.getAttributes(id, ["Cryptographic Algorithm", "Cryptographic Length", "Key Format Type"]);
        // Key Format Type is an attribute from KMIP 2.0 on (2.1 §4.26).
        const expected = isV2(v) ? [CryptographicAlgorithm.RSA, 3072, F.PKCS_8] : [CryptographicAlgorithm.RSA, 3072];
        expect(as.map((a) => a.value.value)).toEqual(expected);
        const got = await getObject(c, id, F.PKCS_1);
        const back = createPrivateKey({ key: derOf(got), format: "der", type: "pkcs1" });
        const sig = sign("sha256", Buffer.from("x"), back);
        expect(verify("sha256", Buffer.from("x"), publicKey, sig)).toBe(true);

        const ec = generateKeyPairSync("ec", { namedCurve: "secp384r1" });
        const q = await register(
          c,
          ObjectType.PublicKey,
          keyObject(ObjectType.PublicKey, F.X_509, ec.publicKey.export({ format: "der", type: "spki" }), [
            ttlv.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.ECDSA),
          ]),
        );
        const pubId = req.text(q, Tag.UniqueIdentifier);
        const pa = await c.getAttributes(pubId, ["Cryptographic Algorithm", "Cryptographic Length"]);
        expect(pa.map((a) => a.value.value)).toEqual([CryptographicAlgorithm.ECDSA, 384]);
        const t = await getObject(c, pubId, F.TransparentECPublicKey);
        const km = asStruct(find(req.struct(req.struct(t.object, Tag.KeyBlock), Tag.KeyValue), Tag.KeyMaterial)!);
        expect(req.enum(km, Tag.RecommendedCurve)).toBe(RecommendedCurve.P_384);
        expect(
          Buffer.from(req.bytes(km, Tag.QString)).equals(
            ec.publicKey.export({ format: "der", type: "spki" }).subarray(-97),
          ),
        ).toBe(true);
      }
    });

    it("rejects material that does not parse or contradicts the stated attributes", async () => {
      const c = await h.client("admin", v21);
      const bad = ResultReason.InvalidField;
      const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
      expect(
        await failure(
          register(
            c,
            ObjectType.PrivateKey,
            keyObject(ObjectType.PrivateKey, F.PKCS_1, Buffer.from("3003020100", "hex")),
          ),
        ),
      ).toBe(bad);
      const spki = rsa.publicKey.export({ format: "der", type: "spki" });
      expect(
        await failure(
          register(
            c,
            ObjectType.PublicKey,
            keyObject(ObjectType.PublicKey, F.X_509, spki, [
              ttlv.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.RSA),
              ttlv.int(Tag.CryptographicLength, 4096),
            ]),
          ),
        ),
      ).toBe(bad);
      expect(
        await failure(
          register(
            c,
            ObjectType.PublicKey,
            keyObject(ObjectType.PublicKey, F.X_509, spki, [
              ttlv.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.ECDSA),
            ]),
          ),
        ),
      ).toBe(bad);
      // A private key registered as a Public Key.
      const p1 = rsa.privateKey.export({ format: "der", type: "pkcs1" });
      expect(await failure(register(c, ObjectType.PublicKey, keyObject(ObjectType.PublicKey, F.PKCS_1, p1)))).toBe(bad);
    });
  });
});
