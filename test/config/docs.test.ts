import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { renderSettingsTable, TABLE_END, TABLE_START } from "../../src/config/docs.js";
import { envVarName } from "../../src/config/env.js";
import { SETTINGS } from "../../src/config/schema.js";

const DOC = new URL("../../docs/configuration.md", import.meta.url);

describe("docs/configuration.md", () => {
  it("lists every setting and its environment variable", async () => {
    const doc = await readFile(DOC, "utf8");
    for (const s of SETTINGS) {
      expect(doc, s.path).toContain(`| \`${s.path}\` | \`${envVarName(s.path)}\` |`);
    }
  });

  it("holds exactly the table generated from the schema (regenerate it from renderSettingsTable())", async () => {
    const doc = await readFile(DOC, "utf8");
    const start = doc.indexOf(TABLE_START);
    const end = doc.indexOf(TABLE_END);
    expect(start).toBeGreaterThan(-1);
    expect(end).toBeGreaterThan(start);
    expect(doc.slice(start + TABLE_START.length, end).trim()).toBe(renderSettingsTable());
  });
});

describe("envVarName", () => {
  it("derives the name mechanically from the path", () => {
    expect(envVarName("dataDir")).toBe("CUSTOS_DATA_DIR");
    expect(envVarName("kmip.maxMessageBytes")).toBe("CUSTOS_KMIP_MAX_MESSAGE_BYTES");
    expect(envVarName("store.url")).toBe("CUSTOS_STORE_URL");
    expect(envVarName("masterKeyFile")).toBe("CUSTOS_MASTER_KEY_FILE");
    expect(envVarName("kmip.tlsMinVersion")).toBe("CUSTOS_KMIP_TLS_MIN_VERSION");
  });

  it("gives every setting a distinct variable", () => {
    const names = SETTINGS.map((s) => envVarName(s.path));
    expect(new Set(names).size).toBe(names.length);
  });
});
