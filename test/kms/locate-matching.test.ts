import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attr, type KmipClient } from "../../src/client/kmip-client.js";
import type { Attr } from "../../src/kmip/attributes/attribute.js";
import { encodeAttribute1, encodeAttribute2 } from "../../src/kmip/attributes/attribute-wire.js";
import {
  CryptographicAlgorithm,
  ObjectGroupMember,
  Operation,
  ResultStatus,
  UsageLimitsUnit,
} from "../../src/ttlv/enums.js";
import { type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";
import { type Harness, startHarness } from "../support/custos-harness.js";

const asi = (namespace: string, data?: string): Attr => ({
  name: "Application Specific Information",
  value: ttlv.struct(Tag.ApplicationSpecificInformation, [
    ttlv.text(Tag.ApplicationNamespace, namespace),
    ...(data === undefined ? [] : [ttlv.text(Tag.ApplicationData, data)]),
  ]),
});
const nameValueOnly = (v: string): Attr => ({
  name: "Name",
  value: ttlv.struct(Tag.Name, [ttlv.text(Tag.NameValue, v)]),
});
const usageLimits = (total: bigint, unit?: number): Attr => ({
  name: "Usage Limits",
  value: ttlv.struct(Tag.UsageLimits, [
    ttlv.long(Tag.UsageLimitsTotal, total),
    ...(unit === undefined ? [] : [ttlv.enum(Tag.UsageLimitsUnit, unit)]),
  ]),
});

/**
 * Locate's matching rules beyond equality (KMIP 1.4 §4.9, 2.1 §6.1.27): structures given with
 * some of their fields, Usage Limits "equal to or larger", Object Group Member, and the ID
 * Placeholder, set only when exactly one object is returned.
 */
for (const version of [
  { major: 1, minor: 4 },
  { major: 2, minor: 1 },
]) {
  describe(`Locate matching rules over KMIP ${version.major}.${version.minor}`, () => {
    let h: Harness;
    let c: KmipClient;
    const ids: Record<string, string> = {};
    const aes = { algorithm: CryptographicAlgorithm.AES, length: 256 };
    beforeAll(async () => {
      h = await startHarness();
      c = await h.client("admin", version);
      ids.hr = await c.create({ ...aes, name: "hr-key", attributes: [asi("hr", "payroll"), attr.objectGroup("g")] });
      ids.hr2 = await c.create({
        ...aes,
        name: "hr-key-2",
        attributes: [asi("hr", "benefits"), attr.objectGroup("g")],
      });
      ids.ops = await c.create({ ...aes, name: "ops-key", attributes: [asi("ops", "backup")] });
      ids.big = await c.create({ ...aes, name: "big", attributes: [usageLimits(1000n, UsageLimitsUnit.Byte)] });
      ids.small = await c.create({ ...aes, name: "small", attributes: [usageLimits(10n, UsageLimitsUnit.Byte)] });
      await c.get(ids.hr2); // no longer Fresh
    });
    afterAll(async () => {
      await h.stop();
    });

    it("matches a structure given with only some of its fields", async () => {
      expect((await c.locate({ attributes: [asi("hr")] })).sort()).toEqual([ids.hr, ids.hr2].sort());
      expect(await c.locate({ attributes: [asi("hr", "benefits")] })).toEqual([ids.hr2]);
      expect(await c.locate({ attributes: [asi("nobody")] })).toEqual([]);
      expect(await c.locate({ attributes: [nameValueOnly("ops-key")] })).toEqual([ids.ops]);
      expect(await c.locate({ attributes: [attr.name("ops-key")] })).toEqual([ids.ops]);
    });

    it("matches Usage Limits equal to or larger than the request's", async () => {
      expect(await c.locate({ attributes: [usageLimits(500n)] })).toEqual([ids.big]);
      expect((await c.locate({ attributes: [usageLimits(10n, UsageLimitsUnit.Byte)] })).sort()).toEqual(
        [ids.big, ids.small].sort(),
      );
      expect(await c.locate({ attributes: [usageLimits(10n, UsageLimitsUnit.Object)] })).toEqual([]);
    });

    it("picks a group's fresh objects or its default one with Object Group Member", async () => {
      const group = [attr.objectGroup("g")];
      expect((await c.locate({ attributes: group })).sort()).toEqual([ids.hr, ids.hr2].sort());
      expect(await c.locate({ attributes: group, groupMember: ObjectGroupMember.GroupMemberFresh })).toEqual([ids.hr]);
      expect(await c.locate({ attributes: group, groupMember: ObjectGroupMember.GroupMemberDefault })).toEqual([
        ids.hr2,
      ]);
    });

    it("sets the ID Placeholder only when exactly one object is returned", async () => {
      const encode = (a: Attr): TtlvItem =>
        version.major >= 2 ? ttlv.struct(Tag.Attributes, [encodeAttribute2(a)]) : encodeAttribute1(a, undefined);
      const locate = (a: Attr, maxItems?: number) => ({
        operation: Operation.Locate,
        payload: [...(maxItems === undefined ? [] : [ttlv.int(Tag.MaximumItems, maxItems)]), encode(a)],
      });
      const get = { operation: Operation.Get, payload: [] };
      const one = await c.batch([locate(asi("ops")), get]);
      expect(one.map((r) => r.resultStatus)).toEqual([ResultStatus.Success, ResultStatus.Success]);
      const many = await c.batch([locate(asi("hr")), get]);
      expect(many.map((r) => r.resultStatus)).toEqual([ResultStatus.Success, ResultStatus.OperationFailed]);
      const first = await c.batch([locate(asi("hr"), 1), get]);
      expect(first.map((r) => r.resultStatus)).toEqual([ResultStatus.Success, ResultStatus.Success]);
      const none = await c.batch([locate(asi("nobody")), get]);
      expect(none.map((r) => r.resultStatus)).toEqual([ResultStatus.Success, ResultStatus.OperationFailed]);
    });
  });
}
