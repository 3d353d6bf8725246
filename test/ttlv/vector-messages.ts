/**
 * Every RequestMessage and ResponseMessage of the OASIS vector files as
 * concrete XML text: each `$`-placeholder is replaced by a synthetic value of
 * its type, so the plain XML codec (which refuses placeholders) can read it.
 * Shared by the XML, JSON and binary round-trip tests.
 */
import { readdirSync, readFileSync } from "node:fs";
import { ItemType } from "../../src/ttlv/item.js";
import { type LeafType, syntheticValueText } from "../conformance/vectors.js";
import { vectorRoot } from "../support/vector-root.js";

export function vectorFilePaths(): string[] {
  const out: string[] = [];
  for (const version of ["v1.4", "v2.1"]) {
    for (const profile of ["mandatory", "optional"]) {
      const dir = `${vectorRoot}/${version}/XML/${profile}`;
      for (const f of readdirSync(dir).sort()) if (f.endsWith(".xml")) out.push(`${dir}/${f}`);
    }
  }
  return out;
}

const placeholderAttr = /type="(\w+)" value="\$([A-Z][A-Z0-9_]*)([+-][0-9]+)?"/g;

/** The file's text with every placeholder replaced by {@link syntheticValueText}. */
export function concreteVectorText(path: string): string {
  return readFileSync(path, "utf8").replace(placeholderAttr, (_all, type: string, name: string, off?: string) => {
    const itemType = ItemType[type as keyof typeof ItemType] as LeafType;
    const value = syntheticValueText(
      { kind: "placeholder", name: `$${name}`, offsetSeconds: off === undefined ? 0 : Number(off) },
      itemType,
    );
    return `type="${type}" value="${value}"`;
  });
}
