import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { KmipTransport } from "../../src/client/kmip-transport.js";
import { Operation } from "../../src/ttlv/enums.js";
import { ItemType, type StructureItem } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";
import { vectorRoot } from "../support/vector-root.js";
import { defaultServerGenerated, matchResponse, type ServerGeneratedRule } from "./match-response.js";
import type { LeafValue, TemplateNode } from "./template.js";
import { instantiate, loadVectorFile, type VectorFile } from "./vectors.js";

export interface FileResult {
  readonly name: string;
  readonly steps: number;
  readonly passed: number;
  /** First failing step (1-based) and why; undefined when every step passed. */
  readonly failure?: { readonly step: number; readonly path: string; readonly reason: string };
}

/** The vector files of a profile set ("SKLC-M", "BL-M", ...) for a version, in numeric order. */
export function vectorFiles(version: "1.4" | "2.1", sets: readonly string[], root = vectorRoot): string[] {
  const dir = join(root, `v${version}`, "XML", "mandatory");
  const suffix = version === "1.4" ? "-14.xml" : "-21.xml";
  const names = readdirSync(dir).filter((f) => f.endsWith(suffix) && sets.some((s) => f.startsWith(`${s}-`)));
  const num = (f: string) => Number(/-(\d+)-\d+\.xml$/.exec(f)?.[1] ?? 0);
  return names
    .sort((a, b) => a.localeCompare(b.replace(/-\d+-\d+\.xml$/, "")) || num(a) - num(b))
    .map((f) => join(dir, f));
}

/**
 * Server Correlation Value is chosen by the server (KMIP 2.1 §8.2: optional in the response
 * header); the vectors carry the reference server's values, which no other server produces.
 */
function withoutServerCorrelation(node: TemplateNode): TemplateNode {
  if (node.type !== ItemType.Structure) return node;
  return {
    ...node,
    value: node.value.filter((c) => c.tag !== Tag.ServerCorrelationValue).map(withoutServerCorrelation),
  };
}

/**
 * Random Number Generator describes the server's own generator (KMIP 1.4 §3.44, 2.1 §4.50):
 * the vectors' reference server reports ANSI X9.31; custos truthfully reports OpenSSL's
 * SP 800-90A CTR-DRBG, so the structure's content is the server's to choose.
 */
const rngRule: ServerGeneratedRule = {
  tag: Tag.RandomNumberGenerator,
  why: "describes the server's RNG, which differs from the reference server's",
};

/** Does the test make keys on the server (so Get returns bytes only this server knows)? */
function generatesKeys(file: VectorFile): boolean {
  const makers = new Set<number>([
    Operation.Create,
    Operation.CreateKeyPair,
    Operation.DeriveKey,
    Operation.ReKey,
    Operation.ReKeyKeyPair,
  ]);
  return file.steps.some((s) => {
    const items = s.request.type === ItemType.Structure ? s.request.value.filter((c) => c.tag === Tag.BatchItem) : [];
    return items.some(
      (bi) =>
        bi.type === ItemType.Structure &&
        bi.value.some((c) => c.tag === Tag.Operation && typeof c.value === "number" && makers.has(c.value)),
    );
  });
}

/**
 * Replays one vector file against a live server over `transport`: each request is
 * instantiated with the bindings so far ($UNIQUE_IDENTIFIER_n from earlier responses,
 * $NOW), sent, and its response matched against the expected one. Key bytes returned by
 * Get are compared exactly unless the file creates keys on the server.
 */
export async function runVectorFile(
  file: VectorFile,
  transport: KmipTransport,
  extraRules: readonly ServerGeneratedRule[] = [],
): Promise<FileResult> {
  const bindings = new Map<string, LeafValue>();
  const rules = [...defaultServerGenerated, rngRule, ...extraRules];
  const serverGenerated = generatesKeys(file) ? rules : rules.filter((r) => r.tag !== Tag.KeyMaterial);
  let passed = 0;
  for (const [i, step] of file.steps.entries()) {
    const now = new Date();
    const request = instantiate(step.request, bindings, now) as StructureItem;
    const response = await transport.send(request);
    const m = matchResponse(withoutServerCorrelation(step.response), response, bindings, {
      nowToleranceSec: 5,
      now,
      serverGenerated,
    });
    if (!m.ok)
      return {
        name: file.name,
        steps: file.steps.length,
        passed,
        failure: { step: i + 1, path: m.path, reason: m.reason },
      };
    passed++;
  }
  return { name: file.name, steps: file.steps.length, passed };
}

export function loadFiles(paths: readonly string[]): VectorFile[] {
  return paths.map(loadVectorFile);
}

export function formatResult(r: FileResult): string {
  if (r.failure === undefined) return `PASS ${r.name} (${r.steps} steps)`;
  return `FAIL ${r.name} step ${r.failure.step}/${r.steps}: ${r.failure.path}: ${r.failure.reason}`;
}
