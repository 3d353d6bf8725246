import { type ChildProcess, spawn } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { connect, createServer } from "node:net";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { listeningSocketsOfGroup } from "./listening-sockets.js";
import { createTestPki, type KeyType, type TestPki } from "./openssl-pki.js";

/** The distribution interpreter: PyKMIP (python3-pykmip) is only importable there. */
export const SYSTEM_PYTHON = "/usr/bin/python3";

/** Loopback only: the reference server must never be reachable from elsewhere. */
const HOST = "127.0.0.1";
/** PyKMIP imports slowly (~1 s) and may take a while on a loaded CI machine. */
const START_TIMEOUT_MS = 30_000;
/** After SIGINT, how long to wait before SIGKILL. */
const STOP_GRACE_MS = 3_000;
/** Keep this much of the server's stderr for error messages. */
const STDERR_TAIL = 8_192;

/**
 * Runs PyKMIP's server through its library entry point rather than
 * /usr/bin/pykmip-server, so only the module needs to be present.
 * `-I` (isolated) ignores PYTHON* variables and user site-packages of
 * whatever Python environment the test runner lives in.
 */
const SERVER_MAIN = "import sys; from kmip.services.server.server import main; sys.exit(main())";

export interface PykmipServerOptions {
  /** Working directory for config, certificates, database and log. */
  readonly dir: string;
  /** TCP port on 127.0.0.1; a free one is picked when omitted. */
  readonly port?: number;
  /** Certificate key type; "ec" (P-256, default) or "rsa" (2048). */
  readonly keyType?: KeyType;
  /** PyKMIP server logging level; "INFO" by default ("DEBUG" slows it down noticeably). */
  readonly loggingLevel?: "DEBUG" | "INFO" | "WARNING" | "ERROR";
}

export interface PykmipServer {
  readonly host: string;
  readonly port: number;
  readonly caFile: string;
  /** A client certificate (CN "pykmip-client", EKU clientAuth) signed by the same CA. */
  readonly clientCert: string;
  readonly clientKey: string;
  /** The CA, to issue further client identities (e.g. for permission tests). */
  readonly pki: TestPki;
  readonly configFile: string;
  readonly logFile: string;
  /** Process group id of the server and its helper processes. */
  readonly pgid: number;
  stop(): Promise<void>;
}

/** The typed failure of startPykmipServer. */
export class PykmipServerError extends Error {
  readonly code = "PYKMIP_SERVER_START";
  override readonly name = "PykmipServerError";
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * PyKMIP server configuration (kmip/services/server/config.py, section
 * [server]). auth_suite TLS1.2 makes PyKMIP use ssl.PROTOCOL_TLSv1_2 with its
 * TLS12AuthenticationSuite cipher list (no TLS 1.3; RSA-kx/ECDHE CBC-SHA2 and
 * ECDHE-ECDSA-AES-GCM suites).
 */
function serverConfig(settings: Record<string, string | number | boolean>): string {
  const lines = Object.entries(settings).map(([k, v]) => `${k}=${v}`);
  return `[server]\n${lines.join("\n")}\n`;
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // group already gone
  }
}

async function tail(file: string): Promise<string> {
  try {
    const text = await readFile(file, "utf8");
    return text.slice(-STDERR_TAIL);
  } catch {
    return "";
  }
}

/**
 * Starts PyKMIP's reference KMIP server on 127.0.0.1 with a fresh CA, server
 * and client certificate, an SQLite database and a log file in `options.dir`.
 * Resolves once the port accepts TCP connections.
 */
export async function startPykmipServer(options: PykmipServerOptions): Promise<PykmipServer> {
  const dir = options.dir;
  const policyDir = join(dir, "policies");
  await mkdir(policyDir, { recursive: true });

  const pki = await createTestPki(join(dir, "pki"), options.keyType ?? "ec");
  const server = await pki.issueServer("pykmip-server");
  const client = await pki.issueClient("pykmip-client");

  const port = options.port ?? (await freePort());
  const configFile = join(dir, "server.conf");
  const logFile = join(dir, "server.log");
  await writeFile(
    configFile,
    serverConfig({
      hostname: HOST,
      port,
      certificate_path: server.cert,
      key_path: server.key,
      ca_path: pki.caFile,
      auth_suite: "TLS1.2",
      policy_path: policyDir,
      enable_tls_client_auth: true,
      logging_level: options.loggingLevel ?? "INFO",
      database_path: join(dir, "pykmip.db"),
    }),
  );

  const child: ChildProcess = spawn(
    SYSTEM_PYTHON,
    ["-I", "-W", "ignore", "-c", SERVER_MAIN, "-f", configFile, "-l", logFile],
    { cwd: dir, detached: true, stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr?.setEncoding("utf8");
  child.stderr?.on("data", (chunk: string) => {
    stderr = (stderr + chunk).slice(-STDERR_TAIL);
  });
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exit = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      exited = { code, signal };
      resolve();
    });
  });
  const spawnError = new Promise<Error>((resolve) => child.once("error", resolve));
  const pgid = child.pid;

  // If the test runner dies without stop(), do not leave a server behind.
  const onProcessExit = () => {
    if (pgid !== undefined) killGroup(pgid, "SIGKILL");
  };
  process.once("exit", onProcessExit);

  const stop = async (): Promise<void> => {
    process.removeListener("exit", onProcessExit);
    if (pgid === undefined) return;
    if (!exited) {
      // PyKMIP's serve loop turns SIGINT into KeyboardInterrupt and shuts
      // down at once; SIGTERM would wait for accept()'s 10 s timeout.
      killGroup(pgid, "SIGINT");
      await Promise.race([exit, sleep(STOP_GRACE_MS)]);
    }
    // Sweep the multiprocessing manager and policy monitor, or a hung server.
    killGroup(pgid, "SIGKILL");
    await Promise.race([exit, sleep(STOP_GRACE_MS)]);
  };

  const fail = async (why: string): Promise<never> => {
    await stop();
    const log = await tail(logFile);
    throw new PykmipServerError(`pykmip-server ${why}\n--- stderr ---\n${stderr}\n--- ${logFile} ---\n${log}`);
  };

  if (pgid === undefined) {
    const error = await Promise.race([spawnError, sleep(1_000).then(() => undefined)]);
    return fail(`could not be spawned: ${error?.message ?? "no pid"}`);
  }

  // Ready when the port accepts connections AND the listener is ours (not
  // another process that already held the port while PyKMIP failed to bind).
  const deadline = Date.now() + START_TIMEOUT_MS;
  const ours = async () => (await listeningSocketsOfGroup(pgid)).some((s) => s.port === port);
  while (!((await canConnect(port)) && (await ours()))) {
    if (exited) return fail(`exited early (code ${exited.code}, signal ${exited.signal})`);
    if (Date.now() > deadline) return fail(`did not listen on ${HOST}:${port} within ${START_TIMEOUT_MS} ms`);
    await sleep(100);
  }

  return {
    host: HOST,
    port,
    caFile: pki.caFile,
    clientCert: client.cert,
    clientKey: client.key,
    pki,
    configFile,
    logFile,
    pgid,
    stop,
  };
}
