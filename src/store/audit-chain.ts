import { createHash } from "node:crypto";

/**
 * The audit hash chain. Records with the same object id form one chain (records
 * without an object id form the chain keyed ""), so writers on different objects
 * never wait for one another:
 *
 *   hash = sha256hex(prevHash || canonicalJson({ action, actor, at, details, objectId }))
 *
 * `details` is stored as canonical JSON text and hashed verbatim.
 * `seq` is deliberately outside the hash (it comes from a sequence and is not known
 * before the insert); chain order is seq order within a chain, which the chain head
 * row lock guarantees.
 */

/** prevHash of the first record of every chain. */
export const GENESIS_HASH = "0".repeat(64);

/** The chain a record belongs to. */
export function chainKey(objectId: string | null): string {
  return objectId ?? "";
}

export interface ChainedFields {
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly objectId: string | null;
  /** The details exactly as stored: canonical JSON text. */
  readonly detailsJson: string;
}

/** Hashes the canonical JSON of the record, with the stored details text spliced in verbatim. */
export function auditHash(prevHash: string, record: ChainedFields): string {
  const body =
    `{"action":${JSON.stringify(record.action)},"actor":${JSON.stringify(record.actor)},` +
    `"at":${JSON.stringify(record.at)},"details":${record.detailsJson},"objectId":${JSON.stringify(record.objectId)}}`;
  return createHash("sha256").update(prevHash, "utf8").update(body, "utf8").digest("hex");
}

/**
 * JSON with object keys sorted (recursively) and no whitespace, so equal values give
 * equal text. `undefined` members are dropped as JSON.stringify does; bigints are
 * written as decimal strings.
 */
export function canonicalJson(value: unknown): string {
  if (value !== null && typeof value === "object" && typeof (value as { toJSON?: unknown }).toJSON === "function") {
    return canonicalJson((value as { toJSON(): unknown }).toJSON());
  }
  if (value === null || typeof value !== "object") {
    if (typeof value === "bigint") return JSON.stringify(value.toString());
    return JSON.stringify(value) ?? "null";
  }
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(",")}]`;
  const record = value as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(record).sort()) {
    const member = record[key];
    if (member === undefined || typeof member === "function" || typeof member === "symbol") continue;
    parts.push(`${JSON.stringify(key)}:${canonicalJson(member)}`);
  }
  return `{${parts.join(",")}}`;
}

/** One stored record, as read back for verification. */
export interface ChainRecord extends ChainedFields {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

/**
 * Checks records fed in ascending seq order, remembering the last hash of every chain.
 * `check` returns false for the first record that does not link to its chain or whose
 * hash does not match its content.
 */
export class ChainVerifier {
  readonly #heads = new Map<string, { seq: number; hash: string }>();

  check(record: ChainRecord): boolean {
    const key = chainKey(record.objectId);
    const expectedPrev = this.#heads.get(key)?.hash ?? GENESIS_HASH;
    if (record.prevHash !== expectedPrev) return false;
    if (auditHash(record.prevHash, record) !== record.hash) return false;
    this.#heads.set(key, { seq: record.seq, hash: record.hash });
    return true;
  }

  /** The last record seen of a chain, to compare with the stored chain head. */
  head(chain: string): { seq: number; hash: string } | undefined {
    return this.#heads.get(chain);
  }
}
