import type { TLSSocket } from "node:tls";
import { decodeTtlv } from "../ttlv/decode.js";
import { TtlvEncoder } from "../ttlv/encode.js";
import { TtlvDecodeError } from "../ttlv/errors.js";
import { ttlvFrameLength } from "../ttlv/frame.js";
import type { StructureItem } from "../ttlv/item.js";
import type { TtlvLimits } from "../ttlv/limits.js";

export interface ConnectionHandlers {
  /** Processes one decoded request; resolves to the response message. */
  readonly process: (request: import("../ttlv/item.js").TtlvItem) => Promise<StructureItem>;
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
 */
export class KmipConnection {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private busy = false;
  private closed = false;
  /** One reusable encode buffer per connection (responses are written one at a time). */
  private readonly encoder = new TtlvEncoder();

  constructor(
    private readonly socket: TLSSocket,
    private readonly limits: TtlvLimits,
    private readonly handlers: ConnectionHandlers,
  ) {
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("close", () => {
      this.closed = true;
    });
  }

  private onData(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    if (this.buffered > 2 * this.limits.maxMessageBytes) this.socket.pause();
    if (!this.busy) void this.drain();
  }

  /** The first `n` buffered bytes as one Buffer; joins chunks only when the first is too short. */
  private head(n: number): Buffer {
    const first = this.chunks[0]!;
    if (first.length >= n) return first;
    const all = Buffer.concat(this.chunks, this.buffered);
    this.chunks = [all];
    return all;
  }

  private take(n: number): Buffer {
    const all = this.head(n);
    const msg = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered -= n;
    return msg;
  }

  private async drain(): Promise<void> {
    this.busy = true;
    try {
      while (!this.closed && this.buffered >= 8) {
        let total: number | undefined;
        try {
          total = ttlvFrameLength(this.head(8), this.limits.maxMessageBytes);
        } catch (err) {
          const why = err instanceof TtlvDecodeError ? err.message : "unframeable input";
          this.send(this.handlers.invalid(why));
          this.socket.end();
          this.closed = true;
          return;
        }
        if (total === undefined || this.buffered < total) break;
        const bytes = this.take(total);
        if (this.socket.isPaused() && this.buffered <= this.limits.maxMessageBytes) this.socket.resume();
        let response: StructureItem;
        try {
          const request = decodeTtlv(bytes, this.limits);
          response = await this.handlers.process(request);
        } catch (err) {
          if (!(err instanceof TtlvDecodeError)) this.handlers.onError(err);
          response = this.handlers.invalid(err instanceof TtlvDecodeError ? err.message : "internal error");
        }
        this.send(response);
      }
    } finally {
      this.busy = false;
    }
  }

  private send(response: StructureItem): void {
    if (this.closed || this.socket.destroyed) return;
    this.socket.write(this.encoder.encode(response));
  }
}
