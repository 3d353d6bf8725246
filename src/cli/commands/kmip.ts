/**
 * `custos kmip`: a KMIP command-line client for any KMIP 1.0-2.1 server over mutual TLS.
 * Connection options come first or anywhere after; each subcommand is one operation.
 */
import type { Command } from "commander";
import type { CliIo } from "../io.js";
import { registerAttributeCommands } from "./kmip-attributes.js";
import { connectionOptions } from "./kmip-connection.js";
import { registerKeyCommands } from "./kmip-keys.js";
import { registerLifecycleCommands } from "./kmip-lifecycle.js";
import { registerServerInfoCommands } from "./kmip-server-info.js";

export function registerKmip(program: Command, io: CliIo): void {
  const kmip = connectionOptions(
    program
      .command("kmip")
      .description("KMIP client: talk to a KMIP server (custos or any other)")
      .addHelpText(
        "after",
        "\nExamples:\n" +
          "  custos kmip --data-dir ./data create --alg AES --length 256 --name my-key\n" +
          "  custos kmip --host kms.example.com --ca ca.pem --cert me.pem --key me.key --kmip-version 1.4 query\n",
      ),
  );
  registerKeyCommands(kmip, io);
  registerAttributeCommands(kmip, io);
  registerLifecycleCommands(kmip, io);
  registerServerInfoCommands(kmip, io);
}
