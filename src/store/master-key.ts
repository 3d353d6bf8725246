import type { KeyObject } from "node:crypto";
import { createCipheriv, createDecipheriv, createSecretKey, randomBytes } from "node:crypto";
import { link, mkdir, open, readFile, stat, unlink } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { poolRandomBytes } from "../crypto/random-pool.js";
import { MasterKeyError, MasterKeyErrorCode } from "./errors.js";

/** AES-256 key length in bytes. */
export const MASTER_KEY_LENGTH = 32;
/** Format version of a sealed blob; the first byte of every blob. */
const SEAL_VERSION = 1;
/** GCM nonce length: 96 bits, the length GCM is defined for (NIST SP 800-38D 8.2). */
const NONCE_LENGTH = 12;
const TAG_LENGTH = 16;
const HEADER_LENGTH = 1 + NONCE_LENGTH;
/** Permission bits that let anyone but the owner read, write or execute the key file. */
const GROUP_OR_OTHER_BITS = 0o077;

/**
 * The key that seals key material at rest: AES-256-GCM with a random 96-bit nonce.
 *
 * A sealed blob is `version (1 byte, = 1) || nonce (12) || ciphertext || tag (16)`.
 * The associated data (the object id) is authenticated but not stored, so a blob
 * copied into another object's row fails to open.
 *
 * The key bytes live only in a `KeyObject` held in a private field: they are not
 * reachable through `JSON.stringify`, `util.inspect` or logging.
 */
export class MasterKey {
  readonly #key: KeyObject;

  private constructor(key: KeyObject) {
    this.#key = key;
  }

  /** Wraps 32 raw key bytes (copied). */
  static fromBytes(key: Uint8Array): MasterKey {
    if (key.length !== MASTER_KEY_LENGTH) {
      throw new MasterKeyError(
        MasterKeyErrorCode.InvalidKey,
        `master key must be ${MASTER_KEY_LENGTH} bytes, got ${key.length}`,
      );
    }
    return new MasterKey(createSecretKey(Buffer.from(key)));
  }

  /**
   * Loads the 32-byte key file at `path`, or creates it (random bytes, mode 0600) if absent.
   *
   * Creation is atomic and never replaces a key: the bytes are written and fsynced to a
   * temporary file that is then hard-linked to `path`, which fails if another process
   * created the key first (both then use that one).
   *
   * A key file readable, writable or executable by its group or by others is REFUSED
   * (MasterKeyError CUSTOS_MASTER_KEY_INSECURE_PERMISSIONS) rather than used with a
   * warning: a leaked master key exposes every stored key, so the operator must fix the
   * permissions (`chmod 600 <path>`) before the server starts. (Skipped on Windows,
   * which has no POSIX modes.)
   */
  static async loadOrCreate(path: string): Promise<MasterKey> {
    const existing = await readKeyFile(path);
    if (existing) return MasterKey.fromBytes(existing);
    await createKeyFile(path);
    const created = await readKeyFile(path);
    if (!created) throw new MasterKeyError(MasterKeyErrorCode.InvalidKey, `master key file ${path} vanished`);
    return MasterKey.fromBytes(created);
  }

  /** Encrypts `plaintext`, binding `aad` (the object id) as associated data. */
  seal(plaintext: Uint8Array, aad: string): Uint8Array {
    const nonce = poolRandomBytes(NONCE_LENGTH);
    const cipher = createCipheriv("aes-256-gcm", this.#key, nonce, { authTagLength: TAG_LENGTH });
    cipher.setAAD(Buffer.from(aad, "utf8"));
    const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const out = new Uint8Array(HEADER_LENGTH + body.length + TAG_LENGTH);
    out[0] = SEAL_VERSION;
    out.set(nonce, 1);
    out.set(body, HEADER_LENGTH);
    out.set(cipher.getAuthTag(), HEADER_LENGTH + body.length);
    return out;
  }

  /**
   * A short public name of one sealed blob: its nonce in hex (fresh for every seal), so it
   * changes whenever material is written, even when the same version number is written again
   * after a rollback. Not secret.
   */
  static sealId(sealed: Uint8Array): string {
    return Buffer.from(sealed.buffer, sealed.byteOffset + 1, Math.min(NONCE_LENGTH, sealed.length - 1)).toString("hex");
  }

  /** Decrypts a blob made by {@link seal} with the same `aad`; throws MasterKeyError otherwise. */
  open(sealed: Uint8Array, aad: string): Uint8Array {
    if (sealed.length < HEADER_LENGTH + TAG_LENGTH || sealed[0] !== SEAL_VERSION) {
      throw new MasterKeyError(MasterKeyErrorCode.OpenFailed, "sealed blob is malformed or of an unknown version");
    }
    const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.length);
    const nonce = bytes.subarray(1, HEADER_LENGTH);
    const tag = bytes.subarray(bytes.length - TAG_LENGTH);
    const body = bytes.subarray(HEADER_LENGTH, bytes.length - TAG_LENGTH);
    try {
      const decipher = createDecipheriv("aes-256-gcm", this.#key, nonce, { authTagLength: TAG_LENGTH });
      decipher.setAAD(Buffer.from(aad, "utf8"));
      decipher.setAuthTag(tag);
      return new Uint8Array(Buffer.concat([decipher.update(body), decipher.final()]));
    } catch (cause) {
      throw new MasterKeyError(
        MasterKeyErrorCode.OpenFailed,
        "sealed blob failed authentication (wrong key, wrong object id or tampered bytes)",
        { cause },
      );
    }
  }
}

/** Reads and checks the key file; undefined if it does not exist. */
async function readKeyFile(path: string): Promise<Uint8Array | undefined> {
  let mode: number;
  try {
    mode = (await stat(path)).mode;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  if (process.platform !== "win32" && (mode & GROUP_OR_OTHER_BITS) !== 0) {
    const shown = (mode & 0o777).toString(8).padStart(4, "0");
    throw new MasterKeyError(
      MasterKeyErrorCode.InsecurePermissions,
      `master key file ${path} has mode ${shown}: it must not be accessible by group or others; run \`chmod 600 ${path}\``,
    );
  }
  const bytes = await readFile(path);
  if (bytes.length !== MASTER_KEY_LENGTH) {
    throw new MasterKeyError(
      MasterKeyErrorCode.InvalidKey,
      `master key file ${path} must hold exactly ${MASTER_KEY_LENGTH} raw bytes, found ${bytes.length}`,
    );
  }
  return new Uint8Array(bytes);
}

/** Writes a fresh random key to `path` atomically, unless a key appears there first. */
async function createKeyFile(path: string): Promise<void> {
  const dir = dirname(path);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await open(tmp, "wx", 0o600);
  try {
    await handle.writeFile(randomBytes(MASTER_KEY_LENGTH));
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await link(tmp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    await unlink(tmp);
  }
  const dirHandle = await open(dir, "r");
  try {
    await dirHandle.sync();
  } finally {
    await dirHandle.close();
  }
}
