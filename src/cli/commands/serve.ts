/**
 * `custos serve`: loads the configuration and runs the KMIP server until SIGINT or
 * SIGTERM, then stops it cleanly (open connections closed, store closed) and exits 0.
 */
import { constants } from "node:fs";
import { access } from "node:fs/promises";
import type { Command } from "commander";
import { pino } from "pino";
import { startCluster } from "../../cluster/primary.js";
import type { CustosConfig } from "../../config/schema.js";
import { startCustos } from "../../main.js";
import { type CliIo, failure } from "../io.js";
import { intArg } from "../parse-args.js";
import { displayPath } from "../paths.js";
import { type ConfigOptions, loadCliConfig } from "./init.js";

export interface ServeOptions extends ConfigOptions {
  /** Overrides kmip.port; 0 picks a free port. */
  readonly port?: number;
  /** Overrides kmip.host. */
  readonly host?: string;
  /** Overrides workers. */
  readonly workers?: number;
}

/** The configuration for `serve`/`start`: file, environment, then these flags. */
export async function serveConfig(io: CliIo, options: ServeOptions): Promise<CustosConfig> {
  const loaded = await loadCliConfig(io, options);
  if (options.port === undefined && options.host === undefined && options.workers === undefined) return loaded;
  return {
    ...loaded,
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    kmip: {
      ...loaded.kmip,
      ...(options.port === undefined ? {} : { port: options.port }),
      ...(options.host === undefined ? {} : { host: options.host }),
    },
  };
}

/** Where the KMIP listener ended up (the port is known only after listening when 0 was asked). */
export interface Listening {
  readonly host: string;
  readonly port: number;
}

/**
 * Starts custos with `config` (in this process, or as `config.workers` worker processes
 * under this one, see src/cluster), calls `announce` once it listens, and resolves after
 * the shutdown signal has stopped it.
 */
export async function serve(
  io: CliIo,
  config: CustosConfig,
  announce: (listening: Listening) => void = () => {},
): Promise<void> {
  for (const [setting, path] of [
    ["kmip.certFile", config.kmip.certFile],
    ["kmip.keyFile", config.kmip.keyFile],
    ["kmip.caFile", config.kmip.caFile],
  ] as const) {
    if (!(await readable(path))) {
      throw failure(
        `${setting}: ${displayPath(io, path)} not found; run \`custos init --data-dir ${displayPath(io, config.dataDir)}\` first (or \`npm start\`)`,
      );
    }
  }
  const logger = pino({ level: config.log.level, base: { service: "custos" } }, { write: (line) => io.stdout(line) });
  const shutdown = shutdownSignal(io);
  let running: { readonly listening: Listening; readonly stopped?: Promise<unknown>; stop(): Promise<void> };
  try {
    if (config.workers > 1) {
      const c = await startCluster(config, logger);
      running = { listening: c, stopped: c.failed, stop: () => c.stop() };
    } else {
      const r = await startCustos(config, { logger });
      running = { listening: { host: r.kmip.host, port: r.kmip.port }, stop: () => r.stop() };
    }
  } catch (err) {
    shutdown.dispose();
    const reason =
      (err as NodeJS.ErrnoException).code === "EADDRINUSE" ? "address already in use" : (err as Error).message;
    throw failure(`cannot start custos on ${config.kmip.host}:${config.kmip.port}: ${reason}`, err);
  }
  let gaveUp: unknown;
  try {
    const { host, port } = running.listening;
    const processes = config.workers > 1 ? ` in ${config.workers} worker processes` : "";
    io.stdout(`custos: KMIP server listening on ${host}:${port} (mutual TLS)${processes}\n`);
    announce(running.listening);
    const gaveUpWaiting = running.stopped?.then((err) => {
      gaveUp = err;
    });
    await (gaveUpWaiting === undefined ? shutdown.aborted : Promise.race([shutdown.aborted, gaveUpWaiting]));
    io.stdout("custos: stopping\n");
  } finally {
    shutdown.dispose();
    await running.stop();
  }
  if (gaveUp !== undefined) throw failure(`custos stopped: ${(gaveUp as Error).message}`, gaveUp);
  io.stdout("custos: stopped\n");
}

/** The injected shutdown signal, or the process's first SIGINT/SIGTERM. */
function shutdownSignal(io: CliIo): { aborted: Promise<void>; dispose: () => void } {
  if (io.shutdown !== undefined) {
    const signal = io.shutdown;
    return {
      aborted: new Promise((resolve) => {
        if (signal.aborted) resolve();
        else signal.addEventListener("abort", () => resolve(), { once: true });
      }),
      dispose: () => {},
    };
  }
  let onSignal: () => void = () => {};
  const aborted = new Promise<void>((resolve) => {
    onSignal = resolve;
  });
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  return {
    aborted,
    dispose: () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}

async function readable(path: string): Promise<boolean> {
  try {
    await access(path, constants.R_OK);
    return true;
  } catch {
    return false;
  }
}

/** --data-dir, --config, --port, --host and --workers, shared by `serve` and `start`. */
export function serverOptions(command: Command): Command {
  return command
    .option("--data-dir <dir>", "data folder (default: $CUSTOS_DATA_DIR or ./data)")
    .option("--config <file>", "JSON config file (default: $CUSTOS_CONFIG, else <data-dir>/custos.json)")
    .option("--port <port>", "KMIP port, overriding the configuration (0: any free port)", intArg(0, 65535))
    .option("--host <address>", "address to listen on, overriding the configuration")
    .option("--workers <n>", "server processes, overriding the configuration (see `workers`)", intArg(1, 256));
}

export function registerServe(program: Command, io: CliIo): void {
  serverOptions(program.command("serve").description("run the KMIP server (stop with Ctrl+C)")).action(
    async (options: ServeOptions) => {
      await serve(io, await serveConfig(io, options));
    },
  );
}
