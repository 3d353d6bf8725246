import { signOperation } from "../crypto/sign-operation.js";
import type { OperationHandler } from "./operation.js";

/** Signature Verify (KMIP 1.4 §4.32 / 2.1 §6.1.56): see signOperation. */
export const signatureVerify: OperationHandler = (ctx, payload) => signOperation(ctx, payload, true);
