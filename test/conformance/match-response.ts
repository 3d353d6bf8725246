/**
 * Matching an actual KMIP response against an expected template from the OASIS
 * vectors: binds placeholders, checks `$NOW±N` within a tolerance, compares
 * everything else exactly, except the order of attribute lists and a short,
 * justified list of values a server chooses itself.
 */
import { Operation } from "../../src/ttlv/enums.js";
import { ItemType, type TtlvItem } from "../../src/ttlv/item.js";
import { Tag, tagName } from "../../src/ttlv/tags.js";
import { attributeNameTag, bytesToHex, valueTableTag } from "../../src/ttlv/text-values.js";
import { isPlaceholder, type LeafType, type LeafValue, type Placeholder, type TemplateNode } from "./template.js";

/**
 * A response item whose value a conforming server chooses itself, so the
 * vectors' concrete value cannot be reproduced: any value of the same item
 * type (and, for a Structure, any content) matches. Kept minimal.
 */
export interface ServerGeneratedRule {
  /** Item tag; for a KMIP 1.x Attribute Value, the tag of the attribute named before it. */
  readonly tag: number;
  /** Only inside a Batch Item with one of these Operations; all if absent. */
  readonly operations?: readonly number[];
  readonly why: string;
}

export const defaultServerGenerated: readonly ServerGeneratedRule[] = [
  {
    tag: Tag.KeyMaterial,
    operations: [Operation.Get, Operation.Export],
    why:
      "Get of a key the server generated (Create/CreateKeyPair in SKFF-M-5..12, TL-M-2/3, BL-M-13) returns key " +
      "bytes no other server can reproduce",
  },
  {
    tag: Tag.DigestValue,
    why: "the Digest attribute hashes key material, which is server-generated for created keys (AKLC-M-1..3)",
  },
  {
    tag: Tag.Data,
    operations: [Operation.RNGRetrieve],
    why: "RNG Retrieve returns random bytes (CS-RNG-M-1)",
  },
  {
    tag: Tag.ResultMessage,
    why: "Result Message is free text: 'a more descriptive error message' (KMIP 1.4 §6.11, 2.1 §9.17)",
  },
  {
    tag: Tag.LeaseTime,
    why: "a server stores the maximum Lease Time it is able to serve (KMIP 1.4 §3.20, 2.1 §4.30): TL-M-3, SKLC-O-1",
  },
];

export interface MatchOptions {
  /** Allowed distance in seconds between `$NOW±N` and the actual Date-Time. */
  readonly nowToleranceSec: number;
  /** The time `$NOW` stands for; default: the time of the call. */
  readonly now?: Date;
  /**
   * Tags whose consecutive siblings may come in any order. Default
   * {@link defaultUnorderedSiblings}.
   */
  readonly unorderedSiblings?: ReadonlySet<number>;
  /** Structures whose children may come in any order. Default {@link defaultUnorderedChildren}. */
  readonly unorderedChildren?: ReadonlySet<number>;
  /** Default {@link defaultServerGenerated}; pass [] to compare every value. */
  readonly serverGenerated?: readonly ServerGeneratedRule[];
}

/**
 * The KMIP specifications give no order for the attributes a server returns:
 * KMIP 1.x Get Attributes returns Attribute structures (1.4 §4.12), Get
 * Attribute List Attribute Names (1.4 §4.13); KMIP 2.x Get Attribute List
 * returns Attribute References (2.1 §6.1.21). Runs of consecutive siblings with
 * these tags are matched as multisets.
 */
export const defaultUnorderedSiblings: ReadonlySet<number> = new Set([
  Tag.Attribute,
  Tag.AttributeName,
  Tag.AttributeReference,
]);

/** KMIP 2.x Attributes structure (2.1 §5.1), e.g. a Get Attributes response: children matched as a multiset. */
export const defaultUnorderedChildren: ReadonlySet<number> = new Set([Tag.Attributes]);

export type MatchResult = { ok: true } | { ok: false; path: string; reason: string };

interface MatchContext {
  readonly now: Date;
  readonly tolerance: number;
  readonly siblings: ReadonlySet<number>;
  readonly children: ReadonlySet<number>;
  readonly rules: readonly ServerGeneratedRule[];
}

class Mismatch {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {}
}

/**
 * Compares an actual response with an expected template. On success, the
 * placeholders it bound are added to `bindings`; on failure `bindings` is
 * unchanged and the result names the first differing path
 * ("ResponseMessage/BatchItem/ResponsePayload/UniqueIdentifier").
 */
export function matchResponse(
  expected: TemplateNode,
  actual: TtlvItem,
  bindings: Map<string, LeafValue>,
  options: MatchOptions,
): MatchResult {
  const ctx: MatchContext = {
    now: options.now ?? new Date(),
    tolerance: options.nowToleranceSec,
    siblings: options.unorderedSiblings ?? defaultUnorderedSiblings,
    children: options.unorderedChildren ?? defaultUnorderedChildren,
    rules: options.serverGenerated ?? defaultServerGenerated,
  };
  const scratch = new Map(bindings);
  const m = matchNode(expected, actual, scratch, ctx, tagName(expected.tag), undefined, undefined);
  if (m !== undefined) return { ok: false, path: m.path, reason: m.reason };
  for (const [k, v] of scratch) bindings.set(k, v);
  return { ok: true };
}

function matchNode(
  exp: TemplateNode,
  act: TtlvItem,
  b: Map<string, LeafValue>,
  ctx: MatchContext,
  path: string,
  operation: number | undefined,
  attributeName: number | undefined,
): Mismatch | undefined {
  if (exp.tag !== act.tag) return new Mismatch(path, `expected tag ${tagName(exp.tag)}, got ${tagName(act.tag)}`);
  if (exp.type !== act.type) return new Mismatch(path, `expected type ${exp.type}, got ${act.type}`);
  const effectiveTag = valueTableTag(exp.tag, attributeName);
  const generated = ctx.rules.some(
    (r) =>
      r.tag === effectiveTag &&
      (r.operations === undefined || (operation !== undefined && r.operations.includes(operation))),
  );
  if (exp.type === ItemType.Structure) {
    if (act.type !== ItemType.Structure) return new Mismatch(path, "expected a Structure");
    if (generated) return undefined;
    let op = operation;
    if (exp.tag === Tag.BatchItem) {
      const o = exp.value.find((c) => c.tag === Tag.Operation && c.type === ItemType.Enumeration);
      if (o !== undefined && typeof o.value === "number") op = o.value;
    }
    return matchChildren(exp.value, act.value, b, ctx, path, op, ctx.children.has(exp.tag));
  }
  const actual = act.value as LeafValue;
  if (isPlaceholder(exp.value)) {
    const m = matchPlaceholder(exp.value, exp.type, actual, b, ctx, path);
    if (m !== undefined) return m;
  } else if (!generated && !sameValue(exp.value, actual)) {
    return new Mismatch(path, `expected ${show(exp.value)}, got ${show(actual)}`);
  }
  if (exp.capture !== undefined) {
    const prior = b.get(exp.capture);
    if (prior !== undefined && !sameValue(prior, actual)) {
      return new Mismatch(path, `${exp.capture} is ${show(prior)}, got ${show(actual)}`);
    }
    b.set(exp.capture, actual);
  }
  return undefined;
}

function matchPlaceholder(
  ph: Placeholder,
  type: LeafType,
  actual: LeafValue,
  b: Map<string, LeafValue>,
  ctx: MatchContext,
  path: string,
): Mismatch | undefined {
  if (ph.name === "$NOW") {
    if (typeof actual !== "bigint") return new Mismatch(path, "$NOW needs a Date-Time");
    const seconds = type === ItemType.DateTimeExtended ? Number(actual / 1_000_000n) : Number(actual);
    const want = ctx.now.getTime() / 1000 + ph.offsetSeconds;
    if (Math.abs(seconds - want) > ctx.tolerance) {
      const shown = `${ph.name}${ph.offsetSeconds === 0 ? "" : ph.offsetSeconds > 0 ? `+${ph.offsetSeconds}` : ph.offsetSeconds}`;
      return new Mismatch(path, `${shown}: ${seconds} is more than ${ctx.tolerance}s from ${Math.round(want)}`);
    }
    return undefined;
  }
  const bound = b.get(ph.name);
  if (bound === undefined) {
    b.set(ph.name, actual);
    return undefined;
  }
  return sameValue(bound, actual) ? undefined : new Mismatch(path, `${ph.name} is ${show(bound)}, got ${show(actual)}`);
}

function matchChildren(
  exp: readonly TemplateNode[],
  act: readonly TtlvItem[],
  b: Map<string, LeafValue>,
  ctx: MatchContext,
  path: string,
  operation: number | undefined,
  unordered: boolean,
): Mismatch | undefined {
  const counts = new Map<number, number>();
  for (const e of exp) counts.set(e.tag, (counts.get(e.tag) ?? 0) + 1);
  const seen = new Map<number, number>();
  const childPath = (e: TemplateNode): string => {
    const k = seen.get(e.tag) ?? 0;
    seen.set(e.tag, k + 1);
    return `${path}/${tagName(e.tag)}${(counts.get(e.tag) ?? 0) > 1 ? `[${k}]` : ""}`;
  };
  if (unordered) return matchUnordered(exp, act, b, ctx, path, operation, childPath, undefined);
  let i = 0;
  let j = 0;
  let attrName: number | undefined;
  while (i < exp.length) {
    const e = exp[i] as TemplateNode;
    if (ctx.siblings.has(e.tag)) {
      let i2 = i;
      while (i2 < exp.length && ctx.siblings.has((exp[i2] as TemplateNode).tag)) i2++;
      let j2 = j;
      while (j2 < act.length && ctx.siblings.has((act[j2] as TtlvItem).tag)) j2++;
      const m = matchUnordered(exp.slice(i, i2), act.slice(j, j2), b, ctx, path, operation, childPath, attrName);
      if (m !== undefined) return m;
      const last = exp[i2 - 1];
      if (last?.tag === Tag.AttributeName && typeof last.value === "string") attrName = attributeNameTag(last.value);
      i = i2;
      j = j2;
      continue;
    }
    const a = act[j];
    const p = childPath(e);
    if (a === undefined) return new Mismatch(p, "missing in the actual response");
    const m = matchNode(e, a, b, ctx, p, operation, attrName);
    if (m !== undefined) return m;
    if (e.tag === Tag.AttributeName && typeof e.value === "string") attrName = attributeNameTag(e.value);
    i++;
    j++;
  }
  const extra = act[j];
  if (extra !== undefined)
    return new Mismatch(`${path}/${tagName(extra.tag)}`, "unexpected item in the actual response");
  return undefined;
}

/**
 * Multiset match: each expected item takes the first unused actual item it
 * matches (greedy; enough for attribute lists, whose items differ by name).
 */
function matchUnordered(
  exp: readonly TemplateNode[],
  act: readonly TtlvItem[],
  b: Map<string, LeafValue>,
  ctx: MatchContext,
  path: string,
  operation: number | undefined,
  childPath: (e: TemplateNode) => string,
  attributeName: number | undefined,
): Mismatch | undefined {
  if (exp.length !== act.length) {
    const tags = [...new Set(exp.map((e) => tagName(e.tag)))].join(",");
    return new Mismatch(path, `expected ${exp.length} ${tags} items in any order, got ${act.length}`);
  }
  const used = new Array<boolean>(act.length).fill(false);
  for (const e of exp) {
    const p = childPath(e);
    let first: Mismatch | undefined;
    let found = false;
    for (let k = 0; k < act.length && !found; k++) {
      if (used[k]) continue;
      const trial = new Map(b);
      const m = matchNode(e, act[k] as TtlvItem, trial, ctx, p, operation, attributeName);
      if (m === undefined) {
        used[k] = true;
        found = true;
        for (const [key, v] of trial) b.set(key, v);
      } else if (first === undefined || m.path.length > first.path.length) {
        // Report the candidate that matched furthest: most likely the intended one.
        first = m;
      }
    }
    if (!found) return first ?? new Mismatch(p, "no matching item in the actual response");
  }
  return undefined;
}

function sameValue(a: LeafValue, b: LeafValue): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }
  return a === b;
}

function show(v: LeafValue): string {
  if (v instanceof Uint8Array) {
    const hex = bytesToHex(v);
    return hex.length > 40 ? `${hex.slice(0, 40)}... (${v.length} bytes)` : hex;
  }
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}...` : v);
  return String(v);
}
