/**
 * Fuzzing the request path above the codec: well-formed TTLV messages whose batch items carry
 * random operations and random payloads built from the fields KMIP payloads really use (right
 * and wrong Item Types, real and bogus identifiers, nested attribute structures, both the 1.x
 * and the 2.x attribute forms). Whatever arrives, every batch item must get a KMIP answer:
 * success or a Result Reason, never an internal error (which reaches the client as General
 * Failure with no explanation), and the response must encode.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { supportedVersions } from "../../src/kmip/version.js";
import { operations } from "../../src/kms/dispatch.js";
import { KmipProcessor } from "../../src/kms/processor.js";
import { encodeTtlv } from "../../src/ttlv/encode.js";
import {
  BatchErrorContinuationOption,
  BlockCipherMode,
  CryptographicAlgorithm,
  ObjectType,
  Operation,
  ResultStatus,
} from "../../src/ttlv/enums.js";
import { ItemType, type StructureItem, type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";
import { openTestStore } from "../store/dialects.js";
import { batchItem, batchRequest } from "../support/request-message.js";

/** Runs per property; each message has 1-3 batch items. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 250);
/** A message slower than this is a finding too (a payload that makes the server work unboundedly). */
const MESSAGE_TIMEOUT_MS = 5_000;

const T = ItemType;
type Field = readonly [tag: number, type: number];

/** Fields of request payloads and of the structures inside them, with their Item Types. */
const leafFields: readonly Field[] = [
  [Tag.UniqueIdentifier, T.TextString],
  [Tag.ObjectType, T.Enumeration],
  [Tag.CryptographicAlgorithm, T.Enumeration],
  [Tag.CryptographicLength, T.Integer],
  [Tag.CryptographicUsageMask, T.Integer],
  [Tag.KeyFormatType, T.Enumeration],
  [Tag.KeyMaterial, T.ByteString],
  [Tag.Data, T.ByteString],
  [Tag.IVCounterNonce, T.ByteString],
  [Tag.CorrelationValue, T.ByteString],
  [Tag.InitIndicator, T.Boolean],
  [Tag.FinalIndicator, T.Boolean],
  [Tag.AuthenticatedEncryptionTag, T.ByteString],
  [Tag.AuthenticatedEncryptionAdditionalData, T.ByteString],
  [Tag.SignatureData, T.ByteString],
  [Tag.MACData, T.ByteString],
  [Tag.BlockCipherMode, T.Enumeration],
  [Tag.PaddingMethod, T.Enumeration],
  [Tag.HashingAlgorithm, T.Enumeration],
  [Tag.DigitalSignatureAlgorithm, T.Enumeration],
  [Tag.TagLength, T.Integer],
  [Tag.AttributeName, T.TextString],
  [Tag.AttributeIndex, T.Integer],
  [Tag.NameValue, T.TextString],
  [Tag.NameType, T.Enumeration],
  [Tag.State, T.Enumeration],
  [Tag.ActivationDate, T.DateTime],
  [Tag.DeactivationDate, T.DateTime],
  [Tag.ProcessStartDate, T.DateTime],
  [Tag.ProtectStopDate, T.DateTime],
  [Tag.CompromiseOccurrenceDate, T.DateTime],
  [Tag.RevocationReasonCode, T.Enumeration],
  [Tag.RevocationMessage, T.TextString],
  [Tag.Offset, T.Interval],
  [Tag.MaximumItems, T.Integer],
  [Tag.OffsetItems, T.Integer],
  [Tag.StorageStatusMask, T.Integer],
  [Tag.QueryFunction, T.Enumeration],
  [Tag.LinkType, T.Enumeration],
  [Tag.LinkedObjectIdentifier, T.TextString],
  [Tag.ObjectGroup, T.TextString],
  [Tag.DerivationMethod, T.Enumeration],
  [Tag.Salt, T.ByteString],
  [Tag.IterationCount, T.Integer],
  [Tag.DataLength, T.Integer],
  [Tag.WrappingMethod, T.Enumeration],
  [Tag.EncodingOption, T.Enumeration],
  [Tag.SecretDataType, T.Enumeration],
  [Tag.OpaqueDataType, T.Enumeration],
  [Tag.OpaqueDataValue, T.ByteString],
  [Tag.Certificate, T.ByteString],
  [Tag.CertificateValue, T.ByteString],
  [Tag.CertificateType, T.Enumeration],
  [Tag.ReplaceExisting, T.Boolean],
  [Tag.UsageLimitsCount, T.LongInteger],
  [Tag.UsageLimitsUnit, T.Enumeration],
  [Tag.InteropFunction, T.Enumeration],
  [Tag.InteropIdentifier, T.TextString],
  [Tag.LogMessage, T.TextString],
  [Tag.Modulus, T.BigInteger],
  [Tag.PublicExponent, T.BigInteger],
  [Tag.RecommendedCurve, T.Enumeration],
  [Tag.SplitKeyParts, T.Integer],
  [Tag.SplitKeyThreshold, T.Integer],
  [Tag.KeyPartIdentifier, T.Integer],
];

/** Structures that payloads nest (attributes, key blocks, parameters). */
const structureTags: readonly number[] = [
  Tag.Attributes,
  Tag.CommonAttributes,
  Tag.PrivateKeyAttributes,
  Tag.PublicKeyAttributes,
  Tag.TemplateAttribute,
  Tag.CommonTemplateAttribute,
  Tag.Attribute,
  Tag.AttributeValue,
  Tag.AttributeReference,
  Tag.NewAttribute,
  Tag.CurrentAttribute,
  Tag.Name,
  Tag.Link,
  Tag.CryptographicParameters,
  Tag.CryptographicDomainParameters,
  Tag.KeyBlock,
  Tag.KeyValue,
  Tag.SymmetricKey,
  Tag.PrivateKey,
  Tag.PublicKey,
  Tag.SecretData,
  Tag.OpaqueObject,
  Tag.SplitKey,
  Tag.KeyWrappingSpecification,
  Tag.KeyWrappingData,
  Tag.EncryptionKeyInformation,
  Tag.MACSignatureKeyInformation,
  Tag.DerivationParameters,
  Tag.RevocationReason,
  Tag.UsageLimits,
  Tag.ObjectGroupMember,
  Tag.ProtocolVersion,
];

const attributeNames = [
  "Cryptographic Algorithm",
  "Cryptographic Length",
  "Cryptographic Usage Mask",
  "Name",
  "State",
  "Activation Date",
  "Object Group",
  "Link",
  "Contact Information",
  "Usage Limits",
  "Unique Identifier",
  "x-custom",
  "y-vendor",
  "No Such Attribute",
  "",
];

const allOperations: readonly number[] = Object.values(Operation);

/** Deterministic bytes, so that a failing case replays exactly. */
const fixedBytes = (n: number): Uint8Array => new Uint8Array(n).fill(7);

/** Correlation Values the server handed out (multi-part streams), for later parts to name. */
const correlations: Uint8Array[] = [];
const anyCorrelation = fc.oneof(
  fc.constant(fixedBytes(16)),
  fc
    .nat({ max: 15 })
    .map((i) => correlations[correlations.length - 1 - (i % Math.max(1, correlations.length))] ?? fixedBytes(8)),
);

/** Identifiers that exist (filled in beforeAll) plus ones that never will. */
const knownIds: string[] = [];
const anyId = fc.oneof(
  fc.constantFrom("no-such-id", "", "x".repeat(300)),
  fc.nat({ max: 7 }).map((i) => knownIds[i % Math.max(1, knownIds.length)] ?? "none"),
);

const nowSeconds = BigInt(Math.floor(Date.now() / 1000));
const smallInts = fc.oneof(
  fc.constantFrom(0, 1, -1, 8, 12, 16, 128, 256, 2048, 0x7fffffff, -0x80000000, 1 << 20),
  fc.integer({ min: -4, max: 4096 }),
);

function valueFor(tag: number, type: number): fc.Arbitrary<TtlvItem> {
  switch (type) {
    case T.Integer:
      return smallInts.map((v) => ttlv.int(tag, v));
    case T.Enumeration:
      return fc
        .oneof(fc.integer({ min: 0, max: 24 }), fc.constantFrom(0x7fffffff, 0x80000001, 0xffffffff))
        .map((v) => ttlv.enum(tag, v));
    case T.Interval:
      return fc.oneof(fc.nat({ max: 100_000 }), fc.constant(0xffffffff)).map((v) => ttlv.interval(tag, v));
    case T.Boolean:
      return fc.boolean().map((v) => ttlv.bool(tag, v));
    case T.TextString:
      return (tag === Tag.AttributeName ? fc.constantFrom(...attributeNames) : anyId).map((v) => ttlv.text(tag, v));
    case T.ByteString:
      return fc
        .oneof(
          fc.uint8Array({ maxLength: 48 }),
          fc.constantFrom(16, 24, 32, 4096).map((n) => fixedBytes(n)),
        )
        .map((v) => ttlv.bytes(tag, v));
    case T.DateTime:
      return fc
        .oneof(
          fc.bigInt({ min: nowSeconds - 1_000_000n, max: nowSeconds + 1_000_000n }),
          fc.constantFrom(0n, -1n, (1n << 63n) - 1n, -(1n << 63n)),
        )
        .map((v) => ttlv.date(tag, v));
    case T.LongInteger:
      return fc.bigInt({ min: -(1n << 63n), max: (1n << 63n) - 1n }).map((v) => ttlv.long(tag, v));
    case T.BigInteger:
      return fc
        .oneof(fc.bigInt({ min: -(1n << 70n), max: 1n << 70n }), fc.constant(65537n), fc.constant(1n << 2100n))
        .map((v) => ttlv.bigint(tag, v));
    default:
      return fc.constant(ttlv.text(tag, "?"));
  }
}

/** A field with its own type most of the time, another type sometimes. */
const leaf: fc.Arbitrary<TtlvItem> = fc
  .tuple(fc.constantFrom(...leafFields), fc.nat({ max: 9 }), fc.constantFrom(...Object.values(T)))
  .chain(([[tag, type], roll, other]) => valueFor(tag, roll === 0 && other !== T.Structure ? other : type));

const { item } = fc.letrec<{ item: TtlvItem; structure: StructureItem }>((tie) => ({
  item: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, leaf, tie("structure")),
  structure: fc
    .tuple(fc.constantFrom(...structureTags), fc.array(tie("item"), { maxLength: 5 }))
    .map(([tag, children]) => ttlv.struct(tag, children)),
}));

/** Plausible shapes first: a real object type plus attributes, so that operations get past their first checks. */
const payload: fc.Arbitrary<TtlvItem[]> = fc.oneof(
  fc.array(item, { maxLength: 6 }),
  fc
    .tuple(
      fc.constantFrom(ObjectType.SymmetricKey, ObjectType.SecretData, ObjectType.PrivateKey, ObjectType.Certificate),
      fc.array(item, { maxLength: 4 }),
    )
    .map(([type, rest]) => [
      ttlv.enum(Tag.ObjectType, type),
      ttlv.struct(Tag.Attributes, [
        ttlv.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
        ttlv.int(Tag.CryptographicLength, 256),
      ]),
      ...rest,
    ]),
  fc.tuple(anyId, fc.array(item, { maxLength: 4 })).map(([id, rest]) => [ttlv.text(Tag.UniqueIdentifier, id), ...rest]),
);

const supported = [...operations.keys()];

const batchItemArb = (v: { major: number; minor: number }) =>
  fc.oneof(
    // A valid payload of a supported operation, mutated a little (or not at all).
    fc
      .tuple(
        fc.constantFrom(...supported),
        anyId,
        fc.array(fc.nat(), { maxLength: 3 }),
        fc.array(item, { maxLength: 3 }),
      )
      .map(([op, id, picks, extra]) => [op, mutate(validPayload(op, v, id), picks, extra)] as const),
    // Random payloads, for any operation.
    fc.tuple(fc.constantFrom(...supported, ...allOperations), payload),
  );

/** Parts of multi-part operations: opening a stream, feeding or ending one the server handed out. */
const multiPartItem = fc
  .tuple(
    fc.constantFrom(
      Operation.Encrypt,
      Operation.Decrypt,
      Operation.MAC,
      Operation.MACVerify,
      Operation.Sign,
      Operation.Hash,
    ),
    anyId,
    anyCorrelation,
    fc.constantFrom("init", "part", "final", "init+final"),
    fc.constantFrom(0, 1, 15, 16, 17, 4096),
    fc.array(item, { maxLength: 2 }),
  )
  .map(([op, id, correlation, step, size, extra]) => {
    const payload: TtlvItem[] = [];
    if (step === "init" || step === "init+final") {
      payload.push(ttlv.text(Tag.UniqueIdentifier, id));
      if (op === Operation.Encrypt || op === Operation.Decrypt) {
        payload.push(
          ttlv.struct(Tag.CryptographicParameters, [ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.CBC)]),
          ttlv.bytes(Tag.IVCounterNonce, fixedBytes(16)),
        );
      }
      if (op === Operation.Hash) {
        payload.push(ttlv.struct(Tag.CryptographicParameters, [ttlv.enum(Tag.HashingAlgorithm, 4)]));
      }
      payload.push(ttlv.bool(Tag.InitIndicator, true));
    } else {
      payload.push(ttlv.bytes(Tag.CorrelationValue, correlation));
    }
    payload.push(ttlv.bytes(Tag.Data, fixedBytes(size)));
    if (step === "final" || step === "init+final") payload.push(ttlv.bool(Tag.FinalIndicator, true));
    return [op, [...payload, ...extra]] as const;
  });

const message = fc
  .record({
    version: fc.constantFrom(...supportedVersions),
    maximumResponseSize: fc.option(fc.integer({ min: 40, max: 6000 }), { freq: 3 }),
    option: fc.constantFrom(
      undefined,
      BatchErrorContinuationOption.Stop,
      BatchErrorContinuationOption.Continue,
      BatchErrorContinuationOption.Undo,
    ),
  })
  .chain(({ version, option, maximumResponseSize }) =>
    fc
      .array(fc.oneof({ arbitrary: batchItemArb(version), weight: 4 }, { arbitrary: multiPartItem, weight: 1 }), {
        minLength: 1,
        maxLength: 3,
      })
      .map((items) => ({ version, option, maximumResponseSize, items })),
  )
  .map(({ version, option, maximumResponseSize, items }) => {
    const header: TtlvItem[] = [
      ttlv.struct(Tag.ProtocolVersion, [
        ttlv.int(Tag.ProtocolVersionMajor, version.major),
        ttlv.int(Tag.ProtocolVersionMinor, version.minor),
      ]),
    ];
    if (maximumResponseSize !== null) header.push(ttlv.int(Tag.MaximumResponseSize, maximumResponseSize));
    if (option !== undefined) header.push(ttlv.enum(Tag.BatchErrorContinuationOption, option));
    header.push(ttlv.int(Tag.BatchCount, items.length));
    return ttlv.struct(Tag.RequestMessage, [
      ttlv.struct(Tag.RequestHeader, header),
      ...items.map(([op, p]) => batchItem(op, [...p])),
    ]);
  });

const isV2 = (v: { major: number }): boolean => v.major >= 2;
const gcm = ttlv.struct(Tag.CryptographicParameters, [
  ttlv.enum(Tag.BlockCipherMode, BlockCipherMode.GCM),
  ttlv.int(Tag.TagLength, 16),
]);

/** Attributes in the version's own form: 2.x Attributes, 1.x Template-Attribute of Attribute name/value. */
function attributes(v: { major: number }, fields: readonly TtlvItem[], wrapper: number = Tag.Attributes): TtlvItem {
  if (isV2(v)) return ttlv.struct(wrapper, fields);
  const names: Record<number, string> = {
    [Tag.CryptographicAlgorithm]: "Cryptographic Algorithm",
    [Tag.CryptographicLength]: "Cryptographic Length",
    [Tag.CryptographicUsageMask]: "Cryptographic Usage Mask",
    [Tag.ActivationDate]: "Activation Date",
    [Tag.ObjectGroup]: "Object Group",
  };
  const wrapper1x =
    wrapper === Tag.CommonAttributes
      ? Tag.CommonTemplateAttribute
      : wrapper === Tag.PrivateKeyAttributes
        ? Tag.PrivateKeyTemplateAttribute
        : wrapper === Tag.PublicKeyAttributes
          ? Tag.PublicKeyTemplateAttribute
          : Tag.TemplateAttribute;
  return ttlv.struct(
    wrapper1x,
    fields.map((f) =>
      ttlv.struct(Tag.Attribute, [
        ttlv.text(Tag.AttributeName, names[f.tag] ?? "x-fuzz"),
        { ...f, tag: Tag.AttributeValue } as TtlvItem,
      ]),
    ),
  );
}

/** One attribute for Add/Modify/Set/Delete Attribute in the version's form. */
function oneAttribute(v: { major: number }, wrapper: number): TtlvItem {
  if (isV2(v)) return ttlv.struct(wrapper, [ttlv.text(Tag.ObjectGroup, "g")]);
  return ttlv.struct(Tag.Attribute, [ttlv.text(Tag.AttributeName, "Object Group"), ttlv.text(Tag.AttributeValue, "g")]);
}

/**
 * A valid payload of each supported operation, for the version: the fuzzer mutates these, so
 * that most batch items get past the first checks into the operation's own logic.
 */
function validPayload(op: number, v: { major: number; minor: number }, id: string): TtlvItem[] {
  const uid = ttlv.text(Tag.UniqueIdentifier, id);
  const aes = [
    ttlv.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
    ttlv.int(Tag.CryptographicLength, 256),
    ttlv.int(Tag.CryptographicUsageMask, 0x0c),
  ];
  switch (op) {
    case Operation.Create:
      return [ttlv.enum(Tag.ObjectType, ObjectType.SymmetricKey), attributes(v, aes)];
    case Operation.CreateKeyPair:
      return [
        attributes(
          v,
          [ttlv.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.ECDSA), ttlv.int(Tag.CryptographicLength, 256)],
          Tag.CommonAttributes,
        ),
        attributes(v, [ttlv.int(Tag.CryptographicUsageMask, 1)], Tag.PrivateKeyAttributes),
        attributes(v, [ttlv.int(Tag.CryptographicUsageMask, 2)], Tag.PublicKeyAttributes),
      ];
    case Operation.Register:
    case Operation.Import:
      return [
        ...(op === Operation.Import ? [uid] : []),
        ttlv.enum(Tag.ObjectType, ObjectType.SymmetricKey),
        attributes(v, aes),
        ttlv.struct(Tag.SymmetricKey, [
          ttlv.struct(Tag.KeyBlock, [
            ttlv.enum(Tag.KeyFormatType, 1),
            ttlv.struct(Tag.KeyValue, [ttlv.bytes(Tag.KeyMaterial, fixedBytes(32))]),
            ttlv.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
            ttlv.int(Tag.CryptographicLength, 256),
          ]),
        ]),
      ];
    case Operation.Get:
    case Operation.Export:
      return [uid, ttlv.enum(Tag.KeyFormatType, 1)];
    case Operation.GetAttributes:
      return [
        uid,
        isV2(v)
          ? ttlv.struct(Tag.AttributeReference, [ttlv.enum(Tag.AttributeReference, 0)])
          : ttlv.text(Tag.AttributeName, "State"),
      ];
    case Operation.AddAttribute:
      return [uid, oneAttribute(v, Tag.NewAttribute)];
    case Operation.SetAttribute:
      return [uid, oneAttribute(v, Tag.NewAttribute)];
    case Operation.ModifyAttribute:
      return isV2(v)
        ? [uid, oneAttribute(v, Tag.CurrentAttribute), oneAttribute(v, Tag.NewAttribute)]
        : [uid, oneAttribute(v, Tag.NewAttribute)];
    case Operation.DeleteAttribute:
      return isV2(v)
        ? [uid, oneAttribute(v, Tag.CurrentAttribute)]
        : [uid, ttlv.text(Tag.AttributeName, "Object Group")];
    case Operation.Locate:
      return [ttlv.int(Tag.MaximumItems, 3), attributes(v, [aes[0]!])];
    case Operation.Revoke:
      return [uid, ttlv.struct(Tag.RevocationReason, [ttlv.enum(Tag.RevocationReasonCode, 1)])];
    case Operation.Encrypt:
      return [uid, gcm, ttlv.bytes(Tag.Data, fixedBytes(20))];
    case Operation.Decrypt:
      return [
        uid,
        gcm,
        ttlv.bytes(Tag.Data, fixedBytes(20)),
        ttlv.bytes(Tag.IVCounterNonce, fixedBytes(12)),
        ttlv.bytes(Tag.AuthenticatedEncryptionTag, fixedBytes(16)),
      ];
    case Operation.Sign:
    case Operation.SignatureVerify:
    case Operation.MAC:
    case Operation.MACVerify:
      return [uid, ttlv.bytes(Tag.Data, fixedBytes(20))];
    case Operation.Hash:
      return [
        ttlv.struct(Tag.CryptographicParameters, [ttlv.enum(Tag.HashingAlgorithm, 4)]),
        ttlv.bytes(Tag.Data, fixedBytes(20)),
      ];
    case Operation.RNGRetrieve:
      return [ttlv.int(Tag.DataLength, 16)];
    case Operation.DeriveKey:
      return [
        ttlv.enum(Tag.ObjectType, ObjectType.SymmetricKey),
        uid,
        ttlv.enum(Tag.DerivationMethod, 1),
        ttlv.struct(Tag.DerivationParameters, [
          ttlv.struct(Tag.CryptographicParameters, [ttlv.enum(Tag.HashingAlgorithm, 4)]),
          ttlv.bytes(Tag.Salt, fixedBytes(8)),
          ttlv.int(Tag.IterationCount, 2),
        ]),
        attributes(v, aes.slice(0, 2)),
      ];
    case Operation.Query:
      return [ttlv.enum(Tag.QueryFunction, 1), ttlv.enum(Tag.QueryFunction, 2)];
    case Operation.DiscoverVersions:
      return [
        ttlv.struct(Tag.ProtocolVersion, [
          ttlv.int(Tag.ProtocolVersionMajor, 1),
          ttlv.int(Tag.ProtocolVersionMinor, 2),
        ]),
      ];
    case Operation.Log:
      return [ttlv.text(Tag.LogMessage, "fuzz")];
    case Operation.Interop:
      return [ttlv.enum(Tag.InteropFunction, 1), ttlv.text(Tag.InteropIdentifier, "fuzz")];
    default:
      // Activate, Destroy, Check, Get Attribute List, Re-key, Re-key Key Pair, ...: the id alone.
      return [uid];
  }
}

/** Mutations of a payload: drop, replace or add fields, at the top level or inside a structure. */
function mutate(items: readonly TtlvItem[], picks: readonly number[], extra: readonly TtlvItem[]): TtlvItem[] {
  const out = [...items];
  let e = 0;
  for (const p of picks) {
    if (out.length === 0) break;
    const at = p % out.length;
    const target = out[at]!;
    switch (p % 5) {
      case 0:
        out.splice(at, 1);
        break;
      case 1:
        if (extra[e] !== undefined) out[at] = { ...extra[e++]!, tag: target.tag } as TtlvItem;
        break;
      case 2:
        if (extra[e] !== undefined) out.splice(at, 0, extra[e++]!);
        break;
      case 3:
        if (target.type === ItemType.Structure) {
          out[at] = { ...target, value: mutate(target.value, [Math.floor(p / 5)], extra.slice(e, e + 1)) };
          e++;
        }
        break;
      default:
        out.push(target); // a field given twice
    }
  }
  return out;
}

/** Keeps the Correlation Values a response hands out, for later generated parts. */
function collectCorrelations(i: TtlvItem): void {
  if (i.tag === Tag.CorrelationValue && i.type === ItemType.ByteString) correlations.push(i.value);
  if (i.type === ItemType.Structure) for (const c of i.value) collectCorrelations(c);
  if (correlations.length > 64) correlations.splice(0, correlations.length - 64);
}

function withTimeout<T>(p: Promise<T>, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${MESSAGE_TIMEOUT_MS} ms: ${what()}`)),
      MESSAGE_TIMEOUT_MS,
    );
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

const show = (m: TtlvItem): string =>
  JSON.stringify(m, (_k, v) => (typeof v === "bigint" ? `${v}n` : v instanceof Uint8Array ? `<${v.length} bytes>` : v));

describe("KMIP processor fuzzing (random operations and payloads)", () => {
  let kmip: KmipProcessor;
  let close: () => Promise<void>;
  const internal: unknown[] = [];

  beforeAll(async () => {
    const opened = await openTestStore("sqlite");
    close = opened.close;
    kmip = new KmipProcessor({
      store: opened.store,
      admins: ["root"],
      maxBatchItems: 16,
      onInternalError: (e) => internal.push(e),
    });
    // A few real objects for the generated identifiers to hit.
    for (let i = 0; i < 3; i++) {
      const r = await kmip.process(
        batchRequest([
          batchItem(Operation.Create, [
            ttlv.enum(Tag.ObjectType, ObjectType.SymmetricKey),
            ttlv.struct(Tag.Attributes, [
              ttlv.enum(Tag.CryptographicAlgorithm, CryptographicAlgorithm.AES),
              ttlv.int(Tag.CryptographicLength, 256),
              ttlv.int(Tag.CryptographicUsageMask, 0x0c),
            ]),
          ]),
        ]),
        "alice",
      );
      const id = show(r).match(/"value":"([0-9a-f]{8}-[0-9a-f-]{27})"/)?.[1];
      if (id !== undefined) knownIds.push(id);
    }
    expect(knownIds.length).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await close();
  });

  it("answers every batch item of every message with a KMIP result, never an internal error", async () => {
    await fc.assert(
      fc.asyncProperty(message, fc.constantFrom("alice", "bob", "root"), async (m, who) => {
        internal.length = 0;
        const response = await withTimeout(kmip.process(m, who), () => show(m));
        expect(() => encodeTtlv(response)).not.toThrow();
        const statuses = response.value
          .filter((i): i is StructureItem => i.tag === Tag.BatchItem && i.type === ItemType.Structure)
          .map((b) => b.value.find((f) => f.tag === Tag.ResultStatus)?.value);
        expect(statuses.length).toBeGreaterThan(0);
        for (const s of statuses) {
          expect([ResultStatus.Success, ResultStatus.OperationFailed, ResultStatus.OperationUndone]).toContain(s);
        }
        // An unexpected failure reaches the client only as this message (processor.ts asKmip).
        expect(show(response)).not.toMatch(/internal (server )?error/);
        collectCorrelations(response);
        if (internal.length > 0) {
          throw new Error(`internal error ${String(internal[0])}\n${(internal[0] as Error).stack}\nfor ${show(m)}`);
        }
      }),
      { numRuns: RUNS },
    );
  }, 120_000);
});
