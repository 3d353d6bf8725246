import { cipherOperation } from "../crypto/cipher-operation.js";
import type { OperationHandler } from "./operation.js";

/** Decrypt (KMIP 1.4 §4.30 / 2.1 §6.1.11): see cipherOperation for single- and multi-part handling. */
export const decrypt: OperationHandler = (ctx, payload) => cipherOperation(ctx, payload, true);
