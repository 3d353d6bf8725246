/**
 * `custos start` (what `npm start` runs): `init` without overwriting anything, then
 * `serve`, then a note on where the client credentials are and one command to try.
 */
import type { Command } from "commander";
import type { CustosConfig } from "../../config/schema.js";
import { devPkiPaths } from "../../pkix/dev-pki-paths.js";
import type { CliIo } from "../io.js";
import { displayPath } from "../paths.js";
import { describeInit, initialize } from "./init.js";
import { type ServeOptions, serve, serveConfig, serverOptions } from "./serve.js";

/** The KMIP port the `kmip` command assumes (IANA-registered port for KMIP). */
const DEFAULT_KMIP_PORT = 5696;
/** Listen addresses the `kmip` command's default --host (127.0.0.1) reaches. */
const REACHED_BY_DEFAULT_HOST = new Set(["127.0.0.1", "0.0.0.0", "::"]);

/**
 * A `custos kmip` command line that creates a key on the server just started, using the
 * admin credentials of its data folder.
 */
export function exampleCommand(io: CliIo, config: CustosConfig, port: number): string {
  const args = ["npx custos kmip", `--data-dir ${displayPath(io, config.dataDir)}`];
  if (!REACHED_BY_DEFAULT_HOST.has(config.kmip.host)) args.push(`--host ${config.kmip.host}`);
  if (port !== DEFAULT_KMIP_PORT) args.push(`--port ${port}`);
  args.push("create --alg AES --length 256 --name my-key");
  return args.join(" ");
}

export function registerStart(program: Command, io: CliIo): void {
  serverOptions(
    program.command("start").description("init the data folder if needed (never overwrites), then serve"),
  ).action(async (options: ServeOptions) => {
    const summary = await initialize(io, {
      ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
      ...(options.config === undefined ? {} : { config: options.config }),
    });
    const created = describeInit(io, summary).filter((line) => !line.startsWith("kept"));
    if (created.length > 0) {
      io.stdout(`custos: initialized ${displayPath(io, summary.config.dataDir)}\n`);
      for (const line of created) io.stdout(`  ${line}\n`);
    }
    const config = await serveConfig(io, options);
    const pki = devPkiPaths(config.dataDir);
    const admin = summary.pki.adminIdentity;
    const isAdmin = config.admins.includes(admin);
    await serve(io, config, (listening) => {
      io.stdout(
        [
          "",
          `Client credentials (mutual TLS; the certificate's CN is the identity):`,
          `  CA certificate      ${displayPath(io, pki.caCert)}`,
          `  client certificate  ${displayPath(io, pki.adminCert)}   (identity "${admin}"${isAdmin ? ", an administrator" : ""})`,
          `  client key          ${displayPath(io, pki.adminKey)}`,
          `  second identity     ${displayPath(io, pki.userCert)}, ${displayPath(io, pki.userKey)}   (identity "user")`,
          "",
          "Try, in another terminal:",
          `  ${exampleCommand(io, config, listening.port)}`,
          "",
          "Stop with Ctrl+C.",
          "",
        ].join("\n"),
      );
    });
  });
}
