import { KmipError } from "../kmip/kmip-error.js";
import { ResultReason, State } from "../ttlv/enums.js";
import { ttlv } from "../ttlv/item.js";
import { Tag } from "../ttlv/tags.js";
import type { ManagedObject } from "./managed-object.js";

/**
 * The KMIP object lifecycle (KMIP 1.4 §3.22 "State", 2.1 §4.57 and the state diagram):
 *
 *   Pre-Active --(Activate, or Activation Date reached)--> Active
 *   Active --(Revoke non-compromise, or Deactivation Date reached)--> Deactivated
 *   Pre-Active/Active/Deactivated --(Revoke key compromise)--> Compromised
 *   Pre-Active/Deactivated --(Destroy)--> Destroyed
 *   Compromised --(Destroy)--> Destroyed Compromised
 *   Destroyed --(Revoke key compromise)--> Destroyed Compromised
 *   Pre-Active --(Deactivation Date reached)--> Deactivated
 */
export const dateAttr = {
  activation: "Activation Date",
  deactivation: "Deactivation Date",
  processStart: "Process Start Date",
  protectStop: "Protect Stop Date",
  destroy: "Destroy Date",
  compromise: "Compromise Date",
  compromiseOccurrence: "Compromise Occurrence Date",
  lastChange: "Last Change Date",
  initial: "Initial Date",
} as const;

function dateOf(obj: ManagedObject, name: string): number | undefined {
  const v = obj.attrs.get(name);
  return v?.type === 9 ? Number(v.value) * 1000 : undefined;
}

/**
 * Applies the date-driven transitions that are due at `now` (ms). Returns true when the
 * state changed, so the caller persists it. A future Activation Date keeps the object
 * Pre-Active; a passed Deactivation Date deactivates it.
 */
export function applyDueTransitions(obj: ManagedObject, now: number): boolean {
  const before = obj.state;
  const activation = dateOf(obj, dateAttr.activation);
  const deactivation = dateOf(obj, dateAttr.deactivation);
  if (obj.state === State.PreActive && activation !== undefined && activation <= now) obj.state = State.Active;
  if (
    (obj.state === State.Active || obj.state === State.PreActive) &&
    deactivation !== undefined &&
    deactivation <= now
  ) {
    obj.state = State.Deactivated;
  }
  return obj.state !== before;
}

/**
 * The stored states from which an object can be in one of `wanted` as of now, given the
 * transitions applyDueTransitions makes (Pre-Active to Active, Pre-Active or Active to
 * Deactivated): what a search on "state as of now" must read.
 */
export function statesThatMayBecome(wanted: readonly number[]): number[] {
  const out = new Set<number>(wanted);
  if (out.has(State.Active) || out.has(State.Deactivated)) out.add(State.PreActive);
  if (out.has(State.Deactivated)) out.add(State.Active);
  return [...out];
}

export function isDestroyed(state: number): boolean {
  return state === State.Destroyed || state === State.DestroyedCompromised;
}

export function wrongState(message: string): KmipError {
  return new KmipError(ResultReason.WrongKeyLifecycleState, message);
}

export function touch(obj: ManagedObject, nowSec: bigint): void {
  obj.attrs.set(dateAttr.lastChange, ttlv.date(Tag.LastChangeDate, nowSec));
}

/** The state an object is born in: Active at once when the client gave an Activation Date already passed. */
export function initialState(obj: ManagedObject, now: number): number {
  const activation = dateOf(obj, dateAttr.activation);
  return activation !== undefined && activation <= now ? State.Active : State.PreActive;
}
