import { req } from "../../kmip/read.js";
import type { TtlvItem } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import type { OperationHandler } from "./operation.js";

/**
 * Interop (KMIP 2.0+, 2.1 §6.1.26): test-case bracketing used by the OASIS interop vectors
 * (Begin / End / Reset with an Interop Identifier). custos keeps no per-test state, so it
 * validates the request and answers with an empty payload.
 */
export const interop: OperationHandler = async (_ctx, payload) => {
  req.enum(payload, Tag.InteropFunction);
  req.text(payload, Tag.InteropIdentifier);
  const out: TtlvItem[] = [];
  return out;
};
