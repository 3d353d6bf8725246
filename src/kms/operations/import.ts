import { attributeByName } from "../../kmip/attribute-defs.js";
import { type Attr, isCustomName } from "../../kmip/attributes/attribute.js";
import { AttributeList } from "../../kmip/attributes/attribute-list.js";
import { decodeRequestAttributes } from "../../kmip/attributes/attribute-wire.js";
import { KmipError, kmipError } from "../../kmip/kmip-error.js";
import { asStruct, find, opt, req } from "../../kmip/read.js";
import { encodeTtlv } from "../../ttlv/encode.js";
import { KeyWrapType, Operation, ResultReason, State } from "../../ttlv/enums.js";
import { type StructureItem, type TtlvItem, ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { loadAuthorized } from "../access.js";
import { initialState } from "../lifecycle.js";
import type { ManagedObject } from "../managed-object.js";
import { checkUniqueNames } from "../new-object.js";
import { encodeAttrs, indexOf, insertObject } from "../object-repo.js";
import { unwrappedValue } from "../wrap/object-value.js";
import type { OperationHandler } from "./operation.js";
import { objectTags } from "./register.js";

/** Attributes the object record itself holds (managed-object.ts), not its attribute list. */
const recordAttributes = new Set(["Unique Identifier", "Object Type", "State"]);

/**
 * Import (KMIP 2.1 §6.1.25, 1.4 §4.39): stores an object under the Unique Identifier given. "The
 * attribute rules for each attribute for Initially set by and When implicitly set SHALL NOT be
 * enforced as all attributes MUST be set to the supplied values rather than any server generated
 * values": the attributes are stored as supplied (server-only ones included; the State attribute
 * sets the state), only Cryptographic Algorithm and Length are taken from the Key Block when absent.
 * Replace Existing: "If specified and true then any existing object with the same Unique Identifier
 * SHALL be replaced by this operation. If absent or false and an object exists with the same Unique
 * Identifier then an error SHALL be returned" (Object Already Exists). Key Wrap Type: "If Not
 * Wrapped then the server SHALL unwrap the object before storing it ... Otherwise the server SHALL
 * store the object as provided." Unknown attributes are Invalid Attribute; a second instance of a
 * single-instance attribute is Attribute Single Valued; a Name that another live object of the
 * owner has (the caller, or the replaced object's owner) is Non Unique Name Attribute, as for Create
 * and Register.
 */
export const importObject: OperationHandler = async (ctx, payload) => {
  const id = req.text(payload, Tag.UniqueIdentifier);
  const objectType = req.enum(payload, Tag.ObjectType);
  const replace = opt.bool(payload, Tag.ReplaceExisting) ?? false;
  const wrapType = opt.enum(payload, Tag.KeyWrapType);
  if (wrapType !== undefined && wrapType !== KeyWrapType.NotWrapped && wrapType !== KeyWrapType.AsRegistered) {
    throw new KmipError(ResultReason.KeyWrapTypeNotSupported, "unknown Key Wrap Type");
  }
  const tag = objectTags.get(objectType);
  if (tag === undefined) throw kmipError.invalidField("this Object Type cannot be imported");
  const raw = find(payload, tag);
  if (raw === undefined) throw kmipError.invalidField("the object does not match the Object Type");
  let value = asStruct(raw);
  if (wrapType !== KeyWrapType.AsRegistered) value = await unwrappedValue(ctx, value, Operation.Import);

  const supplied = decodeRequestAttributes(payload, Tag.TemplateAttribute);
  checkAttributes(supplied);
  const attrs = new AttributeList(supplied.filter((a) => !recordAttributes.has(a.name)));
  fillFromKeyBlock(attrs, value);
  const stateAttr = supplied.find((a) => a.name === "State")?.value;
  const statedState = stateAttr?.type === 5 ? stateAttr.value : undefined;

  const existing = await ctx.tx.getObject(id);
  if (existing !== undefined) {
    if (!replace) throw new KmipError(ResultReason.ObjectAlreadyExists, `object ${id} already exists`);
    const old = await loadAuthorized(ctx, id, Operation.Import);
    if (old.objectType !== objectType) {
      throw kmipError.invalidField("Replace Existing cannot change the Object Type of an object");
    }
    const all = attrs.all();
    // The object stays its owner's: its new Names must not be another of that owner's objects' Names.
    await checkUniqueNames(ctx, old.owner, all, id);
    await ctx.tx.updateObject(id, old.version, {
      state: statedState ?? old.state,
      attributes: encodeAttrs(all),
      index: indexOf(all),
      material: encodeTtlv(value),
    });
  } else {
    await checkUniqueNames(ctx, ctx.identity, attrs.all());
    const obj: ManagedObject = {
      id,
      owner: ctx.identity,
      objectType,
      state: State.PreActive,
      attrs,
      value,
      version: 1,
      createdAt: ctx.now,
    };
    obj.state = statedState ?? initialState(obj, ctx.now);
    await insertObject(ctx.tx, obj, ctx.attributes);
  }
  await ctx.tx.audit({
    actor: ctx.identity,
    action: "kmip.Import",
    objectId: id,
    details: { objectType, replaced: existing !== undefined, wrapped: wrapType === KeyWrapType.AsRegistered },
  });
  ctx.idPlaceholder = id;
  const out: TtlvItem[] = [ttlv.text(Tag.UniqueIdentifier, id)];
  return out;
};

function checkAttributes(attrs: readonly Attr[]): void {
  const seen = new Set<string>();
  for (const a of attrs) {
    if (isCustomName(a.name)) continue;
    const def = attributeByName(a.name);
    if (def === undefined) throw new KmipError(ResultReason.InvalidAttribute, `unknown attribute ${a.name}`);
    if (!def.multiInstance) {
      if (seen.has(a.name)) throw new KmipError(ResultReason.AttributeSingleValued, `${a.name} may occur once`);
      seen.add(a.name);
    }
  }
}

/** Cryptographic Algorithm / Length from the Key Block when the supplied attributes lack them. */
function fillFromKeyBlock(attrs: AttributeList, value: StructureItem): void {
  const kb = opt.struct(value, Tag.KeyBlock);
  if (kb === undefined) return;
  const alg = opt.enum(kb, Tag.CryptographicAlgorithm);
  const len = opt.int(kb, Tag.CryptographicLength);
  if (alg !== undefined && !attrs.has("Cryptographic Algorithm")) {
    attrs.set("Cryptographic Algorithm", ttlv.enum(Tag.CryptographicAlgorithm, alg));
  }
  if (len !== undefined && !attrs.has("Cryptographic Length")) {
    attrs.set("Cryptographic Length", ttlv.int(Tag.CryptographicLength, len));
  }
}
