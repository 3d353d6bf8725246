import { type CipherGCM, createCipheriv, createDecipheriv, type DecipherGCM, type KeyObject } from "node:crypto";
import { poolRandomBytes } from "../../crypto/random-pool.js";
import { KmipError, kmipError } from "../../kmip/kmip-error.js";
import { BlockCipherMode, CryptographicAlgorithm, PaddingMethod, ResultReason } from "../../ttlv/enums.js";
import type { CryptoParams } from "./params.js";

/**
 * Symmetric encryption for Encrypt / Decrypt (KMIP 1.4 §4.29-4.30, 2.1 §6.1.17 / §6.1.11):
 * AES in ECB, CBC, CTR and GCM; ChaCha20 (RFC 8439 §2.4, and the original 64-bit-nonce variant
 * the CS-BC-M-CHACHA20 vectors use) and ChaCha20-Poly1305 (RFC 8439 §2.8, Block Cipher Mode
 * AEAD). Padding Method PKCS5 or None (the default) for ECB and CBC.
 */
export interface SymmetricRun {
  /** node:crypto cipher or decipher; GCM/Poly1305 ones carry the authentication tag. */
  readonly cipher: CipherGCM | DecipherGCM;
  readonly aead: boolean;
  /** The IV/Counter/Nonce the server generated (returned to the client), if it chose one. */
  readonly generatedIv: Uint8Array | undefined;
  readonly tagLength: number;
  readonly blockBytes: number;
  readonly padded: boolean;
  /** Bytes fed to the cipher so far (multi-part): an unpadded block mode ends on a whole block. */
  fed: number;
  /**
   * AEAD decryption: the Authenticated Encryption Tag given with the first part, already set on
   * the decipher ("If supplied in multi-part decryption, this data MUST be supplied on the
   * initial Decrypt request", KMIP 1.4 Table 231, 2.1 Table 196).
   */
  readonly initialTag?: Uint8Array;
}

/** GCM tag lengths (bytes) OpenSSL accepts and NIST SP 800-38D §5.2.1.2 allows. */
const gcmTagLengths: ReadonlySet<number> = new Set([4, 8, 12, 13, 14, 15, 16]);

const missingIv = () =>
  // The CS-BC-M-11/12/13 vectors answer a Decrypt without IV with Invalid Message ("missing-iv").
  new KmipError(ResultReason.InvalidMessage, "IV/Counter/Nonce is required to decrypt in this mode");

export function badParams(msg: string): KmipError {
  return new KmipError(ResultReason.BadCryptographicParameters, msg);
}

export interface SymmetricRequest {
  readonly algorithm: number | undefined;
  /** The key: its bytes, or a secret KeyObject (crypto/key-cache.ts). */
  readonly key: Uint8Array | KeyObject;
  readonly params: CryptoParams;
  readonly iv: Uint8Array | undefined;
  readonly decrypt: boolean;
  readonly aad: Uint8Array | undefined;
  /** Decrypt of an AEAD mode: the Authenticated Encryption Tag (may come on the final part only). */
  readonly tag: Uint8Array | undefined;
}

export function startSymmetric(r: SymmetricRequest): SymmetricRun {
  const { params } = r;
  switch (r.algorithm) {
    case CryptographicAlgorithm.AES:
      return aes(r, params.blockCipherMode);
    case CryptographicAlgorithm.ChaCha20:
      return chacha20(r);
    case CryptographicAlgorithm.ChaCha20Poly1305:
      if (params.blockCipherMode !== undefined && params.blockCipherMode !== BlockCipherMode.AEAD) {
        throw badParams("ChaCha20-Poly1305 keys are used with Block Cipher Mode AEAD");
      }
      return aead(r, "chacha20-poly1305", 12, 12);
    case undefined:
      throw badParams("the key has no Cryptographic Algorithm");
    default:
      throw kmipError.featureNotSupported(
        `Encrypt/Decrypt with Cryptographic Algorithm ${r.algorithm} is not supported`,
      );
  }
}

/** Length in bytes of a symmetric key given as bytes or as a secret KeyObject. */
export function keyLength(key: Uint8Array | KeyObject): number {
  return ArrayBuffer.isView(key) ? key.length : (key.symmetricKeySize ?? 0);
}

function aesName(key: Uint8Array | KeyObject, mode: string): string {
  const length = keyLength(key);
  if (length !== 16 && length !== 24 && length !== 32) {
    throw kmipError.invalidField("an AES key is 128, 192 or 256 bits long");
  }
  return `aes-${length * 8}-${mode}`;
}

function aes(r: SymmetricRequest, mode: number | undefined): SymmetricRun {
  switch (mode) {
    case BlockCipherMode.ECB:
      return block(r, aesName(r.key, "ecb"), false);
    case BlockCipherMode.CBC:
      return block(r, aesName(r.key, "cbc"), true);
    case BlockCipherMode.CTR: {
      const iv = ivFor(r, 16, [16]);
      return plain(r, aesName(r.key, "ctr"), iv);
    }
    case BlockCipherMode.GCM: {
      const bits = r.params.ivLength;
      if (bits !== undefined && (bits <= 0 || bits % 8 !== 0))
        throw kmipError.invalidField("IV Length must be a positive multiple of 8 bits");
      return aead(r, aesName(r.key, "gcm"), bits === undefined ? 12 : bits / 8, undefined);
    }
    case undefined:
      throw badParams("AES needs a Block Cipher Mode (in the request or the key's Cryptographic Parameters)");
    default:
      throw kmipError.featureNotSupported(`AES Block Cipher Mode ${mode} is not supported`);
  }
}

/**
 * The IV to use: the client's (its length must be one of `lengths`, else Invalid Field), or on
 * Encrypt a fresh random one of `generate` bytes ("the server shall generate a Random IV on
 * behalf of the client", 2.1 §6.1.17; custos also does so when Random IV is not set rather than
 * fail, and always returns the IV it chose).
 */
function ivFor(
  r: SymmetricRequest,
  generate: number,
  lengths: readonly number[] | undefined,
): { iv: Uint8Array; generated: boolean } {
  if (r.iv !== undefined) {
    if (lengths !== undefined && !lengths.includes(r.iv.length)) {
      throw kmipError.invalidField(`IV/Counter/Nonce must be ${lengths.join(" or ")} bytes long, not ${r.iv.length}`);
    }
    if (r.iv.length === 0) throw kmipError.invalidField("IV/Counter/Nonce is empty");
    return { iv: r.iv, generated: false };
  }
  if (r.decrypt) throw missingIv();
  return { iv: poolRandomBytes(generate), generated: true };
}

function padded(r: SymmetricRequest): boolean {
  const p = r.params.paddingMethod;
  if (p === undefined || p === PaddingMethod.None) return false;
  if (p === PaddingMethod.PKCS5) return true;
  throw kmipError.featureNotSupported(`Padding Method ${p} is not supported (PKCS5 or None)`);
}

function block(r: SymmetricRequest, name: string, needsIv: boolean): SymmetricRun {
  const pad = padded(r);
  const iv = needsIv ? ivFor(r, 16, [16]) : undefined;
  const cipher = (r.decrypt ? createDecipheriv : createCipheriv)(name, r.key, iv?.iv ?? null) as CipherGCM;
  cipher.setAutoPadding(pad);
  return {
    cipher,
    aead: false,
    generatedIv: iv?.generated ? iv.iv : undefined,
    tagLength: 0,
    blockBytes: 16,
    padded: pad,
    fed: 0,
  };
}

function plain(
  r: SymmetricRequest,
  name: string,
  iv: { iv: Uint8Array; generated: boolean },
  nodeIv?: Uint8Array,
): SymmetricRun {
  const cipher = (r.decrypt ? createDecipheriv : createCipheriv)(name, r.key, nodeIv ?? iv.iv) as CipherGCM;
  return {
    cipher,
    aead: false,
    generatedIv: iv.generated ? iv.iv : undefined,
    tagLength: 0,
    blockBytes: 1,
    padded: false,
    fed: 0,
  };
}

/**
 * ChaCha20 with the 16-byte OpenSSL IV (32-bit little-endian block counter || 96-bit nonce).
 * A 12-byte nonce is RFC 8439's; an 8-byte one is the original 64-bit-counter variant, whose
 * counter high word is zero here; Initial Counter Value sets the block counter (default 0).
 */
function chacha20(r: SymmetricRequest): SymmetricRun {
  if (keyLength(r.key) !== 32) throw kmipError.invalidField("a ChaCha20 key is 256 bits long");
  const iv = ivFor(r, 12, [8, 12, 16]);
  let nodeIv: Buffer;
  if (iv.iv.length === 16) nodeIv = Buffer.from(iv.iv);
  else {
    nodeIv = Buffer.alloc(16);
    nodeIv.writeUInt32LE((r.params.initialCounterValue ?? 0) >>> 0, 0);
    Buffer.from(iv.iv).copy(nodeIv, 16 - iv.iv.length);
  }
  return plain(r, "chacha20", iv, nodeIv);
}

/** AES-GCM (NIST SP 800-38D) or ChaCha20-Poly1305 (RFC 8439) with Tag Length in bytes (default 16). */
function aead(r: SymmetricRequest, name: string, ivBytes: number, exactIv: number | undefined): SymmetricRun {
  if (name.startsWith("chacha") && keyLength(r.key) !== 32)
    throw kmipError.invalidField("a ChaCha20-Poly1305 key is 256 bits long");
  const iv = ivFor(r, ivBytes, exactIv === undefined ? undefined : [exactIv]);
  if (!name.startsWith("chacha") && iv.iv.length > 1024) throw kmipError.invalidField("the GCM IV is too long");
  let tagLength: number;
  if (r.decrypt) {
    // The tag may come with the final part only; its length, else Tag Length, else 16.
    tagLength = r.tag?.length ?? r.params.tagLength ?? 16;
    if (!gcmTagLengths.has(tagLength))
      throw new KmipError(ResultReason.CryptographicFailure, "invalid authentication tag length");
  } else {
    tagLength = r.params.tagLength ?? 16;
    // CS-BC-M-GCM-1 and CS-BC-M-CHACHA20POLY1305-1 expect General Failure for a bad Tag Length.
    if (!gcmTagLengths.has(tagLength)) {
      throw kmipError.general(`Tag Length ${tagLength} is not valid (4, 8 or 12 to 16 bytes)`);
    }
  }
  const opts = { authTagLength: tagLength };
  const cipher = r.decrypt
    ? createDecipheriv(name as "aes-256-gcm", r.key, iv.iv, opts)
    : createCipheriv(name as "aes-256-gcm", r.key, iv.iv, opts);
  if (r.aad !== undefined && r.aad.length > 0) cipher.setAAD(r.aad);
  const initialTag = r.decrypt ? r.tag : undefined;
  if (initialTag !== undefined) (cipher as DecipherGCM).setAuthTag(initialTag);
  return {
    cipher,
    aead: true,
    generatedIv: iv.generated ? iv.iv : undefined,
    tagLength,
    blockBytes: 1,
    padded: false,
    fed: 0,
    ...(initialTag === undefined ? {} : { initialTag }),
  };
}

/**
 * update() output followed by final() output. Stream modes (GCM, CTR, ChaCha20) finish with
 * nothing, so the update() buffer is returned as is rather than copied into a new one.
 */
function joined(head: Buffer, tail: Buffer): Buffer {
  if (tail.length === 0) return head;
  if (head.length === 0) return tail;
  return Buffer.concat([head, tail], head.length + tail.length);
}

/**
 * Runs a whole single-part encryption or decryption. Data that is not a whole number of blocks
 * where the mode needs them (unpadded, or any CBC/ECB decryption) is Invalid Field; a failed
 * tag or padding check is Cryptographic Failure.
 */
export function finishSymmetric(run: SymmetricRun, data: Uint8Array, decrypt: boolean): { data: Buffer; tag?: Buffer } {
  checkFinalLength(run, data, decrypt);
  try {
    const out = joined(run.cipher.update(data), run.cipher.final());
    if (run.aead && !decrypt) return { data: out, tag: (run.cipher as CipherGCM).getAuthTag() };
    return { data: out };
  } catch {
    throw new KmipError(
      ResultReason.CryptographicFailure,
      decrypt ? "decryption failed (authentication tag or padding check)" : "encryption failed",
    );
  }
}

/**
 * At most how many bytes a part of `length` bytes yields (updateSymmetric, or endSymmetric):
 * the input, plus what the cipher held back from earlier parts (less than a block; a whole
 * block when decrypting with padding), plus a block of padding at the end.
 */
export function maxOutputBytes(run: SymmetricRun, length: number): number {
  return length + 2 * run.blockBytes;
}

/** One middle part of a multi-part operation. */
export function updateSymmetric(run: SymmetricRun, data: Uint8Array): Buffer {
  try {
    const out = run.cipher.update(data);
    run.fed += data.length;
    return out;
  } catch {
    throw new KmipError(ResultReason.CryptographicFailure, "the cipher rejected this part");
  }
}

/**
 * Without padding a block mode (CBC, ECB) must end on a whole block: checked before a final
 * part touches its stream, so that a part refused for it leaves the stream open.
 */
export function checkFinalLength(run: SymmetricRun, data: Uint8Array, decrypt: boolean): void {
  if (run.blockBytes <= 1 || (run.fed + data.length) % run.blockBytes === 0) return;
  if (!run.padded) {
    throw kmipError.invalidField(`without padding the data must be a multiple of ${run.blockBytes} bytes`);
  }
  // With padding the ciphertext is still whole blocks.
  if (decrypt) throw kmipError.invalidField(`the ciphertext must be a multiple of ${run.blockBytes} bytes`);
}

/**
 * Decrypt in an AEAD mode: the Authenticated Encryption Tag "Specifies the tag that will be
 * needed to authenticate the decrypted data" (KMIP 2.1 §6.1.11). In multi-part decryption the
 * spec has it on the initial request; custos also takes it with the final part instead, of the
 * length the decryption was started with (Tag Length, else 16 bytes). Given on both, it must
 * be the same tag. A multi-part final part checks it before it touches its stream, so that a
 * part refused for it leaves the stream open and can be sent again.
 */
export function checkAuthTag(run: SymmetricRun, decrypt: boolean, tag: Uint8Array | undefined): void {
  if (!decrypt || !run.aead) return;
  if (run.initialTag !== undefined) {
    if (tag !== undefined && !Buffer.from(tag).equals(Buffer.from(run.initialTag))) {
      throw kmipError.invalidField("the Authenticated Encryption Tag was given with the initial part, differently");
    }
    return;
  }
  if (tag === undefined) {
    throw kmipError.missingData("Authenticated Encryption Tag is required to decrypt in an AEAD mode");
  }
  if (tag.length !== run.tagLength) {
    throw new KmipError(
      ResultReason.CryptographicFailure,
      `invalid authentication tag length: ${tag.length} bytes, the decryption expects ${run.tagLength}`,
    );
  }
}

/**
 * The final part: with a missing block-size multiple (no padding) node:crypto reports it here.
 * `tag` must have passed checkAuthTag.
 */
export function endSymmetric(
  run: SymmetricRun,
  data: Uint8Array,
  decrypt: boolean,
  tag: Uint8Array | undefined,
): { data: Buffer; tag?: Buffer } {
  try {
    if (decrypt && run.aead && tag !== undefined && run.initialTag === undefined) {
      (run.cipher as DecipherGCM).setAuthTag(tag);
    }
    const out = joined(run.cipher.update(data), run.cipher.final());
    if (run.aead && !decrypt) return { data: out, tag: (run.cipher as CipherGCM).getAuthTag() };
    return { data: out };
  } catch (e) {
    if (e instanceof KmipError) throw e;
    throw new KmipError(ResultReason.CryptographicFailure, decrypt ? "decryption failed" : "encryption failed");
  }
}
