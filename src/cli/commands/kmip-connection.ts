/**
 * The connection half of `custos kmip`: options naming a KMIP server and the mutual-TLS
 * credentials, and `withClient`, which connects, runs one subcommand and disconnects,
 * sorting failures into exit statuses (KMIP failure 2, connection 3, usage 64).
 */
import { readFile } from "node:fs/promises";
import { type Command, Option } from "commander";
import { KmipClient } from "../../client/kmip-client.js";
import { KmipTransportError } from "../../client/kmip-transport.js";
import type { ProtocolVersion } from "../../kmip/version.js";
import { devPkiPaths } from "../../pkix/dev-pki-paths.js";
import { type CliIo, connectionError, usageError } from "../io.js";
import { Output } from "../output.js";
import { intArg, lookupName, versionArg } from "../parse-args.js";
import { displayPath, resolveFrom } from "../paths.js";

/** Options of the `kmip` command, visible to every subcommand. */
export interface ConnectionOptions {
  readonly host: string;
  readonly port: number;
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
  readonly servername?: string;
  readonly kmipVersion: ProtocolVersion;
  readonly dataDir?: string;
  readonly identity: "admin" | "user";
  readonly timeout: number;
  readonly json?: boolean;
}

/** Adds the connection options to the `kmip` command. */
export function connectionOptions(command: Command): Command {
  return command
    .option("--host <host>", "KMIP server host name or address", "127.0.0.1")
    .option("--port <port>", "KMIP server port", intArg(1, 65535), 5696)
    .option("--ca <file>", "CA certificate(s) (PEM) the server certificate must chain to")
    .option("--cert <file>", "client certificate (PEM)")
    .option("--key <file>", "client private key (PEM)")
    .option("--servername <name>", "TLS server name to verify (default: --host unless it is an IP address)")
    .addOption(
      new Option("--kmip-version <version>", "protocol version to speak: 1.0 to 2.1")
        .argParser(versionArg)
        .default({ major: 2, minor: 1 }, "2.1"),
    )
    .option("--data-dir <dir>", "take --ca, --cert and --key from the development PKI of this custos data folder")
    .option("--identity <name>", "with --data-dir: which client certificate, admin or user", identityArg, "admin")
    .option(
      "--timeout <ms>",
      "connect timeout, and how long to wait for each response, in milliseconds",
      intArg(1, 3_600_000),
      10_000,
    )
    .option("--json", "print one JSON document instead of text");
}

const IDENTITIES: ReadonlyMap<string, number> = new Map([
  ["admin", 0],
  ["user", 1],
]);

function identityArg(text: string): "admin" | "user" {
  return lookupName("identity", IDENTITIES, text) === 1 ? "user" : "admin";
}

interface Credentials {
  readonly ca: Buffer;
  readonly cert: Buffer;
  readonly key: Buffer;
}

async function credentials(io: CliIo, o: ConnectionOptions): Promise<Credentials> {
  const pki = o.dataDir === undefined ? undefined : devPkiPaths(resolveFrom(io, o.dataDir));
  const files = {
    ca: o.ca ?? pki?.caCert,
    cert: o.cert ?? (o.identity === "user" ? pki?.userCert : pki?.adminCert),
    key: o.key ?? (o.identity === "user" ? pki?.userKey : pki?.adminKey),
  };
  const read = async (what: keyof typeof files): Promise<Buffer> => {
    const file = files[what];
    if (file === undefined)
      throw usageError(`--${what} <file> is required (or --data-dir <dir> of a custos data folder)`);
    const path = resolveFrom(io, file);
    try {
      return await readFile(path);
    } catch (err) {
      const hint = pki === undefined ? "" : "; run `custos init` (or `npm start`) to create the data folder";
      throw usageError(`cannot read ${what} file ${displayPath(io, path)}: ${(err as Error).message}${hint}`);
    }
  };
  return { ca: await read("ca"), cert: await read("cert"), key: await read("key") };
}

/** Socket-level errno codes: the connection failed, not the operation. */
const NETWORK_ERRNO: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/** True for failures of the connection itself (socket, TLS) rather than of an operation. */
function isConnectionFailure(err: unknown): boolean {
  if (err instanceof KmipTransportError) return true;
  const code = (err as { code?: unknown } | undefined)?.code;
  if (typeof code !== "string") return false;
  return NETWORK_ERRNO.has(code) || /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO|SELF_SIGNED)/.test(code);
}

/**
 * Connects with the options of `command` and its parents, runs `fn`, and closes the
 * connection. KmipOperationError passes through (exit 2); connection failures become
 * CliError CUSTOS_CLI_CONNECTION (exit 3).
 */
export async function withClient(
  io: CliIo,
  command: Command,
  fn: (client: KmipClient, out: Output) => Promise<void>,
): Promise<void> {
  const o = command.optsWithGlobals<ConnectionOptions>();
  const creds = await credentials(io, o);
  const where = `${o.host}:${o.port}`;
  let client: KmipClient;
  try {
    client = await KmipClient.connect({
      host: o.host,
      port: o.port,
      ...creds,
      ...(o.servername === undefined ? {} : { servername: o.servername }),
      version: o.kmipVersion,
      timeoutMs: o.timeout,
      requestTimeoutMs: o.timeout,
    });
  } catch (err) {
    throw connectionError(`cannot connect to KMIP server at ${where}: ${(err as Error).message}`, err);
  }
  try {
    await fn(client, new Output(io, o.json === true));
  } catch (err) {
    if (isConnectionFailure(err)) {
      throw connectionError(`connection to ${where} failed: ${(err as Error).message}`, err);
    }
    throw err;
  } finally {
    await client.close().catch(() => {});
  }
}
