import { req } from "../../kmip/read.js";
import type { TtlvItem } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import type { OperationHandler } from "./operation.js";

/** Longest Log Message kept in the audit trail; longer ones are cut (a log must not become a storage channel). */
const maxLogMessage = 4096;

/**
 * Log (KMIP 2.0+, 2.1 §6.1.28): a client asks the server to record a message. custos writes
 * it to the audit trail, attributed to the caller.
 */
export const log: OperationHandler = async (ctx, payload) => {
  const message = req.text(payload, Tag.LogMessage);
  await ctx.tx.audit({
    actor: ctx.identity,
    action: "kmip.Log",
    objectId: null,
    details: { message: message.slice(0, maxLogMessage) },
  });
  const out: TtlvItem[] = [];
  return out;
};
