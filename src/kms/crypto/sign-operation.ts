import { kmipError } from "../../kmip/kmip-error.js";
import { opt } from "../../kmip/read.js";
import { textBytes } from "../../ttlv/encoded-size.js";
import { Operation, ValidityIndicator } from "../../ttlv/enums.js";
import { type StructureItem, type TtlvItem, ttlv } from "../../ttlv/item.js";
import { CryptographicUsageMask } from "../../ttlv/masks.js";
import { Tag } from "../../ttlv/tags.js";
import { targetId } from "../access.js";
import type { RequestContext } from "../context.js";
import { boundedData, keyBlockOf } from "./cipher-operation.js";
import { keyObjectOf } from "./key-cache.js";
import { consumeUsage, type KeyUse, keyTypes, loadKeyForUse } from "./key-use.js";
import { MAX_DATA_BYTES } from "./limits.js";
import { afterWrites, payloadBytes, resumeOnce } from "./multi-part.js";
import { effectiveParams } from "./params.js";
import { CORRELATION_BYTES } from "./sessions.js";
import { schemeFor, signAsync, verifyAsync } from "./signature.js";

const signUse: KeyUse = {
  operation: Operation.Sign,
  usage: CryptographicUsageMask.Sign,
  direction: "apply",
  objectTypes: keyTypes.sign,
  what: "sign",
};
const verifyUse: KeyUse = {
  operation: Operation.SignatureVerify,
  usage: CryptographicUsageMask.Verify,
  direction: "process",
  objectTypes: keyTypes.verify,
  what: "verify signatures",
};

/** Multi-part Sign / Signature Verify buffer their input (EdDSA cannot stream), up to MAX_DATA_BYTES. */
interface SignBuffer {
  readonly signBuffer: true;
  readonly params: StructureItem | undefined;
  chunks: Uint8Array[];
  size: number;
}

function isSignBuffer(s: unknown): s is SignBuffer {
  return typeof s === "object" && s !== null && "signBuffer" in s;
}

function checkSize(size: number): void {
  if (size > MAX_DATA_BYTES) {
    throw kmipError.invalidField(`multi-part signature input is limited to ${MAX_DATA_BYTES} bytes`);
  }
}

function append(b: SignBuffer, data: Uint8Array): void {
  checkSize(b.size + data.length);
  b.size += data.length;
  b.chunks.push(data);
}

/** The whole input of a final part: the buffered parts, then its own `data`; the buffer is left as it is. */
function joinedInput(b: SignBuffer, data: Uint8Array | undefined): Buffer {
  if (data === undefined) return Buffer.concat(b.chunks);
  checkSize(b.size + data.length);
  return Buffer.concat([...b.chunks, data]);
}

/**
 * Sign (KMIP 1.4 §4.31, 2.1 §6.1.55) and Signature Verify (KMIP 1.4 §4.32, 2.1 §6.1.56) over
 * Data or Digested Data; multi-part with Correlation Value, Init Indicator and Final Indicator.
 */
export async function signOperation(
  ctx: RequestContext,
  payload: StructureItem,
  isVerify: boolean,
): Promise<TtlvItem[]> {
  const use = isVerify ? verifyUse : signUse;
  const data = boundedData(payload);
  const digested = boundedData(payload, Tag.DigestedData);
  const correlation = opt.bytes(payload, Tag.CorrelationValue);
  const init = opt.bool(payload, Tag.InitIndicator) ?? false;
  const final = opt.bool(payload, Tag.FinalIndicator) ?? false;

  let id: string;
  let whole: Uint8Array | undefined = data;
  let paramsItem = opt.struct(payload, Tag.CryptographicParameters);
  if (correlation !== undefined) {
    const { objectId, state: buf } = await resumeOnce(ctx, payload, use.operation, correlation, isSignBuffer);
    id = objectId ?? targetId(ctx, payload);
    // Load (and so possibly rerun in a write transaction) before touching the session.
    await consumeUsage(ctx, await loadKeyForUse(ctx, id, use), data?.length ?? 0);
    const sid = id;
    if (!final) {
      return afterWrites(ctx, payloadBytes(textBytes(sid), correlation.length), async () => {
        if (data !== undefined) append(buf, data);
        return [ttlv.text(Tag.UniqueIdentifier, sid), ttlv.bytes(Tag.CorrelationValue, correlation)];
      });
    }
    // The final part reads the buffered input; it closes the session once its answer is made (below).
    whole = joinedInput(buf, data);
    paramsItem = paramsItem ?? buf.params;
  } else {
    id = targetId(ctx, payload);
  }
  const obj = await loadKeyForUse(ctx, id, use);
  const key = keyObjectOf(ctx.keyObjects, obj, () => keyBlockOf(obj));
  const scheme = schemeFor(key, effectiveParams(paramsItem, obj));
  if (correlation === undefined) await consumeUsage(ctx, obj, (data ?? digested ?? new Uint8Array()).length);
  if (correlation === undefined && init && !final) {
    const sid = id;
    return afterWrites(ctx, payloadBytes(textBytes(sid), CORRELATION_BYTES), async () => {
      const buf: SignBuffer = { signBuffer: true, params: paramsItem, chunks: [], size: 0 };
      if (data !== undefined) append(buf, data);
      const corr = ctx.sessions.open(ctx.identity, use.operation, sid, buf);
      return [ttlv.text(Tag.UniqueIdentifier, sid), ttlv.bytes(Tag.CorrelationValue, corr)];
    });
  }
  if (whole === undefined && digested === undefined) throw kmipError.missingData("Data or Digested Data is required");
  const out: TtlvItem[] = [ttlv.text(Tag.UniqueIdentifier, id)];
  let resultBytes: number;
  if (!isVerify) {
    const signature = await signAsync(key, scheme, whole, digested);
    out.push(ttlv.bytes(Tag.SignatureData, signature));
    resultBytes = signature.length;
  } else {
    const signature = opt.bytes(payload, Tag.SignatureData);
    if (signature === undefined) throw kmipError.missingData("Signature Data is required");
    const valid = await verifyAsync(key, scheme, whole, digested, signature);
    out.push(ttlv.enum(Tag.ValidityIndicator, valid ? ValidityIndicator.Valid : ValidityIndicator.Invalid));
    resultBytes = 4;
  }
  if (correlation === undefined) return out;
  // The final part ends its session once its answer is made and fits, once whatever reruns.
  return afterWrites(ctx, payloadBytes(textBytes(id), resultBytes), async () => {
    ctx.sessions.close(ctx.identity, correlation);
    return out;
  });
}
