/**
 * Child-process entry: the transport ceiling of KMIP over TLS on this machine. A TLS server
 * with custos's listener settings (mutual TLS, client certificate required, no Nagle) frames
 * TTLV messages exactly as custos does and answers each with one prepared Encrypt response
 * carrying argv[2] bytes of Data, an IV and a tag (argv[3] batch items of it, default 1, for
 * batched requests), doing no other work: no decoding, no
 * store, no cryptography. A KMIP server on this machine cannot answer faster than this.
 * With argv[4] = ecdsa | rsa | ed25519 it instead answers every request with a Sign response
 * carrying a fresh signature of 64 fixed bytes, computed on libuv's thread pool as custos does:
 * the ceiling of a KMIP Sign server here (framing, one signature, one encoded response).
 * Answers "ready" with the port and the client credentials (a fresh development PKI);
 * stops on "stop" or when the parent goes away.
 */
import { generateKeyPairSync, type KeyObject, randomBytes, sign } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import tls from "node:tls";
import { initDataDir } from "../src/pkix/dev-pki.js";
import { devPkiPaths } from "../src/pkix/dev-pki-paths.js";
import { encodeTtlv } from "../src/ttlv/encode.js";
import { Operation, ResultStatus } from "../src/ttlv/enums.js";
import { TtlvFrameReader } from "../src/ttlv/frame-reader.js";
import { type StructureItem, ttlv } from "../src/ttlv/item.js";
import { Tag } from "../src/ttlv/tags.js";
import type { CustosReady } from "./custos-process.js";

const MAX_MESSAGE_BYTES = 1 << 20;
const dataBytes = Number(process.argv[2] ?? "4096");
const batchItems = Number(process.argv[3] ?? "1");
const signer = signerFor(process.argv[4] ?? "");

interface Signer {
  readonly hash: string | null;
  readonly key: KeyObject;
}

function signerFor(kind: string): Signer | undefined {
  switch (kind) {
    case "":
      return undefined;
    case "ecdsa":
      return { hash: "sha256", key: generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey };
    case "rsa":
      return { hash: "sha256", key: generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey };
    case "ed25519":
      return { hash: null, key: generateKeyPairSync("ed25519").privateKey };
    default:
      throw new Error(`unknown signer ${kind}`);
  }
}

const signedData = randomBytes(64);

/** A KMIP 2.1 Response Message of `items`, encoded. */
function responseMessage(items: readonly StructureItem[]): Buffer {
  return Buffer.from(
    encodeTtlv(
      ttlv.struct(Tag.ResponseMessage, [
        ttlv.struct(Tag.ResponseHeader, [
          ttlv.struct(Tag.ProtocolVersion, [
            ttlv.int(Tag.ProtocolVersionMajor, 2),
            ttlv.int(Tag.ProtocolVersionMinor, 1),
          ]),
          ttlv.date(Tag.TimeStamp, BigInt(Math.floor(Date.now() / 1000))),
          ttlv.int(Tag.BatchCount, items.length),
        ]),
        ...items,
      ]),
    ),
  );
}

/** A Sign response carrying `signature`, encoded afresh as a server would. */
function signResponse(signature: Uint8Array): Buffer {
  return responseMessage([
    ttlv.struct(Tag.BatchItem, [
      ttlv.enum(Tag.Operation, Operation.Sign),
      ttlv.enum(Tag.ResultStatus, ResultStatus.Success),
      ttlv.struct(Tag.ResponsePayload, [
        ttlv.text(Tag.UniqueIdentifier, "0192f0c4-7a1e-7000-8000-000000000000"),
        ttlv.bytes(Tag.SignatureData, signature),
      ]),
    ]),
  ]);
}

const item = ttlv.struct(Tag.BatchItem, [
  ttlv.enum(Tag.Operation, Operation.Encrypt),
  ttlv.enum(Tag.ResultStatus, ResultStatus.Success),
  ttlv.struct(Tag.ResponsePayload, [
    ttlv.text(Tag.UniqueIdentifier, "0192f0c4-7a1e-7000-8000-000000000000"),
    ttlv.bytes(Tag.Data, randomBytes(dataBytes)),
    ttlv.bytes(Tag.IVCounterNonce, randomBytes(12)),
    ttlv.bytes(Tag.AuthenticatedEncryptionTag, randomBytes(16)),
  ]),
]);

const response = responseMessage(Array.from({ length: batchItems }, () => item));

const dir = await mkdtemp(join(tmpdir(), "custos-echo-"));
await initDataDir(dir);
const paths = devPkiPaths(dir);
const [key, cert, ca] = await Promise.all([
  readFile(paths.serverKey),
  readFile(paths.serverCert),
  readFile(paths.caCert),
]);
const server = tls.createServer({ key, cert, ca, requestCert: true, rejectUnauthorized: true }, (socket) => {
  socket.setNoDelay(true);
  socket.on("error", () => socket.destroy());
  const frames = new TtlvFrameReader(MAX_MESSAGE_BYTES);
  // Signed answers leave in request order: each waits for the one before it.
  let previous: Promise<void> = Promise.resolve();
  socket.on("data", (chunk: Buffer) => {
    frames.push(chunk);
    while (frames.next() !== undefined) {
      if (signer === undefined) {
        // A copy per answer, as custos's encoder hands out one per response.
        socket.write(Buffer.from(response));
        continue;
      }
      const signed = new Promise<Buffer>((resolve, reject) =>
        sign(signer.hash, signedData, signer.key, (err, sig) => (err ? reject(err) : resolve(signResponse(sig)))),
      );
      previous = previous.then(async () => {
        socket.write(await signed);
      });
      previous.catch(() => socket.destroy());
    }
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const address = server.address();
const ready: CustosReady = {
  type: "ready",
  port: typeof address === "object" && address !== null ? address.port : 0,
  caFile: paths.caCert,
  certFile: paths.adminCert,
  keyFile: paths.adminKey,
};

const stop = async (): Promise<void> => {
  server.close();
  await rm(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on("message", (m: unknown) => {
  if (typeof m === "object" && m !== null && (m as { type?: unknown }).type === "stop") void stop();
});
process.on("disconnect", () => void stop());
process.send?.(ready);
