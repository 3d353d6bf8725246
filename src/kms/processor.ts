import { KmipError, kmipError } from "../kmip/kmip-error.js";
import {
  encodeResponse,
  failedItem,
  parseRequest,
  peekVersion,
  type RequestBatchItem,
  type RequestMessage,
  type ResponseBatchItem,
  succeededItem,
} from "../kmip/message.js";
import { type ProtocolVersion, supportedVersions } from "../kmip/version.js";
import { type Store, StoreConflictError, type StoreTx } from "../store/store.js";
import { BatchErrorContinuationOption, ResultStatus } from "../ttlv/enums.js";
import type { StructureItem, TtlvItem } from "../ttlv/item.js";
import { AttributeCache } from "./attribute-cache.js";
import type { RequestContext, ServerInfo } from "./context.js";
import { KeyObjectCache } from "./crypto/key-cache.js";
import { CryptoSessions, undoBatchSessions } from "./crypto/sessions.js";
import { operations, readMostlyOperations, readOnlyOperations, writesFirst } from "./dispatch.js";
import { FreshHint } from "./fresh-hint.js";
import { runReadMostly } from "./read-mostly.js";
import { reasonForVersion } from "./reasons.js";
import { ResponseBudget } from "./response-budget.js";

export interface ProcessorOptions {
  readonly store: Store;
  /** Identities that may act on every object. */
  readonly admins: readonly string[];
  readonly maxBatchItems: number;
  readonly vendorIdentification?: string;
  readonly serverInformation?: string;
  /** Reports unexpected (non-KMIP) failures; they reach the client as General Failure without details. */
  readonly onInternalError?: (err: unknown) => void;
  readonly clock?: () => number;
  /** The multi-part sessions of this server process (crypto/sessions.ts); a new, empty table unless given. */
  readonly sessions?: CryptoSessions;
}

/**
 * Runs of one batch item that concurrent changes (StoreConflictError) may cost: each conflict
 * means another request's change committed, so N requests racing on one object need at most
 * N runs. Reruns wait a random 0-2 ms times the attempt, to spread them out.
 */
const CONFLICT_ATTEMPTS = 16;

/** An Undo batch's answers: the items done reported as Operation Undone, then the failed one. */
function undoneThenFailed(
  done: readonly ResponseBatchItem[],
  item: RequestBatchItem,
  err: KmipError,
  version: ProtocolVersion,
): ResponseBatchItem[] {
  const undone = done.map((a) => ({ ...a, resultStatus: ResultStatus.OperationUndone }));
  return [...undone, failure(item.operation, item.uniqueBatchItemId, err, version)];
}

function conflictPause(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * 2 * attempt));
}

/** Thrown inside a transaction to undo it; carries the answers already computed. */
class UndoBatch extends Error {
  constructor(readonly answers: ResponseBatchItem[]) {
    super("undo");
  }
}

/**
 * Processes one KMIP Request Message into a Response Message (KMIP 1.4 §7 / 2.1 §8-9):
 * protocol version handling, batches with Batch Error Continuation Option (Stop, Continue,
 * Undo), the ID Placeholder carried between items, Maximum Response Size, and the Result
 * Status / Reason / Message of every failure. Transport-neutral: TTLV, JSON and XML
 * front-ends all call `process`.
 */
export class KmipProcessor {
  private readonly opts: ProcessorOptions;
  private readonly admins: ReadonlySet<string>;
  private readonly server: ServerInfo;
  private readonly sessions: CryptoSessions;
  private readonly keyObjects = new KeyObjectCache();
  private readonly attributes = new AttributeCache();
  private readonly freshHint = new FreshHint();

  constructor(opts: ProcessorOptions) {
    this.opts = Object.freeze({ ...opts });
    this.admins = new Set(opts.admins);
    this.sessions = opts.sessions ?? new CryptoSessions();
    this.server = {
      vendorIdentification: opts.vendorIdentification ?? "custos",
      serverInformation: opts.serverInformation ?? "custos KMIP server",
      operations: [...operations.keys()],
    };
  }

  async process(request: TtlvItem, identity: string): Promise<StructureItem> {
    const now = this.opts.clock?.() ?? Date.now();
    const asked = peekVersion(request);
    const version = negotiate(asked);
    const header = { version: version ?? supportedVersions[0]!, timeStamp: BigInt(Math.floor(now / 1000)) };
    if (version === undefined) {
      const why = asked === undefined ? "the message has no valid Request Header" : "unsupported protocol version";
      return encodeResponse(header, [failure(undefined, undefined, kmipError.invalidMessage(why), header.version)]);
    }
    let message: RequestMessage;
    try {
      message = parseRequest(request, this.opts.maxBatchItems);
    } catch (err) {
      return encodeResponse(header, [failure(undefined, undefined, this.asKmip(err), version)]);
    }
    if (message.header.asynchronousRequired) {
      // KMIP 2.1 §8.2: Mandatory asks for asynchronous processing, which custos does not offer.
      const e = kmipError.featureNotSupported(
        "asynchronous processing is not supported; every request is answered synchronously",
      );
      return encodeResponse(
        header,
        message.items.map((i) => failure(i.operation, i.uniqueBatchItemId, e, version)),
      );
    }
    const budget = new ResponseBudget(message.header.maximumResponseSize, header);
    const answers = await this.runBatch(message, identity, version, now, budget);
    return encodeResponse(header, answers);
  }

  private async runBatch(
    message: RequestMessage,
    identity: string,
    version: ProtocolVersion,
    now: number,
    budget: ResponseBudget,
  ): Promise<ResponseBatchItem[]> {
    const h = message.header;
    const base = {
      identity,
      isAdmin: this.admins.has(identity),
      version,
      now,
      server: this.server,
      sessions: this.sessions,
      keyObjects: this.keyObjects,
      attributes: this.attributes,
      freshHint: this.freshHint,
      idPlaceholder: undefined as string | undefined,
    };
    if (h.batchErrorContinuationOption === BatchErrorContinuationOption.Undo && message.items.length > 1) {
      return this.runUndo(message.items, base, budget);
    }
    const answers: ResponseBatchItem[] = [];
    for (const item of message.items) {
      const answer = await this.runOne(item, base, budget);
      budget.settle(item, answer);
      answers.push(answer);
      if (
        answer.resultStatus !== ResultStatus.Success &&
        h.batchErrorContinuationOption !== BatchErrorContinuationOption.Continue
      ) {
        break;
      }
    }
    return answers;
  }

  /** One item in its own transaction: it commits or leaves nothing behind. */
  private async runOne(
    item: RequestBatchItem,
    base: Omit<RequestContext, "tx">,
    budget: ResponseBudget,
  ): Promise<ResponseBatchItem> {
    const handler = operations.get(item.operation);
    if (handler === undefined) {
      return failure(
        item.operation,
        item.uniqueBatchItemId,
        kmipError.notSupported("operation not supported"),
        base.version,
      );
    }
    // Values prepared before any write (read-mostly.ts `prepared`) survive a rerun in a transaction.
    const preparedValues = new Map<string, unknown>();
    // Every run starts from the ID Placeholder as it was before the item; the one the item
    // leaves counts only once its writes have committed (a run that is rolled back and run
    // again must not see its own uncommitted id).
    const placeholderBefore = base.idPlaceholder;
    let placeholderAfter = placeholderBefore;
    const run = async (tx: StoreTx) => {
      const ctx: RequestContext = {
        ...base,
        idPlaceholder: placeholderBefore,
        tx,
        preparedValues,
        responseRoom: budget.roomFor(item),
      };
      const payload = await handler(ctx, item.payload);
      const answer = succeededItem(item, payload);
      budget.reserve(item, answer);
      placeholderAfter = ctx.idPlaceholder;
      return answer;
    };
    const store = this.opts.store;
    for (let attempt = 1; ; attempt++) {
      try {
        let answer: ResponseBatchItem;
        if (readOnlyOperations.has(item.operation)) answer = await run(store);
        else if (readMostlyOperations.has(item.operation) && !writesFirst(item.operation, item.payload, base)) {
          answer = await runReadMostly(store, run);
        } else answer = await store.transaction(run);
        base.idPlaceholder = placeholderAfter;
        return answer;
      } catch (err) {
        // A concurrent change won the optimistic version check (on PostgreSQL, where
        // transactions overlap): nothing was written; run the operation again on what is now
        // stored (the first Get of a Fresh key by two clients, two Usage Limits allocations).
        if (err instanceof StoreConflictError && attempt < CONFLICT_ATTEMPTS) {
          await conflictPause(attempt);
          continue;
        }
        return failure(item.operation, item.uniqueBatchItemId, this.asKmip(err), base.version);
      }
    }
  }

  /**
   * Batch Error Continuation Option Undo (KMIP 1.4 §6.13, in 2.1 §9.6): "If any operation in the
   * request fails, then the server SHALL undo all the previous operations." The whole batch is
   * one transaction; when an item fails, everything is rolled back, the items before it are
   * reported as Operation Undone and the rest are not processed. Multi-part parts are refused
   * (Feature Not Supported, crypto/sessions.ts undoBatchSessions): their session changes are not
   * in the store, so the rollback could not undo them.
   */
  private async runUndo(
    items: readonly RequestBatchItem[],
    base: Omit<RequestContext, "tx">,
    budget: ResponseBudget,
  ): Promise<ResponseBatchItem[]> {
    // Per item, across reruns of the whole batch: values prepared before any write (a generated key pair) are made once.
    const prepared = new Map(items.map((i) => [i, new Map<string, unknown>()]));
    const placeholderBefore = base.idPlaceholder;
    for (let attempt = 1; ; attempt++) {
      let reached: { item: RequestBatchItem; answers: ResponseBatchItem[] } | undefined;
      try {
        return await this.opts.store.transaction(async (tx) => {
          // A run after a conflict (or a store rerun) measures its answers afresh.
          budget.forget(items);
          let idPlaceholder = placeholderBefore;
          const answers: ResponseBatchItem[] = [];
          for (const item of items) {
            reached = { item, answers };
            const handler = operations.get(item.operation);
            try {
              if (handler === undefined) throw kmipError.notSupported("operation not supported");
              const ctx: RequestContext = {
                ...base,
                sessions: undoBatchSessions,
                idPlaceholder,
                tx,
                preparedValues: prepared.get(item)!,
                responseRoom: budget.roomFor(item),
              };
              const answer = succeededItem(item, await handler(ctx, item.payload));
              idPlaceholder = ctx.idPlaceholder;
              budget.reserve(item, answer);
              answers.push(answer);
            } catch (err) {
              // Not a KMIP failure of the item (a store conflict, a deadlock the store may
              // retry): let it end the transaction as it is.
              if (!(err instanceof KmipError)) throw err;
              throw new UndoBatch(undoneThenFailed(answers, item, err, base.version));
            }
          }
          return answers;
        });
      } catch (err) {
        if (err instanceof UndoBatch) return err.answers;
        if (err instanceof StoreConflictError && attempt < CONFLICT_ATTEMPTS) {
          await conflictPause(attempt);
          continue;
        }
        const e = this.asKmip(err);
        if (reached === undefined) return items.map((i) => failure(i.operation, i.uniqueBatchItemId, e, base.version));
        return undoneThenFailed(reached.answers, reached.item, e, base.version);
      }
    }
  }

  private asKmip(err: unknown): KmipError {
    if (err instanceof KmipError) return err;
    this.opts.onInternalError?.(err);
    return kmipError.general("internal server error");
  }
}

/** Picks the version to answer in: the request's own, or for an unknown minor version the newest of that major. */
function negotiate(v: ProtocolVersion | undefined): ProtocolVersion | undefined {
  if (v === undefined) return undefined;
  const same = supportedVersions.filter((s) => s.major === v.major);
  if (same.length === 0) return undefined;
  return same.find((s) => s.minor === v.minor) ?? (v.minor > same[0]!.minor ? same[0] : undefined);
}

/** The failed answer of an item, its Result Reason as the request's version knows it. */
function failure(
  operation: number | undefined,
  id: Uint8Array | undefined,
  err: KmipError,
  version: ProtocolVersion,
): ResponseBatchItem {
  return failedItem(operation, id, new KmipError(reasonForVersion(err.reason, version, operation), err.message));
}
