/**
 * Counts what custos asks of SQLite, from inside the custos benchmark process: every
 * statement run through better-sqlite3, and apart from them the COMMITs and the member
 * transactions they made durable.
 * Transactions per COMMIT shows whether group commit batches (the store opens one
 * SAVEPOINT per member transaction), and COMMIT milliseconds show how long the event loop
 * stood still: better-sqlite3 is synchronous, so the WAL fsync blocks the whole process.
 * Installed by patching Statement methods as they are prepared; src/ is left untouched.
 */
import BetterSqlite3 from "better-sqlite3";

export interface SqlStats {
  readonly statements: number;
  /** Time inside better-sqlite3 for every statement, COMMIT included. */
  readonly statementMs: number;
  readonly commits: number;
  readonly commitMs: number;
  /** Member transactions the COMMITs made durable (a batch of one runs without a SAVEPOINT). */
  readonly members: number;
}

export const emptySqlStats: SqlStats = {
  statements: 0,
  statementMs: 0,
  commits: 0,
  commitMs: 0,
  members: 0,
};

export function diffSqlStats(end: SqlStats, start: SqlStats): SqlStats {
  return {
    statements: end.statements - start.statements,
    statementMs: end.statementMs - start.statementMs,
    commits: end.commits - start.commits,
    commitMs: end.commitMs - start.commitMs,
    members: end.members - start.members,
  };
}

type Runner = (...params: unknown[]) => unknown;
const RUNNERS = ["run", "get", "all", "iterate"] as const;

/** Patches better-sqlite3 for this process; returns a reader of the running totals. */
export function installSqlStats(): () => SqlStats {
  const totals = { ...emptySqlStats };
  /** Members (SAVEPOINTs) of the batch in progress, and how many of them were rolled back. */
  let savepointsInBatch = 0;
  let rolledBackInBatch = 0;
  const prototype = BetterSqlite3.prototype as { prepare: (sql: string) => BetterSqlite3.Statement };
  const prepare = prototype.prepare;
  prototype.prepare = function (this: BetterSqlite3.Database, sql: string) {
    const statement = prepare.call(this, sql);
    const isCommit = /^\s*(commit|end)\b/i.test(sql);
    const isSavepoint = /^\s*savepoint\b/i.test(sql);
    const isRollbackTo = /^\s*rollback\s+to\b/i.test(sql);
    const isRollback = !isRollbackTo && /^\s*rollback\b/i.test(sql);
    const target = statement as unknown as Record<(typeof RUNNERS)[number], Runner>;
    for (const name of RUNNERS) {
      const original = target[name].bind(statement);
      target[name] = (...params: unknown[]) => {
        const t0 = performance.now();
        let ok = false;
        try {
          const result = original(...params);
          ok = true;
          return result;
        } finally {
          const ms = performance.now() - t0;
          totals.statements++;
          totals.statementMs += ms;
          if (isCommit) {
            totals.commitMs += ms;
            // Only a COMMIT that succeeded made its members durable.
            if (ok) {
              totals.commits++;
              // A batch of one runs without a SAVEPOINT.
              totals.members += savepointsInBatch === 0 ? 1 : savepointsInBatch - rolledBackInBatch;
            }
            savepointsInBatch = 0;
            rolledBackInBatch = 0;
          }
          if (isSavepoint) {
            savepointsInBatch++;
          }
          // A member rolled back to its savepoint is not committed; a ROLLBACK drops the batch.
          if (isRollbackTo && ok) rolledBackInBatch++;
          if (isRollback) {
            savepointsInBatch = 0;
            rolledBackInBatch = 0;
          }
        }
      };
    }
    return statement;
  };
  return () => ({ ...totals });
}
