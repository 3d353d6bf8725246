/**
 * A throwaway PostgreSQL database for one benchmark run: created with a random name
 * (custos_bench_<hex>) through the maintenance database, dropped (WITH FORCE) afterwards.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";

export const DEFAULT_PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres";

export interface ScratchDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

async function adminQuery(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export async function createScratchDatabase(adminUrl = DEFAULT_PG_ADMIN_URL): Promise<ScratchDatabase> {
  // Only [0-9a-f] after a fixed prefix: safe to splice into DDL.
  const name = `custos_bench_${randomBytes(6).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}
