/** Calls `fn` for about `ms` milliseconds after a short warm-up and returns calls per second. */
export function opsPerSecond(fn: () => unknown, ms: number, warmupCalls = 2_000): number {
  for (let i = 0; i < warmupCalls; i++) fn();
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 200; i++) fn();
    calls += 200;
    elapsed = performance.now() - start;
  }
  return (calls * 1000) / elapsed;
}
