import { kmipError } from "../../kmip/kmip-error.js";
import { find, opt } from "../../kmip/read.js";
import { textBytes } from "../../ttlv/encoded-size.js";
import { ObjectType, Operation } from "../../ttlv/enums.js";
import { type StructureItem, type TtlvItem, ttlv } from "../../ttlv/item.js";
import { CryptographicUsageMask } from "../../ttlv/masks.js";
import { Tag } from "../../ttlv/tags.js";
import { targetId } from "../access.js";
import type { RequestContext } from "../context.js";
import { readKeyBlock } from "../key-block.js";
import type { ManagedObject } from "../managed-object.js";
import { keyObjectOf, secretKeyOf } from "./key-cache.js";
import { consumeUsage, type KeyUse, keyTypes, loadKeyForUse } from "./key-use.js";
import { MAX_DATA_BYTES } from "./limits.js";
import { afterWrites, payloadBytes, resumeOnce } from "./multi-part.js";
import { effectiveParams } from "./params.js";
import { rsaDecrypt, rsaEncrypt } from "./rsa-cipher.js";
import { CORRELATION_BYTES } from "./sessions.js";
import {
  checkAuthTag,
  checkFinalLength,
  endSymmetric,
  finishSymmetric,
  maxOutputBytes,
  type SymmetricRun,
  startSymmetric,
  updateSymmetric,
} from "./symmetric.js";

const encryptUse: KeyUse = {
  operation: Operation.Encrypt,
  usage: CryptographicUsageMask.Encrypt,
  direction: "apply",
  objectTypes: keyTypes.encrypt,
  what: "encrypt",
};
const decryptUse: KeyUse = {
  operation: Operation.Decrypt,
  usage: CryptographicUsageMask.Decrypt,
  direction: "process",
  objectTypes: keyTypes.decrypt,
  what: "decrypt",
};

/** Data of a request, bounded by MAX_DATA_BYTES. */
export function boundedData(payload: StructureItem, tag: number = Tag.Data): Uint8Array | undefined {
  const data = opt.bytes(payload, tag);
  if (data !== undefined && data.length > MAX_DATA_BYTES) {
    throw kmipError.invalidField(`Data is ${data.length} bytes; at most ${MAX_DATA_BYTES} are accepted per request`);
  }
  return data;
}

export function keyBlockOf(obj: ManagedObject): StructureItem {
  const kb = obj.value === null ? undefined : find(obj.value, Tag.KeyBlock);
  if (kb === undefined || kb.type !== 1) throw kmipError.invalidField(`object ${obj.id} has no Key Block`);
  return kb;
}

export function symmetricKeyOf(obj: ManagedObject): { key: Uint8Array; algorithm: number | undefined } {
  const fields = readKeyBlock(keyBlockOf(obj));
  const attr = obj.attrs.get("Cryptographic Algorithm");
  return { key: fields.material, algorithm: fields.algorithm ?? (attr?.type === 5 ? attr.value : undefined) };
}

function isRun(s: unknown): s is SymmetricRun {
  return typeof s === "object" && s !== null && "cipher" in s;
}

/**
 * Encrypt (KMIP 1.4 §4.29, 2.1 §6.1.17) and Decrypt (KMIP 1.4 §4.30, 2.1 §6.1.11), single-part
 * or multi-part: Init Indicator opens a stream and the response carries a Correlation Value;
 * later parts name it; the part with Final Indicator ends it (and, for AEAD, carries or returns
 * the Authenticated Encryption Tag).
 */
export async function cipherOperation(
  ctx: RequestContext,
  payload: StructureItem,
  decrypt: boolean,
): Promise<TtlvItem[]> {
  const use = decrypt ? decryptUse : encryptUse;
  const data = boundedData(payload) ?? new Uint8Array();
  const correlation = opt.bytes(payload, Tag.CorrelationValue);
  const init = opt.bool(payload, Tag.InitIndicator) ?? false;
  const final = opt.bool(payload, Tag.FinalIndicator) ?? false;
  const tag = opt.bytes(payload, Tag.AuthenticatedEncryptionTag);

  if (correlation !== undefined) {
    const { objectId, state: run } = await resumeOnce(ctx, payload, use.operation, correlation, isRun);
    const sid = objectId ?? targetId(ctx, payload);
    // The key may have been revoked or its usage changed since the first part; every part
    // takes its allocation from the Usage Limits (store writes before any session change).
    await consumeUsage(ctx, await loadKeyForUse(ctx, sid, use), data.length);
    // A final part without a fitting tag, or that would end an unpadded block mode inside a
    // block, is refused before it closes or feeds its stream.
    if (final) {
      checkAuthTag(run, decrypt, tag);
      checkFinalLength(run, data, decrypt);
    }
    const tail = final ? (run.aead && !decrypt ? [run.tagLength] : []) : [correlation.length];
    const answer = payloadBytes(textBytes(sid), maxOutputBytes(run, data.length), ...tail);
    return afterWrites(ctx, answer, async () => {
      const out: TtlvItem[] = [ttlv.text(Tag.UniqueIdentifier, sid)];
      if (final) {
        ctx.sessions.close(ctx.identity, correlation);
        const r = endSymmetric(run, data, decrypt, tag);
        out.push(ttlv.bytes(Tag.Data, r.data));
        if (r.tag !== undefined) out.push(ttlv.bytes(Tag.AuthenticatedEncryptionTag, r.tag));
      } else {
        out.push(ttlv.bytes(Tag.Data, updateSymmetric(run, data)), ttlv.bytes(Tag.CorrelationValue, correlation));
      }
      return out;
    });
  }

  const id = targetId(ctx, payload);
  const obj = await loadKeyForUse(ctx, id, use);
  const params = effectiveParams(opt.struct(payload, Tag.CryptographicParameters), obj);
  if (!init && opt.bytes(payload, Tag.Data) === undefined) throw kmipError.missingData("Data is required");
  await consumeUsage(ctx, obj, data.length);
  const out: TtlvItem[] = [ttlv.text(Tag.UniqueIdentifier, id)];

  if (obj.objectType !== ObjectType.SymmetricKey) {
    if (init || final) throw kmipError.featureNotSupported("RSA encryption is single-part only");
    const key = keyObjectOf(ctx.keyObjects, obj, () => keyBlockOf(obj));
    out.push(ttlv.bytes(Tag.Data, decrypt ? rsaDecrypt(key, params, data) : rsaEncrypt(key, params, data)));
    return out;
  }

  const { key, algorithm } = secretKeyOf(ctx.keyObjects, obj, () => symmetricKeyOf(obj));
  const run = startSymmetric({
    algorithm,
    key,
    params,
    iv: opt.bytes(payload, Tag.IVCounterNonce),
    decrypt,
    aad: opt.bytes(payload, Tag.AuthenticatedEncryptionAdditionalData),
    tag,
  });
  if (init && !final) {
    const iv = run.generatedIv === undefined ? [] : [run.generatedIv.length];
    const answer = payloadBytes(textBytes(id), maxOutputBytes(run, data.length), ...iv, CORRELATION_BYTES);
    return afterWrites(ctx, answer, async () => {
      const part = updateSymmetric(run, data);
      const corr = ctx.sessions.open(ctx.identity, use.operation, id, run);
      out.push(ttlv.bytes(Tag.Data, part));
      if (run.generatedIv !== undefined) out.push(ttlv.bytes(Tag.IVCounterNonce, run.generatedIv));
      out.push(ttlv.bytes(Tag.CorrelationValue, corr));
      return out;
    });
  }
  checkAuthTag(run, decrypt, tag);
  const r = finishSymmetric(run, data, decrypt);
  out.push(ttlv.bytes(Tag.Data, r.data));
  if (run.generatedIv !== undefined) out.push(ttlv.bytes(Tag.IVCounterNonce, run.generatedIv));
  if (r.tag !== undefined) out.push(ttlv.bytes(Tag.AuthenticatedEncryptionTag, r.tag));
  return out;
}
