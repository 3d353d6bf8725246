/**
 * TTLV decoder (KMIP 1.4 §9.1.1, KMIP 2.1 §10.1).
 *
 * Decodes exactly one item spanning the whole input, with an explicit stack
 * (no recursion) and every length checked against the bytes that remain
 * before anything is allocated for it. Strict on the rules the spec states:
 * - Item Tag first byte 42 or 54 (KMIP 1.4 §9.1.1.1), else "bad-tag";
 * - Item Type 01..0B (0B, Date-Time Extended, is KMIP 2.x), else "bad-type";
 * - Item Length per Table 287 / Table 427: Integer, Enumeration, Interval 4;
 *   Long Integer, Boolean, Date-Time, Date-Time Extended 8; Structure and Big
 *   Integer a multiple of 8 (Big Integer at least 8), else "bad-length";
 * - padding "SHALL be padded with the minimal number of bytes", which are zero:
 *   any non-zero padding byte is "bad-padding";
 * - Boolean exactly 0000000000000000 or 0000000000000001, else "bad-boolean";
 * - Text String valid UTF-8 ([RFC3629]), else "bad-utf8";
 * - a Structure's items exactly fill its length; an item running past its
 *   Structure is "bad-length", past the end of the input "truncated".
 * Big Integers longer than the minimal sign-extended form are accepted.
 */
import { Buffer } from "node:buffer";
import { TtlvDecodeError } from "./errors.js";
import { ItemType, type StructureItem, type TtlvItem } from "./item.js";
import { resolveTtlvLimits, type TtlvLimits } from "./limits.js";

/**
 * Longest Big Integer accepted: 1 MiB (8 388 608 bits, 500x an RSA-16384
 * modulus). Stops a CPU and memory attack on bigint construction, and keeps
 * clear of the engine's BigInt size cap (2^30 bits in V8) whatever
 * maxMessageBytes is configured to.
 */
export const MAX_BIG_INTEGER_BYTES = 1024 * 1024;

/**
 * ASCII Text Strings up to this many bytes are built by hand, anything else goes
 * to the fatal TextDecoder (Node 20: the hand loop is 2x faster at 8 bytes,
 * slower from ~20 on, where the TextDecoder call overhead is amortised).
 */
const SHORT_TEXT_BYTES = 16;

/** Fatal: invalid UTF-8 throws rather than becoming U+FFFD. ignoreBOM: a leading U+FEFF is data, kept. */
const utf8Decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** Item Length by Item Type: >= 0 fixed, -1 variable; index 0 and > 0x0B are not types. */
const FIXED_LENGTH: readonly number[] = [
  -2, // 0x00 not a type
  -1, // 0x01 Structure
  4, // 0x02 Integer
  8, // 0x03 Long Integer
  -1, // 0x04 Big Integer
  4, // 0x05 Enumeration
  8, // 0x06 Boolean
  -1, // 0x07 Text String
  -1, // 0x08 Byte String
  8, // 0x09 Date-Time
  4, // 0x0A Interval
  8, // 0x0B Date-Time Extended
];

interface OpenStructure {
  readonly tag: number;
  readonly end: number;
  readonly items: TtlvItem[];
}

/**
 * Decodes one TTLV item that spans all of `bytes`. Throws only
 * {@link TtlvDecodeError} for bad input (a TypeError only for invalid `limits`).
 * Byte String values are copies: they never alias `bytes`, so a caller may
 * reuse its receive buffer and a 32-byte key never pins a 4 MiB socket read.
 * (Measured: views instead of copies gained nothing measurable on realistic
 * messages, where Byte Strings are few and short.)
 */
export function decodeTtlv(bytes: Uint8Array, limits?: Partial<TtlvLimits>): TtlvItem {
  const { maxMessageBytes, maxDepth, maxItems } = resolveTtlvLimits(limits);
  const total = bytes.length;
  if (total > maxMessageBytes) {
    throw new TtlvDecodeError("too-large", 0, `${total} bytes exceed maxMessageBytes ${maxMessageBytes}`);
  }
  if (total < 8) throw new TtlvDecodeError("truncated", total, "fewer than 8 bytes: no item header");
  const view = new DataView(bytes.buffer, bytes.byteOffset, total);
  const stack: OpenStructure[] = [];
  let top: OpenStructure | undefined;
  let items = 0;
  let pos = 0;

  for (;;) {
    // Close every Structure whose items are complete.
    while (top !== undefined && pos === top.end) {
      const done: StructureItem = { tag: top.tag, type: ItemType.Structure, value: top.items };
      stack.pop();
      top = stack[stack.length - 1];
      if (top === undefined) return done;
      top.items.push(done);
    }
    const limit = top === undefined ? total : top.end;
    // Inside a Structure the remainder is a non-zero multiple of 8, so a header always fits.
    if (pos + 8 > limit) throw new TtlvDecodeError("truncated", total);

    const head = view.getUint32(pos);
    const high = head >>> 24;
    if (high !== 0x42 && high !== 0x54) throw new TtlvDecodeError("bad-tag", pos);
    const tag = head >>> 8;
    const type = head & 0xff;
    const length = view.getUint32(pos + 4);
    const fixed = FIXED_LENGTH[type] ?? -2;
    if (fixed === -2) throw new TtlvDecodeError("bad-type", pos, `unknown Item Type 0x${type.toString(16)}`);
    const badLength =
      fixed >= 0
        ? length !== fixed
        : type === ItemType.Structure
          ? (length & 7) !== 0
          : type === ItemType.BigInteger && (length === 0 || (length & 7) !== 0);
    if (badLength) {
      throw new TtlvDecodeError("bad-length", pos, `Item Length ${length} not allowed for Item Type ${type}`);
    }
    if (++items > maxItems) throw new TtlvDecodeError("too-many-items", pos, `more than ${maxItems} items`);

    const at = pos + 8;
    const valueEnd = at + length;
    const end = valueEnd + ((8 - (length & 7)) & 7);
    if (end > limit) {
      if (top !== undefined) throw new TtlvDecodeError("bad-length", pos, "item runs past the end of its Structure");
      if (end > maxMessageBytes) throw new TtlvDecodeError("too-large", 0, `message of ${end} bytes declared`);
      throw new TtlvDecodeError("truncated", total, `message of ${end} bytes declared, ${total} present`);
    }
    if (top === undefined && end < total) throw new TtlvDecodeError("trailing-bytes", end);

    let item: TtlvItem;
    switch (type) {
      case ItemType.Structure:
        if (stack.length >= maxDepth) throw new TtlvDecodeError("too-deep", pos, `Structures nested over ${maxDepth}`);
        top = { tag, end, items: [] };
        stack.push(top);
        pos = at;
        continue;
      case ItemType.Integer:
        checkZero32(view, valueEnd);
        item = { tag, type: ItemType.Integer, value: view.getInt32(at) };
        break;
      case ItemType.Enumeration:
        checkZero32(view, valueEnd);
        item = { tag, type: ItemType.Enumeration, value: view.getUint32(at) };
        break;
      case ItemType.Interval:
        checkZero32(view, valueEnd);
        item = { tag, type: ItemType.Interval, value: view.getUint32(at) };
        break;
      case ItemType.LongInteger:
        item = { tag, type: ItemType.LongInteger, value: view.getBigInt64(at) };
        break;
      case ItemType.DateTime:
        item = { tag, type: ItemType.DateTime, value: view.getBigInt64(at) };
        break;
      case ItemType.DateTimeExtended:
        item = { tag, type: ItemType.DateTimeExtended, value: view.getBigInt64(at) };
        break;
      case ItemType.BigInteger:
        item = { tag, type: ItemType.BigInteger, value: readBigInteger(bytes, view, pos, length) };
        break;
      case ItemType.Boolean: {
        const hi = view.getUint32(at);
        const lo = view.getUint32(at + 4);
        if (hi !== 0 || lo > 1) throw new TtlvDecodeError("bad-boolean", at);
        item = { tag, type: ItemType.Boolean, value: lo === 1 };
        break;
      }
      case ItemType.TextString:
        checkZeroPadding(bytes, valueEnd, end);
        item = { tag, type: ItemType.TextString, value: readText(bytes, at, valueEnd) };
        break;
      default: {
        // ItemType.ByteString, the only type left after the FIXED_LENGTH check.
        checkZeroPadding(bytes, valueEnd, end);
        const value = new Uint8Array(length);
        value.set(bytes.subarray(at, valueEnd));
        item = { tag, type: ItemType.ByteString, value };
      }
    }
    pos = end;
    if (top === undefined) return item;
    top.items.push(item);
  }
}

/** The four padding bytes after an Integer, Enumeration or Interval value must be zero. */
function checkZero32(view: DataView, at: number): void {
  if (view.getUint32(at) !== 0) throw new TtlvDecodeError("bad-padding", at);
}

function checkZeroPadding(bytes: Uint8Array, from: number, to: number): void {
  for (let i = from; i < to; i++) {
    if (bytes[i] !== 0) throw new TtlvDecodeError("bad-padding", i);
  }
}

function readText(bytes: Uint8Array, from: number, to: number): string {
  if (to - from <= SHORT_TEXT_BYTES) {
    let s = "";
    for (let i = from; i < to; i++) {
      const c = bytes[i]!;
      if (c >= 0x80) return decodeUtf8(bytes, from, to);
      s += String.fromCharCode(c);
    }
    return s;
  }
  return decodeUtf8(bytes, from, to);
}

function decodeUtf8(bytes: Uint8Array, from: number, to: number): string {
  try {
    return utf8Decoder.decode(bytes.subarray(from, to));
  } catch {
    throw new TtlvDecodeError("bad-utf8", from);
  }
}

/**
 * Big Integer: two's complement, big-endian, length a multiple of 8. Up to 8
 * bytes read directly; longer through hex, which is linear in the length
 * (shifting 64 bits at a time would be quadratic).
 */
function readBigInteger(bytes: Uint8Array, view: DataView, pos: number, length: number): bigint {
  const at = pos + 8;
  if (length === 8) return view.getBigInt64(at);
  if (length > MAX_BIG_INTEGER_BYTES) {
    throw new TtlvDecodeError("too-large", pos, `Big Integer over ${MAX_BIG_INTEGER_BYTES} bytes`);
  }
  const hex = Buffer.from(bytes.buffer, bytes.byteOffset + at, length).toString("hex");
  const unsigned = BigInt(`0x${hex}`);
  return bytes[at]! & 0x80 ? unsigned - (1n << BigInt(length * 8)) : unsigned;
}
