import { describe, expect, it } from "vitest";
import { poolRandomBytes, RANDOM_POOL_MAX_TAKE, RandomPool } from "../../src/crypto/random-pool.js";

/** A fill that writes a recognisable pattern: fill number k puts k*1000 + i (mod 2^32) at word i. */
function patternFill() {
  const calls: number[] = [];
  const fill = (pool: Buffer): void => {
    const k = calls.length + 1;
    calls.push(pool.length);
    for (let i = 0; i + 4 <= pool.length; i += 4) pool.writeUInt32BE((k * 1000 + i / 4) >>> 0, i);
  };
  return { fill, calls };
}

describe("RandomPool", () => {
  it("hands out consecutive, never overlapping slices of one fill", () => {
    const { fill, calls } = patternFill();
    const pool = new RandomPool(256, fill);
    const a = pool.take(12);
    const b = pool.take(4);
    expect(calls).toEqual([256]);
    expect([...a]).toEqual([...Buffer.from("000003e8000003e9000003ea", "hex")]);
    expect([...b]).toEqual([...Buffer.from("000003eb", "hex")]);
  });

  it("refills when the rest is too short and never reuses the unused tail", () => {
    const { fill, calls } = patternFill();
    const pool = new RandomPool(256, fill);
    for (let i = 0; i < 21; i++) pool.take(12); // 252 bytes
    const next = pool.take(8); // 4 left: refill, start at 0
    expect(calls).toEqual([256, 256]);
    expect(next.readUInt32BE(0)).toBe(2000);
    expect(next.readUInt32BE(4)).toBe(2001);
  });

  it("returns copies, not views of the pool", () => {
    let kept: Buffer | undefined;
    const pool = new RandomPool(256, (p) => {
      p.fill(0xaa);
      kept = p;
    });
    const a = pool.take(16);
    a.fill(0x55);
    expect(kept?.subarray(0, 17).every((x) => x === 0 || x === 0xaa)).toBe(true);
    expect(pool.take(4).every((x) => x === 0xaa)).toBe(true);
  });

  it("zeroes what it handed out, so secret values do not stay in the pool", () => {
    let kept: Buffer | undefined;
    const pool = new RandomPool(256, (p) => {
      p.fill(0xaa);
      kept = p;
    });
    pool.take(40);
    expect(kept?.subarray(0, 40).every((x) => x === 0)).toBe(true);
    expect(kept?.subarray(40).every((x) => x === 0xaa)).toBe(true);
  });

  it("sends large requests straight to the CSPRNG without touching the pool", () => {
    const { fill, calls } = patternFill();
    const pool = new RandomPool(256, fill);
    const big = pool.take(RANDOM_POOL_MAX_TAKE + 1);
    expect(big.length).toBe(RANDOM_POOL_MAX_TAKE + 1);
    expect(calls).toEqual([]);
  });

  it("accepts zero and rejects bad sizes", () => {
    const pool = new RandomPool(256, patternFill().fill);
    expect(pool.take(0).length).toBe(0);
    expect(() => pool.take(-1)).toThrow(RangeError);
    expect(() => pool.take(1.5)).toThrow(RangeError);
    expect(() => new RandomPool(RANDOM_POOL_MAX_TAKE - 1)).toThrow(RangeError);
  });

  it("gives distinct values from the real CSPRNG across refills", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2000; i++) seen.add(poolRandomBytes(12).toString("hex")); // ~6 refills of 4 KiB
    expect(seen.size).toBe(2000);
  });
});

describe("poolRandomBytes memory", () => {
  it("hands out buffers that own their memory, not slices of node's shared pool", () => {
    const b = poolRandomBytes(32);
    expect(b.byteOffset).toBe(0);
    expect(b.buffer.byteLength).toBe(32);
  });
});
