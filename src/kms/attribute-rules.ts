import { attributeByName } from "../kmip/attribute-defs.js";
import { type Attr, isCustomName } from "../kmip/attributes/attribute.js";
import { KmipError, kmipError } from "../kmip/kmip-error.js";
import { ResultReason, State } from "../ttlv/enums.js";
import type { ManagedObject } from "./managed-object.js";

/**
 * Who may change which attribute (KMIP 1.4 §3 attribute rule tables: "Modifiable by client",
 * "Deletable by client"; 2.1 §4). Activation Date may only change while the object is still
 * Pre-Active; custom (x-) attributes are the client's to manage.
 */
export type AttributeEdit = "add" | "modify" | "delete";

export function checkEditable(obj: ManagedObject, a: Pick<Attr, "name">, edit: AttributeEdit): void {
  if (isCustomName(a.name)) {
    if (a.name.startsWith("y-")) throw new KmipError(ResultReason.AttributeReadOnly, `${a.name} is a server attribute`);
    return;
  }
  const def = attributeByName(a.name);
  if (def === undefined) throw kmipError.invalidField(`unknown attribute ${a.name}`);
  const allowed = edit === "add" ? def.clientSettable : edit === "modify" ? def.clientModifiable : def.clientDeletable;
  if (!allowed)
    throw new KmipError(ResultReason.AttributeReadOnly, `${a.name} cannot be changed by a client (${edit})`);
  if (a.name === "Activation Date" && obj.state !== State.PreActive) {
    throw new KmipError(ResultReason.WrongKeyLifecycleState, "Activation Date can only change while Pre-Active");
  }
}

export function isMultiInstance(name: string): boolean {
  if (isCustomName(name)) return true;
  return attributeByName(name)?.multiInstance ?? false;
}
