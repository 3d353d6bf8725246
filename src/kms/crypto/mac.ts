import { createHmac, type Hmac, type KeyObject, timingSafeEqual } from "node:crypto";
import { kmipError } from "../../kmip/kmip-error.js";
import { opt } from "../../kmip/read.js";
import { textBytes } from "../../ttlv/encoded-size.js";
import { BlockCipherMode, CryptographicAlgorithm, Operation, ValidityIndicator } from "../../ttlv/enums.js";
import { type StructureItem, type TtlvItem, ttlv } from "../../ttlv/item.js";
import { CryptographicUsageMask } from "../../ttlv/masks.js";
import { Tag } from "../../ttlv/tags.js";
import { targetId } from "../access.js";
import type { RequestContext } from "../context.js";
import { boundedData, symmetricKeyOf } from "./cipher-operation.js";
import { cmac } from "./cmac.js";
import { digestBytes, hmacName } from "./digests.js";
import { secretKeyOf } from "./key-cache.js";
import { consumeUsage, type KeyUse, keyTypes, loadKeyForUse } from "./key-use.js";
import { MAX_DATA_BYTES } from "./limits.js";
import { afterWrites, payloadBytes, resumeOnce } from "./multi-part.js";
import { effectiveParams } from "./params.js";
import { CORRELATION_BYTES } from "./sessions.js";
import { keyLength } from "./symmetric.js";

const macUse: KeyUse = {
  operation: Operation.MAC,
  usage: CryptographicUsageMask.MACGenerate,
  direction: "apply",
  objectTypes: keyTypes.mac,
  what: "generate a MAC",
};
const macVerifyUse: KeyUse = {
  operation: Operation.MACVerify,
  usage: CryptographicUsageMask.MACVerify,
  direction: "process",
  objectTypes: keyTypes.mac,
  what: "verify a MAC",
};

/** A MAC computation in progress: HMAC streams; CMAC buffers its input (at most MAX_DATA_BYTES). */
type MacState =
  | { readonly kind: "hmac"; readonly h: Hmac; readonly bytes: number }
  | { readonly kind: "cmac"; readonly key: KeyObject; chunks: Uint8Array[]; size: number };

function isMacState(s: unknown): s is MacState {
  return typeof s === "object" && s !== null && "kind" in s && (s.kind === "hmac" || s.kind === "cmac");
}

/**
 * The MAC algorithm: the Cryptographic Algorithm of the Cryptographic Parameters (request, then
 * the key's attribute: CS-AC-M-4 MACs with an AES-typed key whose parameters say HMAC-SHA256),
 * else the key's own algorithm. HMAC-SHA1/224/256/384/512 (and SHA3, MD5) via node:crypto;
 * AES keys with Block Cipher Mode CMAC (or algorithm CMAC) use AES-CMAC (NIST SP 800-38B).
 */
function startMac(key: KeyObject, keyAlgorithm: number | undefined, p: ReturnType<typeof effectiveParams>): MacState {
  const alg = p.cryptographicAlgorithm ?? keyAlgorithm;
  if (alg !== undefined) {
    const h = hmacName(alg);
    if (h !== undefined) return { kind: "hmac", h: createHmac(h, key), bytes: digestBytes(h) };
  }
  if (alg === CryptographicAlgorithm.AES && p.blockCipherMode === BlockCipherMode.CMAC) {
    const length = keyLength(key);
    if (length !== 16 && length !== 24 && length !== 32)
      throw kmipError.invalidField("an AES key is 128, 192 or 256 bits long");
    return { kind: "cmac", key, chunks: [], size: 0 };
  }
  throw kmipError.featureNotSupported(
    "MAC supports HMAC (Cryptographic Algorithm HMAC-SHA*) and AES-CMAC (AES key, Block Cipher Mode CMAC)",
  );
}

function feed(s: MacState, data: Uint8Array): void {
  if (s.kind === "hmac") s.h.update(data);
  else {
    if (s.size + data.length > MAX_DATA_BYTES) {
      throw kmipError.invalidField(`multi-part CMAC input is limited to ${MAX_DATA_BYTES} bytes`);
    }
    s.size += data.length;
    s.chunks.push(data);
  }
}

/** Length of the MAC `s` will give: its hash's output; AES-CMAC's is one AES block. */
function macBytes(s: MacState): number {
  return s.kind === "hmac" ? s.bytes : 16;
}

function digest(s: MacState): Buffer {
  return s.kind === "hmac" ? s.h.digest() : cmac(s.key, Buffer.concat(s.chunks));
}

/**
 * MAC (KMIP 1.4 §4.33, 2.1 §6.1.32) and MAC Verify (KMIP 1.4 §4.34, 2.1 §6.1.33), single- or
 * multi-part (Correlation Value, Init Indicator, Final Indicator).
 */
export async function macOperation(ctx: RequestContext, payload: StructureItem, verify: boolean): Promise<TtlvItem[]> {
  const use = verify ? macVerifyUse : macUse;
  const data = boundedData(payload) ?? new Uint8Array();
  const correlation = opt.bytes(payload, Tag.CorrelationValue);
  const init = opt.bool(payload, Tag.InitIndicator) ?? false;
  const final = opt.bool(payload, Tag.FinalIndicator) ?? false;
  let state: MacState;
  let id: string;
  if (correlation !== undefined) {
    const resumed = await resumeOnce(ctx, payload, use.operation, correlation, isMacState);
    state = resumed.state;
    id = resumed.objectId ?? targetId(ctx, payload);
    await consumeUsage(ctx, await loadKeyForUse(ctx, id, use), data.length);
  } else {
    id = targetId(ctx, payload);
    const obj = await loadKeyForUse(ctx, id, use);
    const { key, algorithm } = secretKeyOf(ctx.keyObjects, obj, () => symmetricKeyOf(obj));
    state = startMac(key, algorithm, effectiveParams(opt.struct(payload, Tag.CryptographicParameters), obj));
    await consumeUsage(ctx, obj, data.length);
  }
  const out: TtlvItem[] = [ttlv.text(Tag.UniqueIdentifier, id)];
  if (!final && (init || correlation !== undefined)) {
    const answer = payloadBytes(textBytes(id), correlation?.length ?? CORRELATION_BYTES);
    return afterWrites(ctx, answer, async () => {
      feed(state, data);
      if (correlation === undefined) {
        out.push(ttlv.bytes(Tag.CorrelationValue, ctx.sessions.open(ctx.identity, use.operation, id, state)));
      } else {
        out.push(ttlv.bytes(Tag.CorrelationValue, correlation));
      }
      return out;
    });
  }
  // MAC Verify needs the MAC Data to compare with (given: defined exactly when verifying): a
  // final part without it is refused before it feeds, digests or closes its stream, so that it
  // can be sent again.
  const given = verify ? opt.bytes(payload, Tag.MACData) : undefined;
  if (verify && given === undefined) throw kmipError.missingData("MAC Data is required");
  // Single-part, or the final part: that one closes its session and digests it once, whatever reruns.
  const answer = payloadBytes(textBytes(id), verify ? 4 /* Validity Indicator */ : macBytes(state));
  const mac = await afterWrites(ctx, answer, async () => {
    feed(state, data);
    if (correlation !== undefined) ctx.sessions.close(ctx.identity, correlation);
    return digest(state);
  });
  if (given === undefined) {
    out.push(ttlv.bytes(Tag.MACData, mac));
    return out;
  }
  const valid = given.length === mac.length && timingSafeEqual(given, mac);
  out.push(ttlv.enum(Tag.ValidityIndicator, valid ? ValidityIndicator.Valid : ValidityIndicator.Invalid));
  return out;
}
