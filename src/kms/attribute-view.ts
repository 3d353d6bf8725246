import type { Attr } from "../kmip/attributes/attribute.js";
import { ttlv } from "../ttlv/item.js";
import { Tag } from "../ttlv/tags.js";
import type { ManagedObject } from "./managed-object.js";

const leading = [
  "Unique Identifier",
  "Short Unique Identifier",
  "Object Type",
  "Cryptographic Algorithm",
  "Cryptographic Length",
];

/**
 * Every attribute of an object as clients see it: the record's Unique Identifier, Object
 * Type and State plus the stored attributes. Identity attributes come first, the rest in
 * name order, which keeps responses stable.
 */
export function attributeView(obj: ManagedObject): Attr[] {
  const all: Attr[] = [
    { name: "Unique Identifier", value: ttlv.text(Tag.UniqueIdentifier, obj.id) },
    { name: "Object Type", value: ttlv.enum(Tag.ObjectType, obj.objectType) },
    { name: "State", value: ttlv.enum(Tag.State, obj.state) },
    ...obj.attrs.all(),
  ];
  const rank = (n: string) => {
    const i = leading.indexOf(n);
    return i < 0 ? leading.length : i;
  };
  return all
    .map((a, i) => ({ a, i }))
    .sort((x, y) => rank(x.a.name) - rank(y.a.name) || cmp(x.a.name, y.a.name) || x.i - y.i)
    .map((x) => x.a);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The attributes named, in the order asked, each with all its instances; names the object lacks are skipped. */
export function selectAttributes(view: readonly Attr[], names: readonly string[]): Attr[] {
  const out: Attr[] = [];
  const done = new Set<string>();
  for (const n of names) {
    if (done.has(n)) continue;
    done.add(n);
    for (const a of view) if (a.name === n) out.push(a);
  }
  return out;
}
