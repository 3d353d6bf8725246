import { kmipError } from "../../kmip/kmip-error.js";
import { LinkType, ObjectType } from "../../ttlv/enums.js";
import { type TtlvItem, ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { generatePair } from "../asymmetric/generate.js";
import { linkTo, pairAttributes, pairHalf } from "../asymmetric/key-pair-parts.js";
import { keyPairSpec } from "../asymmetric/key-pair-spec.js";
import { keyFacts } from "../keys/key-info.js";
import { createObject, lockNames } from "../new-object.js";
import { newObjectId } from "../object-id.js";
import { prepared } from "../read-mostly.js";
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
  const { priv: privAttrs, pub: pubAttrs } = pairAttributes(payload, ctx.version);
  const privSpec = keyPairSpec(privAttrs, ctx.version);
  const pubSpec = keyPairSpec(pubAttrs, ctx.version);
  if (privSpec.kind !== pubSpec.kind || privSpec.length !== pubSpec.length) {
    throw kmipError.invalidField("the Private and Public Key attributes describe different key pairs");
  }
  const pair = await prepared(ctx, "keyPair", () => generatePair(privSpec));
  const facts = keyFacts(pair.privateKey);
  const privateId = newObjectId();
  const publicId = newObjectId();
  const priv = pairHalf(
    ObjectType.PrivateKey,
    pair.privateKey,
    facts,
    privSpec.algorithm,
    linkTo(LinkType.PublicKeyLink, publicId),
  );
  const pub = pairHalf(
    ObjectType.PublicKey,
    pair.publicKey,
    facts,
    pubSpec.algorithm,
    linkTo(LinkType.PrivateKeyLink, privateId),
  );
  // Both halves' Names, locked together in one order before either half is checked.
  await lockNames(ctx, [
    { owner: ctx.identity, attrs: privAttrs },
    { owner: ctx.identity, attrs: pubAttrs },
  ]);
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
