/**
 * Hostile and malformed input over the wire, against a real custos (TTLV over mutual TLS,
 * KMIP Profiles "TTLV over TLS"). Raw node:tls sockets send the bytes; every test then
 * shows that the server still serves other clients.
 */
import { readFile } from "node:fs/promises";
import * as tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asStruct, findAll, opt, req } from "../../src/kmip/read.js";
import { decodeTtlv } from "../../src/ttlv/decode.js";
import { encodeTtlv, TtlvEncoder } from "../../src/ttlv/encode.js";
import { CryptographicAlgorithm, ObjectType, Operation, ResultReason, ResultStatus } from "../../src/ttlv/enums.js";
import { ttlvFrameLength } from "../../src/ttlv/frame.js";
import { type StructureItem, type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";
import { type Harness, startHarness } from "../support/custos-harness.js";

/** Small enough to announce past cheaply, large enough for every real request in these tests. */
const MAX_MESSAGE_BYTES = 64 * 1024;
const WAIT_MS = 5_000;

interface Version {
  readonly major: number;
  readonly minor: number;
}

/** A Request Message (KMIP 1.4 §7.2) with one Batch Item. */
function request(version: Version, operation: number, payload: readonly TtlvItem[]): Uint8Array {
  return encodeTtlv(
    ttlv.struct(Tag.RequestMessage, [
      ttlv.struct(Tag.RequestHeader, [
        ttlv.struct(Tag.ProtocolVersion, [
          ttlv.int(Tag.ProtocolVersionMajor, version.major),
          ttlv.int(Tag.ProtocolVersionMinor, version.minor),
        ]),
        ttlv.int(Tag.BatchCount, 1),
      ]),
      ttlv.struct(Tag.BatchItem, [ttlv.enum(Tag.Operation, operation), ttlv.struct(Tag.RequestPayload, payload)]),
    ]),
  );
}

/** Query (KMIP 1.4 §4.25) for the supported operations: harmless, and answered by every version. */
function queryRequest(version: Version = { major: 1, minor: 4 }): Uint8Array {
  return request(version, Operation.Query, [ttlv.enum(Tag.QueryFunction, 1)]);
}

interface Answer {
  readonly version: Version;
  readonly batchCount: number;
  readonly items: {
    operation: number | undefined;
    status: number;
    reason: number | undefined;
    message: string | undefined;
    payload: StructureItem | undefined;
  }[];
}

/** Reads a Response Message (KMIP 1.4 §7.3) strictly: header, Batch Count, one entry per Batch Item. */
function readResponse(message: TtlvItem): Answer {
  expect(message.tag).toBe(Tag.ResponseMessage);
  const m = asStruct(message);
  const header = req.struct(m, Tag.ResponseHeader);
  const pv = req.struct(header, Tag.ProtocolVersion);
  expect(req.date(header, Tag.TimeStamp)).toBeTypeOf("bigint");
  const items = findAll(m, Tag.BatchItem).map((bi) => {
    const s = asStruct(bi);
    return {
      operation: opt.enum(s, Tag.Operation),
      status: req.enum(s, Tag.ResultStatus),
      reason: opt.enum(s, Tag.ResultReason),
      message: opt.text(s, Tag.ResultMessage),
      payload: opt.struct(s, Tag.ResponsePayload),
    };
  });
  const batchCount = req.int(header, Tag.BatchCount);
  expect(items).toHaveLength(batchCount);
  return {
    version: { major: req.int(pv, Tag.ProtocolVersionMajor), minor: req.int(pv, Tag.ProtocolVersionMinor) },
    batchCount,
    items,
  };
}

/** One raw mutual-TLS connection: bytes out, framed TTLV messages (or the close) in. */
class RawConnection {
  private buffer = Buffer.alloc(0);
  private waiter: (() => void) | undefined;
  readonly received: Buffer[] = [];
  error: Error | undefined;
  secure = false;
  isClosed = false;
  readonly closed: Promise<void>;

  private constructor(readonly socket: tls.TLSSocket) {
    socket.on("data", (chunk: Buffer) => {
      this.received.push(chunk);
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.waiter?.();
    });
    socket.on("error", (err) => {
      this.error = err;
    });
    this.closed = new Promise((resolve) =>
      socket.once("close", () => {
        this.isClosed = true;
        this.waiter?.();
        resolve();
      }),
    );
  }

  /** Connects; resolves once the handshake finished or failed (then `error` is set). */
  static open(options: tls.ConnectionOptions): Promise<RawConnection> {
    const socket = tls.connect({ servername: "localhost", ...options });
    const conn = new RawConnection(socket);
    return new Promise((resolve) => {
      socket.once("secureConnect", () => {
        conn.secure = true;
        resolve(conn);
      });
      void conn.closed.then(() => resolve(conn));
    });
  }

  write(bytes: Uint8Array): void {
    this.socket.write(bytes);
  }

  /** The next whole TTLV message, decoded; undefined if the connection closes first. */
  async next(timeoutMs = WAIT_MS): Promise<TtlvItem | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const total = ttlvFrameLength(this.buffer, 16 * 1024 * 1024);
      if (total !== undefined && this.buffer.length >= total) {
        const message = decodeTtlv(this.buffer.subarray(0, total));
        this.buffer = this.buffer.subarray(total);
        return message;
      }
      if (this.isClosed) return undefined;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no message within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = undefined;
    }
  }

  /** Waits for the server to close the connection. */
  async waitClosed(timeoutMs = WAIT_MS): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.closed,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`connection still open after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
  }

  destroy(): void {
    this.socket.destroy();
  }
}

describe("bad input over the wire", () => {
  let h: Harness;
  let ca: Buffer;
  let creds: Record<"admin" | "user", { cert: Buffer; key: Buffer }>;
  const open: RawConnection[] = [];

  const connect = async (who: "admin" | "user" | "anonymous", extra: tls.ConnectionOptions = {}) => {
    const conn = await RawConnection.open({
      host: "127.0.0.1",
      port: h.port,
      ca,
      ...(who === "anonymous" ? {} : creds[who]),
      ...extra,
    });
    open.push(conn);
    return conn;
  };

  /** The server answers a well-formed request on a fresh connection. */
  const stillServes = async () => {
    const conn = await connect("admin");
    conn.write(queryRequest());
    const answer = readResponse((await conn.next()) as TtlvItem);
    expect(answer.items[0]).toMatchObject({ operation: Operation.Query, status: ResultStatus.Success });
    conn.destroy();
  };

  /** Invalid Message for bytes that are no request (KMIP 1.4 §11.1): one failed Batch Item, no Operation. */
  const expectInvalidMessage = (message: TtlvItem | undefined) => {
    expect(message, "an Invalid Message response").toBeDefined();
    const answer = readResponse(message as TtlvItem);
    expect(answer.items).toEqual([
      {
        operation: undefined,
        status: ResultStatus.OperationFailed,
        reason: ResultReason.InvalidMessage,
        message: expect.any(String),
        payload: undefined,
      },
    ]);
    return answer;
  };

  beforeAll(async () => {
    h = await startHarness({
      tweak: (c) => ({ ...c, kmip: { ...c.kmip, maxMessageBytes: MAX_MESSAGE_BYTES } }),
    });
    expect(h.custos.kmip.port).toBe(h.port);
    ca = await readFile(h.paths.caCert);
    creds = {
      admin: { cert: await readFile(h.paths.adminCert), key: await readFile(h.paths.adminKey) },
      user: { cert: await readFile(h.paths.userCert), key: await readFile(h.paths.userKey) },
    };
  });
  afterAll(async () => {
    for (const conn of open) conn.destroy();
    await h?.stop();
  });

  it("answers garbage (non-TTLV) bytes with Invalid Message and closes, while another client keeps working", async () => {
    const good = await h.client("admin");
    const bad = await connect("admin");
    expect(bad.secure).toBe(true);
    const garbage = Buffer.from("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", "latin1");
    const [id] = await Promise.all([
      good.create({ algorithm: CryptographicAlgorithm.AES, length: 128, name: "bad-input-neighbour" }),
      (async () => bad.write(garbage))(),
    ]);
    expectInvalidMessage(await bad.next());
    await bad.waitClosed();
    // The well-behaved connection is unaffected, before and after.
    const key = await good.get(id);
    expect(key.objectType).toBe(ObjectType.SymmetricKey);
    expect(key.material).toHaveLength(16);
  });

  it("answers a message that starts like TTLV but is not a Structure with Invalid Message and closes", async () => {
    const bad = await connect("admin");
    // Tag 42 00 78 (Request Message), Item Type 02 (Integer): a message must be a Structure.
    bad.write(Uint8Array.from([0x42, 0x00, 0x78, 0x02, 0x00, 0x00, 0x00, 0x04, 0, 0, 0, 1, 0, 0, 0, 0]));
    expectInvalidMessage(await bad.next());
    await bad.waitClosed();
    await stillServes();
  });

  it("refuses a message whose header announces more than kmip.maxMessageBytes, without waiting for its body", async () => {
    const bad = await connect("admin");
    const header = Buffer.from([0x42, 0x00, 0x78, 0x01, 0, 0, 0, 0]);
    header.writeUInt32BE(4 * MAX_MESSAGE_BYTES, 4); // 256 KiB announced, nothing sent after it
    bad.write(header);
    const answer = expectInvalidMessage(await bad.next());
    expect(answer.items[0]?.message).toMatch(/exceeds maxMessageBytes/);
    await bad.waitClosed();
    await stillServes();
  });

  it("accepts a message just under kmip.maxMessageBytes (the limit is not off by a lot)", async () => {
    const conn = await connect("admin");
    // Register of an Opaque Object whose value nearly fills the limit.
    const value = new Uint8Array(MAX_MESSAGE_BYTES - 400).fill(0xab);
    const bytes = request({ major: 1, minor: 4 }, Operation.Register, [
      ttlv.enum(Tag.ObjectType, ObjectType.OpaqueObject),
      ttlv.struct(Tag.TemplateAttribute, []),
      ttlv.struct(Tag.OpaqueObject, [
        ttlv.enum(Tag.OpaqueDataType, 0x80000001),
        ttlv.bytes(Tag.OpaqueDataValue, value),
      ]),
    ]);
    expect(bytes.length).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    conn.write(bytes);
    const answer = readResponse((await conn.next()) as TtlvItem);
    expect(answer.items[0]).toMatchObject({ operation: Operation.Register, status: ResultStatus.Success });
  });

  it("refuses a TLS 1.2 client without a client certificate in the handshake", async () => {
    const conn = await connect("anonymous", { maxVersion: "TLSv1.2" });
    await conn.waitClosed();
    expect(conn.secure).toBe(false);
    expect(conn.error?.message).toMatch(/alert handshake failure/); // TLS alert 40
    expect(conn.received).toEqual([]);
    await stillServes();
  });

  it("refuses a TLS 1.3 client without a client certificate (certificate required alert, no KMIP answer)", async () => {
    const conn = await connect("anonymous", { minVersion: "TLSv1.3" });
    // In TLS 1.3 the client finishes its side of the handshake before the server checks the
    // client certificate; the server's refusal arrives as an alert on the first read.
    if (conn.secure) conn.write(queryRequest());
    await conn.waitClosed();
    expect(conn.error?.message).toMatch(/alert certificate required/); // TLS 1.3 alert 116
    expect(conn.received).toEqual([]);
    await stillServes();
  });

  for (const version of [
    { major: 1, minor: 4 },
    { major: 2, minor: 1 },
  ]) {
    it(`answers an unknown Operation (0x77) with Operation Not Supported over KMIP ${version.major}.${version.minor}`, async () => {
      const conn = await connect("admin");
      conn.write(request(version, 0x77, []));
      const answer = readResponse((await conn.next()) as TtlvItem);
      expect(answer.version).toEqual(version);
      expect(answer.items).toEqual([
        {
          operation: 0x77,
          status: ResultStatus.OperationFailed,
          reason: ResultReason.OperationNotSupported,
          message: expect.any(String),
          payload: undefined,
        },
      ]);
      // The connection stays usable.
      conn.write(queryRequest(version));
      expect(readResponse((await conn.next()) as TtlvItem).items[0]?.status).toBe(ResultStatus.Success);
    });
  }

  it("answers Permission Denied for another owner's object, which stays intact", async () => {
    const owner = await h.client("admin");
    const id = await owner.create({ algorithm: CryptographicAlgorithm.AES, length: 256, name: "bad-input-owned" });
    const before = await owner.get(id);
    const intruder = await connect("user");
    for (const operation of [Operation.Get, Operation.GetAttributes, Operation.Destroy]) {
      intruder.write(request({ major: 2, minor: 1 }, operation, [ttlv.text(Tag.UniqueIdentifier, id)]));
      const answer = readResponse((await intruder.next()) as TtlvItem);
      expect(answer.items).toEqual([
        {
          operation,
          status: ResultStatus.OperationFailed,
          reason: ResultReason.PermissionDenied,
          message: expect.any(String),
          payload: undefined,
        },
      ]);
    }
    expect((await owner.get(id)).material).toEqual(before.material);
  });

  it("survives a truncated message followed by the client closing", async () => {
    const whole = queryRequest();
    const half = await connect("admin");
    half.write(whole.subarray(0, 40)); // header says more is coming
    await new Promise((resolve) => setTimeout(resolve, 50));
    half.socket.end();
    await half.waitClosed();
    expect(half.received).toEqual([]);

    const reset = await connect("admin");
    reset.write(whole.subarray(0, whole.length - 8));
    await new Promise((resolve) => setTimeout(resolve, 50));
    reset.destroy(); // no TLS close_notify: the connection just drops
    await reset.waitClosed();
    expect(reset.received).toEqual([]);

    await stillServes();
  });

  it("answers a message nested deeper than maxDepth with Invalid Message and stays in sync", async () => {
    let nested: StructureItem = ttlv.struct(Tag.RequestPayload, [ttlv.enum(Tag.QueryFunction, 1)]);
    for (let i = 0; i < 40; i++) nested = ttlv.struct(Tag.RequestPayload, [nested]); // maxDepth is 32
    const deep = new TtlvEncoder({ maxDepth: 64 }).encode(
      ttlv.struct(Tag.RequestMessage, [
        ttlv.struct(Tag.RequestHeader, [
          ttlv.struct(Tag.ProtocolVersion, [
            ttlv.int(Tag.ProtocolVersionMajor, 1),
            ttlv.int(Tag.ProtocolVersionMinor, 4),
          ]),
          ttlv.int(Tag.BatchCount, 1),
        ]),
        ttlv.struct(Tag.BatchItem, [ttlv.enum(Tag.Operation, Operation.Query), nested]),
      ]),
    );
    const conn = await connect("admin");
    conn.write(deep);
    const answer = expectInvalidMessage(await conn.next());
    expect(answer.items[0]?.message).toMatch(/too-deep/);
    // A framed message that fails to decode does not desynchronise the stream.
    conn.write(queryRequest());
    const after = readResponse((await conn.next()) as TtlvItem);
    expect(after.items[0]).toMatchObject({ operation: Operation.Query, status: ResultStatus.Success });
    expect(conn.isClosed).toBe(false);
  });

  it("answers a request without a Request Header with Invalid Message", async () => {
    const conn = await connect("admin");
    conn.write(encodeTtlv(ttlv.struct(Tag.RequestMessage, [ttlv.struct(Tag.BatchItem, [])])));
    expectInvalidMessage(await conn.next());
  });
});
