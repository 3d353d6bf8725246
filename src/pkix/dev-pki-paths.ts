/**
 * Where `custos init` puts the development PKI inside the data folder. The config
 * defaults (kmip.certFile, kmip.keyFile, kmip.caFile) point at the same files.
 */
import { join } from "node:path";

export interface DevPkiPaths {
  readonly dataDir: string;
  readonly pkiDir: string;
  readonly caCert: string;
  readonly caKey: string;
  readonly serverCert: string;
  readonly serverKey: string;
  /** Client certificate of the administrator identity (CN=<clientName>, default "admin"). */
  readonly adminCert: string;
  readonly adminKey: string;
  /** A second, unprivileged client identity (CN=user), handy for ownership tests. */
  readonly userCert: string;
  readonly userKey: string;
  /** The data folder's config file, holding `admins`. */
  readonly config: string;
}

export function devPkiPaths(dataDir: string): DevPkiPaths {
  const pkiDir = join(dataDir, "pki");
  return {
    dataDir,
    pkiDir,
    caCert: join(pkiDir, "ca.crt"),
    caKey: join(pkiDir, "ca.key"),
    serverCert: join(pkiDir, "server.crt"),
    serverKey: join(pkiDir, "server.key"),
    adminCert: join(pkiDir, "client-admin.crt"),
    adminKey: join(pkiDir, "client-admin.key"),
    userCert: join(pkiDir, "client-user.crt"),
    userKey: join(pkiDir, "client-user.key"),
    config: join(dataDir, "custos.json"),
  };
}
