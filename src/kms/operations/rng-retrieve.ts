import { poolRandomBytes } from "../../crypto/random-pool.js";
import { kmipError } from "../../kmip/kmip-error.js";
import { req } from "../../kmip/read.js";
import { ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { MAX_RNG_BYTES } from "../crypto/limits.js";
import type { OperationHandler } from "./operation.js";

/**
 * RNG Retrieve (KMIP 1.4 §4.35, 2.1 §6.1.49): "Data Length: the amount of random number
 * generator output to be returned (in bytes)"; output from OpenSSL's DRBG, at most MAX_RNG_BYTES.
 */
export const rngRetrieve: OperationHandler = async (_ctx, payload) => {
  const n = req.int(payload, Tag.DataLength);
  if (n <= 0 || n > MAX_RNG_BYTES) {
    throw kmipError.invalidField(`Data Length must be between 1 and ${MAX_RNG_BYTES} bytes`);
  }
  return [ttlv.bytes(Tag.Data, poolRandomBytes(n))];
};
