import { EventEmitter } from "node:events";
import type { TLSSocket } from "node:tls";
import { describe, expect, it } from "vitest";
import { KmipConnection } from "../../src/server/kmip-connection.js";
import { encodeTtlv } from "../../src/ttlv/encode.js";
import { type StructureItem, ttlv } from "../../src/ttlv/item.js";
import { defaultTtlvLimits } from "../../src/ttlv/limits.js";
import { Tag } from "../../src/ttlv/tags.js";

/** The part of a TLSSocket that KmipConnection uses, with a send buffer the test controls. */
class FakeSocket extends EventEmitter {
  writableNeedDrain = false;
  destroyed = false;
  paused = false;
  readonly written: Uint8Array[] = [];
  write(bytes: Uint8Array): boolean {
    this.written.push(bytes);
    return !this.writableNeedDrain;
  }
  isPaused(): boolean {
    return this.paused;
  }
  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
  }
  end(): void {}
}

const requestBytes = (n: number): Uint8Array =>
  encodeTtlv(ttlv.struct(Tag.RequestMessage, [ttlv.int(Tag.BatchCount, n)]));
const answer: StructureItem = ttlv.struct(Tag.ResponseMessage, [ttlv.int(Tag.BatchCount, 1)]);
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A connection over `socket` whose requests are answered by `process`. */
function connection(socket: FakeSocket, process: () => Promise<StructureItem>, limits = defaultTtlvLimits): void {
  new KmipConnection(socket as unknown as TLSSocket, limits, {
    process,
    invalid: () => answer,
    onError: (e) => {
      throw e;
    },
  });
}

describe("KmipConnection", () => {
  it("does not process more requests while the peer does not read the answers", async () => {
    const socket = new FakeSocket();
    let processed = 0;
    connection(socket, async () => {
      processed++;
      // The answer fills the send buffer: the peer is not reading.
      socket.writableNeedDrain = true;
      return answer;
    });
    socket.emit("data", Buffer.concat([requestBytes(1), requestBytes(2), requestBytes(3)]));
    await settle();
    expect(processed).toBe(1);
    expect(socket.written).toHaveLength(1);
    // The peer reads: the next request is processed, and so on.
    socket.writableNeedDrain = false;
    socket.emit("drain");
    await settle();
    expect(processed).toBe(2);
    socket.writableNeedDrain = false;
    socket.emit("drain");
    await settle();
    expect(processed).toBe(3);
    expect(socket.written).toHaveLength(3);
  });

  it("stops waiting when the connection closes", async () => {
    const socket = new FakeSocket();
    let processed = 0;
    connection(socket, async () => {
      processed++;
      socket.writableNeedDrain = true;
      return answer;
    });
    socket.emit("data", Buffer.concat([requestBytes(1), requestBytes(2)]));
    await settle();
    expect(socket.listenerCount("drain")).toBe(1);
    socket.destroyed = true;
    socket.emit("close");
    await settle();
    expect(processed).toBe(1);
    // The wait is over: no listener is left behind on the dead socket.
    expect(socket.listenerCount("drain")).toBe(0);
  });

  it("reads at most one maximum message ahead of the request being processed", async () => {
    const socket = new FakeSocket();
    const limits = { ...defaultTtlvLimits, maxMessageBytes: 1024 };
    let finish!: () => void;
    let processed = 0;
    connection(
      socket,
      async () => {
        processed++;
        if (processed === 1) await new Promise<void>((resolve) => (finish = resolve));
        return answer;
      },
      limits,
    );
    const big = () => encodeTtlv(ttlv.struct(Tag.RequestMessage, [ttlv.bytes(Tag.Data, new Uint8Array(600))]));
    socket.emit("data", big()); // taken at once and processed (it waits)
    socket.emit("data", big()); // 616 bytes ahead: keep reading
    expect(socket.paused).toBe(false);
    socket.emit("data", big()); // 1232 bytes ahead: more than one maximum message
    expect(socket.paused).toBe(true);
    finish();
    await settle();
    expect(processed).toBe(3);
    expect(socket.paused).toBe(false);
  });
});
