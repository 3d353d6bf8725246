import { kmipError } from "../../kmip/kmip-error.js";
import { opt, req } from "../../kmip/read.js";
import { Operation, RevocationReasonCode, State } from "../../ttlv/enums.js";
import { type TtlvItem, ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { loadAuthorized, targetId } from "../access.js";
import { nowSeconds } from "../context.js";
import { dateAttr, wrongState } from "../lifecycle.js";
import { saveChange } from "../save-change.js";
import type { OperationHandler } from "./operation.js";

/**
 * Revoke (KMIP 1.4 §4.20 / 2.1 §6.1.44). Key Compromise or CA Compromise: the object becomes
 * Compromised (Destroyed Compromised if destroyed), Compromise Date = now and Compromise
 * Occurrence Date = the given date or else the Initial Date. Any other reason: an Active
 * object becomes Deactivated with Deactivation Date = now.
 */
export const revoke: OperationHandler = async (ctx, payload) => {
  const id = targetId(ctx, payload);
  const obj = await loadAuthorized(ctx, id, Operation.Revoke);
  const reasonStruct = req.struct(payload, Tag.RevocationReason);
  const code = req.enum(reasonStruct, Tag.RevocationReasonCode);
  const occurrence = opt.date(payload, Tag.CompromiseOccurrenceDate);
  const now = nowSeconds(ctx);
  const compromise = code === RevocationReasonCode.KeyCompromise || code === RevocationReasonCode.CACompromise;
  if (compromise) {
    if (obj.state === State.DestroyedCompromised || obj.state === State.Compromised) {
      throw wrongState("the object is already compromised");
    }
    obj.state = obj.state === State.Destroyed ? State.DestroyedCompromised : State.Compromised;
    obj.attrs.set(dateAttr.compromise, ttlv.date(Tag.CompromiseDate, now));
    const initial = obj.attrs.get(dateAttr.initial);
    const when = occurrence ?? (initial?.type === 9 ? initial.value : now);
    obj.attrs.set(dateAttr.compromiseOccurrence, ttlv.date(Tag.CompromiseOccurrenceDate, when));
  } else {
    if (occurrence !== undefined) {
      throw kmipError.invalidField("Compromise Occurrence Date is only for compromise revocations");
    }
    if (obj.state !== State.Active) throw wrongState("only an Active object can be revoked for this reason");
    obj.state = State.Deactivated;
    obj.attrs.set(dateAttr.deactivation, ttlv.date(Tag.DeactivationDate, now));
  }
  obj.attrs.set("Revocation Reason", reasonStruct);
  await saveChange(ctx, obj, "kmip.Revoke", { reason: code });
  const out: TtlvItem[] = [ttlv.text(Tag.UniqueIdentifier, id)];
  return out;
};
