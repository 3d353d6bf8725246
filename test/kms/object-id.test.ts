import { describe, expect, it } from "vitest";
import { newObjectId } from "../../src/kms/object-id.js";

describe("newObjectId", () => {
  it("is a version 7 UUID carrying the creation time in milliseconds", () => {
    const at = Date.UTC(2026, 10, 23, 3, 30, 0, 123);
    const id = newObjectId(at);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
  });

  it("sorts by creation time, and ids of the same millisecond differ", () => {
    const earlier = newObjectId(1_000_000);
    const later = newObjectId(1_000_001);
    expect(earlier < later).toBe(true);
    const same = new Set(Array.from({ length: 1000 }, () => newObjectId(5)));
    expect(same.size).toBe(1000);
  });
});
