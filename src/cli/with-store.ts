import { MasterKey } from "../store/master-key.js";
import { openStore } from "../store/open-store.js";
import type { Store } from "../store/store.js";
import { type ConfigOptions, loadCliConfig } from "./commands/init.js";
import type { CliIo } from "./io.js";

/** Opens the store of the configured data folder for `fn`, and closes it after. */
export async function withStore<T>(io: CliIo, options: ConfigOptions, fn: (store: Store) => Promise<T>): Promise<T> {
  const config = await loadCliConfig(io, options);
  const store = await openStore(config.store, await MasterKey.loadOrCreate(config.masterKeyFile));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
