import { randomUUID } from "node:crypto";

/**
 * A new Unique Identifier: a UUID version 7 (RFC 9562 §5.7), i.e. the creation time in
 * milliseconds followed by 74 random bits. Ids made later sort later, so every index keyed
 * by object id (the objects table, the attribute index, the audit chains) grows at its end:
 * a batch of new objects shares a few b-tree pages instead of touching one random page per
 * object and index, which is most of what a commit writes. The random part comes from
 * node's CSPRNG, as randomUUID does; the clock only orders ids, it is not relied on for
 * uniqueness.
 */
export function newObjectId(nowMs: number = Date.now()): string {
  const time = Math.max(0, Math.trunc(nowMs)).toString(16).padStart(12, "0").slice(-12);
  // randomUUID(): xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx; keep its variant and random tail.
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}
