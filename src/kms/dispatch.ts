import { Operation } from "../ttlv/enums.js";
import { activate } from "./operations/activate.js";
import { addAttribute } from "./operations/add-attribute.js";
import { check } from "./operations/check.js";
import { create } from "./operations/create.js";
import { deleteAttribute } from "./operations/delete-attribute.js";
import { destroy } from "./operations/destroy.js";
import { discoverVersions } from "./operations/discover-versions.js";
import { get } from "./operations/get.js";
import { getAttributeList } from "./operations/get-attribute-list.js";
import { getAttributes } from "./operations/get-attributes.js";
import { interop } from "./operations/interop.js";
import { locate } from "./operations/locate.js";
import { log } from "./operations/log.js";
import { modifyAttribute } from "./operations/modify-attribute.js";
import type { OperationHandler } from "./operations/operation.js";
import { query } from "./operations/query.js";
import { register } from "./operations/register.js";
import { revoke } from "./operations/revoke.js";
import { setAttribute } from "./operations/set-attribute.js";

/** The dispatch table, keyed by the Operation enumeration (never by name). */
export const operations: ReadonlyMap<number, OperationHandler> = new Map<number, OperationHandler>([
  [Operation.Create, create],
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
  [Operation.Destroy, destroy],
  [Operation.Query, query],
  [Operation.DiscoverVersions, discoverVersions],
  [Operation.Interop, interop],
  [Operation.Log, log],
]);

/** Operations that never write: they run outside a write transaction. */
export const readOnlyOperations: ReadonlySet<number> = new Set([
  Operation.Query,
  Operation.DiscoverVersions,
  Operation.Interop,
]);
