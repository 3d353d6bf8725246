/**
 * `custos init`: prepares a data folder for development and tests. It creates, when
 * absent, the folder (mode 0700), a CA, a server certificate for localhost, two client
 * identities ("admin", listed in `admins`, and an unprivileged "user"), and a
 * custos.json naming the admin. Idempotent: existing files are kept unless `force`.
 * The master key is not created here (the store creates it on first start).
 */
import { chmod, mkdir, readFile } from "node:fs/promises";
import { isIP } from "node:net";
import { pathExists, writeFileAtomic } from "./atomic-file.js";
import { createDevCa, type DevAuthority, issueDevLeaf, loadDevAuthority, type PemPair } from "./dev-certificates.js";
import { type DevPkiPaths, devPkiPaths } from "./dev-pki-paths.js";

export interface InitOptions {
  /** Extra names for the server certificate's subjectAltName (IP literals or DNS names). */
  readonly hosts?: readonly string[];
  /** Common Name of the administrator client certificate; default "admin". */
  readonly clientName?: string;
  /** Regenerate and overwrite every file init writes. */
  readonly force?: boolean;
  /** Issue time (tests); default now. */
  readonly now?: Date;
}

export type InitRole = keyof DevPkiPaths;

export interface InitEntry {
  readonly role: InitRole;
  readonly path: string;
  /** The file or folder was there before. */
  readonly existed: boolean;
  /** This call wrote it (new, or replaced with `force`). */
  readonly written: boolean;
}

export interface InitResult {
  readonly paths: DevPkiPaths;
  /** One entry per folder and file, in creation order. */
  readonly entries: readonly InitEntry[];
  /** The identity of the admin client certificate, as `identityFromCertificate` derives it. */
  readonly adminIdentity: string;
}

/** The data folder is in a state init will not repair without `force`. */
export class DevPkiError extends Error {
  readonly code = "CUSTOS_DEV_PKI_INCOMPLETE";

  constructor(message: string) {
    super(message);
    this.name = "DevPkiError";
  }
}

/** Default CN of the administrator client certificate. */
export const DEFAULT_ADMIN_NAME = "admin";
/** CN of the second, unprivileged client certificate. */
export const USER_NAME = "user";
const CA_NAME = "custos development CA";
/** Names always in the server certificate. */
const LOCAL_HOSTS = ["localhost", "127.0.0.1", "::1"] as const;

const PRIVATE_FILE = 0o600;
const PUBLIC_FILE = 0o644;
const PRIVATE_DIR = 0o700;

type Pair = "ca" | "server" | "admin" | "user";
const PAIRS: Readonly<Record<Pair, readonly [InitRole, InitRole]>> = {
  ca: ["caCert", "caKey"],
  server: ["serverCert", "serverKey"],
  admin: ["adminCert", "adminKey"],
  user: ["userCert", "userKey"],
};

export async function initDataDir(dataDir: string, options: InitOptions = {}): Promise<InitResult> {
  const paths = devPkiPaths(dataDir);
  const force = options.force ?? false;
  const now = options.now ?? new Date();
  const adminName = options.clientName ?? DEFAULT_ADMIN_NAME;
  checkName("clientName", adminName);
  if (adminName === USER_NAME)
    throw new DevPkiError(`clientName must differ from "${USER_NAME}" (the second identity)`);
  const serverHosts = [...new Set([...LOCAL_HOSTS, ...(options.hosts ?? [])])];
  for (const h of serverHosts) checkHost(h);

  const entries: InitEntry[] = [];
  for (const role of ["dataDir", "pkiDir"] as const) entries.push(await ensureDir(role, paths[role]));

  const present = new Map<InitRole, boolean>();
  for (const [cert, key] of Object.values(PAIRS)) {
    present.set(cert, await pathExists(paths[cert]));
    present.set(key, await pathExists(paths[key]));
  }
  const isComplete = (pair: Pair): boolean => PAIRS[pair].every((role) => present.get(role));
  const isEmpty = (pair: Pair): boolean => PAIRS[pair].every((role) => !present.get(role));
  if (!force) {
    for (const pair of Object.keys(PAIRS) as Pair[]) {
      if (!isComplete(pair) && !isEmpty(pair)) {
        const [there, missing] = present.get(PAIRS[pair][0]) ? PAIRS[pair] : [PAIRS[pair][1], PAIRS[pair][0]];
        throw new DevPkiError(`${paths[there]} exists but ${paths[missing]} is missing; restore it or use force`);
      }
    }
    if (isEmpty("ca")) {
      const orphan = (["server", "admin", "user"] as const).find((pair) => !isEmpty(pair));
      if (orphan !== undefined) {
        throw new DevPkiError(
          `${paths[PAIRS[orphan][0]]} exists but the CA that signed it is missing; restore ${paths.caKey} or use force`,
        );
      }
    }
  }

  let authority: DevAuthority;
  if (force || isEmpty("ca")) {
    const ca = await createDevCa(CA_NAME, now);
    authority = ca.authority;
    entries.push(...(await writePair("ca", ca.pem)));
  } else {
    authority = await loadDevAuthority(await readFile(paths.caCert, "utf8"), await readFile(paths.caKey, "utf8"));
    entries.push(...kept("ca"));
  }

  const leaves: ReadonlyArray<readonly [Pair, Parameters<typeof issueDevLeaf>[1]]> = [
    ["server", { commonName: options.hosts?.[0] ?? "localhost", usage: "server", hosts: serverHosts }],
    ["admin", { commonName: adminName, usage: "client" }],
    ["user", { commonName: USER_NAME, usage: "client" }],
  ];
  for (const [pair, profile] of leaves) {
    if (force || isEmpty(pair)) entries.push(...(await writePair(pair, await issueDevLeaf(authority, profile, now))));
    else entries.push(...kept(pair));
  }

  const configExisted = await pathExists(paths.config);
  if (force || !configExisted) {
    const json = `${JSON.stringify({ admins: [adminName] }, null, 2)}\n`;
    await writeFileAtomic(paths.config, json, { mode: PRIVATE_FILE, overwrite: force });
  }
  entries.push({ role: "config", path: paths.config, existed: configExisted, written: force || !configExisted });

  return { paths, entries, adminIdentity: adminName };

  async function writePair(pair: Pair, pem: PemPair): Promise<InitEntry[]> {
    const [certRole, keyRole] = PAIRS[pair];
    // Key first: a crash in between leaves a key without certificate, which the next run reports.
    await writeFileAtomic(paths[keyRole], pem.keyPem, { mode: PRIVATE_FILE, overwrite: force });
    await writeFileAtomic(paths[certRole], pem.certPem, { mode: PUBLIC_FILE, overwrite: force });
    return [certRole, keyRole].map((role) => ({
      role,
      path: paths[role],
      existed: present.get(role) ?? false,
      written: true,
    }));
  }

  function kept(pair: Pair): InitEntry[] {
    return PAIRS[pair].map((role) => ({ role, path: paths[role], existed: true, written: false }));
  }
}

async function ensureDir(role: InitRole, path: string): Promise<InitEntry> {
  const existed = await pathExists(path);
  if (!existed) {
    await mkdir(path, { recursive: true, mode: PRIVATE_DIR });
    await chmod(path, PRIVATE_DIR);
  }
  return { role, path, existed, written: !existed };
}

function checkName(what: string, name: string): void {
  if (name.trim() === "" || name.length > 64)
    throw new DevPkiError(`${what} must be 1-64 characters, got ${JSON.stringify(name)}`);
}

/** A subjectAltName entry: an IP literal or a DNS name (RFC 1123 labels, optional leading "*."). */
function checkHost(host: string): void {
  const dns = /^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
  if (isIP(host) === 0 && !dns.test(host))
    throw new DevPkiError(`hosts: ${JSON.stringify(host)} is neither an IP address nor a DNS name`);
}
