/**
 * Stream framing for TTLV over TLS (KMIP 1.4 §9.1, KMIP Profiles "TTLV over TLS").
 *
 * A KMIP message is one TTLV Structure (Request Message or Response Message),
 * so its total size is known from its first 8 bytes: the header plus the Item
 * Length. The listener reads until it has that many bytes, then decodes.
 */
import { TtlvDecodeError } from "./errors.js";

/**
 * Total byte length (8-byte header + Item Length) of the message starting at
 * `buf[0]`, or `undefined` while fewer than 8 bytes have arrived ("need more
 * bytes" is not an error). Rejects early, before the body is buffered:
 * - "bad-tag" if the first byte is neither 42 nor 54 (hex) (KMIP 1.4 §9.1.1.1),
 *   which also turns away a TLS client speaking HTTP to the KMIP port;
 * - "bad-type" if the item is not a Structure (Item Type 01);
 * - "bad-length" if the Item Length is not a multiple of 8 (Table 287);
 * - "too-large" if the message would exceed `maxMessageBytes` (a peer
 *   announcing 4 GiB must not make us buffer it).
 */
export function ttlvFrameLength(buf: Uint8Array, maxMessageBytes: number): number | undefined {
  if (buf.length < 8) return undefined;
  const high = buf[0]!;
  if (high !== 0x42 && high !== 0x54) throw new TtlvDecodeError("bad-tag", 0);
  if (buf[3] !== 0x01) throw new TtlvDecodeError("bad-type", 3, "a KMIP message must be a Structure");
  const length = buf[4]! * 0x1000000 + ((buf[5]! << 16) | (buf[6]! << 8) | buf[7]!);
  if (length % 8 !== 0) throw new TtlvDecodeError("bad-length", 4, `Structure length ${length} not a multiple of 8`);
  const total = 8 + length;
  if (total > maxMessageBytes) {
    throw new TtlvDecodeError("too-large", 4, `message of ${total} bytes exceeds maxMessageBytes ${maxMessageBytes}`);
  }
  return total;
}
