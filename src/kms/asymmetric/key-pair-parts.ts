import type { KeyObject } from "node:crypto";
import { attributeByName } from "../../kmip/attribute-defs.js";
import type { Attr } from "../../kmip/attributes/attribute.js";
import { decodeAttribute1, decodeAttributes2 } from "../../kmip/attributes/attribute-wire.js";
import { kmipError } from "../../kmip/kmip-error.js";
import { asStruct, find } from "../../kmip/read.js";
import { isV2, type ProtocolVersion } from "../../kmip/version.js";
import { ObjectType } from "../../ttlv/enums.js";
import { type StructureItem, ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { readKeyBlock } from "../key-block.js";
import { keyBlockAs } from "../keys/key-block-as.js";
import { type KeyFacts, storageFormat } from "../keys/key-info.js";
import { digestOf } from "../new-object.js";

/**
 * The pieces Create Key Pair (KMIP 1.4 §4.2), Re-key Key Pair (§4.5) and key-pair rotation
 * share: reading the Common / Private Key / Public Key attribute containers, merging them, and
 * building one stored half with its derived attributes and its Link to the other half.
 */

/** Link attribute (KMIP 1.4 §3.35): Link Type and Linked Object Identifier. */
export function linkTo(type: number, id: string): Attr {
  return {
    name: "Link",
    value: ttlv.struct(Tag.Link, [ttlv.enum(Tag.LinkType, type), ttlv.text(Tag.LinkedObjectIdentifier, id)]),
  };
}

/** The attributes of one container: 1.x Attribute items (Template Names are not supported) or 2.x attributes. */
function container(payload: StructureItem, tag: number, v2: boolean): Attr[] {
  const c = find(payload, tag);
  if (c === undefined) return [];
  if (v2) return decodeAttributes2(c);
  const out: Attr[] = [];
  for (const a of asStruct(c).value) {
    if (a.tag !== Tag.Attribute) throw kmipError.featureNotSupported("Templates are not supported");
    out.push(decodeAttribute1(a));
  }
  return out;
}

/** KMIP 1.4 §4.2: single-instance attributes of the specific container win; multi-instance ones are united. */
function merge(common: readonly Attr[], specific: readonly Attr[]): Attr[] {
  const own = new Set(specific.map((a) => a.name));
  const kept = common.filter((a) => !own.has(a.name) || attributeByName(a.name)?.multiInstance === true);
  return [...kept, ...specific];
}

/** The private and public halves' attributes of a key-pair request, each merged with the common ones. */
export function pairAttributes(payload: StructureItem, v: ProtocolVersion): { priv: Attr[]; pub: Attr[] } {
  const v2 = isV2(v);
  const common = container(payload, v2 ? Tag.CommonAttributes : Tag.CommonTemplateAttribute, v2);
  return {
    priv: merge(common, container(payload, v2 ? Tag.PrivateKeyAttributes : Tag.PrivateKeyTemplateAttribute, v2)),
    pub: merge(common, container(payload, v2 ? Tag.PublicKeyAttributes : Tag.PublicKeyTemplateAttribute, v2)),
  };
}

/** One half as stored (its storage format), with Digest, Algorithm, Length and the Link to its partner. */
export function pairHalf(
  objectType: number,
  key: KeyObject,
  facts: KeyFacts,
  algorithm: number,
  link: Attr,
): { value: StructureItem; derived: Attr[] } {
  const block = keyBlockAs(key, objectType, storageFormat(objectType, facts), algorithm, facts.length);
  const kb = readKeyBlock(block);
  const derived: Attr[] = [
    { name: "Digest", value: digestOf(kb.material, kb.keyFormatType) },
    { name: "Cryptographic Algorithm", value: ttlv.enum(Tag.CryptographicAlgorithm, algorithm) },
    { name: "Cryptographic Length", value: ttlv.int(Tag.CryptographicLength, facts.length) },
    link,
  ];
  const tag = objectType === ObjectType.PrivateKey ? Tag.PrivateKey : Tag.PublicKey;
  return { value: ttlv.struct(tag, [block]), derived };
}
