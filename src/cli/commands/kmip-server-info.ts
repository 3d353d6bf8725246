/**
 * `custos kmip query|discover-versions`: what the server is and what it supports
 * (KMIP 2.1 §6.1.37 Query, §6.1.13 Discover Versions; KMIP 1.4 §4.25, §4.26).
 */
import type { Command } from "commander";
import { findAll } from "../../kmip/read.js";
import { formatVersion } from "../../kmip/version.js";
import { QueryFunction } from "../../ttlv/enums.js";
import { ItemType } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import { formatEnumeration } from "../../ttlv/text-values.js";
import type { CliIo } from "../io.js";
import { renderText, renderValue } from "../output.js";
import { withClient } from "./kmip-connection.js";

export function registerServerInfoCommands(kmip: Command, io: CliIo): void {
  kmip
    .command("query")
    .description("ask the server for its operations, object types and server information")
    .action(async (_o: unknown, command: Command) =>
      withClient(io, command, async (client, out) => {
        const p = await client.query([
          QueryFunction.QueryOperations,
          QueryFunction.QueryObjects,
          QueryFunction.QueryServerInformation,
        ]);
        const names = (tag: number): string[] =>
          findAll(p, tag).flatMap((i) => (i.type === ItemType.Enumeration ? [formatEnumeration(tag, i.value)] : []));
        const operations = names(Tag.Operation);
        const objectTypes = names(Tag.ObjectType);
        const vendor = findAll(p, Tag.VendorIdentification).flatMap((i) =>
          i.type === ItemType.TextString ? [i.value] : [],
        );
        const info = findAll(p, Tag.ServerInformation).map(renderValue);
        out.result(
          [
            `vendor: ${vendor.join(", ")}`,
            `server information: ${info.map(renderText).join("; ")}`,
            `operations: ${operations.join(", ")}`,
            `object types: ${objectTypes.join(", ")}`,
          ],
          {
            vendorIdentification: vendor[0] ?? null,
            serverInformation: info[0] ?? null,
            operations,
            objectTypes,
          },
        );
      }),
    );

  kmip
    .command("discover-versions")
    .description("list the KMIP protocol versions the server speaks, preferred first")
    .action(async (_o: unknown, command: Command) =>
      withClient(io, command, async (client, out) => {
        const versions = (await client.discoverVersions()).map(formatVersion);
        out.result(versions, { protocolVersions: versions });
      }),
    );
}
