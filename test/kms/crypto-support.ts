import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { attr, type KmipClient, KmipOperationError } from "../../src/client/kmip-client.js";
import { KeyFormatType, ObjectType, Operation } from "../../src/ttlv/enums.js";
import { type StructureItem, type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";

/** Cryptographic Parameters structure from tag/value pairs. */
export function params(items: readonly TtlvItem[]): TtlvItem {
  return ttlv.struct(Tag.CryptographicParameters, items);
}

export function bytesOf(p: StructureItem, tag: number): Buffer {
  const item = p.value.find((c) => c.tag === tag);
  if (item === undefined || item.type !== 8) throw new Error(`no ${tag.toString(16)} in response`);
  return Buffer.from(item.value);
}

export function enumOf(p: StructureItem, tag: number): number | undefined {
  const item = p.value.find((c) => c.tag === tag);
  return item?.type === 5 ? item.value : undefined;
}

/** Runs `f` and returns the Result Reason it failed with. */
export async function reasonOf(f: () => Promise<unknown>): Promise<number | undefined> {
  try {
    await f();
  } catch (e) {
    if (e instanceof KmipOperationError) return e.resultReason;
    throw e;
  }
  expect.fail("the operation succeeded but should have failed");
}

/** Registers an Active asymmetric key (PKCS#8 private or X.509 SubjectPublicKeyInfo public). */
export async function registerAsymmetric(
  c: KmipClient,
  o: { objectType: number; der: Uint8Array; algorithm: number; length: number; usageMask: number },
): Promise<string> {
  const isPrivate = o.objectType === ObjectType.PrivateKey;
  const keyBlock = ttlv.struct(Tag.KeyBlock, [
    ttlv.enum(Tag.KeyFormatType, isPrivate ? KeyFormatType.PKCS_8 : KeyFormatType.X_509),
    ttlv.struct(Tag.KeyValue, [ttlv.bytes(Tag.KeyMaterial, o.der)]),
    ttlv.enum(Tag.CryptographicAlgorithm, o.algorithm),
    ttlv.int(Tag.CryptographicLength, o.length),
  ]);
  const p = await c.call(Operation.Register, [
    ttlv.enum(Tag.ObjectType, o.objectType),
    ...c.encodeAttributes([attr.usageMask(o.usageMask), attr.activationDate(new Date(Date.now() - 60_000))]),
    ttlv.struct(isPrivate ? Tag.PrivateKey : Tag.PublicKey, [keyBlock]),
  ]);
  const id = p.value.find((v) => v.tag === Tag.UniqueIdentifier);
  if (id?.type !== 7) throw new Error("no Unique Identifier");
  return id.value;
}

/** Runs the openssl CLI with files in a scratch folder; returns stdout. */
export function openssl(args: (dir: string) => string[], files: Record<string, Uint8Array | string> = {}): Buffer {
  const dir = mkdtempSync(join(tmpdir(), "custos-openssl-"));
  try {
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    return execFileSync("openssl", args(dir), { stdio: ["ignore", "pipe", "pipe"] });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `openssl kdf -keylen <keylen> -kdfopt <opt>... <algorithm>`, its "AA:BB:..." output as bytes. */
export function opensslKdf(algorithm: string, keylen: number, opts: readonly string[]): Buffer {
  const args = ["kdf", "-keylen", String(keylen), ...opts.flatMap((o) => ["-kdfopt", o]), algorithm];
  return Buffer.from(
    openssl(() => args)
      .toString()
      .trim()
      .replaceAll(":", ""),
    "hex",
  );
}
