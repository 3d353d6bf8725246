import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attr, type KmipClient } from "../../src/client/kmip-client.js";
import type { Attr } from "../../src/kmip/attributes/attribute.js";
import { encodeAttribute1, encodeAttribute2 } from "../../src/kmip/attributes/attribute-wire.js";
import { find, findAll } from "../../src/kmip/read.js";
import { isV2, type ProtocolVersion } from "../../src/kmip/version.js";
import { decodeAttrs, encodeAttrs, indexOf } from "../../src/kms/object-repo.js";
import type { ObjectRecord } from "../../src/store/store.js";
import { CryptographicAlgorithm, Operation, State } from "../../src/ttlv/enums.js";
import { ItemType, type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";
import { type Harness, startHarness } from "../support/custos-harness.js";

/** More objects than the 10,000 ids one response carries by default. */
const USER_OBJECTS = 12_000;
/** Objects of a second owner, one after every 12th object of the first. */
const OTHER_EVERY = 12;
/** The oldest objects of each owner carry an Initial Date in 2020, the rest one in 2024. */
const OLD_OBJECTS = 2_000;
/** The first owner's oldest objects the second owner holds a grant on. */
const GRANTED = [0, 1, 2];

const seconds = (iso: string) => BigInt(Date.parse(iso) / 1000);
const initialDate = (iso: string): Attr => ({ name: "Initial Date", value: ttlv.date(Tag.InitialDate, seconds(iso)) });
const deactivationDate = (iso: string): Attr => ({
  name: "Deactivation Date",
  value: ttlv.date(Tag.DeactivationDate, seconds(iso)),
});
const uniqueIdentifier = (id: string): Attr => ({
  name: "Unique Identifier",
  value: ttlv.text(Tag.UniqueIdentifier, id),
});

interface Located {
  readonly located: number | undefined;
  readonly ids: string[];
}

/** Locate, keeping Located Items (KmipClient.locate returns the ids only). */
async function locate(
  c: KmipClient,
  version: ProtocolVersion,
  o: { attributes?: readonly Attr[]; maxItems?: number; offset?: number } = {},
): Promise<Located> {
  const payload: TtlvItem[] = [];
  if (o.maxItems !== undefined) payload.push(ttlv.int(Tag.MaximumItems, o.maxItems));
  if (o.offset !== undefined) payload.push(ttlv.int(Tag.OffsetItems, o.offset));
  const attrs = o.attributes ?? [];
  if (isV2(version)) payload.push(ttlv.struct(Tag.Attributes, attrs.map(encodeAttribute2)));
  else payload.push(...attrs.map((a) => encodeAttribute1(a, undefined)));
  const p = await c.call(Operation.Locate, payload);
  const count = find(p, Tag.LocatedItems);
  return {
    located: count?.type === ItemType.Integer ? count.value : undefined,
    ids: findAll(p, Tag.UniqueIdentifier).map((u) => (u.type === ItemType.TextString ? u.value : "")),
  };
}

/** Newest first, as Locate orders: createdAt descending, then id descending. */
function newestFirst(records: readonly ObjectRecord[]): string[] {
  return [...records]
    .sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0))
    .map((r) => r.id);
}

describe("Locate over a store larger than one response", () => {
  const v21 = { major: 2, minor: 1 };
  let h: Harness;
  let user: KmipClient;
  let other: KmipClient;
  /** The first owner's bulk objects by insertion number (0 = oldest). */
  const userRecords: ObjectRecord[] = [];
  const otherRecords: ObjectRecord[] = [];
  /** The key each client created through KMIP before the bulk insert (so the oldest of its owner). */
  let userTemplate: ObjectRecord;
  let otherTemplate: ObjectRecord;

  beforeAll(async () => {
    h = await startHarness();
    user = await h.client("user", v21);
    other = await h.client("admin", v21); // an ordinary identity: the harness configures no administrator
    const store = h.custos.store;
    const templateOf = async (c: KmipClient) => {
      const id = await c.create({ algorithm: CryptographicAlgorithm.AES, length: 128, name: "template" });
      const r = await store.getObject(id);
      if (r === undefined) throw new Error("the created key is not in the store");
      return r;
    };
    userTemplate = await templateOf(user);
    otherTemplate = await templateOf(other);
    const kept = decodeAttrs(userTemplate.attributes)
      .all()
      .filter((a) => !["Name", "Initial Date", "Object Group"].includes(a.name));
    const past = "2025-01-01T00:00:00Z";
    // Every 4th object is Active; every 8th has also passed its Deactivation Date (so is
    // Deactivated as of now, although its stored state is Active).
    const bulk = (id: string, owner: string, i: number) => {
      const attrs = [
        ...kept,
        attr.name(id),
        attr.objectGroup("big"),
        initialDate(i < OLD_OBJECTS ? "2020-06-01T00:00:00Z" : "2024-06-01T00:00:00Z"),
        ...(i % 4 === 0 ? [attr.activationDate(new Date(past))] : []),
        ...(i % 8 === 0 ? [deactivationDate(past)] : []),
      ];
      return {
        id,
        owner,
        objectType: userTemplate.objectType,
        state: i % 4 === 0 ? State.Active : State.PreActive,
        attributes: encodeAttrs(attrs),
        material: userTemplate.material,
        index: indexOf(attrs),
      };
    };
    const perTransaction = 4_000;
    for (let start = 0; start < USER_OBJECTS; start += perTransaction) {
      await store.transaction(async (tx) => {
        for (let i = start; i < Math.min(start + perTransaction, USER_OBJECTS); i++) {
          userRecords.push(await tx.insertObject(bulk(`big-u-${String(i).padStart(5, "0")}`, userTemplate.owner, i)));
          if (i % OTHER_EVERY === 0) {
            const j = otherRecords.length;
            otherRecords.push(
              await tx.insertObject(bulk(`big-o-${String(j).padStart(5, "0")}`, otherTemplate.owner, i)),
            );
          }
        }
      });
    }
    for (const i of GRANTED) {
      const r = userRecords[i];
      if (r !== undefined) await store.addGrant({ objectId: r.id, grantee: otherTemplate.owner, operation: 0 });
    }
  }, 60_000);
  afterAll(async () => {
    await h.stop();
  });

  const userBulk = () => newestFirst(userRecords);
  const userWhere = (keep: (i: number) => boolean) => newestFirst(userRecords.filter((_, i) => keep(i)));

  it("reports the true Located Items and pages with Offset Items past 10,000 (SQL criteria)", async () => {
    const expected = userBulk();
    const pages: string[] = [];
    for (let offset = 0; offset < USER_OBJECTS; offset += 2_500) {
      const page = await locate(user, v21, { attributes: [attr.objectGroup("big")], maxItems: 2_500, offset });
      expect(page.located).toBe(USER_OBJECTS);
      expect(page.ids).toHaveLength(Math.min(2_500, USER_OBJECTS - offset));
      pages.push(...page.ids);
    }
    expect(new Set(pages).size).toBe(USER_OBJECTS);
    expect(pages).toEqual(expected);

    const tail = await locate(user, v21, { attributes: [attr.objectGroup("big")], maxItems: 100, offset: 11_950 });
    expect(tail).toEqual({ located: USER_OBJECTS, ids: expected.slice(11_950) });
    const beyond = await locate(user, v21, { attributes: [attr.objectGroup("big")], maxItems: 10, offset: 20_000 });
    expect(beyond).toEqual({ located: USER_OBJECTS, ids: [] });
    const none = await locate(user, v21, { attributes: [attr.objectGroup("big")], maxItems: 0 });
    expect(none).toEqual({ located: USER_OBJECTS, ids: [] });
  });

  it("returns at most 10,000 ids per response, and the rest with Offset Items", async () => {
    const everything = [...userBulk(), userTemplate.id];
    const first = await locate(user, v21);
    expect(first.located).toBeUndefined();
    expect(first.ids).toEqual(everything.slice(0, 10_000));
    const rest = await locate(user, v21, { offset: 10_000 });
    expect(rest).toEqual({ located: everything.length, ids: everything.slice(10_000) });
    // A larger Maximum Items is capped too ("the server MAY return" at most that many).
    const asked = await locate(user, v21, { maxItems: 50_000 });
    expect(asked).toEqual({ located: everything.length, ids: everything.slice(0, 10_000) });
  });

  it("counts and finds only the caller's objects and those granted to it", async () => {
    const granted = GRANTED.map((i) => userRecords[i] as ObjectRecord);
    const expected = newestFirst([...otherRecords, ...granted]);
    const found = await locate(other, v21, { attributes: [attr.objectGroup("big")], maxItems: 5_000 });
    expect(found).toEqual({ located: otherRecords.length + GRANTED.length, ids: expected });
    const page = await locate(other, v21, { attributes: [attr.objectGroup("big")], maxItems: 2, offset: 999 });
    expect(page).toEqual({ located: otherRecords.length + GRANTED.length, ids: expected.slice(999, 1001) });
    const userFound = await locate(user, v21, { attributes: [attr.objectGroup("big")], maxItems: 1 });
    expect(userFound.located).toBe(USER_OBJECTS);
  });

  it("matches State as of now over every candidate, not only the newest 10,000", async () => {
    const expected = userWhere((i) => i % 4 === 0 && i % 8 !== 0);
    // The oldest matches lie past the first 10,000 candidates (newest first).
    const candidates = [...userBulk(), userTemplate.id];
    expect(candidates.indexOf(expected.at(-1) ?? "")).toBeGreaterThan(10_000);
    const all = await locate(user, v21, { attributes: [attr.state(State.Active)], maxItems: 10_000 });
    expect(all).toEqual({ located: expected.length, ids: expected });
    const pages: string[] = [];
    for (let offset = 0; offset < expected.length; offset += 1_000) {
      const page = await locate(user, v21, { attributes: [attr.state(State.Active)], maxItems: 1_000, offset });
      expect(page.located).toBe(expected.length);
      pages.push(...page.ids);
    }
    expect(pages).toEqual(expected);
    const deactivated = userWhere((i) => i % 8 === 0);
    const noPaging = await locate(user, v21, { attributes: [attr.state(State.Deactivated)] });
    expect(noPaging).toEqual({ located: undefined, ids: deactivated });
    const preActive = await locate(user, v21, { attributes: [attr.state(State.PreActive)], maxItems: 1 });
    expect(preActive).toEqual({
      located: USER_OBJECTS - USER_OBJECTS / 4 + 1,
      ids: userWhere((i) => i % 4 !== 0).slice(0, 1),
    });
  });

  it("matches a date range beyond the first 10,000 candidates, for its owner only", async () => {
    const range = [initialDate("2020-01-01T00:00:00Z"), initialDate("2020-12-31T00:00:00Z")];
    const expected = userWhere((i) => i < OLD_OBJECTS);
    expect(await locate(user, v21, { attributes: range })).toEqual({ located: undefined, ids: expected });
    const page = await locate(user, v21, { attributes: range, maxItems: 100, offset: 1_950 });
    expect(page).toEqual({ located: OLD_OBJECTS, ids: expected.slice(1_950) });

    const otherOld = otherRecords.filter((_, j) => j * OTHER_EVERY < OLD_OBJECTS);
    const otherExpected = newestFirst([...otherOld, ...GRANTED.map((i) => userRecords[i] as ObjectRecord)]);
    const otherFound = await locate(other, v21, { attributes: range, maxItems: 1_000 });
    expect(otherFound).toEqual({ located: otherExpected.length, ids: otherExpected });
  });

  it("finds one object by Unique Identifier, under the same ownership rules", async () => {
    const mine = userRecords[5] as ObjectRecord; // Pre-Active, not granted
    const granted = userRecords[1] as ObjectRecord;
    const theirs = otherRecords[7] as ObjectRecord;
    expect((await locate(user, v21, { attributes: [uniqueIdentifier(mine.id)] })).ids).toEqual([mine.id]);
    expect((await locate(user, v21, { attributes: [uniqueIdentifier(theirs.id)] })).ids).toEqual([]);
    expect((await locate(other, v21, { attributes: [uniqueIdentifier(mine.id)] })).ids).toEqual([]);
    expect((await locate(other, v21, { attributes: [uniqueIdentifier(granted.id)] })).ids).toEqual([granted.id]);
    const preActive = [uniqueIdentifier(mine.id), attr.state(State.PreActive)];
    expect(await locate(user, v21, { attributes: preActive, maxItems: 5 })).toEqual({ located: 1, ids: [mine.id] });
    const active = [uniqueIdentifier(mine.id), attr.state(State.Active)];
    expect(await locate(user, v21, { attributes: active, maxItems: 5 })).toEqual({ located: 0, ids: [] });
    const otherGroup = [uniqueIdentifier(mine.id), attr.objectGroup("elsewhere")];
    expect((await locate(user, v21, { attributes: otherGroup })).ids).toEqual([]);
  });

  it("leaves Located Items out for KMIP 1.2, which has no such field", async () => {
    const v12 = { major: 1, minor: 2 };
    const c = await h.client("user", v12);
    const found = await locate(c, v12, { attributes: [attr.objectGroup("big")], maxItems: 3 });
    expect(found).toEqual({ located: undefined, ids: userBulk().slice(0, 3) });
  });
});
