import { createHash, type Hash } from "node:crypto";
import { kmipError } from "../../kmip/kmip-error.js";
import { opt } from "../../kmip/read.js";
import { Operation } from "../../ttlv/enums.js";
import { type TtlvItem, ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { boundedData } from "../crypto/cipher-operation.js";
import { digestBytes, hashName } from "../crypto/digests.js";
import { afterWrites, payloadBytes, resumeOnce } from "../crypto/multi-part.js";
import { readParams } from "../crypto/params.js";
import { CORRELATION_BYTES } from "../crypto/sessions.js";
import type { OperationHandler } from "./operation.js";

/** A multi-part Hash in progress, with the length of the digest it will give. */
interface HashState {
  readonly hash: Hash;
  readonly digestBytes: number;
}

function isHashState(s: unknown): s is HashState {
  return typeof s === "object" && s !== null && "hash" in s && "digestBytes" in s;
}

/**
 * Hash (KMIP 1.4 §4.37, 2.1 §6.1.24): Cryptographic Parameters (Hashing Algorithm) and Data in,
 * the digest out as Data; multi-part with Correlation Value / Init Indicator / Final Indicator.
 * SHA-1, SHA-224/256/384/512, SHA-512/224, SHA-512/256, SHA3-224/256/384/512 (and MD5, RIPEMD-160).
 */
export const hash: OperationHandler = async (ctx, payload) => {
  const data = boundedData(payload) ?? new Uint8Array();
  const correlation = opt.bytes(payload, Tag.CorrelationValue);
  const init = opt.bool(payload, Tag.InitIndicator) ?? false;
  const final = opt.bool(payload, Tag.FinalIndicator) ?? false;
  const out: TtlvItem[] = [];
  if (correlation !== undefined) {
    // Once per request item, whatever reruns (crypto/multi-part.ts).
    const { state } = await resumeOnce(ctx, payload, Operation.Hash, correlation, isHashState);
    const answer = payloadBytes(final ? state.digestBytes : correlation.length);
    return afterWrites(ctx, answer, async () => {
      state.hash.update(data);
      if (!final) return [ttlv.bytes(Tag.CorrelationValue, correlation)];
      ctx.sessions.close(ctx.identity, correlation);
      return [ttlv.bytes(Tag.Data, state.hash.digest())];
    });
  }
  const params = opt.struct(payload, Tag.CryptographicParameters);
  if (params === undefined) throw kmipError.missingData("Cryptographic Parameters (Hashing Algorithm) are required");
  const name = hashName(readParams(params).hashingAlgorithm);
  const h = createHash(name);
  if (!init && opt.bytes(payload, Tag.Data) === undefined) throw kmipError.missingData("Data is required");
  h.update(data);
  if (init && !final) {
    return afterWrites(ctx, payloadBytes(CORRELATION_BYTES), async () => {
      const state: HashState = { hash: h, digestBytes: digestBytes(name) };
      out.push(ttlv.bytes(Tag.CorrelationValue, ctx.sessions.open(ctx.identity, Operation.Hash, undefined, state)));
      return out;
    });
  }
  out.push(ttlv.bytes(Tag.Data, h.digest()));
  return out;
};
