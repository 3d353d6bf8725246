import { opt } from "../kmip/read.js";
import { Operation } from "../ttlv/enums.js";
import type { StructureItem } from "../ttlv/item.js";
import { Tag } from "../ttlv/tags.js";
import type { RequestContext } from "./context.js";
import { activate } from "./operations/activate.js";
import { addAttribute } from "./operations/add-attribute.js";
import { check } from "./operations/check.js";
import { create } from "./operations/create.js";
import { createKeyPair } from "./operations/create-key-pair.js";
import { decrypt } from "./operations/decrypt.js";
import { deleteAttribute } from "./operations/delete-attribute.js";
import { deriveKey } from "./operations/derive-key.js";
import { destroy } from "./operations/destroy.js";
import { discoverVersions } from "./operations/discover-versions.js";
import { encrypt } from "./operations/encrypt.js";
import { exportObject } from "./operations/export.js";
import { get } from "./operations/get.js";
import { getAttributeList } from "./operations/get-attribute-list.js";
import { getAttributes } from "./operations/get-attributes.js";
import { hash } from "./operations/hash.js";
import { importObject } from "./operations/import.js";
import { interop } from "./operations/interop.js";
import { locate } from "./operations/locate.js";
import { log } from "./operations/log.js";
import { mac } from "./operations/mac.js";
import { macVerify } from "./operations/mac-verify.js";
import { modifyAttribute } from "./operations/modify-attribute.js";
import type { OperationHandler } from "./operations/operation.js";
import { query } from "./operations/query.js";
import { register } from "./operations/register.js";
import { rekey } from "./operations/rekey.js";
import { rekeyKeyPair } from "./operations/rekey-key-pair.js";
import { revoke } from "./operations/revoke.js";
import { rngRetrieve } from "./operations/rng-retrieve.js";
import { setAttribute } from "./operations/set-attribute.js";
import { sign } from "./operations/sign.js";
import { signatureVerify } from "./operations/signature-verify.js";

/** The dispatch table, keyed by the Operation enumeration (never by name). */
export const operations: ReadonlyMap<number, OperationHandler> = new Map<number, OperationHandler>([
  [Operation.Create, create],
  [Operation.CreateKeyPair, createKeyPair],
  [Operation.Register, register],
  [Operation.Locate, locate],
  [Operation.Check, check],
  [Operation.Get, get],
  [Operation.GetAttributes, getAttributes],
  [Operation.GetAttributeList, getAttributeList],
  [Operation.AddAttribute, addAttribute],
  [Operation.ModifyAttribute, modifyAttribute],
  [Operation.DeleteAttribute, deleteAttribute],
  [Operation.SetAttribute, setAttribute],
  [Operation.Activate, activate],
  [Operation.Revoke, revoke],
  [Operation.ReKey, rekey],
  [Operation.ReKeyKeyPair, rekeyKeyPair],
  [Operation.Destroy, destroy],
  [Operation.Query, query],
  [Operation.DiscoverVersions, discoverVersions],
  [Operation.Interop, interop],
  [Operation.Log, log],
  [Operation.Encrypt, encrypt],
  [Operation.Decrypt, decrypt],
  [Operation.Sign, sign],
  [Operation.SignatureVerify, signatureVerify],
  [Operation.MAC, mac],
  [Operation.MACVerify, macVerify],
  [Operation.Hash, hash],
  [Operation.RNGRetrieve, rngRetrieve],
  [Operation.DeriveKey, deriveKey],
  [Operation.Export, exportObject],
  [Operation.Import, importObject],
]);

/** Operations that never write: they run outside a write transaction. */
export const readOnlyOperations: ReadonlySet<number> = new Set([
  Operation.Query,
  Operation.DiscoverVersions,
  Operation.Interop,
  Operation.Hash,
  Operation.RNGRetrieve,
]);

/**
 * Operations that usually only read (lookups and the cryptographic services): run outside a write
 * transaction and rerun inside one when they must write (read-mostly.ts).
 */
export const readMostlyOperations: ReadonlySet<number> = new Set([
  // Key-pair generation runs on the read-only attempt, outside the write transaction (read-mostly.ts `prepared`).
  Operation.CreateKeyPair,
  Operation.ReKeyKeyPair,
  // Reads that write only now and then: Get on a Fresh key, a date-driven state change.
  Operation.Get,
  Operation.GetAttributes,
  Operation.GetAttributeList,
  Operation.Locate,
  Operation.Check,
  Operation.Encrypt,
  Operation.Decrypt,
  Operation.Sign,
  Operation.SignatureVerify,
  Operation.MAC,
  Operation.MACVerify,
]);

/**
 * Whether a read-mostly item is known to write, so that it runs in a write transaction at once
 * instead of after a read-only attempt: a Get of an object this process created Fresh and has
 * not served (fresh-hint.ts; its first Get clears Fresh).
 */
export function writesFirst(
  operation: number,
  payload: StructureItem,
  ctx: Pick<RequestContext, "freshHint" | "idPlaceholder">,
): boolean {
  if (operation !== Operation.Get || ctx.freshHint === undefined) return false;
  const id = opt.text(payload, Tag.UniqueIdentifier) ?? ctx.idPlaceholder;
  return id !== undefined && ctx.freshHint.has(id);
}
