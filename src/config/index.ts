export { CONFIG_FILE_ENV, envVarName } from "./env.js";
export { ConfigError, type ConfigIssue, type ConfigIssueKind, formatConfigIssue } from "./errors.js";
export { DATA_DIR_CONFIG_FILE } from "./file.js";
export { defaultConfig, type LoadConfigOptions, loadConfig } from "./load.js";
export type {
  CustosConfig,
  KmipConfig,
  LogConfig,
  LogLevel,
  PostgresStoreConfig,
  SqliteStoreConfig,
  StoreConfig,
  StoreKind,
  TlsMinVersion,
} from "./schema.js";
