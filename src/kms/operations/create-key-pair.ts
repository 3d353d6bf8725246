import { randomUUID } from "node:crypto";
import { attributeByName } from "../../kmip/attribute-defs.js";
import type { Attr } from "../../kmip/attributes/attribute.js";
import { decodeAttribute1, decodeAttributes2 } from "../../kmip/attributes/attribute-wire.js";
import { kmipError } from "../../kmip/kmip-error.js";
import { asStruct, find } from "../../kmip/read.js";
import { isV2 } from "../../kmip/version.js";
import { LinkType, ObjectType } from "../../ttlv/enums.js";
import { type StructureItem, type TtlvItem, ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { generatePair } from "../asymmetric/generate.js";
import { keyPairSpec } from "../asymmetric/key-pair-spec.js";
import { readKeyBlock } from "../key-block.js";
import { keyBlockAs } from "../keys/key-block-as.js";
import { keyFacts, storageFormat } from "../keys/key-info.js";
import { createObject, digestOf } from "../new-object.js";
import type { OperationHandler } from "./operation.js";

/**
 * Create Key Pair (KMIP 1.4 §4.2 / 2.1 §6.1.9): generates a public/private key pair and registers
 * both halves in one transaction. Attributes come from the Common, Private Key and Public Key
 * Template-Attribute (1.x) or Common / Private Key / Public Key Attributes (2.x); for
 * single-instance attributes the Private/Public ones take precedence over the Common ones, for
 * multi-instance attributes the union is used. "For the Private Key, the server SHALL create a
 * Link attribute of Link Type Public Key pointing to the Public Key. For the Public Key, the server
 * SHALL create a Link attribute of Link Type Private Key pointing to the Private Key. [...] The ID
 * Placeholder value SHALL be set to the Unique Identifier of the Private Key."
 */
export const createKeyPair: OperationHandler = async (ctx, payload) => {
  const v2 = isV2(ctx.version);
  const common = container(payload, v2 ? Tag.CommonAttributes : Tag.CommonTemplateAttribute, v2);
  const privAttrs = merge(
    common,
    container(payload, v2 ? Tag.PrivateKeyAttributes : Tag.PrivateKeyTemplateAttribute, v2),
  );
  const pubAttrs = merge(common, container(payload, v2 ? Tag.PublicKeyAttributes : Tag.PublicKeyTemplateAttribute, v2));
  const privSpec = keyPairSpec(privAttrs, ctx.version);
  const pubSpec = keyPairSpec(pubAttrs, ctx.version);
  if (privSpec.kind !== pubSpec.kind || privSpec.length !== pubSpec.length) {
    throw kmipError.invalidField("the Private and Public Key attributes describe different key pairs");
  }
  const pair = await generatePair(privSpec);
  const facts = keyFacts(pair.privateKey);
  const privateId = randomUUID();
  const publicId = randomUUID();
  const half = (objectType: number, key: typeof pair.privateKey, algorithm: number, link: Attr) => {
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
  };
  const priv = half(
    ObjectType.PrivateKey,
    pair.privateKey,
    privSpec.algorithm,
    linkTo(LinkType.PublicKeyLink, publicId),
  );
  const pub = half(ObjectType.PublicKey, pair.publicKey, pubSpec.algorithm, linkTo(LinkType.PrivateKeyLink, privateId));
  await createObject(
    ctx,
    { objectType: ObjectType.PrivateKey, clientAttrs: privAttrs, generated: true, id: privateId, ...priv },
    "kmip.CreateKeyPair",
  );
  await createObject(
    ctx,
    { objectType: ObjectType.PublicKey, clientAttrs: pubAttrs, generated: true, id: publicId, ...pub },
    "kmip.CreateKeyPair",
  );
  ctx.idPlaceholder = privateId;
  const out: TtlvItem[] = [
    ttlv.text(Tag.PrivateKeyUniqueIdentifier, privateId),
    ttlv.text(Tag.PublicKeyUniqueIdentifier, publicId),
  ];
  return out;
};

/** Link attribute (KMIP 1.4 §3.35): Link Type and Linked Object Identifier. */
function linkTo(type: number, id: string): Attr {
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
