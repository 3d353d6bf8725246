import { readFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import * as tls from "node:tls";
import type { Logger } from "pino";
import type { KmipConfig } from "../config/schema.js";
import { kmipError } from "../kmip/kmip-error.js";
import { encodeResponse, failedItem } from "../kmip/message.js";
import type { KmipProcessor } from "../kms/processor.js";
import type { StructureItem } from "../ttlv/item.js";
import { resolveTtlvLimits } from "../ttlv/limits.js";
import { KmipConnection } from "./kmip-connection.js";
import { identityFromCertificate } from "./tls-identity.js";

export interface KmipServer {
  readonly port: number;
  readonly host: string;
  close(): Promise<void>;
}

/** Invalid Message answer for input that is not a request at all (KMIP 1.4 §11.1: header + Batch Item without Operation). */
export function invalidMessageResponse(reason: string): StructureItem {
  // Nothing says which version the sender speaks; 1.4 is understood by every 1.x and 2.x client.
  return encodeResponse({ version: { major: 1, minor: 4 }, timeStamp: BigInt(Math.floor(Date.now() / 1000)) }, [
    failedItem(undefined, undefined, kmipError.invalidMessage(`cannot parse the message: ${reason}`)),
  ]);
}

/**
 * The KMIP listener: TTLV over TLS 1.2/1.3 with a required client certificate that chains to
 * the configured CA (KMIP Profiles "Basic/TLS authentication suites"). The certificate's
 * identity (tls-identity.ts) is the caller for every request on the connection.
 */
export async function startKmipServer(
  config: KmipConfig,
  processor: KmipProcessor,
  logger: Logger,
): Promise<KmipServer> {
  const [key, cert, ca] = await Promise.all([
    readFile(config.keyFile),
    readFile(config.certFile),
    readFile(config.caFile),
  ]);
  const limits = resolveTtlvLimits({
    maxMessageBytes: config.maxMessageBytes,
    maxDepth: config.maxDepth,
    maxItems: config.maxItems,
  });
  const server = tls.createServer({
    key,
    cert,
    ca,
    requestCert: true,
    rejectUnauthorized: true,
    minVersion: config.tlsMinVersion,
    handshakeTimeout: config.handshakeTimeoutMs,
  });
  server.maxConnections = config.maxConnections;
  const sockets = new Set<tls.TLSSocket>();
  /** Open connections per client identity (kmip.maxConnectionsPerIdentity). */
  const perIdentity = new Map<string, number>();

  server.on("secureConnection", (socket) => {
    const identity = identityFromCertificate(socket.getPeerCertificate());
    if (identity === undefined) {
      logger.warn({ remote: socket.remoteAddress }, "kmip: client certificate names no identity; closing");
      socket.destroy();
      return;
    }
    const open = perIdentity.get(identity) ?? 0;
    if (open >= config.maxConnectionsPerIdentity) {
      logger.warn({ identity, open }, "kmip: too many connections for this identity; closing the new one");
      socket.destroy();
      return;
    }
    perIdentity.set(identity, open + 1);
    socket.once("close", () => {
      const left = (perIdentity.get(identity) ?? 1) - 1;
      if (left === 0) perIdentity.delete(identity);
      else perIdentity.set(identity, left);
    });
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.setTimeout(config.idleTimeoutMs, () => socket.destroy());
    socket.on("error", (err) => logger.debug({ err: err.message, identity }, "kmip: connection error"));
    socket.on("close", () => sockets.delete(socket));
    new KmipConnection(socket, limits, {
      process: (request) => processor.process(request, identity),
      invalid: invalidMessageResponse,
      onError: (err) => logger.error({ err, identity }, "kmip: unexpected failure"),
    });
  });
  server.on("tlsClientError", (err, socket) => {
    logger.info({ err: err.message, remote: socket.remoteAddress }, "kmip: TLS handshake refused");
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(config.port, config.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  logger.info({ host: address.address, port: address.port }, "kmip: listening");
  return {
    port: address.port,
    host: address.address,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
