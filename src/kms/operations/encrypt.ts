import { cipherOperation } from "../crypto/cipher-operation.js";
import type { OperationHandler } from "./operation.js";

/** Encrypt (KMIP 1.4 §4.29 / 2.1 §6.1.17): see cipherOperation for single- and multi-part handling. */
export const encrypt: OperationHandler = (ctx, payload) => cipherOperation(ctx, payload, false);
