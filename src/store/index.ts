/** The storage layer's public surface: everything above src/store imports from here. */
export { MasterKeyError, MasterKeyErrorCode, StoreError, StoreErrorCode } from "./errors.js";
export { MASTER_KEY_LENGTH, MasterKey } from "./master-key.js";
export { type OpenStoreOptions, openStore, type StoreConfig } from "./open-store.js";
export * from "./store.js";
