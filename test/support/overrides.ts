/** `target` with some methods replaced; the others are its own, bound to it (a store or transaction that misbehaves on cue). */
export function withOverrides<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(t, p) {
      if (p in overrides) return overrides[p as keyof T];
      const v: unknown = Reflect.get(t, p, t);
      return typeof v === "function" ? v.bind(t) : v;
    },
  });
}
