import type { Store, StoreTx } from "../store/store.js";
import type { RequestContext } from "./context.js";

/**
 * Thrown by the read-only view of the store when a read-mostly operation turns out to need a
 * write (a Usage Limits allocation, a date-driven state change). Nothing was written yet, so
 * the processor reruns the operation in a write transaction.
 */
export class NeedsWriteTransaction extends Error {
  override readonly name = "NeedsWriteTransaction";
}

function refuse(): never {
  // Control flow, not a failure: no stack trace (capturing one was ~1.5% of a Create+Get).
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    throw new NeedsWriteTransaction("this operation needs a write transaction");
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** Views made by {@link readOnlyView}. */
const readOnlyViews = new WeakSet<StoreTx>();

/**
 * Throws NeedsWriteTransaction at once when `tx` is a read-only view: callers about to prepare
 * a write (encode attributes, seal a value) ask first, instead of doing that work for nothing.
 */
export function assertWritable(tx: StoreTx): void {
  if (readOnlyViews.has(tx)) refuse();
}

/** The store's reads; every write method throws NeedsWriteTransaction before touching anything. */
export function readOnlyView(store: StoreTx): StoreTx {
  const view: StoreTx = {
    getObject: (id, options) => store.getObject(id, options),
    findObjects: (filter, options) => store.findObjects(filter, options),
    findObjectIds: (filter) => store.findObjectIds(filter),
    countObjects: (filter) => store.countObjects(filter),
    listGrants: (id) => store.listGrants(id),
    insertObject: refuse,
    updateObject: refuse,
    addGrant: refuse,
    removeGrant: refuse,
    audit: refuse,
    lockKey: refuse,
  };
  readOnlyViews.add(view);
  return view;
}

/**
 * Runs a read-mostly operation (the cryptographic services: they read a key and usually write
 * nothing) outside a write transaction, so that it neither takes SQLite's write lock nor waits
 * for a durable commit; if it needs to write, it is rerun in a transaction, where its writes
 * and their audit records commit together as for every other operation. `run` must keep any
 * side effect outside the store until after its last store write (see crypto/sessions.ts users).
 */
export async function runReadMostly<T>(store: Store, run: (tx: StoreTx) => Promise<T>): Promise<T> {
  try {
    return await run(readOnlyView(store));
  } catch (err) {
    if (err instanceof NeedsWriteTransaction) return store.transaction(run);
    throw err;
  }
}

/**
 * Computes `make()` once per request item: on the read-only attempt of a read-mostly operation,
 * i.e. outside any write transaction, and reuses the result when the operation is rerun inside
 * one. Key generation goes through this so that a slow RSA key never holds the write lock (on
 * SQLite: every other writer's group commit).
 */
export async function prepared<T>(
  ctx: Pick<RequestContext, "preparedValues">,
  key: string,
  make: () => Promise<T>,
): Promise<T> {
  const memo = ctx.preparedValues;
  if (memo === undefined) return make();
  if (memo.has(key)) return memo.get(key) as T;
  const value = await make();
  memo.set(key, value);
  return value;
}
