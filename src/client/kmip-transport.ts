import * as tls from "node:tls";
import { decodeTtlv } from "../ttlv/decode.js";
import { TtlvEncoder } from "../ttlv/encode.js";
import { TtlvFrameReader } from "../ttlv/frame-reader.js";
import type { StructureItem, TtlvItem } from "../ttlv/item.js";
import { defaultTtlvLimits } from "../ttlv/limits.js";

export interface TransportOptions {
  readonly host: string;
  readonly port: number;
  /** PEM: CA certificate(s) the server certificate must chain to. */
  readonly ca: string | Buffer;
  /** PEM: client certificate and private key (KMIP requires mutual TLS). */
  readonly cert: string | Buffer;
  readonly key: string | Buffer;
  /** TLS server name to verify; defaults to `host`. */
  readonly servername?: string;
  /** Connect and TLS handshake timeout (default 10 s). */
  readonly timeoutMs?: number;
  /** How long to wait for each response (default 60 s). */
  readonly requestTimeoutMs?: number;
  readonly maxMessageBytes?: number;
}

export class KmipTransportError extends Error {
  override readonly name = "KmipTransportError";
}

/**
 * One mutual-TLS connection carrying TTLV messages. Requests may be pipelined: the server
 * answers in order, so responses are matched to requests first-in first-out.
 */
export class KmipTransport {
  private readonly pending: Array<{ resolve: (m: TtlvItem) => void; reject: (e: Error) => void }> = [];
  private readonly frames: TtlvFrameReader;
  private readonly encoder = new TtlvEncoder();
  private failure: Error | undefined;

  private constructor(
    private readonly socket: tls.TLSSocket,
    maxMessageBytes: number,
    private readonly requestTimeoutMs: number,
  ) {
    this.frames = new TtlvFrameReader(maxMessageBytes);
    socket.on("data", (c: Buffer) => this.onData(c));
    socket.on("error", (e) => this.fail(e));
    socket.on("close", () => this.fail(new KmipTransportError("connection closed")));
  }

  static connect(o: TransportOptions): Promise<KmipTransport> {
    return new Promise((resolve, reject) => {
      const socket = tls.connect({
        host: o.host,
        port: o.port,
        ca: o.ca,
        cert: o.cert,
        key: o.key,
        servername: o.servername ?? (isIp(o.host) ? undefined : o.host),
        minVersion: "TLSv1.2",
      } as tls.ConnectionOptions);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new KmipTransportError(`connect to ${o.host}:${o.port} timed out`));
      }, o.timeoutMs ?? 10_000);
      socket.once("secureConnect", () => {
        clearTimeout(timer);
        socket.setNoDelay(true);
        resolve(
          new KmipTransport(
            socket,
            o.maxMessageBytes ?? defaultTtlvLimits.maxMessageBytes,
            o.requestTimeoutMs ?? 60_000,
          ),
        );
      });
      socket.once("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
  }

  /**
   * Sends one Request Message and resolves with the decoded Response Message. A response
   * that does not arrive within `requestTimeoutMs` fails the connection (responses are
   * matched by order, so one lost answer would misattribute every later one).
   */
  send(message: StructureItem): Promise<TtlvItem> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(new KmipTransportError(`no response within ${this.requestTimeoutMs} ms`));
        this.socket.destroy();
      }, this.requestTimeoutMs);
      this.pending.push({
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.socket.write(this.encoder.encode(message));
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.socket.destroyed) return resolve();
      this.socket.once("close", () => resolve());
      this.socket.end();
    });
  }

  private onData(chunk: Buffer): void {
    this.frames.push(chunk);
    try {
      for (let bytes = this.frames.next(); bytes !== undefined; bytes = this.frames.next()) {
        const msg = decodeTtlv(bytes);
        const waiter = this.pending.shift();
        if (waiter === undefined) throw new KmipTransportError("unsolicited response from server");
        waiter.resolve(msg);
      }
    } catch (e) {
      this.fail(e instanceof Error ? e : new KmipTransportError(String(e)));
      this.socket.destroy();
    }
  }

  private fail(e: Error): void {
    this.failure ??= e;
    for (const p of this.pending.splice(0)) p.reject(e);
  }
}

function isIp(host: string): boolean {
  return /^[\d.]+$/.test(host) || host.includes(":");
}
