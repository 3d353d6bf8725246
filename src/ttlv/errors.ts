/**
 * Typed errors of the TTLV codec. Decode errors describe bad input bytes and are
 * the only exceptions `decodeTtlv` and `ttlvFrameLength` throw for any input;
 * encode errors describe values the wire format cannot carry.
 *
 * "Need more bytes" is not an error: `ttlvFrameLength` returns `undefined`
 * until it has the 8-byte header, so stream framing never catches exceptions
 * for a normal partial read.
 */

/** What was wrong with the bytes, with the rule it broke (KMIP 1.4 §9.1.1, KMIP 2.1 §10.1). */
export const ttlvDecodeErrorCodes = {
  truncated: "the input ends before the item or message it declares",
  "bad-length": "an Item Length not allowed for its Item Type, or an item running past its Structure",
  "bad-padding": "a padding byte is not zero",
  "bad-type": "an unknown Item Type byte, or a message that is not a Structure",
  "too-deep": "Structures nested deeper than maxDepth",
  "too-many-items": "more items than maxItems",
  "too-large": "a message longer than maxMessageBytes",
  "bad-utf8": "a Text String that is not valid UTF-8",
  "bad-boolean": "a Boolean other than 0000000000000000 or 0000000000000001",
  "trailing-bytes": "bytes after the end of the message",
  "bad-tag": "an Item Tag whose first byte is neither 42 nor 54 (hex)",
} as const;
export type TtlvErrorCode = keyof typeof ttlvDecodeErrorCodes;

/** Bad TTLV bytes. `offset` is the input byte offset where the fault was found. */
export class TtlvDecodeError extends Error {
  override readonly name = "TtlvDecodeError";
  readonly code: TtlvErrorCode;
  readonly offset: number;

  constructor(code: TtlvErrorCode, offset: number, detail?: string) {
    super(`TTLV ${code} at offset ${offset}: ${detail ?? ttlvDecodeErrorCodes[code]}`);
    this.code = code;
    this.offset = offset;
  }
}

/** Why a value could not be encoded. */
export const ttlvEncodeErrorCodes = {
  "out-of-range": "a number outside its type's range (Integer int32; Enumeration, Interval uint32; 64-bit types int64)",
  "bad-value": "a value of the wrong JavaScript type for its Item Type",
  "bad-text": "a Text String with an unpaired UTF-16 surrogate, which UTF-8 cannot carry",
  "bad-tag": "a tag that is not a 3-byte number starting 42 or 54 (hex)",
  "bad-type": "an unknown Item Type",
  "too-deep": "Structures nested deeper than the encoder's maxDepth (or a cycle)",
  "too-large": "an item longer than a 32-bit Item Length can describe",
} as const;
export type TtlvEncodeErrorCode = keyof typeof ttlvEncodeErrorCodes;

/** A value the TTLV wire format cannot carry. `tag` is the offending item's tag. */
export class TtlvEncodeError extends Error {
  override readonly name = "TtlvEncodeError";
  readonly code: TtlvEncodeErrorCode;
  readonly tag: number;

  constructor(code: TtlvEncodeErrorCode, tag: number, detail?: string) {
    const shown = Number.isInteger(tag) ? `0x${tag.toString(16).padStart(6, "0")}` : String(tag);
    super(`TTLV encode ${code} (tag ${shown}): ${detail ?? ttlvEncodeErrorCodes[code]}`);
    this.code = code;
    this.tag = tag;
  }
}
