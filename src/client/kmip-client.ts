import { randomBytes } from "node:crypto";
import type { Attr } from "../kmip/attributes/attribute.js";
import {
  decodeAttribute1,
  decodeAttributes2,
  encodeAttribute1,
  encodeAttribute2,
  encodeAttributeReference,
} from "../kmip/attributes/attribute-wire.js";
import { asStruct, find, findAll, opt, req } from "../kmip/read.js";
import { isV2, type ProtocolVersion } from "../kmip/version.js";
import {
  enumName,
  KeyFormatType,
  NameType,
  ObjectType,
  Operation,
  ResultStatus,
  RevocationReasonCode,
} from "../ttlv/enums.js";
import { type StructureItem, type TtlvItem, ttlv } from "../ttlv/item.js";
import { Tag } from "../ttlv/tags.js";
import { KmipTransport, type TransportOptions } from "./kmip-transport.js";

/** A batch item the server answered with Operation Failed (or another non-success status). */
export class KmipOperationError extends Error {
  override readonly name = "KmipOperationError";
  constructor(
    readonly operation: number,
    readonly resultStatus: number,
    readonly resultReason: number | undefined,
    readonly resultMessage: string | undefined,
  ) {
    super(
      `${enumName(Tag.Operation, operation) ?? operation} failed: ${
        resultReason === undefined ? "no reason" : (enumName(Tag.ResultReason, resultReason) ?? resultReason)
      }${resultMessage ? ` (${resultMessage})` : ""}`,
    );
  }
}

export interface BatchRequestItem {
  readonly operation: number;
  readonly payload: readonly TtlvItem[];
}

export interface BatchResult {
  readonly operation: number | undefined;
  readonly resultStatus: number;
  readonly resultReason: number | undefined;
  readonly resultMessage: string | undefined;
  readonly payload: StructureItem | undefined;
}

export interface KmipClientOptions extends TransportOptions {
  /** Protocol version to speak (default 2.1). */
  readonly version?: ProtocolVersion;
}

export interface KeyMaterial {
  readonly objectType: number;
  readonly id: string;
  /** Key bytes (Raw / Transparent Symmetric Key) or the Opaque Data Value. */
  readonly material: Uint8Array;
  readonly algorithm: number | undefined;
  readonly length: number | undefined;
  /** The object structure as returned, for callers that need more. */
  readonly object: StructureItem;
}

/** Helpers to build attribute values for create/register/locate/addAttribute. */
export const attr = {
  name: (value: string): Attr => ({
    name: "Name",
    value: ttlv.struct(Tag.Name, [
      ttlv.text(Tag.NameValue, value),
      ttlv.enum(Tag.NameType, NameType.UninterpretedTextString),
    ]),
  }),
  algorithm: (alg: number): Attr => ({
    name: "Cryptographic Algorithm",
    value: ttlv.enum(Tag.CryptographicAlgorithm, alg),
  }),
  length: (bits: number): Attr => ({ name: "Cryptographic Length", value: ttlv.int(Tag.CryptographicLength, bits) }),
  usageMask: (mask: number): Attr => ({
    name: "Cryptographic Usage Mask",
    value: ttlv.int(Tag.CryptographicUsageMask, mask),
  }),
  objectType: (t: number): Attr => ({ name: "Object Type", value: ttlv.enum(Tag.ObjectType, t) }),
  state: (s: number): Attr => ({ name: "State", value: ttlv.enum(Tag.State, s) }),
  objectGroup: (g: string): Attr => ({ name: "Object Group", value: ttlv.text(Tag.ObjectGroup, g) }),
  activationDate: (d: Date): Attr => ({
    name: "Activation Date",
    value: ttlv.date(Tag.ActivationDate, BigInt(Math.floor(d.getTime() / 1000))),
  }),
  /** A custom attribute: name must start with "x-". */
  custom: (name: string, value: string): Attr => ({ name, value: ttlv.text(Tag.AttributeValue, value) }),
} as const;

/**
 * A KMIP client over TTLV and mutual TLS, speaking KMIP 1.0-2.1 (default 2.1). Each method
 * sends one batch item and returns its response payload decoded, or throws KmipOperationError.
 *
 * ```ts
 * const kmip = await KmipClient.connect({ host: "127.0.0.1", port: 5696, ca, cert, key });
 * const id = await kmip.create({ algorithm: CryptographicAlgorithm.AES, length: 256, name: "db-key" });
 * const { material } = await kmip.get(id);
 * ```
 */
export class KmipClient {
  private constructor(
    private readonly transport: KmipTransport,
    readonly version: ProtocolVersion,
  ) {}

  static async connect(options: KmipClientOptions): Promise<KmipClient> {
    const transport = await KmipTransport.connect(options);
    return new KmipClient(transport, options.version ?? { major: 2, minor: 1 });
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  /** Sends raw batch items; returns every item's result without throwing on failures. */
  async batch(
    items: readonly BatchRequestItem[],
    header: { readonly batchErrorContinuationOption?: number; readonly maximumResponseSize?: number } = {},
  ): Promise<BatchResult[]> {
    const h: TtlvItem[] = [
      ttlv.struct(Tag.ProtocolVersion, [
        ttlv.int(Tag.ProtocolVersionMajor, this.version.major),
        ttlv.int(Tag.ProtocolVersionMinor, this.version.minor),
      ]),
    ];
    if (header.maximumResponseSize !== undefined) h.push(ttlv.int(Tag.MaximumResponseSize, header.maximumResponseSize));
    if (header.batchErrorContinuationOption !== undefined) {
      h.push(ttlv.enum(Tag.BatchErrorContinuationOption, header.batchErrorContinuationOption));
    }
    h.push(ttlv.int(Tag.BatchCount, items.length));
    const body: TtlvItem[] = [ttlv.struct(Tag.RequestHeader, h)];
    for (const it of items) {
      const v: TtlvItem[] = [ttlv.enum(Tag.Operation, it.operation)];
      if (items.length > 1) v.push(ttlv.bytes(Tag.UniqueBatchItemID, randomBytes(8)));
      v.push(ttlv.struct(Tag.RequestPayload, it.payload));
      body.push(ttlv.struct(Tag.BatchItem, v));
    }
    const response = asStruct(await this.transport.send(ttlv.struct(Tag.RequestMessage, body)));
    return findAll(response, Tag.BatchItem).map((bi) => {
      const s = asStruct(bi);
      return {
        operation: opt.enum(s, Tag.Operation),
        resultStatus: req.enum(s, Tag.ResultStatus),
        resultReason: opt.enum(s, Tag.ResultReason),
        resultMessage: opt.text(s, Tag.ResultMessage),
        payload: opt.struct(s, Tag.ResponsePayload),
      };
    });
  }

  /** One operation; throws KmipOperationError unless it succeeded. */
  async call(operation: number, payload: readonly TtlvItem[]): Promise<StructureItem> {
    const [r] = await this.batch([{ operation, payload }]);
    if (r === undefined)
      throw new KmipOperationError(operation, ResultStatus.OperationFailed, undefined, "empty response");
    if (r.resultStatus !== ResultStatus.Success) {
      throw new KmipOperationError(operation, r.resultStatus, r.resultReason, r.resultMessage);
    }
    return r.payload ?? ttlv.struct(Tag.ResponsePayload, []);
  }

  /**
   * Attributes in this client's protocol version: 1.x Template-Attribute, 2.x Attributes. Sent
   * even when empty: Create and Register require the container (KMIP 1.4 Tables 163/169).
   */
  encodeAttributes(attrs: readonly Attr[], container1x = Tag.TemplateAttribute): TtlvItem[] {
    if (isV2(this.version)) return [ttlv.struct(Tag.Attributes, attrs.map(encodeAttribute2))];
    return [
      ttlv.struct(
        container1x,
        attrs.map((a) => encodeAttribute1(a, undefined)),
      ),
    ];
  }

  async create(o: {
    readonly algorithm: number;
    readonly length: number;
    readonly usageMask?: number;
    readonly name?: string;
    readonly attributes?: readonly Attr[];
  }): Promise<string> {
    const attrs = [attr.algorithm(o.algorithm), attr.length(o.length), attr.usageMask(o.usageMask ?? 0x0c)];
    if (o.name !== undefined) attrs.push(attr.name(o.name));
    attrs.push(...(o.attributes ?? []));
    const p = await this.call(Operation.Create, [
      ttlv.enum(Tag.ObjectType, ObjectType.SymmetricKey),
      ...this.encodeAttributes(attrs),
    ]);
    return req.text(p, Tag.UniqueIdentifier);
  }

  /** Registers a Symmetric Key (Raw), Secret Data (Password/Seed) or Opaque Object. */
  async register(o: {
    readonly objectType: number;
    readonly material: Uint8Array;
    readonly algorithm?: number;
    readonly length?: number;
    readonly usageMask?: number;
    readonly name?: string;
    readonly secretDataType?: number;
    readonly opaqueDataType?: number;
    readonly attributes?: readonly Attr[];
  }): Promise<string> {
    const attrs: Attr[] = [];
    if (o.usageMask !== undefined) attrs.push(attr.usageMask(o.usageMask));
    if (o.name !== undefined) attrs.push(attr.name(o.name));
    attrs.push(...(o.attributes ?? []));
    let object: TtlvItem;
    if (o.objectType === ObjectType.OpaqueObject) {
      object = ttlv.struct(Tag.OpaqueObject, [
        ttlv.enum(Tag.OpaqueDataType, o.opaqueDataType ?? 0x80000001),
        ttlv.bytes(Tag.OpaqueDataValue, o.material),
      ]);
    } else {
      const kb: TtlvItem[] = [
        ttlv.enum(Tag.KeyFormatType, o.objectType === ObjectType.SecretData ? KeyFormatType.Opaque : KeyFormatType.Raw),
        ttlv.struct(Tag.KeyValue, [ttlv.bytes(Tag.KeyMaterial, o.material)]),
      ];
      if (o.algorithm !== undefined) kb.push(ttlv.enum(Tag.CryptographicAlgorithm, o.algorithm));
      if (o.length !== undefined) kb.push(ttlv.int(Tag.CryptographicLength, o.length));
      const keyBlock = ttlv.struct(Tag.KeyBlock, kb);
      object =
        o.objectType === ObjectType.SecretData
          ? ttlv.struct(Tag.SecretData, [ttlv.enum(Tag.SecretDataType, o.secretDataType ?? 1), keyBlock])
          : ttlv.struct(Tag.SymmetricKey, [keyBlock]);
    }
    const p = await this.call(Operation.Register, [
      ttlv.enum(Tag.ObjectType, o.objectType),
      ...this.encodeAttributes(attrs),
      object,
    ]);
    return req.text(p, Tag.UniqueIdentifier);
  }

  async get(id: string, options: { readonly keyFormatType?: number } = {}): Promise<KeyMaterial> {
    const payload: TtlvItem[] = [ttlv.text(Tag.UniqueIdentifier, id)];
    if (options.keyFormatType !== undefined) payload.push(ttlv.enum(Tag.KeyFormatType, options.keyFormatType));
    const p = await this.call(Operation.Get, payload);
    const objectType = req.enum(p, Tag.ObjectType);
    const object = asStruct(p.value[p.value.length - 1]!);
    if (object.tag === Tag.OpaqueObject) {
      return {
        objectType,
        id,
        material: req.bytes(object, Tag.OpaqueDataValue),
        algorithm: undefined,
        length: undefined,
        object,
      };
    }
    const kb = req.struct(object, Tag.KeyBlock);
    const kv = find(kb, Tag.KeyValue);
    let material: Uint8Array = new Uint8Array(0);
    if (kv?.type === 1) {
      const km = find(kv, Tag.KeyMaterial);
      if (km?.type === 8) material = km.value;
      else if (km?.type === 1) material = req.bytes(km, Tag.Key);
    }
    return {
      objectType,
      id,
      material,
      algorithm: opt.enum(kb, Tag.CryptographicAlgorithm),
      length: opt.int(kb, Tag.CryptographicLength),
      object,
    };
  }

  async getAttributes(id: string, names: readonly string[] = []): Promise<Attr[]> {
    const sel = names.map((n) => (isV2(this.version) ? encodeAttributeReference(n) : ttlv.text(Tag.AttributeName, n)));
    const p = await this.call(Operation.GetAttributes, [ttlv.text(Tag.UniqueIdentifier, id), ...sel]);
    if (isV2(this.version)) {
      const a = find(p, Tag.Attributes);
      return a === undefined ? [] : decodeAttributes2(a);
    }
    return findAll(p, Tag.Attribute).map(decodeAttribute1);
  }

  async getAttributeList(id: string): Promise<string[]> {
    const p = await this.call(Operation.GetAttributeList, [ttlv.text(Tag.UniqueIdentifier, id)]);
    if (!isV2(this.version)) return findAll(p, Tag.AttributeName).map((n) => (n.type === 7 ? n.value : ""));
    return findAll(p, Tag.AttributeReference).map((r) =>
      r.type === 5 ? (enumName(Tag.AttributeReference, r.value) ?? String(r.value)) : "custom",
    );
  }

  async locate(
    o: {
      readonly attributes?: readonly Attr[];
      readonly maxItems?: number;
      readonly offset?: number;
      /** Object Group Member (ObjectGroupMember enumeration), used with an Object Group attribute. */
      readonly groupMember?: number;
    } = {},
  ): Promise<string[]> {
    const payload: TtlvItem[] = [];
    if (o.maxItems !== undefined) payload.push(ttlv.int(Tag.MaximumItems, o.maxItems));
    if (o.offset !== undefined) payload.push(ttlv.int(Tag.OffsetItems, o.offset));
    if (o.groupMember !== undefined) payload.push(ttlv.enum(Tag.ObjectGroupMember, o.groupMember));
    const attrs = o.attributes ?? [];
    if (isV2(this.version)) payload.push(ttlv.struct(Tag.Attributes, attrs.map(encodeAttribute2)));
    else payload.push(...attrs.map((a) => encodeAttribute1(a, undefined)));
    const p = await this.call(Operation.Locate, payload);
    return findAll(p, Tag.UniqueIdentifier).map((u) => (u.type === 7 ? u.value : ""));
  }

  async activate(id: string): Promise<void> {
    await this.call(Operation.Activate, [ttlv.text(Tag.UniqueIdentifier, id)]);
  }

  async revoke(id: string, reason: number = RevocationReasonCode.CessationOfOperation, occurred?: Date): Promise<void> {
    const payload: TtlvItem[] = [
      ttlv.text(Tag.UniqueIdentifier, id),
      ttlv.struct(Tag.RevocationReason, [ttlv.enum(Tag.RevocationReasonCode, reason)]),
    ];
    if (occurred !== undefined) {
      payload.push(ttlv.date(Tag.CompromiseOccurrenceDate, BigInt(Math.floor(occurred.getTime() / 1000))));
    }
    await this.call(Operation.Revoke, payload);
  }

  async destroy(id: string): Promise<void> {
    await this.call(Operation.Destroy, [ttlv.text(Tag.UniqueIdentifier, id)]);
  }

  async addAttribute(id: string, a: Attr): Promise<void> {
    const body = isV2(this.version)
      ? ttlv.struct(Tag.NewAttribute, [encodeAttribute2(a)])
      : encodeAttribute1(a, undefined);
    await this.call(Operation.AddAttribute, [ttlv.text(Tag.UniqueIdentifier, id), body]);
  }

  async discoverVersions(): Promise<ProtocolVersion[]> {
    const p = await this.call(Operation.DiscoverVersions, []);
    return findAll(p, Tag.ProtocolVersion).map((pv) => {
      const s = asStruct(pv);
      return { major: req.int(s, Tag.ProtocolVersionMajor), minor: req.int(s, Tag.ProtocolVersionMinor) };
    });
  }

  /** Query: returns the raw response payload (Operation, Object Type, Server Information, ... items). */
  async query(functions: readonly number[]): Promise<StructureItem> {
    return this.call(
      Operation.Query,
      functions.map((f) => ttlv.enum(Tag.QueryFunction, f)),
    );
  }
}
