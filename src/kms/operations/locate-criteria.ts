import type { Attr } from "../../kmip/attributes/attribute.js";
import { find } from "../../kmip/read.js";
import type { IndexEntry } from "../../store/store.js";
import { ObjectGroupMember } from "../../ttlv/enums.js";
import { ItemType, type StructureItem, ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { unindexedAttributes, valueKey } from "../object-repo.js";

/** A Locate criterion matched in memory against one object's attributes. */
export type AttributeTest = (attrs: readonly Attr[]) => boolean;

/** A Locate request's attributes, sorted by how each is matched (KMIP 1.4 §4.9, 2.1 §6.1.27). */
export interface LocateCriteria {
  readonly objectTypes: number[];
  /** Matched in memory, on the state as of now. */
  readonly states: number[];
  readonly uid: string | undefined;
  /** Exact matches through the attribute index, in SQL. */
  readonly index: IndexEntry[];
  /** A date given once matches exactly, twice an inclusive range; in memory. */
  readonly dates: Map<string, bigint[]>;
  /** Everything else matched in memory. */
  readonly tests: AttributeTest[];
  /** Object Group Member Group Member Default: only the group's default object (the newest). */
  readonly groupDefault: boolean;
}

/** Locate compares these attributes by bits: "all of the bits set in the requested mask". */
const maskAttributes: ReadonlySet<string> = new Set(["Cryptographic Usage Mask"]);

/**
 * Structure attributes with every field they can have, in order: a request giving all of them
 * in that order matches by equality (through the index); one giving fewer ("all of the structure fields are not
 * REQUIRED to be specified") matches every object whose instance has the fields given.
 */
const completeStructures: ReadonlyMap<string, readonly number[]> = new Map([
  ["Name", [Tag.NameValue, Tag.NameType]],
  ["Link", [Tag.LinkType, Tag.LinkedObjectIdentifier]],
  ["Application Specific Information", [Tag.ApplicationNamespace, Tag.ApplicationData]],
  ["Digest", [Tag.HashingAlgorithm, Tag.DigestValue, Tag.KeyFormatType]],
]);

/** Every field, once each and in the specification's order (so that it encodes as stored). */
function isComplete(name: string, value: StructureItem): boolean {
  const fields = completeStructures.get(name);
  if (fields === undefined || value.value.length !== fields.length) return false;
  return fields.every((tag, i) => value.value[i]?.tag === tag);
}

/** The object has an instance of `name` holding every field of `wanted` (each compared whole). */
function hasFields(name: string, wanted: StructureItem): AttributeTest {
  const keys = wanted.value.map((f) => ({ tag: f.tag, key: valueKey(f) }));
  return (attrs) =>
    attrs.some((a) => {
      if (a.name !== name || a.value.type !== ItemType.Structure) return false;
      const have = a.value.value.map((f) => `${f.tag}:${valueKey(f)}`);
      return keys.every((k) => {
        const at = have.indexOf(`${k.tag}:${k.key}`);
        if (at < 0) return false;
        have.splice(at, 1); // a field asked for twice must be there twice
        return true;
      });
    });
}

/** "matching candidate objects SHALL have a Usage Limits Count and Usage Limits Total equal to or larger". */
function usageLimitsAtLeast(wanted: StructureItem): AttributeTest {
  const long = (s: StructureItem, tag: number) => {
    const f = find(s, tag);
    return f?.type === ItemType.LongInteger ? f.value : undefined;
  };
  const total = long(wanted, Tag.UsageLimitsTotal);
  const count = long(wanted, Tag.UsageLimitsCount);
  const unit = find(wanted, Tag.UsageLimitsUnit);
  return (attrs) =>
    attrs.some((a) => {
      if (a.name !== "Usage Limits" || a.value.type !== ItemType.Structure) return false;
      const haveTotal = long(a.value, Tag.UsageLimitsTotal);
      const haveCount = long(a.value, Tag.UsageLimitsCount) ?? haveTotal; // no Count yet: nothing used
      if (total !== undefined && (haveTotal === undefined || haveTotal < total)) return false;
      if (count !== undefined && (haveCount === undefined || haveCount < count)) return false;
      const haveUnit = find(a.value, Tag.UsageLimitsUnit);
      return unit === undefined || (haveUnit !== undefined && valueKey(haveUnit) === valueKey(unit));
    });
}

function equalTo(name: string, key: string): AttributeTest {
  return (attrs) => attrs.some((a) => a.name === name && valueKey(a.value) === key);
}

function bitsOf(name: string, bits: number): AttributeTest {
  return (attrs) =>
    attrs.some((a) => a.name === name && a.value.type === ItemType.Integer && (a.value.value & bits) === bits);
}

/**
 * Sorts the request's attributes into SQL conditions and in-memory tests; `groupMember` is the
 * request's Object Group Member field (a payload field, not an attribute).
 */
export function locateCriteria(attrs: readonly Attr[], groupMember: number | undefined): LocateCriteria {
  const c: LocateCriteria = {
    objectTypes: [],
    states: [],
    uid: undefined,
    index: [],
    dates: new Map(),
    tests: [],
    groupDefault: false,
  };
  let uid: string | undefined;
  const hasGroup = attrs.some((a) => a.name === "Object Group");
  for (const a of attrs) {
    const v = a.value;
    if (a.name === "Object Type" && v.type === ItemType.Enumeration) c.objectTypes.push(v.value);
    else if (a.name === "State" && v.type === ItemType.Enumeration) c.states.push(v.value);
    else if (a.name === "Unique Identifier" && v.type === ItemType.TextString) uid = v.value;
    else if (v.type === ItemType.DateTime) c.dates.set(a.name, [...(c.dates.get(a.name) ?? []), v.value]);
    else if (maskAttributes.has(a.name) && v.type === ItemType.Integer) c.tests.push(bitsOf(a.name, v.value));
    else if (a.name === "Usage Limits" && v.type === ItemType.Structure) c.tests.push(usageLimitsAtLeast(v));
    else if (v.type === ItemType.Structure && !isComplete(a.name, v)) c.tests.push(hasFields(a.name, v));
    else if (unindexedAttributes.has(a.name)) c.tests.push(equalTo(a.name, valueKey(v)));
    else c.index.push({ name: a.name, value: valueKey(v) });
  }
  // Object Group Member counts only next to an Object Group (1.4 §4.9, 2.1 §6.1.27): Group
  // Member Fresh asks for the group's fresh objects, Group Member Default for its default
  // object, which for custos is the newest one.
  if (hasGroup && groupMember === ObjectGroupMember.GroupMemberFresh) {
    c.tests.push(equalTo("Fresh", valueKey(ttlv.bool(Tag.Fresh, true))));
  }
  return { ...c, uid, groupDefault: hasGroup && groupMember === ObjectGroupMember.GroupMemberDefault };
}
