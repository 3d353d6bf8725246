import { kmipError } from "../kmip/kmip-error.js";

/**
 * A minimal DER (X.690 §8, §10) element reader over a byte array: it finds elements and
 * hands back their exact bytes, never re-encoding anything. Definite lengths only (DER
 * forbids the indefinite form); lengths are bounded by the array they sit in.
 */

/** One DER element: its identifier octet(s) folded into `tag`, and where its parts lie in `bytes`. */
export interface DerElement {
  /** Class and constructed bits of the first identifier octet, plus the tag number (0x30 = SEQUENCE). */
  readonly tag: number;
  /** Offset of the identifier octet. */
  readonly start: number;
  /** Offset of the first content octet. */
  readonly contentStart: number;
  /** Offset just past the last content octet. */
  readonly end: number;
}

/** Universal tags used by the X.509 readers. */
export const Der = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  OCTET_STRING: 0x04,
  OID: 0x06,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** Length octets beyond this many would describe more than 4 GiB: no certificate is that large. */
const MAX_LENGTH_OCTETS = 4;

function bad(what: string): Error {
  return kmipError.invalidField(`Certificate Value: ${what}`);
}

/**
 * Reads the element at `pos`, which must end at or before `limit`. Low tag numbers keep the
 * first identifier octet as `tag`; high tag numbers (X.690 §8.1.2.4) are folded as
 * (first octet & 0xe0) << 24 | number, which no caller here compares against.
 */
export function readElement(bytes: Uint8Array, pos: number, limit: number): DerElement {
  let i = pos;
  if (i >= limit) throw bad("truncated DER element");
  const first = bytes[i++]!;
  let tag = first;
  if ((first & 0x1f) === 0x1f) {
    let n = 0;
    for (;;) {
      if (i >= limit) throw bad("truncated DER tag");
      const b = bytes[i++]!;
      if (n > 0xffffff) throw bad("DER tag number too large");
      n = n * 128 + (b & 0x7f);
      if ((b & 0x80) === 0) break;
    }
    tag = ((first & 0xe0) << 24) | n;
  }
  if (i >= limit) throw bad("truncated DER length");
  const l0 = bytes[i++]!;
  let length = l0;
  if (l0 & 0x80) {
    const count = l0 & 0x7f;
    if (count === 0) throw bad("indefinite length is not DER");
    if (count > MAX_LENGTH_OCTETS) throw bad("DER length too large");
    length = 0;
    for (let k = 0; k < count; k++) {
      if (i >= limit) throw bad("truncated DER length");
      length = length * 256 + bytes[i++]!;
    }
  }
  const end = i + length;
  if (end > limit) throw bad("DER element overruns its container");
  return { tag, start: pos, contentStart: i, end };
}

/** The elements directly inside a constructed element, in order. */
export function childrenOf(bytes: Uint8Array, parent: DerElement): DerElement[] {
  const out: DerElement[] = [];
  for (let pos = parent.contentStart; pos < parent.end; ) {
    const e = readElement(bytes, pos, parent.end);
    out.push(e);
    pos = e.end;
  }
  return out;
}

/** The whole element (identifier, length and content octets): a view into `bytes`, not a copy. */
export function elementBytes(bytes: Uint8Array, e: DerElement): Uint8Array {
  return bytes.subarray(e.start, e.end);
}

/** The content octets of an element: a view into `bytes`, not a copy. */
export function contentBytes(bytes: Uint8Array, e: DerElement): Uint8Array {
  return bytes.subarray(e.contentStart, e.end);
}

/** Checks that an element is there and has the given tag. */
export function expectElement(e: DerElement | undefined, tag: number, what: string): DerElement {
  if (e === undefined || e.tag !== tag) throw bad(`${what} missing or not of the expected type`);
  return e;
}

/** Dotted form of an OBJECT IDENTIFIER's content octets (X.690 §8.19). */
export function oidText(content: Uint8Array): string {
  const arcs: number[] = [];
  let n = 0;
  for (const b of content) {
    if (n > Number.MAX_SAFE_INTEGER / 128) throw bad("OID arc too large");
    n = n * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) {
      arcs.push(n);
      n = 0;
    }
  }
  if (arcs.length === 0 || content.length === 0 || (content[content.length - 1]! & 0x80) !== 0) throw bad("bad OID");
  const first = arcs[0]!;
  const head = first < 40 ? [0, first] : first < 80 ? [1, first - 40] : [2, first - 80];
  return [...head, ...arcs.slice(1)].join(".");
}
