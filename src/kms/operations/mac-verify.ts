import { macOperation } from "../crypto/mac.js";
import type { OperationHandler } from "./operation.js";

/** MAC Verify (KMIP 1.4 §4.34 / 2.1 §6.1.33): see macOperation. */
export const macVerify: OperationHandler = (ctx, payload) => macOperation(ctx, payload, true);
