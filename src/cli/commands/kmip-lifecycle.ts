/**
 * `custos kmip activate|revoke|destroy`: moving an object through its life cycle
 * (KMIP 2.1 §6.1.1 Activate, §6.1.43 Revoke, §6.1.15 Destroy; KMIP 1.4 §4.19, §4.20, §4.21).
 */
import type { Command } from "commander";
import { InvalidArgumentError } from "commander";
import { RevocationReasonCode } from "../../ttlv/enums.js";
import { Tag } from "../../ttlv/tags.js";
import type { CliIo } from "../io.js";
import { enumArg } from "../parse-args.js";
import { withClient } from "./kmip-connection.js";

const reasonArg = enumArg(Tag.RevocationReasonCode, "revocation reason", {
  compromise: RevocationReasonCode.KeyCompromise,
  cessation: RevocationReasonCode.CessationOfOperation,
});

function dateArg(text: string): Date {
  const d = new Date(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(d.getTime())) {
    throw new InvalidArgumentError(`expected an ISO 8601 date such as 2025-01-31T12:00:00Z, got "${text}"`);
  }
  return d;
}

interface RevokeOptions {
  readonly reason: number;
  readonly compromiseDate?: Date;
}

/** Compromise reasons, which need a Compromise Occurrence Date (KMIP 2.1 §6.1.43). */
const COMPROMISE_REASONS: ReadonlySet<number> = new Set([
  RevocationReasonCode.KeyCompromise,
  RevocationReasonCode.CACompromise,
]);

export function registerLifecycleCommands(kmip: Command, io: CliIo): void {
  kmip
    .command("activate")
    .description("activate an object (Pre-Active -> Active)")
    .argument("<id>", "Unique Identifier")
    .action(async (id: string, _o: unknown, command: Command) =>
      withClient(io, command, async (client, out) => {
        await client.activate(id);
        out.result([`activated ${id}`], { operation: "Activate", uniqueIdentifier: id });
      }),
    );

  kmip
    .command("revoke")
    .description("revoke an object (Active -> Deactivated, or Compromised for compromise reasons)")
    .argument("<id>", "Unique Identifier")
    .option(
      "--reason <reason>",
      "compromise, ca-compromise, affiliation-changed, superseded, cessation, privilege-withdrawn, unspecified",
      reasonArg,
      RevocationReasonCode.CessationOfOperation,
    )
    .option("--compromise-date <date>", "when the compromise happened (ISO 8601; default now)", dateArg)
    .action(async (id: string, o: RevokeOptions, command: Command) =>
      withClient(io, command, async (client, out) => {
        const occurred = COMPROMISE_REASONS.has(o.reason) ? (o.compromiseDate ?? new Date()) : o.compromiseDate;
        await client.revoke(id, o.reason, occurred);
        out.result([`revoked ${id}`], { operation: "Revoke", uniqueIdentifier: id });
      }),
    );

  kmip
    .command("destroy")
    .description("destroy an object's key material (it must not be Active)")
    .argument("<id>", "Unique Identifier")
    .action(async (id: string, _o: unknown, command: Command) =>
      withClient(io, command, async (client, out) => {
        await client.destroy(id);
        out.result([`destroyed ${id}`], { operation: "Destroy", uniqueIdentifier: id });
      }),
    );
}
