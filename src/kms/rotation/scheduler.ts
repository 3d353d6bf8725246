import { supportedVersions } from "../../kmip/version.js";
import type { Store } from "../../store/store.js";
import { StoreConflictError } from "../../store/store.js";
import { ObjectType, Operation, State } from "../../ttlv/enums.js";
import { ItemType, ttlv } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { loadAuthorized } from "../access.js";
import type { RequestContext } from "../context.js";
import { CryptoSessions } from "../crypto/sessions.js";
import { dateAttr } from "../lifecycle.js";
import type { ManagedObject } from "../managed-object.js";
import { valueKey } from "../object-repo.js";
import { runReadMostly } from "../read-mostly.js";
import { replaceSymmetricKey } from "./replace-key.js";
import { replaceKeyPair } from "./replace-key-pair.js";

/** How often the server looks for keys due for rotation. Rotate Interval has second resolution; a minute keeps the
 * scan cheap (one indexed query per tick) while a key is rotated at most a minute late. */
export const ROTATION_CHECK_INTERVAL_MS = 60_000;

/** Identity recorded as the actor of server-initiated rotations, and their audit action. */
export const ROTATION_ACTOR = "custos";
export const ROTATE_ACTION = "rotation.Rotate";

/** Keys examined per tick, so one tick's work stays bounded however many keys are due (the rest wait a tick). */
const MAX_ROTATIONS_PER_TICK = 500;

export interface RotationOptions {
  readonly store: Store;
  readonly clock?: () => number;
  /** Called for a rotation that failed for a reason other than losing the race to another node. */
  readonly onError?: (objectId: string, err: unknown) => void;
}

export interface RotationReport {
  /** Replacement ids by the id of the key they replaced (for a key pair: the private keys). */
  readonly rotated: ReadonlyMap<string, string>;
  /** Keys another node (or a concurrent transaction) rotated first. */
  readonly lost: readonly string[];
}

/**
 * Automatic rotation (KMIP 2.1 §4.48 Rotate Automatic, §4.51 Rotate Interval, §4.54 Rotate
 * Offset): "If set and Rotate Automatic is set to True, then automatic rotation of the
 * Managed Object is performed by the server when the difference between the Initial Date
 * of the Managed Object and the current server time reaches or exceeds this value", by
 * "the equivalent of the ReKey ... operation performed by the server", using Rotate Offset
 * as its Offset.
 *
 * One pass: finds Pre-Active/Active Symmetric Keys and Private Keys with Rotate Automatic =
 * True and re-keys each one that is due (a Private Key with its Public Key, as Re-key Key
 * Pair), each in its own transaction. Safe when several custos nodes share
 * the database: the re-key writes the existing key with its optimistic version check, so
 * only the first node's transaction commits; the others get StoreConflictError (or, after a
 * PostgreSQL serialization retry, find the key no longer due) and skip it.
 */
export async function rotateDueKeys(opts: RotationOptions): Promise<RotationReport> {
  const now = opts.clock?.() ?? Date.now();
  const ids = await opts.store.findObjectIds({
    objectTypes: [ObjectType.SymmetricKey, ObjectType.PrivateKey],
    states: [State.PreActive, State.Active],
    index: [{ name: "Rotate Automatic", value: valueKey(ttlv.bool(Tag.RotateAutomatic, true)) }],
    limit: MAX_ROTATIONS_PER_TICK,
  });
  const rotated = new Map<string, string>();
  const lost: string[] = [];
  for (const id of ids) {
    try {
      // Read-mostly: a new key pair is generated on the read-only attempt, outside the write transaction.
      const preparedValues = new Map<string, unknown>();
      const replacement = await runReadMostly(opts.store, async (tx) => {
        const ctx: RequestContext = {
          preparedValues,
          identity: ROTATION_ACTOR,
          isAdmin: true,
          version: supportedVersions[0]!,
          now,
          tx,
          server: { vendorIdentification: "custos", serverInformation: "custos rotation", operations: [] },
          // Rotation opens no multi-part operations; an empty session table satisfies the context.
          sessions: new CryptoSessions(),
          idPlaceholder: undefined,
        };
        const old = await loadAuthorized(ctx, id, Operation.ReKey);
        if (!isDue(old, now)) return undefined;
        const offset = old.attrs.get("Rotate Offset");
        const seconds = offset?.type === ItemType.Interval ? offset.value : undefined;
        if (old.objectType === ObjectType.PrivateKey) {
          const pair = await replaceKeyPair(ctx, old, {
            offset: seconds,
            privateTemplate: [],
            publicTemplate: [],
            action: ROTATE_ACTION,
          });
          return pair.privateKey.id;
        }
        const created = await replaceSymmetricKey(ctx, old, { offset: seconds, template: [], action: ROTATE_ACTION });
        return created.id;
      });
      if (replacement === undefined) continue;
      rotated.set(id, replacement);
    } catch (err) {
      if (err instanceof StoreConflictError) lost.push(id);
      else opts.onError?.(id, err);
    }
  }
  return { rotated, lost };
}

/** Due: still Pre-Active/Active, Rotate Automatic = True, and now - Initial Date >= Rotate Interval (> 0). */
export function isDue(obj: ManagedObject, now: number): boolean {
  if (obj.state !== State.PreActive && obj.state !== State.Active) return false;
  const automatic = obj.attrs.get("Rotate Automatic");
  const interval = obj.attrs.get("Rotate Interval");
  const initial = obj.attrs.get(dateAttr.initial);
  if (automatic?.type !== ItemType.Boolean || !automatic.value) return false;
  if (interval?.type !== ItemType.Interval || interval.value <= 0) return false;
  if (initial?.type !== ItemType.DateTime) return false;
  return now - Number(initial.value) * 1000 >= interval.value * 1000;
}

/** Runs rotateDueKeys every `intervalMs` (never overlapping itself) until stopped. */
export class RotationScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(private readonly opts: RotationOptions & { readonly intervalMs?: number }) {}

  start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => {
      this.running ??= rotateDueKeys(this.opts)
        .catch((err: unknown) => this.opts.onError?.("", err))
        .finally(() => {
          this.running = undefined;
        });
    }, this.opts.intervalMs ?? ROTATION_CHECK_INTERVAL_MS);
    this.timer.unref();
  }

  /** Stops the timer and waits for a pass under way to finish (so the store can be closed after). */
  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
