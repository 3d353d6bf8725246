import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Operation } from "../../src/ttlv/enums.js";
import { ItemType, type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";
import { vectorRoot } from "../support/vector-root.js";
import {
  fillPlaceholders,
  instantiate,
  isPlaceholder,
  type LeafValue,
  loadVectorFile,
  matchResponse,
  type Placeholder,
  parseVectorText,
  type TemplateNode,
  unboundRequestPlaceholders,
  VectorError,
  type VectorFile,
} from "./vectors.js";

const vectorPaths: string[] = [];
for (const version of ["v1.4", "v2.1"]) {
  for (const profile of ["mandatory", "optional"]) {
    const dir = `${vectorRoot}/${version}/XML/${profile}`;
    for (const f of readdirSync(dir).sort()) if (f.endsWith(".xml")) vectorPaths.push(`${dir}/${f}`);
  }
}

const ph = (name: string, offsetSeconds = 0): Placeholder => ({ kind: "placeholder", name, offsetSeconds });
const leafPh = (tag: number, type: TemplateNode["type"], name: string, offset = 0): TemplateNode =>
  ({ tag, type, value: ph(name, offset) }) as TemplateNode;

function placeholdersOf(node: TemplateNode, out: Set<string>): Set<string> {
  if (node.type === ItemType.Structure) for (const c of node.value) placeholdersOf(c, out);
  else if (isPlaceholder(node.value)) out.add(node.value.name);
  return out;
}

describe("vector files", () => {
  const files = new Map<string, VectorFile>();
  for (const p of vectorPaths) files.set(p, loadVectorFile(p));

  it("finds the v1.4 and v2.1 mandatory and optional files", () => {
    const versions = new Set([...files.values()].map((f) => `${f.version}/${f.profile}`));
    expect(versions).toEqual(new Set(["1.4/mandatory", "1.4/optional", "2.1/mandatory", "2.1/optional"]));
  });

  it.each(vectorPaths)("%s: one step per RequestMessage, paired with its response", (path) => {
    const file = files.get(path) as VectorFile;
    const text = readFileSync(path, "utf8").replace(/<!--[\s\S]*?-->/g, "");
    const requests = text.match(/<RequestMessage>/g)?.length ?? 0;
    expect(requests).toBeGreaterThan(0);
    expect(file.steps.length).toBe(requests);
    for (const step of file.steps) {
      expect(step.request.tag).toBe(Tag.RequestMessage);
      expect(step.response.tag).toBe(Tag.ResponseMessage);
    }
  });

  it("every request placeholder is bound by an earlier response (after fixups)", () => {
    const unbound = [...files.values()].flatMap((f) => unboundRequestPlaceholders(f).map((u) => `${f.name}:${u.name}`));
    expect(unbound).toEqual([]);
  });

  it("without the fixups, exactly the documented v1.4 files have unbound request placeholders", () => {
    const broken: string[] = [];
    for (const p of vectorPaths) {
      const f = loadVectorFile(p);
      const raw = { ...f, steps: parseVectorText(readFileSync(p, "utf8"), f.name, { fixups: false }) };
      for (const u of unboundRequestPlaceholders(raw)) broken.push(`${f.name}:${u.name}`);
    }
    expect(broken.sort()).toEqual(
      [
        "CS-AC-M-6-14:$MAC_DATA",
        "CS-AC-M-6-21:$MAC_DATA",
        "CS-BC-M-13-14:$DATA_0",
        "CS-BC-M-13-14:$DATA_0",
        "CS-BC-M-13-14:$IV_COUNTER_NONCE",
      ].sort(),
    );
  });

  it("uses only the placeholder forms listed in vectors.ts", () => {
    const names = new Set<string>();
    for (const f of files.values()) {
      for (const s of f.steps) {
        placeholdersOf(s.request, names);
        placeholdersOf(s.response, names);
      }
    }
    const documented =
      /^\$(NOW|UNIQUE_IDENTIFIER_([0-9]|1[0-9]|2[0-2])|SHORT_UNIQUE_IDENTIFIER_[01]|KEY_MATERIAL_[01]|KEY_VALUE_[01]|SIGNATURE_DATA|MAC_DATA|DATA_0|DATA_25|IV_COUNTER_NONCE|AUTHENTICATED_ENCRYPTION_TAG|CORRELATION_VALUE)$/;
    for (const n of names) expect(n).toMatch(documented);
    expect(names.has("$NOW")).toBe(true);
    expect(names.has("$UNIQUE_IDENTIFIER_0")).toBe(true);
  });

  it.each(vectorPaths)("%s: a server echoing the expected responses passes the whole run", (path) => {
    // A stand-in server: answers each request with the expected response, every
    // placeholder it must choose filled with a value of its own.
    const file = files.get(path) as VectorFile;
    const bindings = new Map<string, LeafValue>();
    const now = new Date();
    for (const [i, step] of file.steps.entries()) {
      const request = instantiate(step.request, bindings, now);
      expect(request.tag).toBe(Tag.RequestMessage);
      const response = serverAnswer(step.response, now, i);
      const result = matchResponse(step.response, response, bindings, { nowToleranceSec: 5, now });
      expect(result, `step ${i}`).toEqual({ ok: true });
    }
  });
});

/** The expected response with `$NOW±N` at `now` and other placeholders as fresh per-step values. */
function serverAnswer(node: TemplateNode, now: Date, step: number): TtlvItem {
  if (node.type === ItemType.Structure) {
    return { tag: node.tag, type: node.type, value: node.value.map((c) => serverAnswer(c, now, step)) };
  }
  if (!isPlaceholder(node.value)) return fillPlaceholders(node);
  const p = node.value;
  if (p.name === "$NOW") return instantiate(node, new Map(), now);
  // Same name -> same value within a run, as a real server would keep ids stable.
  const text = `server-${p.name.slice(1)}`;
  if (node.type === ItemType.TextString) return ttlv.text(node.tag, text);
  return ttlv.bytes(node.tag, new TextEncoder().encode(text));
}

describe("instantiate", () => {
  const now = new Date(Date.UTC(2020, 5, 1, 12, 0, 0));
  const nowSec = BigInt(Date.UTC(2020, 5, 1, 12, 0, 0) / 1000);

  it("fills $NOW, $NOW-3600 and bound placeholders", () => {
    const template: TemplateNode = {
      tag: Tag.RequestPayload,
      type: ItemType.Structure,
      value: [
        leafPh(Tag.UniqueIdentifier, ItemType.TextString, "$UNIQUE_IDENTIFIER_0"),
        leafPh(Tag.ActivationDate, ItemType.DateTime, "$NOW", -3600),
        leafPh(Tag.DeactivationDate, ItemType.DateTime, "$NOW"),
        { tag: Tag.CryptographicLength, type: ItemType.Integer, value: 128 },
      ],
    };
    const item = instantiate(template, new Map([["$UNIQUE_IDENTIFIER_0", "abc"]]), now);
    expect(item).toEqual(
      ttlv.struct(Tag.RequestPayload, [
        ttlv.text(Tag.UniqueIdentifier, "abc"),
        ttlv.date(Tag.ActivationDate, nowSec - 3600n),
        ttlv.date(Tag.DeactivationDate, nowSec),
        ttlv.int(Tag.CryptographicLength, 128),
      ]),
    );
  });

  it("refuses an unbound placeholder and a binding of the wrong type", () => {
    const t = leafPh(Tag.UniqueIdentifier, ItemType.TextString, "$UNIQUE_IDENTIFIER_3");
    expect(() => instantiate(t, new Map(), now)).toThrow(VectorError);
    expect(() => instantiate(t, new Map([["$UNIQUE_IDENTIFIER_3", new Uint8Array([1])]]), now)).toThrow(VectorError);
  });
});

describe("matchResponse", () => {
  const now = new Date(Date.UTC(2020, 5, 1, 12, 0, 0));
  const nowSec = BigInt(now.getTime() / 1000);
  const opts = { nowToleranceSec: 10, now };

  const header = (time: bigint): TtlvItem =>
    ttlv.struct(Tag.ResponseHeader, [ttlv.date(Tag.TimeStamp, time), ttlv.int(Tag.BatchCount, 1)]);
  const expectedHeader: TemplateNode = {
    tag: Tag.ResponseHeader,
    type: ItemType.Structure,
    value: [
      leafPh(Tag.TimeStamp, ItemType.DateTime, "$NOW"),
      { tag: Tag.BatchCount, type: ItemType.Integer, value: 1 },
    ],
  };
  const batch = (op: number, payload: readonly TtlvItem[]): TtlvItem =>
    ttlv.struct(Tag.BatchItem, [
      ttlv.enum(Tag.Operation, op),
      ttlv.enum(Tag.ResultStatus, 0),
      ttlv.struct(Tag.ResponsePayload, payload),
    ]);
  const expectedBatch = (op: number, payload: readonly TemplateNode[]): TemplateNode => ({
    tag: Tag.BatchItem,
    type: ItemType.Structure,
    value: [
      { tag: Tag.Operation, type: ItemType.Enumeration, value: op },
      { tag: Tag.ResultStatus, type: ItemType.Enumeration, value: 0 },
      { tag: Tag.ResponsePayload, type: ItemType.Structure, value: payload },
    ],
  });
  const message = (h: TtlvItem, b: TtlvItem): TtlvItem => ttlv.struct(Tag.ResponseMessage, [h, b]);
  const expectedMessage = (b: TemplateNode): TemplateNode => ({
    tag: Tag.ResponseMessage,
    type: ItemType.Structure,
    value: [expectedHeader, b],
  });

  it("binds an unbound placeholder, then requires the same value", () => {
    const exp = expectedMessage(
      expectedBatch(Operation.Create, [leafPh(Tag.UniqueIdentifier, ItemType.TextString, "$UNIQUE_IDENTIFIER_0")]),
    );
    const bindings = new Map<string, LeafValue>();
    const ok = matchResponse(
      exp,
      message(header(nowSec), batch(Operation.Create, [ttlv.text(Tag.UniqueIdentifier, "id-1")])),
      bindings,
      opts,
    );
    expect(ok).toEqual({ ok: true });
    expect(bindings.get("$UNIQUE_IDENTIFIER_0")).toBe("id-1");

    const bad = matchResponse(
      exp,
      message(header(nowSec), batch(Operation.Create, [ttlv.text(Tag.UniqueIdentifier, "id-2")])),
      bindings,
      opts,
    );
    expect(bad).toEqual({
      ok: false,
      path: "ResponseMessage/BatchItem/ResponsePayload/UniqueIdentifier",
      reason: '$UNIQUE_IDENTIFIER_0 is "id-1", got "id-2"',
    });
  });

  it("leaves the bindings unchanged when the match fails", () => {
    const exp = expectedMessage(
      expectedBatch(Operation.Create, [
        leafPh(Tag.UniqueIdentifier, ItemType.TextString, "$UNIQUE_IDENTIFIER_0"),
        { tag: Tag.CryptographicLength, type: ItemType.Integer, value: 256 },
      ]),
    );
    const bindings = new Map<string, LeafValue>();
    const actual = message(
      header(nowSec),
      batch(Operation.Create, [ttlv.text(Tag.UniqueIdentifier, "x"), ttlv.int(Tag.CryptographicLength, 128)]),
    );
    const r = matchResponse(exp, actual, bindings, opts);
    expect(r).toEqual({
      ok: false,
      path: "ResponseMessage/BatchItem/ResponsePayload/CryptographicLength",
      reason: "expected 256, got 128",
    });
    expect(bindings.size).toBe(0);
  });

  it("checks $NOW and $NOW-3600 against the tolerance", () => {
    const exp: TemplateNode = {
      tag: Tag.Attributes,
      type: ItemType.Structure,
      value: [leafPh(Tag.ActivationDate, ItemType.DateTime, "$NOW", -3600)],
    };
    const at = (t: bigint) => ttlv.struct(Tag.Attributes, [ttlv.date(Tag.ActivationDate, t)]);
    expect(matchResponse(exp, at(nowSec - 3600n + 9n), new Map(), opts)).toEqual({ ok: true });
    const late = matchResponse(exp, at(nowSec + 9n), new Map(), opts);
    expect(late.ok).toBe(false);
    if (!late.ok) {
      expect(late.path).toBe("Attributes/ActivationDate");
      expect(late.reason).toContain("$NOW-3600");
    }
    const header2 = matchResponse(expectedHeader, header(nowSec - 11n), new Map(), opts);
    expect(header2.ok).toBe(false);
  });

  it("reports missing, extra and mistyped items with their path", () => {
    const exp = expectedMessage(
      expectedBatch(Operation.Get, [leafPh(Tag.UniqueIdentifier, ItemType.TextString, "$U")]),
    );
    const missing = matchResponse(exp, message(header(nowSec), batch(Operation.Get, [])), new Map(), opts);
    expect(missing).toMatchObject({ ok: false, path: "ResponseMessage/BatchItem/ResponsePayload/UniqueIdentifier" });
    const extra = matchResponse(
      exp,
      message(
        header(nowSec),
        batch(Operation.Get, [ttlv.text(Tag.UniqueIdentifier, "a"), ttlv.int(Tag.CryptographicLength, 1)]),
      ),
      new Map(),
      opts,
    );
    expect(extra).toMatchObject({ ok: false, path: "ResponseMessage/BatchItem/ResponsePayload/CryptographicLength" });
    const typed = matchResponse(
      exp,
      message(header(nowSec), batch(Operation.Get, [ttlv.bytes(Tag.UniqueIdentifier, new Uint8Array(1))])),
      new Map(),
      opts,
    );
    expect(typed).toMatchObject({ ok: false, reason: expect.stringContaining("expected type") });
  });

  it("numbers repeated siblings in paths", () => {
    const exp: TemplateNode = {
      tag: Tag.ResponsePayload,
      type: ItemType.Structure,
      value: [
        { tag: Tag.UniqueIdentifier, type: ItemType.TextString, value: "a" },
        { tag: Tag.UniqueIdentifier, type: ItemType.TextString, value: "b" },
      ],
    };
    const r = matchResponse(
      exp,
      ttlv.struct(Tag.ResponsePayload, [ttlv.text(Tag.UniqueIdentifier, "a"), ttlv.text(Tag.UniqueIdentifier, "c")]),
      new Map(),
      opts,
    );
    expect(r).toEqual({ ok: false, path: "ResponsePayload/UniqueIdentifier[1]", reason: 'expected "b", got "c"' });
  });

  describe("order of attributes", () => {
    const attr = (name: string, value: TtlvItem): TtlvItem =>
      ttlv.struct(Tag.Attribute, [ttlv.text(Tag.AttributeName, name), value]);
    const expAttr = (name: string, value: TemplateNode): TemplateNode => ({
      tag: Tag.Attribute,
      type: ItemType.Structure,
      value: [{ tag: Tag.AttributeName, type: ItemType.TextString, value: name }, value],
    });
    const exp: TemplateNode = {
      tag: Tag.ResponsePayload,
      type: ItemType.Structure,
      value: [
        leafPh(Tag.UniqueIdentifier, ItemType.TextString, "$UNIQUE_IDENTIFIER_0"),
        expAttr("Cryptographic Length", { tag: Tag.AttributeValue, type: ItemType.Integer, value: 128 }),
        expAttr("Object Type", { tag: Tag.AttributeValue, type: ItemType.Enumeration, value: 2 }),
      ],
    };
    const swapped = ttlv.struct(Tag.ResponsePayload, [
      ttlv.text(Tag.UniqueIdentifier, "u"),
      attr("Object Type", ttlv.enum(Tag.AttributeValue, 2)),
      attr("Cryptographic Length", ttlv.int(Tag.AttributeValue, 128)),
    ]);

    it("accepts Attribute structures in any order by default", () => {
      expect(matchResponse(exp, swapped, new Map(), opts)).toEqual({ ok: true });
    });

    it("compares in order when the option is empty", () => {
      const r = matchResponse(exp, swapped, new Map(), { ...opts, unorderedSiblings: new Set() });
      expect(r).toMatchObject({ ok: false, path: "ResponsePayload/Attribute[0]/AttributeName" });
    });

    it("still requires every expected attribute", () => {
      const wrong = ttlv.struct(Tag.ResponsePayload, [
        ttlv.text(Tag.UniqueIdentifier, "u"),
        attr("Object Type", ttlv.enum(Tag.AttributeValue, 2)),
        attr("Cryptographic Length", ttlv.int(Tag.AttributeValue, 256)),
      ]);
      const r = matchResponse(exp, wrong, new Map(), opts);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.path).toBe("ResponsePayload/Attribute[0]/AttributeValue");
    });

    it("accepts a KMIP 2.x Attributes structure in any order", () => {
      const exp2: TemplateNode = {
        tag: Tag.Attributes,
        type: ItemType.Structure,
        value: [
          { tag: Tag.CryptographicLength, type: ItemType.Integer, value: 128 },
          { tag: Tag.ObjectType, type: ItemType.Enumeration, value: 2 },
        ],
      };
      const act = ttlv.struct(Tag.Attributes, [ttlv.enum(Tag.ObjectType, 2), ttlv.int(Tag.CryptographicLength, 128)]);
      expect(matchResponse(exp2, act, new Map(), opts)).toEqual({ ok: true });
      const short = ttlv.struct(Tag.Attributes, [ttlv.enum(Tag.ObjectType, 2)]);
      expect(matchResponse(exp2, short, new Map(), opts)).toMatchObject({ ok: false, path: "Attributes" });
    });
  });

  describe("server-generated values", () => {
    const keyBlock = (bytes: number[]): TtlvItem =>
      ttlv.struct(Tag.KeyBlock, [ttlv.struct(Tag.KeyValue, [ttlv.bytes(Tag.KeyMaterial, new Uint8Array(bytes))])]);
    const expKeyBlock: TemplateNode = {
      tag: Tag.KeyBlock,
      type: ItemType.Structure,
      value: [
        {
          tag: Tag.KeyValue,
          type: ItemType.Structure,
          value: [{ tag: Tag.KeyMaterial, type: ItemType.ByteString, value: new Uint8Array([1, 2, 3]) }],
        },
      ],
    };

    it("accepts any Key Material in a Get response, and checks it elsewhere", () => {
      const get = matchResponse(
        expectedMessage(expectedBatch(Operation.Get, [expKeyBlock])),
        message(header(nowSec), batch(Operation.Get, [keyBlock([9, 9])])),
        new Map(),
        opts,
      );
      expect(get).toEqual({ ok: true });
      const register = matchResponse(
        expectedMessage(expectedBatch(Operation.Register, [expKeyBlock])),
        message(header(nowSec), batch(Operation.Register, [keyBlock([9, 9])])),
        new Map(),
        opts,
      );
      expect(register).toMatchObject({ ok: false, path: expect.stringContaining("KeyMaterial") });
      const strict = matchResponse(
        expectedMessage(expectedBatch(Operation.Get, [expKeyBlock])),
        message(header(nowSec), batch(Operation.Get, [keyBlock([9, 9])])),
        new Map(),
        { ...opts, serverGenerated: [] },
      );
      expect(strict.ok).toBe(false);
    });

    it("still checks the item type of a server-generated value", () => {
      const r = matchResponse(
        { tag: Tag.ResultMessage, type: ItemType.TextString, value: "TOO_LARGE" },
        ttlv.text(Tag.ResultMessage, "response too large"),
        new Map(),
        opts,
      );
      expect(r).toEqual({ ok: true });
      const typed = matchResponse(
        { tag: Tag.ResultMessage, type: ItemType.TextString, value: "x" },
        ttlv.int(Tag.ResultMessage, 1),
        new Map(),
        opts,
      );
      expect(typed.ok).toBe(false);
    });

    it("captures a concrete value for later requests (fixup of CS-AC-M-6)", () => {
      const exp: TemplateNode = {
        tag: Tag.MACData,
        type: ItemType.ByteString,
        value: new Uint8Array([0xaa]),
        capture: "$MAC_DATA",
      };
      const bindings = new Map<string, LeafValue>();
      expect(matchResponse(exp, ttlv.bytes(Tag.MACData, new Uint8Array([0xbb])), bindings, opts).ok).toBe(false);
      expect(bindings.has("$MAC_DATA")).toBe(false);
      expect(matchResponse(exp, ttlv.bytes(Tag.MACData, new Uint8Array([0xaa])), bindings, opts)).toEqual({ ok: true });
      expect(bindings.get("$MAC_DATA")).toEqual(new Uint8Array([0xaa]));
    });
  });
});
