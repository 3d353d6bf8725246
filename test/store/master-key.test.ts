import { randomBytes } from "node:crypto";
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MasterKeyError, MasterKeyErrorCode } from "../../src/store/errors.js";
import { MasterKey } from "../../src/store/master-key.js";

const plaintext = new Uint8Array(randomBytes(32));

function expectCode(fn: () => unknown, code: string): void {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(MasterKeyError);
    expect((error as MasterKeyError).code).toBe(code);
    return;
  }
  throw new Error(`expected MasterKeyError ${code}`);
}

describe("MasterKey seal/open", () => {
  const key = MasterKey.fromBytes(randomBytes(32));

  it("round-trips and lays out version || nonce || ciphertext || tag", () => {
    const sealed = key.seal(plaintext, "obj-1");
    expect(sealed.length).toBe(1 + 12 + plaintext.length + 16);
    expect(sealed[0]).toBe(1);
    expect(key.open(sealed, "obj-1")).toEqual(plaintext);
    expect(key.open(key.seal(new Uint8Array(0), "x"), "x")).toEqual(new Uint8Array(0));
  });

  it("uses a fresh nonce every time", () => {
    const a = key.seal(plaintext, "obj-1");
    const b = key.seal(plaintext, "obj-1");
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(Buffer.from(a).subarray(1, 13).equals(Buffer.from(b).subarray(1, 13))).toBe(false);
  });

  it("fails with the wrong associated data (a blob moved to another object)", () => {
    const sealed = key.seal(plaintext, "obj-1");
    expectCode(() => key.open(sealed, "obj-2"), MasterKeyErrorCode.OpenFailed);
  });

  it("fails with another key, a flipped bit, a truncated blob or an unknown version", () => {
    const sealed = key.seal(plaintext, "obj-1");
    expectCode(() => MasterKey.fromBytes(randomBytes(32)).open(sealed, "obj-1"), MasterKeyErrorCode.OpenFailed);
    for (const index of [5, 20, sealed.length - 1]) {
      const flipped = new Uint8Array(sealed);
      flipped[index]! ^= 1;
      expectCode(() => key.open(flipped, "obj-1"), MasterKeyErrorCode.OpenFailed);
    }
    expectCode(() => key.open(sealed.subarray(0, 28), "obj-1"), MasterKeyErrorCode.OpenFailed);
    const v2 = new Uint8Array(sealed);
    v2[0] = 2;
    expectCode(() => key.open(v2, "obj-1"), MasterKeyErrorCode.OpenFailed);
  });

  it("rejects keys that are not 32 bytes", () => {
    expectCode(() => MasterKey.fromBytes(new Uint8Array(31)), MasterKeyErrorCode.InvalidKey);
    expectCode(() => MasterKey.fromBytes(new Uint8Array(33)), MasterKeyErrorCode.InvalidKey);
  });

  it("does not reveal the key through JSON or inspect", () => {
    const bytes = randomBytes(32);
    const k = MasterKey.fromBytes(bytes);
    expect(JSON.stringify(k)).toBe("{}");
    expect(inspect(k, { showHidden: true, depth: 10 })).not.toContain(bytes.toString("hex").slice(0, 16));
  });
});

describe("MasterKey.loadOrCreate", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "custos-mk-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("creates a 32-byte key file with mode 0600 and loads the same key again", async () => {
    const path = join(dir, "sub", "master.key");
    const first = await MasterKey.loadOrCreate(path);
    const info = await stat(path);
    expect(info.mode & 0o777).toBe(0o600);
    expect((await readFile(path)).length).toBe(32);
    const bytes = await readFile(path);
    const second = await MasterKey.loadOrCreate(path);
    expect(second.open(first.seal(plaintext, "id"), "id")).toEqual(plaintext);
    expect(await readFile(path)).toEqual(bytes);
  });

  it("gives every concurrent caller the same key, leaving no temporary files", async () => {
    const path = join(dir, "master.key");
    const keys = await Promise.all(Array.from({ length: 8 }, () => MasterKey.loadOrCreate(path)));
    const sealed = keys[0]!.seal(plaintext, "id");
    for (const k of keys) expect(k.open(sealed, "id")).toEqual(plaintext);
    expect(await readdir(dir)).toEqual(["master.key"]);
  });

  it("refuses a key file readable by group or others", async () => {
    const path = join(dir, "master.key");
    await writeFile(path, randomBytes(32), { mode: 0o600 });
    for (const mode of [0o644, 0o640, 0o604]) {
      await chmod(path, mode);
      const error = await MasterKey.loadOrCreate(path).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MasterKeyError);
      expect((error as MasterKeyError).code).toBe(MasterKeyErrorCode.InsecurePermissions);
      expect((error as MasterKeyError).message).toContain("chmod 600");
    }
    await chmod(path, 0o600);
    await expect(MasterKey.loadOrCreate(path)).resolves.toBeInstanceOf(MasterKey);
  });

  it("refuses a key file of the wrong length", async () => {
    const path = join(dir, "master.key");
    await writeFile(path, randomBytes(16), { mode: 0o600 });
    const error = await MasterKey.loadOrCreate(path).catch((e: unknown) => e);
    expect((error as MasterKeyError).code).toBe(MasterKeyErrorCode.InvalidKey);
  });
});
