import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attr } from "../../src/client/kmip-client.js";
import { KmipTransport } from "../../src/client/kmip-transport.js";
import { encodeAttribute2 } from "../../src/kmip/attributes/attribute-wire.js";
import {
  AsynchronousIndicator,
  BatchErrorContinuationOption,
  CryptographicAlgorithm,
  ObjectType,
  Operation,
  ResultReason,
  ResultStatus,
} from "../../src/ttlv/enums.js";
import { ItemType, type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";
import { type Harness, startHarness } from "../support/custos-harness.js";

const createItem = (name: string) => ({
  operation: Operation.Create,
  payload: [
    ttlv.enum(Tag.ObjectType, ObjectType.SymmetricKey),
    ttlv.struct(
      Tag.Attributes,
      [attr.algorithm(CryptographicAlgorithm.AES), attr.length(256), attr.name(name)].map(encodeAttribute2),
    ),
  ],
});
const activateMissing = { operation: Operation.Activate, payload: [ttlv.text(Tag.UniqueIdentifier, "no-such-id")] };

describe("batches (KMIP 1.4 §6.7-6.8, §7)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  it("carries the ID Placeholder from Create to the following items", async () => {
    const c = await h.client();
    const r = await c.batch([
      createItem("placeholder"),
      { operation: Operation.Activate, payload: [] },
      { operation: Operation.Get, payload: [] },
    ]);
    expect(r.map((x) => x.resultStatus)).toEqual([ResultStatus.Success, ResultStatus.Success, ResultStatus.Success]);
    const id = r[0]?.payload?.value.find((v) => v.tag === Tag.UniqueIdentifier)?.value;
    expect(r[2]?.payload?.value.find((v) => v.tag === Tag.UniqueIdentifier)?.value).toBe(id);
  });

  it("Undo rolls back the whole batch and reports earlier items as Operation Undone", async () => {
    const c = await h.client();
    const r = await c.batch([createItem("undo-me"), activateMissing, createItem("never")], {
      batchErrorContinuationOption: BatchErrorContinuationOption.Undo,
    });
    expect(r.map((x) => x.resultStatus)).toEqual([ResultStatus.OperationUndone, ResultStatus.OperationFailed]);
    expect(r[1]?.resultReason).toBe(ResultReason.ObjectNotFound);
    expect(await c.locate({ attributes: [attr.name("undo-me")] })).toEqual([]);
  });

  it("Stop keeps what succeeded and skips the rest", async () => {
    const c = await h.client();
    const r = await c.batch([createItem("stop-1"), activateMissing, createItem("stop-2")], {
      batchErrorContinuationOption: BatchErrorContinuationOption.Stop,
    });
    expect(r.map((x) => x.resultStatus)).toEqual([ResultStatus.Success, ResultStatus.OperationFailed]);
    expect(await c.locate({ attributes: [attr.name("stop-1")] })).toHaveLength(1);
    expect(await c.locate({ attributes: [attr.name("stop-2")] })).toEqual([]);
  });

  it("Continue processes every item", async () => {
    const c = await h.client();
    const r = await c.batch([createItem("cont-1"), activateMissing, createItem("cont-2")], {
      batchErrorContinuationOption: BatchErrorContinuationOption.Continue,
    });
    expect(r.map((x) => x.resultStatus)).toEqual([
      ResultStatus.Success,
      ResultStatus.OperationFailed,
      ResultStatus.Success,
    ]);
  });

  it("Maximum Response Size: an answer too large fails with Response Too Large and is rolled back", async () => {
    const c = await h.client();
    const r = await c.batch([createItem("too-large")], { maximumResponseSize: 40 });
    expect(r[0]?.resultStatus).toBe(ResultStatus.OperationFailed);
    expect(r[0]?.resultReason).toBe(ResultReason.ResponseTooLarge);
    expect(await c.locate({ attributes: [attr.name("too-large")] })).toEqual([]);
    const ok = await c.batch([createItem("fits")], { maximumResponseSize: 4096 });
    expect(ok[0]?.resultStatus).toBe(ResultStatus.Success);
  });

  it("Maximum Response Size: an item refused as too large does not use up the room of the items after it", async () => {
    const c = await h.client();
    const rng = (bytes: number) => ({ operation: Operation.RNGRetrieve, payload: [ttlv.int(Tag.DataLength, bytes)] });
    const r = await c.batch([rng(2000), rng(16), rng(16)], {
      maximumResponseSize: 400,
      batchErrorContinuationOption: BatchErrorContinuationOption.Continue,
    });
    expect(r.map((x) => [x.resultStatus, x.resultReason])).toEqual([
      [ResultStatus.OperationFailed, ResultReason.ResponseTooLarge],
      [ResultStatus.Success, undefined],
      [ResultStatus.Success, undefined],
    ]);
  });

  it("refuses Asynchronous Indicator Mandatory (2.x) with Feature Not Supported and ignores a 1.x true", async () => {
    const transport = await KmipTransport.connect({
      host: "127.0.0.1",
      port: h.port,
      ca: await readFile(h.paths.caCert),
      cert: await readFile(h.paths.adminCert),
      key: await readFile(h.paths.adminKey),
      servername: "localhost",
    });
    const request = (async: TtlvItem, major: number, minor: number) =>
      ttlv.struct(Tag.RequestMessage, [
        ttlv.struct(Tag.RequestHeader, [
          ttlv.struct(Tag.ProtocolVersion, [
            ttlv.int(Tag.ProtocolVersionMajor, major),
            ttlv.int(Tag.ProtocolVersionMinor, minor),
          ]),
          async,
          ttlv.int(Tag.BatchCount, 1),
        ]),
        ttlv.struct(Tag.BatchItem, [
          ttlv.enum(Tag.Operation, Operation.DiscoverVersions),
          ttlv.struct(Tag.RequestPayload, []),
        ]),
      ]);
    const result = async (m: TtlvItem) => {
      const r = await transport.send(
        request(m, m.type === ItemType.Boolean ? 1 : 2, m.type === ItemType.Boolean ? 4 : 1),
      );
      const bi = r.type === ItemType.Structure ? r.value.find((v) => v.tag === Tag.BatchItem) : undefined;
      const field = (tag: number) =>
        bi?.type === ItemType.Structure ? bi.value.find((v) => v.tag === tag)?.value : undefined;
      return { status: field(Tag.ResultStatus), reason: field(Tag.ResultReason) };
    };
    try {
      expect(await result(ttlv.enum(Tag.AsynchronousIndicator, AsynchronousIndicator.Mandatory))).toEqual({
        status: ResultStatus.OperationFailed,
        reason: ResultReason.FeatureNotSupported,
      });
      expect((await result(ttlv.enum(Tag.AsynchronousIndicator, AsynchronousIndicator.Optional))).status).toBe(
        ResultStatus.Success,
      );
      expect((await result(ttlv.bool(Tag.AsynchronousIndicator, true))).status).toBe(ResultStatus.Success);
    } finally {
      await transport.close();
    }
  });

  it("answers an unknown operation with Operation Not Supported", async () => {
    const c = await h.client();
    const [r] = await c.batch([{ operation: 0x77, payload: [] }]);
    expect(r?.resultStatus).toBe(ResultStatus.OperationFailed);
    expect(r?.resultReason).toBe(ResultReason.OperationNotSupported);
  });
});

describe("protocol versions", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.stop();
  });

  for (const minor of [0, 1, 2, 3, 4]) {
    it(`answers KMIP 1.${minor} in 1.${minor}`, async () => {
      const c = await h.client("admin", { major: 1, minor });
      const versions = await c.discoverVersions();
      expect(versions[0]).toEqual({ major: 2, minor: 1 });
      expect(versions).toHaveLength(7);
      const id = await c.create({ algorithm: CryptographicAlgorithm.AES, length: 192 });
      expect((await c.get(id)).material).toHaveLength(24);
    });
  }

  it("Discover Versions returns the common versions in the client's order", async () => {
    const c = await h.client();
    const p = await c.call(Operation.DiscoverVersions, [
      ttlv.struct(Tag.ProtocolVersion, [ttlv.int(Tag.ProtocolVersionMajor, 1), ttlv.int(Tag.ProtocolVersionMinor, 2)]),
      ttlv.struct(Tag.ProtocolVersion, [ttlv.int(Tag.ProtocolVersionMajor, 9), ttlv.int(Tag.ProtocolVersionMinor, 0)]),
      ttlv.struct(Tag.ProtocolVersion, [ttlv.int(Tag.ProtocolVersionMajor, 2), ttlv.int(Tag.ProtocolVersionMinor, 0)]),
    ]);
    expect(p.value.map((v) => (v.type === 1 ? v.value.map((x) => x.value) : []))).toEqual([
      [1, 2],
      [2, 0],
    ]);
  });

  it("refuses an unknown major version with Invalid Message and answers a newer minor in the newest it knows", async () => {
    const three = await h.client("admin", { major: 3, minor: 0 });
    const [r] = await three.batch([{ operation: Operation.DiscoverVersions, payload: [] }]);
    expect(r?.resultReason).toBe(ResultReason.InvalidMessage);
    expect(r?.operation).toBeUndefined();
    const future = await h.client("admin", { major: 2, minor: 9 });
    const [ok] = await future.batch([{ operation: Operation.DiscoverVersions, payload: [] }]);
    expect(ok?.resultStatus).toBe(ResultStatus.Success);
  });
});
