import { type Logger, pino } from "pino";
import type { CustosConfig } from "./config/schema.js";
import { KmipProcessor } from "./kms/processor.js";
import { RotationScheduler } from "./kms/rotation/scheduler.js";
import { type KmipServer, startKmipServer } from "./server/kmip-server.js";
import { MasterKey } from "./store/master-key.js";
import { openStore } from "./store/open-store.js";
import type { Store } from "./store/store.js";

export interface RunningCustos {
  readonly config: CustosConfig;
  readonly store: Store;
  readonly kmip: KmipServer;
  readonly logger: Logger;
  stop(): Promise<void>;
}

/** The one place that wires config -> master key -> store -> services -> servers. */
export interface StartOptions {
  readonly logger?: Logger;
  /** Run the automatic-rotation scheduler here (default true; a cluster runs it in one worker). */
  readonly rotation?: boolean;
}

export async function startCustos(config: CustosConfig, options: StartOptions = {}): Promise<RunningCustos> {
  const logger = options.logger ?? pino({ level: config.log.level, base: { service: "custos" } });
  const masterKey = await MasterKey.loadOrCreate(config.masterKeyFile);
  const store = await openStore(config.store, masterKey);
  try {
    const processor = new KmipProcessor({
      store,
      admins: config.admins,
      maxBatchItems: config.kmip.maxBatchItems,
      onInternalError: (err) => logger.error({ err }, "kmip: internal error"),
    });
    const kmip = await startKmipServer(config.kmip, processor, logger);
    const rotation = new RotationScheduler({
      store,
      onError: (objectId, err) => logger.error({ err, objectId }, "rotation: failed"),
    });
    if (options.rotation ?? true) rotation.start();
    let stopping: Promise<void> | undefined;
    return {
      config,
      store,
      kmip,
      logger,
      /** Stops listening, then closes the store once queued commits are durable; safe to call twice. */
      stop: () => {
        stopping ??= kmip
          .close()
          .then(() => rotation.stop())
          .then(() => store.close());
        return stopping;
      },
    };
  } catch (err) {
    await store.close();
    throw err;
  }
}
