/**
 * Loader and matcher for the OASIS KMIP test vectors (KMIP Profiles v1.4 and
 * v2.1, "test-cases/kmip-v1.4|v2.1/{mandatory,optional}/*.xml").
 *
 * A vector file is `<KMIP>` holding comments and an alternating sequence of
 * `<RequestMessage>` and `<ResponseMessage>` in the KMIP XML encoding
 * (src/ttlv/xml.ts). {@link loadVectorFile} turns it into ordered steps of
 * (request template, expected response template).
 *
 * Placeholders. Some leaf values are not values but `$`-names; every form that
 * occurs in the v1.4 and v2.1 vectors (grep `value="\$` over all files):
 *
 * | placeholder                                  | type        | meaning |
 * | -------------------------------------------- | ----------- | ------- |
 * | `$NOW`                                       | DateTime    | the current time (responses: within a tolerance) |
 * | `$NOW-3600`, `$NOW+3600`                     | DateTime    | the current time plus an offset in seconds |
 * | `$UNIQUE_IDENTIFIER_0` ... `_22`             | TextString  | a server-assigned Unique Identifier, bound from the first response that carries it |
 * | `$SHORT_UNIQUE_IDENTIFIER_0`, `_1`           | ByteString  | a server-assigned Short Unique Identifier (2.1) |
 * | `$KEY_MATERIAL_0`, `_1`, `$KEY_VALUE_0`, `_1`| ByteString  | key bytes of server-generated or server-wrapped keys |
 * | `$SIGNATURE_DATA`, `$MAC_DATA`               | ByteString  | a Sign / MAC result, replayed in SignatureVerify / MACVerify |
 * | `$DATA_0`, `$DATA_25`                        | ByteString  | ciphertext produced with a server-chosen IV, replayed in Decrypt |
 * | `$IV_COUNTER_NONCE`                          | ByteString  | the server-chosen IV |
 * | `$AUTHENTICATED_ENCRYPTION_TAG`              | ByteString  | the GCM tag of such an encryption |
 * | `$CORRELATION_VALUE`                         | ByteString  | a server-chosen multi-part Correlation Value |
 *
 * In a response an unbound placeholder binds to the actual value; a bound one
 * must equal its binding; `$NOW±N` must lie within `nowToleranceSec` of
 * now+N. In a request every placeholder must be bound (or be `$NOW±N`).
 *
 * Two v1.4 files use a placeholder in a request that no earlier response
 * binds; {@link vectorFixups} repairs them, following their v2.1 versions.
 */
import { readFileSync } from "node:fs";
import { basename, dirname } from "node:path";
import { Operation } from "../../src/ttlv/enums.js";
import { ItemType, type TtlvItem } from "../../src/ttlv/item.js";
import { Tag, tagName } from "../../src/ttlv/tags.js";
import { attributeNameTag, bytesToHex, valueTableTag } from "../../src/ttlv/text-values.js";
import { kmipElements, parseXmlValue, xmlElementHeader } from "../../src/ttlv/xml.js";
import { parseXmlElements, type XmlElement } from "../../src/ttlv/xml-tokenizer.js";

type LeafItem = Exclude<TtlvItem, { type: typeof ItemType.Structure }>;
export type LeafType = LeafItem["type"];
export type LeafValue = LeafItem["value"];

/** A `$`-name standing for a value (see the module comment). */
export interface Placeholder {
  readonly kind: "placeholder";
  /** The name without offset, e.g. "$NOW" or "$UNIQUE_IDENTIFIER_0". */
  readonly name: string;
  /** Seconds added to `$NOW` ("$NOW-3600" -> -3600); 0 for other names. */
  readonly offsetSeconds: number;
}

export interface TemplateStructure {
  readonly tag: number;
  readonly type: typeof ItemType.Structure;
  readonly value: readonly TemplateNode[];
}

export interface TemplateLeaf {
  readonly tag: number;
  readonly type: LeafType;
  readonly value: LeafValue | Placeholder;
  /** After this leaf matched, also bind its actual value to this placeholder name. */
  readonly capture?: string;
}

/** A TTLV tree whose leaf values may be placeholders. */
export type TemplateNode = TemplateStructure | TemplateLeaf;
export type TtlvTemplate = TemplateNode;

export interface VectorStep {
  readonly request: TemplateNode;
  readonly response: TemplateNode;
}

export interface VectorFile {
  /** File name without ".xml", e.g. "SKLC-M-1-14". */
  readonly name: string;
  readonly version: "1.4" | "2.1";
  readonly profile: "mandatory" | "optional";
  readonly steps: readonly VectorStep[];
}

export class VectorError extends Error {
  override readonly name = "VectorError";
}

export const isPlaceholder = (v: unknown): v is Placeholder =>
  typeof v === "object" && v !== null && (v as { kind?: unknown }).kind === "placeholder";

const placeholderPattern = /^\$([A-Z][A-Z0-9_]*)([+-][0-9]{1,9})?$/;

/** Vector files are larger than any KMIP message: allow them room. */
const vectorFileLimits = { maxItems: 1_000_000, maxBytes: 64 * 1024 * 1024, maxDepth: 64 } as const;

// ---------------------------------------------------------------------------
// Loading

/** Reads one vector file into ordered (request, expected response) steps. */
export function loadVectorFile(path: string): VectorFile {
  const name = basename(path).replace(/\.xml$/i, "");
  const version = /-14$/.test(name) ? "1.4" : /-21$/.test(name) ? "2.1" : undefined;
  if (version === undefined) throw new VectorError(`${path}: cannot tell the KMIP version from the file name`);
  const profile = basename(dirname(path)) === "optional" ? "optional" : "mandatory";
  const steps = parseVectorText(readFileSync(path, "utf8"), name);
  return { name, version, profile, steps };
}

/** Parses vector XML text (`name` selects the fixups). */
export function parseVectorText(xml: string, name: string, options?: { fixups?: boolean }): VectorStep[] {
  const messages = kmipElements(parseXmlElements(xml, vectorFileLimits));
  if (messages.length % 2 !== 0) throw new VectorError(`${name}: odd number of messages`);
  const steps: VectorStep[] = [];
  for (let i = 0; i < messages.length; i += 2) {
    const req = messages[i] as XmlElement;
    const res = messages[i + 1] as XmlElement;
    if (req.name !== "RequestMessage" || res.name !== "ResponseMessage") {
      throw new VectorError(`${name}: step ${i / 2} is <${req.name}>, <${res.name}>, not a request and a response`);
    }
    steps.push({ request: elementToTemplate(req, undefined), response: elementToTemplate(res, undefined) });
  }
  return options?.fixups === false ? steps : applyFixups(name, steps);
}

function elementToTemplate(el: XmlElement, attributeName: number | undefined): TemplateNode {
  const { tag, type } = xmlElementHeader(el);
  if (type === ItemType.Structure) {
    const children: TemplateNode[] = [];
    let attrName: number | undefined;
    for (const childEl of el.children) {
      const child = elementToTemplate(childEl, attrName);
      children.push(child);
      if (child.tag === Tag.AttributeName && child.type === ItemType.TextString && typeof child.value === "string") {
        attrName = attributeNameTag(child.value);
      }
    }
    return { tag, type, value: children };
  }
  const text = el.attributes.get("value") ?? "";
  const m = placeholderPattern.exec(text);
  if (m !== null) {
    const offset = m[2] === undefined ? 0 : Number(m[2]);
    const phName = `$${m[1]}`;
    if (offset !== 0 && phName !== "$NOW") throw new VectorError(`offset on ${phName} at ${el.offset}`);
    return { tag, type, value: { kind: "placeholder", name: phName, offsetSeconds: offset } };
  }
  return parseXmlValue(tag, type, text, el.offset, valueTableTag(tag, attributeName)) as LeafItem;
}

// ---------------------------------------------------------------------------
// Fixups of the published vectors

export interface VectorFixup {
  readonly file: string;
  /** Step whose expected response is changed. */
  readonly step: number;
  /** The first leaf with this tag (depth-first) in that response. */
  readonly tag: number;
  /** "placeholder": the concrete value becomes the placeholder; "capture": kept, and also bound. */
  readonly action: "placeholder" | "capture";
  readonly name: string;
  readonly why: string;
}

/**
 * Repairs of the published v1.4 vectors, each mirroring the v2.1 version of the
 * same test, so that every request placeholder has a binding.
 */
export const vectorFixups: readonly VectorFixup[] = [
  {
    file: "CS-BC-M-13-14",
    step: 1,
    tag: Tag.Data,
    action: "placeholder",
    name: "$DATA_0",
    why: "the key has Random IV: the Encrypt result depends on a server-chosen IV (CS-BC-M-13-21 writes $DATA_0)",
  },
  {
    file: "CS-BC-M-13-14",
    step: 1,
    tag: Tag.IVCounterNonce,
    action: "placeholder",
    name: "$IV_COUNTER_NONCE",
    why: "server-chosen IV, replayed in the last Decrypt (CS-BC-M-13-21 writes $IV_COUNTER_NONCE)",
  },
  {
    file: "CS-AC-M-6-14",
    step: 1,
    tag: Tag.MACData,
    action: "capture",
    name: "$MAC_DATA",
    why: "the MACVerify request replays the MAC result as $MAC_DATA, which no response names",
  },
  {
    file: "CS-AC-M-6-21",
    step: 1,
    tag: Tag.MACData,
    action: "capture",
    name: "$MAC_DATA",
    why: "as CS-AC-M-6-14",
  },
];

function applyFixups(file: string, steps: VectorStep[]): VectorStep[] {
  for (const fix of vectorFixups) {
    if (fix.file !== file) continue;
    const step = steps[fix.step];
    if (step === undefined) throw new VectorError(`${file}: fixup for missing step ${fix.step}`);
    let done = false;
    const rewrite = (node: TemplateNode): TemplateNode => {
      if (done) return node;
      if (node.type === ItemType.Structure) return { ...node, value: node.value.map(rewrite) };
      if (node.tag !== fix.tag) return node;
      done = true;
      return fix.action === "capture"
        ? { ...node, capture: fix.name }
        : { ...node, value: { kind: "placeholder", name: fix.name, offsetSeconds: 0 } };
    };
    steps[fix.step] = { request: step.request, response: rewrite(step.response) };
    if (!done) throw new VectorError(`${file}: fixup found no ${tagName(fix.tag)} in step ${fix.step}`);
  }
  return steps;
}

/** Placeholders (other than $NOW) used in a request before any response binds them. */
export function unboundRequestPlaceholders(file: VectorFile): { step: number; name: string }[] {
  const bound = new Set<string>();
  const out: { step: number; name: string }[] = [];
  const visit = (node: TemplateNode, onLeaf: (leaf: TemplateLeaf) => void): void => {
    if (node.type === ItemType.Structure) for (const c of node.value) visit(c, onLeaf);
    else onLeaf(node);
  };
  file.steps.forEach((step, i) => {
    visit(step.request, (leaf) => {
      if (isPlaceholder(leaf.value) && leaf.value.name !== "$NOW" && !bound.has(leaf.value.name)) {
        out.push({ step: i, name: leaf.value.name });
      }
    });
    visit(step.response, (leaf) => {
      if (isPlaceholder(leaf.value)) bound.add(leaf.value.name);
      if (leaf.capture !== undefined) bound.add(leaf.capture);
    });
  });
  return out;
}

// ---------------------------------------------------------------------------
// Requests

/** Builds a concrete request: `$NOW±N` from `now`, other placeholders from `bindings`. */
export function instantiate(node: TemplateNode, bindings: ReadonlyMap<string, LeafValue>, now: Date): TtlvItem {
  if (node.type === ItemType.Structure) {
    return { tag: node.tag, type: node.type, value: node.value.map((c) => instantiate(c, bindings, now)) };
  }
  if (!isPlaceholder(node.value)) return node as LeafItem;
  const ph = node.value;
  if (ph.name === "$NOW") return leaf(node.tag, node.type, nowValue(node.type, now, ph.offsetSeconds), ph.name);
  const bound = bindings.get(ph.name);
  if (bound === undefined) throw new VectorError(`unbound placeholder ${ph.name} in ${tagName(node.tag)}`);
  return leaf(node.tag, node.type, bound, ph.name);
}

function nowValue(type: LeafType, now: Date, offsetSeconds: number): LeafValue {
  const seconds = BigInt(Math.floor(now.getTime() / 1000) + offsetSeconds);
  if (type === ItemType.DateTime) return seconds;
  if (type === ItemType.DateTimeExtended) return BigInt(now.getTime() + offsetSeconds * 1000) * 1000n;
  throw new VectorError(`$NOW used for a non-date item`);
}

/** A leaf item after checking the value's JavaScript type fits the item type. */
function leaf(tag: number, type: LeafType, value: LeafValue, what: string): LeafItem {
  const ok =
    ((type === ItemType.Integer || type === ItemType.Enumeration || type === ItemType.Interval) &&
      typeof value === "number") ||
    ((type === ItemType.LongInteger ||
      type === ItemType.BigInteger ||
      type === ItemType.DateTime ||
      type === ItemType.DateTimeExtended) &&
      typeof value === "bigint") ||
    (type === ItemType.Boolean && typeof value === "boolean") ||
    (type === ItemType.TextString && typeof value === "string") ||
    (type === ItemType.ByteString && value instanceof Uint8Array);
  if (!ok) throw new VectorError(`${what}: bound value does not fit ${tagName(tag)}`);
  return { tag, type, value } as LeafItem;
}

// ---------------------------------------------------------------------------
// Responses

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

// ---------------------------------------------------------------------------
// Synthetic values, for codec tests that need concrete messages

/** The fixed instant synthetic `$NOW` stands for: 2001-01-01T10:00:00Z. */
export const SYNTHETIC_NOW = new Date(Date.UTC(2001, 0, 1, 10, 0, 0));

/**
 * A deterministic value for a placeholder, as XML `value` text: the same name
 * always gives the same value, different names different values.
 */
export function syntheticValueText(ph: Placeholder, type: LeafType): string {
  const id = ph.name.slice(1);
  switch (type) {
    case ItemType.TextString:
      return `synthetic-${id}`;
    case ItemType.ByteString:
      return bytesToHex(new TextEncoder().encode(id));
    case ItemType.DateTime:
    case ItemType.DateTimeExtended: {
      const t = new Date(SYNTHETIC_NOW.getTime() + ph.offsetSeconds * 1000);
      return t.toISOString().replace(/\.000Z$/, "+00:00");
    }
    default:
      throw new VectorError(`no synthetic value for ${ph.name} of type ${type}`);
  }
}

/** Replaces every placeholder with {@link syntheticValueText}. */
export function fillPlaceholders(node: TemplateNode): TtlvItem {
  if (node.type === ItemType.Structure) {
    return { tag: node.tag, type: node.type, value: node.value.map(fillPlaceholders) };
  }
  if (!isPlaceholder(node.value)) return node as LeafItem;
  return parseXmlValue(node.tag, node.type, syntheticValueText(node.value, node.type), -1, node.tag);
}
