/**
 * Cuts a byte stream into whole TTLV messages (KMIP 1.4 §9.1, KMIP Profiles "TTLV over TLS"):
 * chunks go in as they arrive, whole messages come out. Pure: no I/O.
 *
 * A message that arrives in several chunks (a 64 KiB response comes as four or five TLS
 * records) is joined once, when its last byte is in, and only its own bytes are copied;
 * a message inside one chunk is handed out as a view of that chunk, without a copy.
 */
import { ttlvFrameLength } from "./frame.js";

export class TtlvFrameReader {
  #chunks: Uint8Array[] = [];
  #buffered = 0;
  /** Total length of the message at the head of the stream, once its header is in. */
  #need: number | undefined;

  constructor(private readonly maxMessageBytes: number) {}

  /** Bytes received and not yet handed out. */
  get buffered(): number {
    return this.#buffered;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
  }

  /**
   * The next whole message, or undefined until all of it has arrived. Throws TtlvDecodeError
   * (from ttlvFrameLength) for a header that cannot start a KMIP message or announces more
   * than `maxMessageBytes`: the stream cannot be resynchronised after that.
   */
  next(): Uint8Array | undefined {
    if (this.#need === undefined) {
      if (this.#buffered < 8) return undefined;
      this.#need = ttlvFrameLength(this.#take(8, false), this.maxMessageBytes);
    }
    const need = this.#need;
    if (need === undefined || this.#buffered < need) return undefined;
    this.#need = undefined;
    return this.#take(need, true);
  }

  /** The first `n` buffered bytes (`n` <= buffered); removed from the stream when `consume`. */
  #take(n: number, consume: boolean): Uint8Array {
    const first = this.#chunks[0]!;
    let out: Uint8Array;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (consume) {
        if (first.length === n) this.#chunks.shift();
        else this.#chunks[0] = first.subarray(n);
      }
    } else {
      out = new Uint8Array(n);
      let at = 0;
      let used = 0;
      for (const c of this.#chunks) {
        const part = Math.min(c.length, n - at);
        out.set(part === c.length ? c : c.subarray(0, part), at);
        at += part;
        if (part < c.length) {
          if (consume) this.#chunks[used] = c.subarray(part);
          break;
        }
        used++;
        if (at === n) break;
      }
      if (consume) this.#chunks.splice(0, used);
    }
    if (consume) this.#buffered -= n;
    return out;
  }
}
