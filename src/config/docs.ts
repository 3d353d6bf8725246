/**
 * The settings reference table of docs/configuration.md, rendered from `SETTINGS`.
 * A test checks the document holds exactly this table, so the docs cannot drift.
 */
import { envVarName } from "./env.js";
import { SETTINGS, type Setting } from "./schema.js";

/** Markers around the generated table in docs/configuration.md. */
export const TABLE_START = "<!-- settings-table:start (generated from src/config/schema.ts) -->";
export const TABLE_END = "<!-- settings-table:end -->";

export function renderSettingsTable(): string {
  const rows = SETTINGS.map((s) =>
    [
      `\`${s.path}\``,
      `\`${envVarName(s.path)}\``,
      escapeCell(s.type.docType),
      defaultText(s),
      escapeCell(
        s.description + (s.when === undefined ? "" : ` Only when \`${s.when.path}\` is \`${s.when.equals}\`.`),
      ),
    ].join(" | "),
  );
  return [
    "| Setting | Environment variable | Type | Default | Description |",
    "| --- | --- | --- | --- | --- |",
    ...rows.map((row) => `| ${row} |`),
  ].join("\n");
}

function defaultText(s: Setting<unknown>): string {
  if (s.docDefault !== undefined) return `\`${s.docDefault}\``;
  if (s.default === undefined || typeof s.default === "function") return "(required)";
  return `\`${escapeCell(s.type.format(s.default))}\``;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|");
}
