import type { TLSSocket } from "node:tls";
import { decodeTtlv } from "../ttlv/decode.js";
import { TtlvEncoder } from "../ttlv/encode.js";
import { TtlvDecodeError } from "../ttlv/errors.js";
import { TtlvFrameReader } from "../ttlv/frame-reader.js";
import type { StructureItem, TtlvItem } from "../ttlv/item.js";
import type { TtlvLimits } from "../ttlv/limits.js";

export interface ConnectionHandlers {
  /** Processes one decoded request; resolves to the response message. */
  readonly process: (request: TtlvItem) => Promise<StructureItem>;
  /** Answer for bytes that decode to no message at all (Invalid Message, no Operation). */
  readonly invalid: (reason: string) => StructureItem;
  readonly onError: (err: unknown) => void;
}

/**
 * One KMIP TTLV connection: frames messages by the TTLV header length (KMIP 1.4 §9.1,
 * Profiles "TTLV over TLS"), answers them strictly in order, and bounds what it buffers.
 *
 * - A message whose header is bad or announces more than `maxMessageBytes` cannot be framed:
 *   the peer gets an Invalid Message response and the connection is closed.
 * - A framed message that fails to decode gets an Invalid Message response; the stream stays
 *   in sync, so the connection stays open.
 * - Requests are processed one at a time per connection; bytes that arrive meanwhile are
 *   buffered up to one maximum message beyond the one being processed (back-pressure: the
 *   socket is paused beyond that).
 * - Answers are bounded too: a client that keeps sending requests but does not read the
 *   answers (each up to a maximum message) would otherwise make the server queue them in
 *   memory without limit. While the socket's send buffer is over its high-water mark, the
 *   next request waits until it drains (or the connection closes).
 */
export class KmipConnection {
  private readonly frames: TtlvFrameReader;
  private busy = false;
  private closed = false;
  /** One reusable encode buffer per connection (responses are written one at a time). */
  private readonly encoder = new TtlvEncoder();

  constructor(
    private readonly socket: TLSSocket,
    private readonly limits: TtlvLimits,
    private readonly handlers: ConnectionHandlers,
  ) {
    this.frames = new TtlvFrameReader(limits.maxMessageBytes);
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("close", () => {
      this.closed = true;
    });
  }

  private onData(chunk: Buffer): void {
    this.frames.push(chunk);
    if (this.frames.buffered > this.limits.maxMessageBytes) this.socket.pause();
    if (!this.busy) void this.drain();
  }

  private async drain(): Promise<void> {
    this.busy = true;
    try {
      while (!this.closed) {
        let bytes: Uint8Array | undefined;
        try {
          bytes = this.frames.next();
        } catch (err) {
          const why = err instanceof TtlvDecodeError ? err.message : "unframeable input";
          this.send(this.handlers.invalid(why));
          this.socket.end();
          this.closed = true;
          return;
        }
        if (bytes === undefined) break;
        // Decoded at once: `bytes` is a view of the reader's buffer, valid until more arrive.
        let request: TtlvItem | undefined;
        let response: StructureItem | undefined;
        try {
          request = decodeTtlv(bytes, this.limits);
        } catch (err) {
          response = this.failed(err);
        }
        if (this.socket.isPaused() && this.frames.buffered <= this.limits.maxMessageBytes) this.socket.resume();
        if (request !== undefined) {
          try {
            response = await this.handlers.process(request);
          } catch (err) {
            response = this.failed(err);
          }
        }
        if (response !== undefined) this.send(response);
        if (!this.socket.destroyed && this.socket.writableNeedDrain) await this.drained();
      }
    } finally {
      this.busy = false;
    }
  }

  /** Invalid Message for bytes that do not decode; an unexpected failure is reported too. */
  private failed(err: unknown): StructureItem {
    if (!(err instanceof TtlvDecodeError)) this.handlers.onError(err);
    return this.handlers.invalid(err instanceof TtlvDecodeError ? err.message : "internal error");
  }

  /** Resolves once the socket's send buffer has drained, or the connection is gone. */
  private drained(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        this.socket.off("drain", done);
        this.socket.off("close", done);
        resolve();
      };
      this.socket.on("drain", done);
      this.socket.on("close", done);
    });
  }

  private send(response: StructureItem): void {
    if (this.closed || this.socket.destroyed) return;
    this.socket.write(this.encoder.encode(response));
  }
}
