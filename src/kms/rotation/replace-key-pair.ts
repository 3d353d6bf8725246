import type { Attr } from "../../kmip/attributes/attribute.js";
import { KmipError, kmipError } from "../../kmip/kmip-error.js";
import { opt, req } from "../../kmip/read.js";
import { LinkType, ObjectType, Operation, ResultReason } from "../../ttlv/enums.js";
import { ItemType } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { loadAuthorized } from "../access.js";
import { generatePair } from "../asymmetric/generate.js";
import { linkTo, pairHalf } from "../asymmetric/key-pair-parts.js";
import type { KeyPairSpec } from "../asymmetric/key-pair-spec.js";
import type { RequestContext } from "../context.js";
import { type KeyFacts, keyFacts } from "../keys/key-info.js";
import { keyObjectFromBlock } from "../keys/key-object.js";
import type { ManagedObject } from "../managed-object.js";
import { lockNames } from "../new-object.js";
import { newObjectId } from "../object-id.js";
import { prepared } from "../read-mostly.js";
import { checkReplaceable, PAIR_OFFSET_DATES, type ReplaceOptions, replaceObject } from "./replace-key.js";

export interface ReplacePairOptions {
  /** Offset in seconds (KMIP 1.4 §4.5 Table 176). */
  readonly offset: number | undefined;
  readonly privateTemplate: readonly Attr[];
  readonly publicTemplate: readonly Attr[];
  readonly action: string;
}

/**
 * Re-key Key Pair (KMIP 1.4 §4.5 / 2.1 §6.1.47) for the pair of the existing Private Key
 * `oldPriv`: generates a new pair of the same type and size (RSA modulus, curve), taken from
 * the existing private key's material; each new half is linked to its partner (Public Key /
 * Private Key Link) and, by replaceObject, to the half it replaces. The old Public Key is the
 * one the old Private Key's Public Key Link names. The new Private Key becomes the ID
 * Placeholder. Errors: not a Private Key -> Invalid Object Type (1.4 §11.6: Permission Denied).
 */
export async function replaceKeyPair(
  ctx: RequestContext,
  oldPriv: ManagedObject,
  opts: ReplacePairOptions,
): Promise<{ privateKey: ManagedObject; publicKey: ManagedObject }> {
  if (oldPriv.objectType !== ObjectType.PrivateKey) {
    throw new KmipError(ResultReason.InvalidObjectType, "Re-key Key Pair takes the Private Key of a key pair");
  }
  const publicId = linked(oldPriv, LinkType.PublicKeyLink);
  if (publicId === undefined) throw kmipError.permissionDenied("the Private Key has no Public Key Link");
  const oldPub = await loadAuthorized(ctx, publicId, Operation.ReKeyKeyPair);
  const privOpts: ReplaceOptions = { offset: opts.offset, template: opts.privateTemplate, action: opts.action };
  const pubOpts: ReplaceOptions = { offset: opts.offset, template: opts.publicTemplate, action: opts.action };
  checkReplaceable(oldPriv, privOpts, PAIR_OFFSET_DATES);
  checkReplaceable(oldPub, pubOpts, PAIR_OFFSET_DATES);

  const facts = keyFacts(keyObjectFromBlock(ObjectType.PrivateKey, req.struct(oldPriv.value!, Tag.KeyBlock)));
  const privAlgorithm = algorithmOf(oldPriv);
  const pair = await prepared(ctx, "keyPair", () => generatePair(specOf(facts, privAlgorithm)));
  const newPrivId = newObjectId();
  const newPubId = newObjectId();
  const half = (objectType: number, key: typeof pair.privateKey, algorithm: number, partner: Attr) => ({
    ...pairHalf(objectType, key, facts, algorithm, partner),
    offsetDates: PAIR_OFFSET_DATES,
  });
  // Both new halves' Names, locked together in one order before either half is checked (as
  // Create Key Pair does): locked half by half, two requests naming the halves crosswise deadlock.
  await lockNames(ctx, [
    { owner: oldPriv.owner, attrs: opts.privateTemplate },
    { owner: oldPub.owner, attrs: opts.publicTemplate },
  ]);
  const privateKey = await replaceObject(ctx, oldPriv, privOpts, {
    ...half(ObjectType.PrivateKey, pair.privateKey, privAlgorithm, linkTo(LinkType.PublicKeyLink, newPubId)),
    id: newPrivId,
  });
  const publicKey = await replaceObject(ctx, oldPub, pubOpts, {
    ...half(ObjectType.PublicKey, pair.publicKey, algorithmOf(oldPub), linkTo(LinkType.PrivateKeyLink, newPrivId)),
    id: newPubId,
  });
  ctx.idPlaceholder = newPrivId;
  return { privateKey, publicKey };
}

/** The generator input for "the same kind of pair": taken from the existing private key's material. */
function specOf(facts: KeyFacts, algorithm: number): KeyPairSpec {
  if (facts.type === "ec") {
    if (facts.curve === undefined) throw kmipError.invalidField("the existing key's curve is unknown");
    return { kind: "ec", algorithm, length: facts.length, curve: facts.curve };
  }
  return { kind: facts.type, algorithm, length: facts.length };
}

function algorithmOf(obj: ManagedObject): number {
  const a = obj.attrs.get("Cryptographic Algorithm");
  if (a?.type !== ItemType.Enumeration) throw kmipError.invalidField("the existing key has no Cryptographic Algorithm");
  return a.value;
}

function linked(obj: ManagedObject, type: number): string | undefined {
  for (const l of obj.attrs.getAll("Link")) {
    if (l.type !== ItemType.Structure) continue;
    if (opt.enum(l, Tag.LinkType) === type) return opt.text(l, Tag.LinkedObjectIdentifier);
  }
  return undefined;
}
