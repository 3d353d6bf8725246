/**
 * `custos audit list|verify`: the audit trail, read on the server host from the store
 * itself. Every change custos makes (create, register, attribute and state changes,
 * destroy, grants, rotations, KMIP Log messages) is recorded in the same transaction as
 * the change, hash-chained per object; `verify` recomputes every chain and checks that
 * each chain's recorded head is its last record (so deleting the newest records shows).
 */
import type { Command } from "commander";
import type { StoredAudit } from "../../store/store.js";
import { type CliIo, failure } from "../io.js";
import { intArg } from "../parse-args.js";
import { withStore } from "../with-store.js";
import type { ConfigOptions } from "./init.js";

interface ListOptions extends ConfigOptions {
  readonly object?: string;
  readonly after?: number;
  readonly limit?: number;
  readonly json?: boolean;
}

/** Records printed when no --limit is given. */
const DEFAULT_LIMIT = 100;

function line(r: StoredAudit): string {
  const at = new Date(r.at).toISOString();
  return `${r.seq}\t${at}\t${r.actor}\t${r.action}\t${r.objectId ?? "-"}\t${JSON.stringify(r.details)}\n`;
}

export function registerAudit(program: Command, io: CliIo): void {
  const audit = program.command("audit").description("read and verify the audit trail (run on the server host)");
  const common = (c: Command) =>
    c
      .option("--data-dir <dir>", "data folder (default: $CUSTOS_DATA_DIR or ./data)")
      .option("--config <file>", "configuration file (JSON)");

  common(audit.command("list"))
    .description("print audit records, oldest first: seq, time, actor, action, object, details")
    .option("--object <id>", "only the records of this object")
    .option("--after <seq>", "only records after this sequence number (to page)", intArg(0, Number.MAX_SAFE_INTEGER))
    .option("--limit <n>", `at most this many records (default ${DEFAULT_LIMIT})`, intArg(1, 1_000_000))
    .option("--json", "print a JSON array")
    .action(async (options: ListOptions) => {
      const records = await withStore(io, options, (store) =>
        store.listAudit({
          ...(options.object === undefined ? {} : { objectId: options.object }),
          ...(options.after === undefined ? {} : { afterSeq: options.after }),
          limit: options.limit ?? DEFAULT_LIMIT,
        }),
      );
      if (options.json) {
        io.stdout(`${JSON.stringify(records)}\n`);
        return;
      }
      for (const r of records) io.stdout(line(r));
    });

  common(audit.command("verify"))
    .description("recompute every hash chain; exit 1 at the first record that does not match")
    .action(async (options: ConfigOptions) => {
      const broken = await withStore(io, options, (store) => store.verifyAudit());
      if (broken !== undefined) {
        throw failure(`the audit trail is broken at record ${broken} (edited, reordered or cut off there)`);
      }
      io.stdout("audit trail intact\n");
    });
}
