import { kmipError } from "../../kmip/kmip-error.js";
import { find, opt } from "../../kmip/read.js";
import { Operation } from "../../ttlv/enums.js";
import { ItemType, type TtlvItem, ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { loadAuthorized } from "../access.js";
import { pairAttributes } from "../asymmetric/key-pair-parts.js";
import { replaceKeyPair } from "../rotation/replace-key-pair.js";
import type { OperationHandler } from "./operation.js";

/**
 * Re-key Key Pair (KMIP 1.4 §4.5 / 2.1 §6.1.47): "generate a replacement key pair for an
 * existing public/private key pair. It is analogous to the Create Key Pair operation, except
 * that attributes of the replacement key pair are copied from the existing key pair". Request:
 * Private Key Unique Identifier (else the ID Placeholder), Offset, Common / Private Key /
 * Public Key Template-Attribute (1.x) or Attributes (2.x). The new pair has the existing
 * pair's type and size (RSA modulus, curve); each new half is linked to its partner (Public
 * Key / Private Key Link) and to the half it replaces (Replaced Object Link), each old half
 * gets a Replacement Object Link; Names move; an Offset moves Activation and Deactivation Date
 * (Table 176). Response: both new Unique Identifiers; the new Private Key becomes the ID
 * Placeholder.
 */
export const rekeyKeyPair: OperationHandler = async (ctx, payload) => {
  const privateId = opt.text(payload, Tag.PrivateKeyUniqueIdentifier) ?? ctx.idPlaceholder;
  if (privateId === undefined) throw kmipError.missingData("Private Key Unique Identifier is required");
  const offset = find(payload, Tag.Offset);
  if (offset !== undefined && offset.type !== ItemType.Interval)
    throw kmipError.invalidField("Offset must be an Interval");
  const { priv: privTemplate, pub: pubTemplate } = pairAttributes(payload, ctx.version);
  const oldPriv = await loadAuthorized(ctx, privateId, Operation.ReKeyKeyPair);
  const fresh = await replaceKeyPair(ctx, oldPriv, {
    offset: offset?.type === ItemType.Interval ? offset.value : undefined,
    privateTemplate: privTemplate,
    publicTemplate: pubTemplate,
    action: "kmip.ReKeyKeyPair",
  });
  const newPrivId = fresh.privateKey.id;
  const newPubId = fresh.publicKey.id;
  const out: TtlvItem[] = [
    ttlv.text(Tag.PrivateKeyUniqueIdentifier, newPrivId),
    ttlv.text(Tag.PublicKeyUniqueIdentifier, newPubId),
  ];
  return out;
};
