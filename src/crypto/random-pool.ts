import { randomBytes, randomFillSync } from "node:crypto";

/**
 * Bytes taken from node's CSPRNG at once. Each randomBytes call costs a fixed ~5 µs here (job
 * set-up and the RNG's per-call checks), however few bytes it returns, and a server-generated
 * IV is 12 bytes: one fill of 4 KiB (~7 µs) serves ~340 of them.
 */
export const RANDOM_POOL_BYTES = 4096;
/** Larger requests go straight to randomBytes: the per-call cost no longer dominates. */
export const RANDOM_POOL_MAX_TAKE = 256;

/**
 * Small random values (IVs, nonces, salts, correlation values) cut from one CSPRNG buffer, as
 * node's randomUUID does. Every byte is handed out at most once: a take returns a copy of the
 * next unused bytes and zeroes them in the pool, so a secret value (an ECDSA nonce, a PSS salt)
 * does not stay in memory beyond its caller's copy; the pool is refilled when it runs short.
 * Not shared across processes (no fork in node). One instance per process is enough.
 */
export class RandomPool {
  readonly #pool: Buffer;
  #pos: number;

  /** `fill` overwrites its argument with CSPRNG output; replaceable for tests only. */
  constructor(
    size: number = RANDOM_POOL_BYTES,
    private readonly fill: (pool: Buffer) => void = randomFillSync,
  ) {
    if (!Number.isSafeInteger(size) || size < RANDOM_POOL_MAX_TAKE) {
      throw new RangeError(`a random pool holds at least ${RANDOM_POOL_MAX_TAKE} bytes`);
    }
    this.#pool = Buffer.alloc(size);
    this.#pos = size; // empty: filled on first use
  }

  /** `n` fresh random bytes. */
  take(n: number): Buffer {
    if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`cannot take ${n} random bytes`);
    if (n > RANDOM_POOL_MAX_TAKE) return randomBytes(n);
    if (this.#pos + n > this.#pool.length) {
      this.fill(this.#pool);
      this.#pos = 0;
    }
    const pool = this.#pool;
    const start = this.#pos;
    this.#pos += n;
    // Its own memory (not a slice of node's shared Buffer pool): key bytes live here.
    const out = Buffer.alloc(n);
    // A byte loop: for the few bytes taken here it beats Buffer#copy and #fill (argument checks).
    for (let i = 0; i < n; i++) {
      out[i] = pool[start + i]!;
      pool[start + i] = 0;
    }
    return out;
  }
}

const shared = new RandomPool();

/** `n` fresh random bytes from this process's pool (see RandomPool). */
export function poolRandomBytes(n: number): Buffer {
  return shared.take(n);
}
