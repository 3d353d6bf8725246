/**
 * Every custos setting, its type, default and documentation, in one declarative list.
 * The loader (defaults, validation, environment variable names) and the reference table
 * in docs/configuration.md are both derived from `SETTINGS`; `CustosConfig` is the typed,
 * frozen shape the rest of the server receives.
 */
import { resolve } from "node:path";
import { filePath, host, integer, oneOf, postgresUrl, stringList, type ValueType } from "./value-types.js";

export const TLS_VERSIONS = ["TLSv1.2", "TLSv1.3"] as const;
export type TlsMinVersion = (typeof TLS_VERSIONS)[number];

export const STORE_KINDS = ["sqlite", "postgres"] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

/** pino's level names; "silent" turns logging off. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The KMIP listener: TTLV over mutual TLS (KMIP 1.4 Profiles §3.1, port 5696). */
export interface KmipConfig {
  readonly host: string;
  readonly port: number;
  readonly tlsMinVersion: TlsMinVersion;
  /** Server certificate chain (PEM). */
  readonly certFile: string;
  /** Server private key (PEM). */
  readonly keyFile: string;
  /** CA certificates (PEM) that client certificates must chain to. */
  readonly caFile: string;
  readonly maxConnections: number;
  readonly maxConnectionsPerIdentity: number;
  readonly idleTimeoutMs: number;
  readonly handshakeTimeoutMs: number;
  readonly maxMessageBytes: number;
  readonly maxDepth: number;
  readonly maxItems: number;
  readonly maxBatchItems: number;
}

export interface SqliteStoreConfig {
  readonly kind: "sqlite";
  readonly path: string;
}

export interface PostgresStoreConfig {
  readonly kind: "postgres";
  readonly url: string;
  readonly poolSize: number;
}

export type StoreConfig = SqliteStoreConfig | PostgresStoreConfig;

export interface LogConfig {
  readonly level: LogLevel;
}

/** The whole configuration: every field present, every path absolute, deeply frozen. */
export interface CustosConfig {
  readonly dataDir: string;
  readonly kmip: KmipConfig;
  readonly store: StoreConfig;
  readonly masterKeyFile: string;
  /** Identities (client certificate CN, see src/server/tls-identity.ts) allowed to act on all objects. */
  readonly admins: readonly string[];
  readonly log: LogConfig;
  /** Server processes sharing the listeners and the store (src/cluster); 1 runs in this process. */
  readonly workers: number;
}

/** What a computed default may depend on. */
export interface DefaultContext {
  /** Directory relative paths resolve against when nothing else applies. */
  readonly cwd: string;
  /** The resolved (absolute) data directory; "" while dataDir itself is being defaulted. */
  readonly dataDir: string;
}

/** One leaf setting. */
export interface Setting<T> {
  /** Dotted path in the config object ("kmip.port"). */
  readonly path: string;
  readonly type: ValueType<T>;
  /** A fixed value or one computed from the context; absent means the setting must be given. */
  readonly default?: T | ((ctx: DefaultContext) => T);
  /** How the default reads in the docs when it is computed. */
  readonly docDefault?: string;
  readonly description: string;
  /** The setting exists only when another (enumerated) setting has this value. */
  readonly when?: { readonly path: string; readonly equals: string };
  /** Never echo the value (it may hold a password). */
  readonly secret?: boolean;
}

/** Erases a setting's value type so settings of different types share one list. */
function setting<T>(s: Setting<T>): Setting<unknown> {
  return s as Setting<unknown>;
}

/** A path default inside the data directory. */
function inDataDir(relative: string): Pick<Setting<string>, "default" | "docDefault"> {
  return { default: (ctx) => resolve(ctx.dataDir, relative), docDefault: `<dataDir>/${relative}` };
}

const SQLITE = { path: "store.kind", equals: "sqlite" } as const;
const POSTGRES = { path: "store.kind", equals: "postgres" } as const;

/** Every setting, in resolution order (dataDir first: other defaults depend on it). */
export const SETTINGS: readonly Setting<unknown>[] = Object.freeze([
  setting({
    path: "dataDir",
    type: filePath,
    default: (ctx) => resolve(ctx.cwd, "data"),
    docDefault: "./data",
    description:
      "Data folder: PKI files, SQLite database, master key and an optional custos.json. Created mode 0700 by `custos init`.",
  }),
  setting({
    path: "kmip.host",
    type: host,
    default: "127.0.0.1",
    description: "Address the KMIP listener binds. Use 0.0.0.0 or :: to serve other machines.",
  }),
  setting({
    path: "kmip.port",
    type: integer(1, 65535),
    default: 5696,
    description: "KMIP listener port (IANA 5696).",
  }),
  setting({
    path: "kmip.tlsMinVersion",
    type: oneOf(TLS_VERSIONS),
    default: "TLSv1.2",
    description: "Lowest TLS version accepted; older versions are refused.",
  }),
  setting({
    path: "kmip.certFile",
    type: filePath,
    ...inDataDir("pki/server.crt"),
    description: "Server certificate (PEM, chain allowed).",
  }),
  setting({
    path: "kmip.keyFile",
    type: filePath,
    ...inDataDir("pki/server.key"),
    description: "Server private key (PEM).",
  }),
  setting({
    path: "kmip.caFile",
    type: filePath,
    ...inDataDir("pki/ca.crt"),
    description: "CA certificates (PEM) that client certificates must chain to.",
  }),
  setting({
    path: "kmip.maxConnections",
    type: integer(1, 1_000_000),
    default: 1024,
    description: "Concurrent connections; more are refused (bounds sockets and memory held by idle clients).",
  }),
  setting({
    path: "kmip.maxConnectionsPerIdentity",
    type: integer(1, 1_000_000),
    default: 64,
    description:
      "Concurrent connections of one client identity; more are closed after the handshake (one client cannot take every connection, nor the memory they may buffer).",
  }),
  setting({
    path: "kmip.idleTimeoutMs",
    type: integer(1000, 86_400_000),
    default: 120_000,
    description: "A connection with no complete request for this long is closed (slow-loris defence).",
  }),
  setting({
    path: "kmip.handshakeTimeoutMs",
    type: integer(100, 600_000),
    default: 10_000,
    description: "A TLS handshake not finished within this time is dropped.",
  }),
  setting({
    path: "kmip.maxMessageBytes",
    type: integer(1024, 1_073_741_824),
    default: 4_194_304,
    description: "Largest TTLV message accepted, header included; larger declared lengths close the connection.",
  }),
  setting({
    path: "kmip.maxDepth",
    type: integer(1, 1024),
    default: 32,
    description: "Deepest Structure nesting decoded (stack-exhaustion defence).",
  }),
  setting({
    path: "kmip.maxItems",
    type: integer(1, 100_000_000),
    default: 100_000,
    description: "Most TTLV items decoded from one message (allocation-amplification defence).",
  }),
  setting({
    path: "kmip.maxBatchItems",
    type: integer(1, 10_000),
    default: 64,
    description: "Most Batch Items in one request message.",
  }),
  setting({
    path: "store.kind",
    type: oneOf(STORE_KINDS),
    default: "sqlite",
    description:
      "Database: embedded SQLite file or a shared PostgreSQL. Setting `store.url` implies `postgres`, `store.path` implies `sqlite`.",
  }),
  setting({
    path: "store.path",
    type: filePath,
    ...inDataDir("custos.db"),
    when: SQLITE,
    description: "SQLite database file.",
  }),
  setting({
    path: "store.url",
    type: postgresUrl,
    when: POSTGRES,
    secret: true,
    description: "PostgreSQL connection URL, e.g. postgres://custos:secret@db:5432/custos.",
  }),
  setting({
    path: "store.poolSize",
    type: integer(1, 1000),
    default: 10,
    when: POSTGRES,
    description: "PostgreSQL connections per custos node.",
  }),
  setting({
    path: "masterKeyFile",
    type: filePath,
    ...inDataDir("master.key"),
    description:
      "Master key that seals key material at rest; created (mode 0600) by `custos init`, or on first start if missing.",
  }),
  setting({
    path: "admins",
    type: stringList,
    default: [],
    description:
      'Client identities (certificate CN, else first SAN) allowed to act on every object. `custos init` writes `["admin"]` into the data folder\'s custos.json.',
  }),
  setting({
    path: "workers",
    type: integer(1, 256),
    default: 1,
    description:
      "Server processes. Above 1, a primary process forks this many workers that share the KMIP port and the store (SQLite file or PostgreSQL) and replaces a worker that dies; set it to the number of CPU cores to use them all.",
  }),
  setting({
    path: "log.level",
    type: oneOf(LOG_LEVELS),
    default: "info",
    description: "pino log level.",
  }),
]);

/** The setting at a dotted path, if any. */
export function findSetting(path: string): Setting<unknown> | undefined {
  return SETTINGS.find((s) => s.path === path);
}

/** Dotted paths of the groups (objects) that hold settings: "kmip", "store", "log". */
export function settingGroups(): readonly string[] {
  const groups = new Set<string>();
  for (const s of SETTINGS) {
    const parts = s.path.split(".");
    for (let i = 1; i < parts.length; i++) groups.add(parts.slice(0, i).join("."));
  }
  return [...groups];
}
