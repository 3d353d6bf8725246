import { execFileSync } from "node:child_process";
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  randomBytes,
  sign,
} from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attr, type KmipClient } from "../../src/client/kmip-client.js";
import { encodeAttribute2 } from "../../src/kmip/attributes/attribute-wire.js";
import { req } from "../../src/kmip/read.js";
import type { ProtocolVersion } from "../../src/kmip/version.js";
import { secretBaseMultiply } from "../../src/kms/crypto/ed25519-base-multiply.js";
import { BASE, decode, encode, equal, fromLe, L, multiply, P, toLe } from "../../src/kms/crypto/ed25519-point.js";
import { ed25519phSign, ed25519phVerify } from "../../src/kms/crypto/ed25519ph.js";
import { okpPkcs8 } from "../../src/kms/keys/key-codec.js";
import { keyObjectFromBlock } from "../../src/kms/keys/key-object.js";
import {
  CryptographicAlgorithm,
  HashingAlgorithm,
  ObjectType,
  Operation,
  ResultReason,
  ValidityIndicator,
} from "../../src/ttlv/enums.js";
import { type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { CryptographicUsageMask as U } from "../../src/ttlv/masks.js";
import { Tag } from "../../src/ttlv/tags.js";
import { type Harness, startHarness } from "../support/custos-harness.js";
import { bytesOf, enumOf, params, reasonOf, registerAsymmetric } from "./crypto-support.js";

/** RFC 8032 §7.3, TEST abc: the one Ed25519ph vector. */
const vector = {
  secret: "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
  public: "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
  message: "abc",
  signature:
    "98a70222f0b8121aa9d30f813d683f809e462b469c7ff87639499bb94e6dae41" +
    "31f85042463c2a355a2003d062adf5aaa10b8c61e636062aaad11c2a26083406",
};

const v21: ProtocolVersion = { major: 2, minor: 1 };
const sha512 = (m: Uint8Array | string) => createHash("sha512").update(m).digest();
const privateFromSeed = (seed: Uint8Array) =>
  createPrivateKey({ key: okpPkcs8("ed25519", seed), format: "der", type: "pkcs8" });
const rawPublic = (k: KeyObject) => Buffer.from(k.export({ format: "jwk" }).x ?? "", "base64url");
const rawSeed = (k: KeyObject) => Buffer.from(k.export({ format: "jwk" }).d ?? "", "base64url");

/**
 * libsodium's Ed25519ph (crypto_sign_ed25519ph_*, dom2 with phflag 1 and an empty context) through
 * python3's ctypes: an implementation independent of custos. It hashes the message itself.
 */
const sodiumScript = `
import ctypes, ctypes.util, json, sys
lib = ctypes.util.find_library("sodium")
if lib is None: sys.exit(3)
s = ctypes.CDLL(lib)
assert s.sodium_init() >= 0
req = json.load(sys.stdin)
msg = bytes.fromhex(req["message"])
st = ctypes.create_string_buffer(s.crypto_sign_ed25519ph_statebytes())
s.crypto_sign_ed25519ph_init(st)
s.crypto_sign_ed25519ph_update(st, msg, ctypes.c_ulonglong(len(msg)))
if req["op"] == "sign":
    pk = ctypes.create_string_buffer(32); sk = ctypes.create_string_buffer(64)
    s.crypto_sign_ed25519_seed_keypair(pk, sk, bytes.fromhex(req["seed"]))
    sig = ctypes.create_string_buffer(64)
    assert s.crypto_sign_ed25519ph_final_create(st, sig, None, sk) == 0
    print(sig.raw.hex())
else:
    ok = s.crypto_sign_ed25519ph_final_verify(st, bytes.fromhex(req["signature"]), bytes.fromhex(req["public"]))
    print("valid" if ok == 0 else "invalid")
`;

function sodium(request: Record<string, string>): string {
  return execFileSync("/usr/bin/python3", ["-c", sodiumScript], { input: JSON.stringify(request), stdio: "pipe" })
    .toString()
    .trim();
}

describe("Ed25519ph primitives (RFC 8032 §5.1)", () => {
  it("RFC 8032 §7.3: the exact signature over SHA-512('abc'), which verifies", () => {
    const key = privateFromSeed(Buffer.from(vector.secret, "hex"));
    expect(rawPublic(key).toString("hex")).toBe(vector.public);
    const digest = sha512(vector.message);
    const sig = ed25519phSign(key, digest);
    expect(sig.toString("hex")).toBe(vector.signature);
    expect(ed25519phVerify(createPublicKey(key), digest, sig)).toBe(true);
    expect(ed25519phVerify(createPublicKey(key), sha512("abd"), sig)).toBe(false);
  });

  it("B encodes as 0x58 0x66…0x66 (RFC 8032 §5.1) and has order L", () => {
    expect(encode(BASE).toString("hex")).toBe(`58${"66".repeat(31)}`);
    expect(encode(multiply(BASE, L)).toString("hex")).toBe(`01${"00".repeat(31)}`);
  });

  it("R = r·B through X25519 matches BigInt double-and-add, on the boundaries and the split fallback", () => {
    const rOf = (s: bigint) => (8n * s) % L; // r with r/8 ≡ s
    const scalars = [
      0n, // the identity: neither representative fits, split
      1n,
      2n,
      L - 1n, // r + 1 ≡ 0: split
      rOf(2n ** 251n), // s = 2^251, the lowest k = 2^254
      rOf(2n ** 252n - 1n), // the highest k
      rOf(2n ** 251n - 1n), // L - s fits instead
      rOf(5n), // s and L - s both outside: split
      rOf(2n ** 252n), // s ≥ 2^252: split
      ...Array.from({ length: 6 }, () => fromLe(randomBytes(40)) % L),
    ];
    for (const r of scalars) {
      expect(encode(secretBaseMultiply(r)).toString("hex"), `r = ${r}`).toBe(encode(multiply(BASE, r)).toString("hex"));
    }
  });

  it("verification rejects S ≥ L, non-canonical R and A, wrong lengths and every single flipped bit", () => {
    const key = privateFromSeed(randomBytes(32));
    const pub = createPublicKey(key);
    const digest = sha512(randomBytes(20));
    const sig = ed25519phSign(key, digest);
    expect(ed25519phVerify(pub, digest, sig)).toBe(true);
    // S + L is the same residue and still fits in 32 octets: malleability the RFC forbids (§5.1.7 step 1).
    const s = fromLe(sig.subarray(32));
    expect(ed25519phVerify(pub, digest, Buffer.concat([sig.subarray(0, 32), toLe(s + L)]))).toBe(false);
    // y ≥ p is a non-canonical encoding of y - p.
    const rPoint = decode(sig.subarray(0, 32));
    expect(rPoint).toBeDefined();
    const nonCanonical = toLe(P + 1n); // y = 1 + p, the identity's y
    expect(decode(nonCanonical)).toBeUndefined();
    expect(ed25519phVerify(pub, digest, Buffer.concat([nonCanonical, sig.subarray(32)]))).toBe(false);
    expect(ed25519phVerify(pub, digest, sig.subarray(0, 63))).toBe(false);
    expect(ed25519phVerify(pub, digest, Buffer.concat([sig, Buffer.from([0])]))).toBe(false);
    for (let bit = 0; bit < 512; bit++) {
      const bad = Buffer.from(sig);
      bad[bit >> 3] = (bad[bit >> 3] ?? 0) ^ (1 << (bit & 7));
      expect(ed25519phVerify(pub, digest, bad), `bit ${bit}`).toBe(false);
    }
    // A pure Ed25519 signature of the digest is not an Ed25519ph signature (dom2 separates them).
    expect(ed25519phVerify(pub, digest, sign(null, digest, key))).toBe(false);
    // An A with y ≥ p does not decode; y = 1, sign 0 is the identity.
    expect(decode(toLe(P))).toBeUndefined();
    expect(equal(decode(toLe(1n)) ?? BASE, multiply(BASE, L))).toBe(true);
  });
});

describe("Sign / Signature Verify over Digested Data with Ed25519 keys (Ed25519ph)", () => {
  let h: Harness;
  let c: KmipClient;
  beforeAll(async () => {
    h = await startHarness();
    c = await h.client("admin", v21);
  });
  afterAll(async () => {
    await h.stop();
  });

  const call = (op: number, id: string, items: TtlvItem[]) =>
    c.call(op, [ttlv.text(Tag.UniqueIdentifier, id), ...items]);
  const signDigest = async (id: string, digest: Uint8Array, extra: TtlvItem[] = []) =>
    bytesOf(await call(Operation.Sign, id, [...extra, ttlv.bytes(Tag.DigestedData, digest)]), Tag.SignatureData);
  const verifyDigest = async (id: string, digest: Uint8Array, sig: Uint8Array) =>
    enumOf(
      await call(Operation.SignatureVerify, id, [
        ttlv.bytes(Tag.DigestedData, digest),
        ttlv.bytes(Tag.SignatureData, sig),
      ]),
      Tag.ValidityIndicator,
    );

  async function registered(key: KeyObject) {
    const reg = (objectType: number, der: Uint8Array, usageMask: number) =>
      registerAsymmetric(c, { objectType, der, algorithm: CryptographicAlgorithm.Ed25519, length: 256, usageMask });
    return {
      priv: await reg(ObjectType.PrivateKey, key.export({ format: "der", type: "pkcs8" }), U.Sign),
      pub: await reg(ObjectType.PublicKey, createPublicKey(key).export({ format: "der", type: "spki" }), U.Verify),
    };
  }

  async function created() {
    const box = (tag: number, usage: number) => ttlv.struct(tag, [encodeAttribute2(attr.usageMask(usage))]);
    const p = await c.call(Operation.CreateKeyPair, [
      ttlv.struct(Tag.CommonAttributes, [encodeAttribute2(attr.algorithm(CryptographicAlgorithm.Ed25519))]),
      box(Tag.PrivateKeyAttributes, U.Sign),
      box(Tag.PublicKeyAttributes, U.Verify),
    ]);
    const priv = req.text(p, Tag.PrivateKeyUniqueIdentifier);
    const pub = req.text(p, Tag.PublicKeyUniqueIdentifier);
    await c.activate(priv);
    await c.activate(pub);
    const got = await c.get(pub);
    return { priv, pub, publicKey: keyObjectFromBlock(got.objectType, req.struct(got.object, Tag.KeyBlock)) };
  }

  it("a registered RFC 8032 §7.3 key signs the vector's exact bytes over KMIP, and verifies them", async () => {
    const ids = await registered(privateFromSeed(Buffer.from(vector.secret, "hex")));
    const digest = sha512(vector.message);
    const sig = await signDigest(ids.priv, digest, [
      params([ttlv.enum(Tag.HashingAlgorithm, HashingAlgorithm.SHA_512)]),
    ]);
    expect(sig.toString("hex")).toBe(vector.signature);
    expect(await verifyDigest(ids.pub, digest, sig)).toBe(ValidityIndicator.Valid);
    expect(await verifyDigest(ids.pub, sha512("abd"), sig)).toBe(ValidityIndicator.Invalid);
  });

  it("a key pair from Create Key Pair (KMIP 2.1) round-trips; bad digests and mangled signatures fail", async () => {
    const k = await created();
    for (let i = 0; i < 3; i++) {
      const digest = sha512(randomBytes(100));
      const sig = await signDigest(k.priv, digest);
      expect(sig.length).toBe(64);
      expect(ed25519phVerify(k.publicKey, digest, sig)).toBe(true);
      expect(await verifyDigest(k.pub, digest, sig)).toBe(ValidityIndicator.Valid);
      const flipped = Buffer.from(sig);
      flipped[i * 20] = (flipped[i * 20] ?? 0) ^ 0x04;
      expect(await verifyDigest(k.pub, digest, flipped)).toBe(ValidityIndicator.Invalid);
    }
    const digest = sha512("x");
    const sig = await signDigest(k.priv, digest);
    const s = fromLe(sig.subarray(32));
    expect(await verifyDigest(k.pub, digest, Buffer.concat([sig.subarray(0, 32), toLe(s + L)]))).toBe(
      ValidityIndicator.Invalid,
    );
    expect(await verifyDigest(k.pub, digest, sig.subarray(1))).toBe(ValidityIndicator.Invalid);
    // Deterministic (RFC 8032 §5.1.6): the same digest gives the same signature.
    expect((await signDigest(k.priv, digest)).equals(sig)).toBe(true);
    // A 32-byte digest is not a SHA-512 digest; nor is SHA-256 Ed25519ph's PH.
    expect(await reasonOf(() => signDigest(k.priv, digest.subarray(0, 32)))).toBe(ResultReason.InvalidField);
    expect(await reasonOf(() => verifyDigest(k.pub, Buffer.concat([digest, Buffer.from([0])]), sig))).toBe(
      ResultReason.InvalidField,
    );
    expect(
      await reasonOf(() =>
        signDigest(k.priv, digest, [params([ttlv.enum(Tag.HashingAlgorithm, HashingAlgorithm.SHA_256)])]),
      ),
    ).toBe(ResultReason.BadCryptographicParameters);
    // Data is still pure Ed25519, unaffected.
    const pure = bytesOf(await call(Operation.Sign, k.priv, [ttlv.bytes(Tag.Data, digest)]), Tag.SignatureData);
    expect(pure.equals(sig)).toBe(false);
    expect(await verifyDigest(k.pub, digest, pure)).toBe(ValidityIndicator.Invalid);
  });

  // OpenSSL gained Ed25519ph in pkeyutl only in 3.2 (-pkeyopt instance:Ed25519ph); this machine's
  // openssl is 3.0, so libsodium is the independent implementation.
  // libsodium23 is installed by scripts/test-setup.sh.
  it("libsodium verifies custos' signatures over the message, and custos verifies libsodium's", async () => {
    const key = generateKeyPairSync("ed25519").privateKey;
    const ids = await registered(key);
    const pub = rawPublic(key).toString("hex");
    for (const message of [Buffer.alloc(0), Buffer.from("abc"), randomBytes(1000)]) {
      const digest = sha512(message);
      const ours = await signDigest(ids.priv, digest);
      const m = message.toString("hex");
      expect(sodium({ op: "verify", public: pub, message: m, signature: ours.toString("hex") })).toBe("valid");
      const theirs = Buffer.from(sodium({ op: "sign", seed: rawSeed(key).toString("hex"), message: m }), "hex");
      expect(theirs.equals(ours)).toBe(true); // Ed25519ph is deterministic: same key, same digest, same bytes
      expect(await verifyDigest(ids.pub, digest, theirs)).toBe(ValidityIndicator.Valid);
      const bad = Buffer.from(theirs);
      bad[40] = (bad[40] ?? 0) ^ 1;
      expect(await verifyDigest(ids.pub, digest, bad)).toBe(ValidityIndicator.Invalid);
      expect(sodium({ op: "verify", public: pub, message: m, signature: bad.toString("hex") })).toBe("invalid");
    }
  });
});
