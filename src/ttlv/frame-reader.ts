/**
 * Cuts a byte stream into whole TTLV messages (KMIP 1.4 §9.1, KMIP Profiles "TTLV over TLS"):
 * chunks go in as they arrive, whole messages come out. Pure: no I/O.
 *
 * Received bytes are copied into one contiguous buffer that grows by doubling (and is
 * compacted in place when the consumed front leaves room), so a message arriving in several
 * chunks is never joined more than once, and the memory held is about the bytes buffered:
 * keeping the chunks themselves would cost a Buffer object (~270 bytes) per chunk, and a
 * client sending 1-byte TLS records could then make 8 MiB of input hold gigabytes.
 */
import { ttlvFrameLength } from "./frame.js";

/** Capacity the buffer starts with, and returns to when it empties after a large message. */
const INITIAL_BYTES = 16 * 1024;
/** An empty buffer larger than this is released (a connection that once received 4 MiB keeps no 4 MiB). */
const RETAINED_BYTES = 256 * 1024;

export class TtlvFrameReader {
  #buf = new Uint8Array(INITIAL_BYTES);
  #start = 0;
  #end = 0;
  /** Total length of the message at the head of the stream, once its header is in. */
  #need: number | undefined;

  constructor(private readonly maxMessageBytes: number) {}

  /** Bytes received and not yet handed out. */
  get buffered(): number {
    return this.#end - this.#start;
  }

  /** Bytes of memory the reader holds (its buffer's capacity): about the bytes buffered, at most twice. */
  get capacity(): number {
    return this.#buf.length;
  }

  push(chunk: Uint8Array): void {
    const n = chunk.length;
    if (n === 0) return;
    if (this.#end + n > this.#buf.length) this.#makeRoom(n);
    this.#buf.set(chunk, this.#end);
    this.#end += n;
  }

  /**
   * The next whole message, or undefined until all of it has arrived. The message is a view
   * of the reader's buffer, valid until the next `push`: decode it (the decoder copies what it
   * keeps) before pushing more. Throws TtlvDecodeError (from ttlvFrameLength) for a header
   * that cannot start a KMIP message or announces more than `maxMessageBytes`: the stream
   * cannot be resynchronised after that.
   */
  next(): Uint8Array | undefined {
    if (this.#need === undefined) {
      if (this.buffered < 8) return undefined;
      this.#need = ttlvFrameLength(this.#buf.subarray(this.#start, this.#start + 8), this.maxMessageBytes);
    }
    const need = this.#need;
    if (need === undefined || this.buffered < need) return undefined;
    this.#need = undefined;
    const message = this.#buf.subarray(this.#start, this.#start + need);
    this.#start += need;
    if (this.#start === this.#end) {
      this.#start = 0;
      this.#end = 0;
      // The message stays a view of the old buffer; later pushes go to a small new one.
      if (this.#buf.length > RETAINED_BYTES) this.#buf = new Uint8Array(INITIAL_BYTES);
    }
    return message;
  }

  /** Makes room for `n` more bytes after the buffered ones: compacts, or grows by doubling. */
  #makeRoom(n: number): void {
    const live = this.#end - this.#start;
    let capacity = this.#buf.length;
    while (capacity < live + n) capacity *= 2;
    if (capacity === this.#buf.length) {
      this.#buf.copyWithin(0, this.#start, this.#end);
    } else {
      const grown = new Uint8Array(capacity);
      grown.set(this.#buf.subarray(this.#start, this.#end));
      this.#buf = grown;
    }
    this.#start = 0;
    this.#end = live;
  }
}
