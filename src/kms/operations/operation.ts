import type { StructureItem, TtlvItem } from "../../ttlv/item.js";
import type { RequestContext } from "../context.js";

/**
 * One KMIP operation: request payload in, response payload items out; failures are
 * thrown as KmipError. Handlers never see transport or storage details beyond ctx.tx.
 */
export type OperationHandler = (ctx: RequestContext, payload: StructureItem) => Promise<TtlvItem[]>;
