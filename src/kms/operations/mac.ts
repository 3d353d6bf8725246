import { macOperation } from "../crypto/mac.js";
import type { OperationHandler } from "./operation.js";

/** MAC (KMIP 1.4 §4.33 / 2.1 §6.1.32): see macOperation. */
export const mac: OperationHandler = (ctx, payload) => macOperation(ctx, payload, false);
