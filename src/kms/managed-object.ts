import type { AttributeList } from "../kmip/attributes/attribute-list.js";
import type { StructureItem } from "../ttlv/item.js";

/**
 * A KMIP Managed Object (KMIP 1.4 §2.2 / 2.1 §2.2) as the operations see it: the object
 * value (e.g. the Symmetric Key structure with its Key Block) plus its attributes.
 * Unique Identifier, Object Type and State live in the record itself, not in `attrs`.
 */
export interface ManagedObject {
  readonly id: string;
  owner: string;
  readonly objectType: number;
  state: number;
  readonly attrs: AttributeList;
  /** The object structure (Symmetric Key, Secret Data, Opaque Object); null once destroyed. */
  value: StructureItem | null;
  readonly version: number;
  readonly createdAt: number;
  /**
   * Names the stored value this object was read with (ObjectRecord.materialId): undefined for
   * an object not read from the store or whose value has since been replaced in memory.
   */
  readonly materialId?: string | null;
}
