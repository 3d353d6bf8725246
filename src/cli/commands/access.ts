/**
 * `custos access grant|revoke|list`: per-object access grants, administered on the server
 * host against the store itself (the KMIP protocol has no standard operation for access
 * control lists). An object belongs to the identity that created it; a grant lets another
 * identity (a client certificate CN) use it for one operation, or for all of them.
 * Every change is audited, attributed to the operating-system user running the command.
 */
import { userInfo } from "node:os";
import type { Command } from "commander";
import { enumName } from "../../ttlv/enums.js";
import { Tag } from "../../ttlv/tags.js";
import { type CliIo, failure, usageError } from "../io.js";
import { enumArg } from "../parse-args.js";
import { withStore } from "../with-store.js";
import type { ConfigOptions } from "./init.js";

interface AccessOptions extends ConfigOptions {
  readonly operation?: number[];
  readonly json?: boolean;
}

const operationArg = enumArg(Tag.Operation, "operation");

function actor(): string {
  try {
    return `cli:${userInfo().username}`;
  } catch {
    return "cli";
  }
}

function opName(op: number): string {
  return op === 0 ? "all" : (enumName(Tag.Operation, op) ?? String(op));
}

export function registerAccess(program: Command, io: CliIo): void {
  const access = program
    .command("access")
    .description("grant or revoke another identity's use of an object (run on the server host)");
  const common = (c: Command) =>
    c
      .option("--data-dir <dir>", "data folder (default: $CUSTOS_DATA_DIR or ./data)")
      .option("--config <file>", "configuration file (JSON)");

  common(access.command("grant <id> <identity>"))
    .description("let <identity> use object <id> (all operations unless --operation is given)")
    .option(
      "--operation <name>",
      "an operation to allow, e.g. get, get-attributes, locate (repeatable)",
      (v: string, prev: number[] = []) => [...prev, operationArg(v)],
    )
    .action(async (id: string, identity: string, options: AccessOptions) => {
      const ops = options.operation ?? [0];
      await withStore(io, options, (store) =>
        store.transaction(async (tx) => {
          if ((await tx.getObject(id)) === undefined) throw usageError(`object ${id} not found`);
          for (const operation of ops) await tx.addGrant({ objectId: id, grantee: identity, operation });
          await tx.audit({
            actor: actor(),
            action: "access.Grant",
            objectId: id,
            details: { grantee: identity, operations: ops },
          });
        }),
      );
      io.stdout(`granted ${identity}: ${ops.map(opName).join(", ")} on ${id}\n`);
    });

  common(access.command("revoke <id> <identity>"))
    .description("withdraw grants of <identity> on object <id> (all of them unless --operation is given)")
    .option("--operation <name>", "the operation to withdraw (repeatable)", (v: string, prev: number[] = []) => [
      ...prev,
      operationArg(v),
    ])
    .action(async (id: string, identity: string, options: AccessOptions) => {
      const removed = await withStore(io, options, (store) =>
        store.transaction(async (tx) => {
          const held = (await tx.listGrants(id)).filter((g) => g.grantee === identity);
          const gone =
            options.operation === undefined ? held : held.filter((g) => options.operation?.includes(g.operation));
          for (const g of gone) await tx.removeGrant(g);
          if (gone.length > 0) {
            await tx.audit({
              actor: actor(),
              action: "access.Revoke",
              objectId: id,
              details: { grantee: identity, operations: gone.map((g) => g.operation) },
            });
          }
          return gone.length;
        }),
      );
      if (removed === 0) throw failure(`${identity} holds no matching grant on ${id}`);
      io.stdout(`revoked ${removed} grant(s) of ${identity} on ${id}\n`);
    });

  common(access.command("list <id>"))
    .description("show the owner of object <id> and the grants on it")
    .option("--json", "print JSON")
    .action(async (id: string, options: AccessOptions) => {
      const { owner, grants } = await withStore(io, options, async (store) => {
        const obj = await store.getObject(id);
        if (obj === undefined) throw usageError(`object ${id} not found`);
        return { owner: obj.owner, grants: await store.listGrants(id) };
      });
      if (options.json) {
        io.stdout(
          `${JSON.stringify({ id, owner, grants: grants.map((g) => ({ grantee: g.grantee, operation: opName(g.operation) })) })}\n`,
        );
        return;
      }
      io.stdout(`owner: ${owner}\n`);
      for (const g of grants) io.stdout(`${g.grantee}: ${opName(g.operation)}\n`);
    });
}
