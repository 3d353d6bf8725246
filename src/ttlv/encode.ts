/**
 * TTLV encoder (KMIP 1.4 §9.1.1, KMIP 2.1 §10.1).
 *
 * "Every Data object encoded by the TTLV scheme consists of four items, in order":
 * a 3-byte big-endian Item Tag, a 1-byte Item Type, a 4-byte big-endian Item
 * Length counting the value bytes without padding, and the Item Value, zero-padded
 * to a multiple of eight bytes. A Structure's length is "the total length of all
 * of the sub-items contained in the structure, including any padding".
 *
 * One pass: each item is written into a growing buffer; a Structure's header is
 * written with a placeholder length that is patched once its children are written.
 * Every value is range-checked, so the encoder never emits bytes `decodeTtlv`
 * would reject.
 */
import { Buffer } from "node:buffer";
import { bigIntegerBytes } from "./encoded-size.js";
import { TtlvEncodeError } from "./errors.js";
import { ItemType, type TtlvItem } from "./item.js";
import { defaultTtlvLimits } from "./limits.js";

export interface TtlvEncoderOptions {
  /** Size of the buffer allocated up front (and kept between calls); default 2 KiB. */
  readonly initialBufferBytes?: number;
  /**
   * Deepest Structure nesting accepted (outermost = 1); default
   * `defaultTtlvLimits.maxDepth`. Bounds the encoder's recursion, so a cyclic
   * item graph fails with "too-deep" rather than a stack overflow.
   */
  readonly maxDepth?: number;
}

const DEFAULT_INITIAL_BYTES = 2048;
/** After a message larger than this, the encoder drops its buffer back to the initial size. */
const MAX_RETAINED_BYTES = 1024 * 1024;
/** The largest item a 32-bit Item Length can describe, header included. */
const MAX_ENCODED_BYTES = 0xffffffff + 8;
/**
 * Strings up to this many UTF-16 units are encoded by hand; longer ones use
 * TextEncoder.encodeInto (Node 20: the hand loop is ~4x faster at 4 units,
 * even at ~24, and 3-10x slower from 64 on).
 */
const SHORT_STRING_UNITS = 24;

const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;
const UINT32_MAX = 0xffffffff;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

const utf8Encoder = new TextEncoder();

/** True for a tag KMIP allows: "all tags SHALL contain either the value 42 in hex or the value 54 in hex as the high order (first) byte" (KMIP 1.4 §9.1.1.1). */
function isTtlvTag(tag: number): boolean {
  const high = tag >>> 16;
  return Number.isInteger(tag) && tag >= 0 && tag <= 0xffffff && (high === 0x42 || high === 0x54);
}

/**
 * A reusable TTLV encoder. It keeps one buffer between calls, grows it by
 * doubling as needed, and returns a fresh exact-length copy from each `encode`,
 * so results stay valid after later calls. Not reentrant; hold one per
 * connection or worker.
 */
export class TtlvEncoder {
  readonly #initialBytes: number;
  readonly #maxDepth: number;
  #bytes: Uint8Array;
  #view: DataView;
  #pos = 0;

  constructor(options: TtlvEncoderOptions = {}) {
    const initial = options.initialBufferBytes ?? DEFAULT_INITIAL_BYTES;
    const maxDepth = options.maxDepth ?? defaultTtlvLimits.maxDepth;
    if (!Number.isSafeInteger(initial) || initial < 16) {
      throw new TypeError(`initialBufferBytes must be an integer >= 16, got ${String(initial)}`);
    }
    if (!Number.isSafeInteger(maxDepth) || maxDepth < 1) {
      throw new TypeError(`maxDepth must be a positive integer, got ${String(maxDepth)}`);
    }
    this.#initialBytes = initial;
    this.#maxDepth = maxDepth;
    this.#bytes = new Uint8Array(initial);
    this.#view = new DataView(this.#bytes.buffer);
  }

  /** Encodes one item (usually a Request or Response Message Structure) to a new Uint8Array. */
  encode(item: TtlvItem): Uint8Array {
    this.#pos = 0;
    try {
      this.#writeItem(item, 1);
      return this.#bytes.slice(0, this.#pos);
    } finally {
      if (this.#bytes.length > MAX_RETAINED_BYTES) this.#reset(this.#initialBytes);
    }
  }

  #reset(size: number): void {
    this.#bytes = new Uint8Array(size);
    this.#view = new DataView(this.#bytes.buffer);
  }

  /** Makes room for `n` more bytes at the write position. */
  #ensure(n: number, tag: number): void {
    const need = this.#pos + n;
    if (need <= this.#bytes.length) return;
    if (need > MAX_ENCODED_BYTES) throw new TtlvEncodeError("too-large", tag);
    const old = this.#bytes;
    this.#reset(Math.min(Math.max(need, old.length * 2), MAX_ENCODED_BYTES));
    this.#bytes.set(old.subarray(0, this.#pos));
  }

  #header(tag: number, type: number, length: number): void {
    this.#view.setUint32(this.#pos, (tag << 8) | type);
    this.#view.setUint32(this.#pos + 4, length);
  }

  /** Zeroes bytes [from, to): the buffer is reused, so padding must be written, not assumed. */
  #zero(from: number, to: number): void {
    const bytes = this.#bytes;
    for (let i = from; i < to; i++) bytes[i] = 0;
  }

  /** Writes a 4-byte value type (Integer, Enumeration, Interval): value then four padding bytes. */
  #write32(tag: number, type: number, value: number, signed: boolean): void {
    this.#ensure(16, tag);
    this.#header(tag, type, 4);
    if (signed) this.#view.setInt32(this.#pos + 8, value);
    else this.#view.setUint32(this.#pos + 8, value);
    this.#view.setUint32(this.#pos + 12, 0);
    this.#pos += 16;
  }

  /** Writes an 8-byte signed value type (Long Integer, Date-Time, Date-Time Extended, small Big Integer). */
  #write64(tag: number, type: number, value: bigint): void {
    this.#ensure(16, tag);
    this.#header(tag, type, 8);
    this.#view.setBigInt64(this.#pos + 8, value);
    this.#pos += 16;
  }

  /** Writes `length` value bytes already placed after the header, then the header and padding. */
  #finishVariable(tag: number, type: number, length: number): void {
    if (length > UINT32_MAX) throw new TtlvEncodeError("too-large", tag);
    this.#header(tag, type, length);
    const end = this.#pos + 8 + length;
    const padded = end + ((8 - (length & 7)) & 7);
    this.#zero(end, padded);
    this.#pos = padded;
  }

  #writeItem(item: TtlvItem, depth: number): void {
    const tag = item.tag;
    if (typeof tag !== "number" || !isTtlvTag(tag)) {
      throw new TtlvEncodeError("bad-tag", typeof tag === "number" ? tag : Number.NaN);
    }
    switch (item.type) {
      case ItemType.Structure: {
        if (depth > this.#maxDepth) throw new TtlvEncodeError("too-deep", tag);
        const children = item.value;
        if (!Array.isArray(children)) throw new TtlvEncodeError("bad-value", tag, "Structure value must be an array");
        this.#ensure(8, tag);
        const start = this.#pos;
        this.#pos += 8;
        for (const child of children) this.#writeItem(child, depth + 1);
        const length = this.#pos - start - 8;
        if (length > UINT32_MAX) throw new TtlvEncodeError("too-large", tag);
        const end = this.#pos;
        this.#pos = start;
        this.#header(tag, ItemType.Structure, length);
        this.#pos = end;
        return;
      }
      case ItemType.Integer: {
        const v = item.value;
        if (!Number.isInteger(v) || v < INT32_MIN || v > INT32_MAX) throw outOfRange(tag, "Integer", v);
        this.#write32(tag, ItemType.Integer, v, true);
        return;
      }
      case ItemType.Enumeration:
      case ItemType.Interval: {
        const v = item.value;
        if (!Number.isInteger(v) || v < 0 || v > UINT32_MAX) throw outOfRange(tag, "unsigned 32-bit", v);
        this.#write32(tag, item.type, v, false);
        return;
      }
      case ItemType.LongInteger:
      case ItemType.DateTime:
      case ItemType.DateTimeExtended: {
        const v = item.value;
        if (typeof v !== "bigint") throw new TtlvEncodeError("bad-value", tag, "64-bit values must be bigint");
        if (v < INT64_MIN || v > INT64_MAX) throw outOfRange(tag, "signed 64-bit", v);
        this.#write64(tag, item.type, v);
        return;
      }
      case ItemType.BigInteger: {
        const v = item.value;
        if (typeof v !== "bigint") throw new TtlvEncodeError("bad-value", tag, "Big Integer must be bigint");
        if (v >= INT64_MIN && v <= INT64_MAX) this.#write64(tag, ItemType.BigInteger, v);
        else this.#writeBigInteger(tag, v);
        return;
      }
      case ItemType.Boolean: {
        const v = item.value;
        if (typeof v !== "boolean") throw new TtlvEncodeError("bad-value", tag, "Boolean must be boolean");
        this.#ensure(16, tag);
        this.#header(tag, ItemType.Boolean, 8);
        this.#view.setUint32(this.#pos + 8, 0);
        this.#view.setUint32(this.#pos + 12, v ? 1 : 0);
        this.#pos += 16;
        return;
      }
      case ItemType.TextString: {
        const v = item.value;
        if (typeof v !== "string") throw new TtlvEncodeError("bad-value", tag, "Text String must be string");
        // UTF-8 needs at most 3 bytes per UTF-16 unit (a surrogate pair: 4 bytes for 2 units).
        this.#ensure(8 + v.length * 3 + 7, tag);
        const at = this.#pos + 8;
        let written: number;
        if (v.length <= SHORT_STRING_UNITS) {
          written = writeUtf8(v, this.#bytes, at);
        } else if ((v as WellFormedCheck).isWellFormed()) {
          written = utf8Encoder.encodeInto(v, this.#bytes.subarray(at)).written;
        } else {
          written = -1;
        }
        if (written < 0) throw new TtlvEncodeError("bad-text", tag);
        this.#finishVariable(tag, ItemType.TextString, written);
        return;
      }
      case ItemType.ByteString: {
        const v = item.value;
        if (!(v instanceof Uint8Array)) throw new TtlvEncodeError("bad-value", tag, "Byte String must be Uint8Array");
        if (v.length > UINT32_MAX) throw new TtlvEncodeError("too-large", tag);
        this.#ensure(8 + v.length + 7, tag);
        this.#bytes.set(v, this.#pos + 8);
        this.#finishVariable(tag, ItemType.ByteString, v.length);
        return;
      }
      default:
        throw new TtlvEncodeError("bad-type", tag, `unknown Item Type ${String((item as { type: unknown }).type)}`);
    }
  }

  /**
   * Big Integer beyond 64 bits: "encoded as a sequence of eight-bit bytes, in two's
   * complement notation, transmitted big-endian. If the length of the sequence is
   * not a multiple of eight bytes, then Big Integers SHALL be padded with the
   * minimal number of leading sign-extended bytes" (KMIP 1.4 §9.1.1.4); the length is
   * encoded-size.ts bigIntegerBytes. Goes through hex, which is linear in the size of the number.
   */
  #writeBigInteger(tag: number, v: bigint): void {
    const length = bigIntegerBytes(v);
    if (length > UINT32_MAX) throw new TtlvEncodeError("too-large", tag);
    const twos = v < 0n ? v + (1n << BigInt(length * 8)) : v;
    this.#ensure(8 + length, tag);
    const at = this.#bytes.byteOffset + this.#pos + 8;
    Buffer.from(this.#bytes.buffer, at, length).write(twos.toString(16).padStart(length * 2, "0"), "hex");
    this.#finishVariable(tag, ItemType.BigInteger, length);
  }
}

/**
 * Encodes one item to a new Uint8Array of exact length. Uses a fresh
 * {@link TtlvEncoder} per call: no module state is kept. Hot paths (a server
 * connection) should hold their own TtlvEncoder and reuse its buffer.
 */
export function encodeTtlv(item: TtlvItem): Uint8Array {
  return new TtlvEncoder({ initialBufferBytes: 256 }).encode(item);
}

type WellFormedCheck = string & { isWellFormed(): boolean };

function outOfRange(tag: number, what: string, v: unknown): TtlvEncodeError {
  return new TtlvEncodeError("out-of-range", tag, `${String(v)} is not a ${what} value`);
}

/**
 * Writes `s` as UTF-8 at `at` (room already ensured) and returns the byte count,
 * or -1 if `s` holds an unpaired surrogate. Faster than TextEncoder for the short
 * strings that fill KMIP messages (names, identifiers).
 */
function writeUtf8(s: string, out: Uint8Array, at: number): number {
  let p = at;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    let c = s.charCodeAt(i);
    if (c < 0x80) {
      out[p++] = c;
    } else if (c < 0x800) {
      out[p++] = 0xc0 | (c >> 6);
      out[p++] = 0x80 | (c & 0x3f);
    } else if (c < 0xd800 || c > 0xdfff) {
      out[p++] = 0xe0 | (c >> 12);
      out[p++] = 0x80 | ((c >> 6) & 0x3f);
      out[p++] = 0x80 | (c & 0x3f);
    } else {
      const low = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (c > 0xdbff || low < 0xdc00 || low > 0xdfff) return -1;
      i++;
      c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
      out[p++] = 0xf0 | (c >> 18);
      out[p++] = 0x80 | ((c >> 12) & 0x3f);
      out[p++] = 0x80 | ((c >> 6) & 0x3f);
      out[p++] = 0x80 | (c & 0x3f);
    }
  }
  return p - at;
}
