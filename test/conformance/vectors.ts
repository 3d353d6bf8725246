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
import { ItemType, type TtlvItem } from "../../src/ttlv/item.js";
import { Tag, tagName } from "../../src/ttlv/tags.js";
import { attributeNameTag, bytesToHex, valueTableTag } from "../../src/ttlv/text-values.js";
import { kmipElements, parseXmlValue, xmlElementHeader } from "../../src/ttlv/xml.js";
import { parseXmlElements, type XmlElement } from "../../src/ttlv/xml-tokenizer.js";
import {
  isPlaceholder,
  type LeafItem,
  type LeafType,
  type LeafValue,
  type Placeholder,
  type TemplateLeaf,
  type TemplateNode,
  VectorError,
} from "./template.js";

export {
  defaultServerGenerated,
  defaultUnorderedChildren,
  defaultUnorderedSiblings,
  type MatchOptions,
  type MatchResult,
  matchResponse,
  type ServerGeneratedRule,
} from "./match-response.js";
export type {
  LeafType,
  LeafValue,
  Placeholder,
  TemplateLeaf,
  TemplateNode,
  TemplateStructure,
  TtlvTemplate,
} from "./template.js";
export { isPlaceholder, VectorError } from "./template.js";

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
