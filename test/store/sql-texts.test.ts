import { describe, expect, it } from "vitest";
import { placeholders, SqlTexts, valuesList } from "../../src/store/sql-texts.js";

describe("SqlTexts", () => {
  it("keeps ? placeholders for SQLite and numbers them for PostgreSQL", () => {
    const text = "update t set a = ?, b = ? where id = ?";
    expect(new SqlTexts("sqlite").get("k", () => text)).toBe(text);
    expect(new SqlTexts("postgres").get("k", () => text)).toBe("update t set a = $1, b = $2 where id = $3");
  });

  it("builds a shape once and serves it from the cache after", () => {
    const texts = new SqlTexts("postgres");
    let builds = 0;
    const build = () => {
      builds++;
      return `insert into t values ${valuesList(2, 2)}`;
    };
    expect(texts.get("insert:2", build)).toBe("insert into t values ($1, $2), ($3, $4)");
    expect(texts.get("insert:2", build)).toBe("insert into t values ($1, $2), ($3, $4)");
    expect(builds).toBe(1);
    expect(placeholders(3)).toBe("?, ?, ?");
  });
});
