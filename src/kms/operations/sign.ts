import { signOperation } from "../crypto/sign-operation.js";
import type { OperationHandler } from "./operation.js";

/** Sign (KMIP 1.4 §4.31 / 2.1 §6.1.55): see signOperation. */
export const sign: OperationHandler = (ctx, payload) => signOperation(ctx, payload, false);
