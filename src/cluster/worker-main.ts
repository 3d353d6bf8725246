/**
 * Entry point of a custos worker process (forked by ./primary.ts). It waits for its
 * configuration from the primary, runs a whole custos node (KMIP listener on the shared
 * port, its own store connection), reports "listening", and stops when the primary says
 * so or goes away. Shutdown signals are the primary's to handle: Ctrl+C reaches every
 * process of the group, and a worker that stopped by itself would look like a crash.
 */
import { pino } from "pino";
import { type RunningCustos, startCustos } from "../main.js";
import { isToWorker, type ToPrimary } from "./messages.js";

let running: RunningCustos | undefined;
let stopping: Promise<void> | undefined;

function send(message: ToPrimary): void {
  process.send?.(message);
}

function stop(code: number): Promise<void> {
  stopping ??= (running?.stop() ?? Promise.resolve()).finally(() => process.exit(code));
  return stopping;
}

process.on("SIGINT", () => {});
process.on("SIGTERM", () => {});
process.on("disconnect", () => void stop(0));
process.on("message", (message: unknown) => {
  if (!isToWorker(message)) return;
  if (message.type === "stop") {
    void stop(0);
    return;
  }
  const { config, index } = message;
  const logger = pino({ level: config.log.level, base: { service: "custos", worker: index } });
  // One scheduler is enough: rotations are exactly-once across nodes anyway, this saves the scans.
  startCustos(config, { logger, rotation: index === 0 }).then(
    (r) => {
      running = r;
      send({ type: "listening", host: r.kmip.host, port: r.kmip.port });
    },
    (err: unknown) => {
      const reason =
        (err as NodeJS.ErrnoException).code === "EADDRINUSE"
          ? "address already in use"
          : ((err as Error).message ?? String(err));
      send({ type: "failed", message: reason });
      void stop(1);
    },
  );
});
send({ type: "ready" });
