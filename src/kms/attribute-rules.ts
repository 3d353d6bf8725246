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

/**
 * Most instances of one attribute, and most attributes in all, per object. KMIP lets a
 * server refuse more instances than it supports with Index Out of Bounds (1.4 §11.2,
 * §11.15); without a cap one client could grow an object (and every Locate over it) without end.
 */
export const maxInstancesPerAttribute = 256;
export const maxAttributesPerObject = 2048;

export function checkAttributeCounts(attrs: readonly Pick<Attr, "name">[]): void {
  if (attrs.length > maxAttributesPerObject) {
    throw new KmipError(
      ResultReason.IndexOutOfBounds,
      `an object may carry at most ${maxAttributesPerObject} attributes`,
    );
  }
  const counts = new Map<string, number>();
  for (const a of attrs) {
    const n = (counts.get(a.name) ?? 0) + 1;
    if (n > maxInstancesPerAttribute) {
      throw new KmipError(ResultReason.IndexOutOfBounds, `${a.name}: at most ${maxInstancesPerAttribute} instances`);
    }
    counts.set(a.name, n);
  }
}
