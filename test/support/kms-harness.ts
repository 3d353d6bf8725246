import { findAll, opt, req } from "../../src/kmip/read.js";
import { CryptoSessions } from "../../src/kms/crypto/sessions.js";
import { KmipProcessor } from "../../src/kms/processor.js";
import { ObjectType, Operation, ResultStatus } from "../../src/ttlv/enums.js";
import { type StructureItem, type TtlvItem, ttlv } from "../../src/ttlv/item.js";
import { Tag } from "../../src/ttlv/tags.js";
import { openTestStore } from "../store/dialects.js";
import { request } from "./request-message.js";

/** A KmipProcessor on a fresh SQLite store, with its multi-part session table in view. */
export interface KmsHarness {
  readonly kmip: KmipProcessor;
  readonly sessions: CryptoSessions;
  /** The first Batch Item of the answer to `message`, sent as alice. */
  answer(message: StructureItem): Promise<StructureItem>;
  /** `operation` with `payload` as alice; it must succeed: its Response Payload. */
  call(operation: number, payload: TtlvItem[]): Promise<StructureItem>;
  /** Registers an Active key of `objectType` (symmetric or private) whose Key Block holds `material`. */
  register(
    objectType: number,
    format: number,
    material: Uint8Array,
    algorithm: number,
    length: number,
    usageMask: number,
  ): Promise<string>;
  close(): Promise<void>;
}

export async function openKmsHarness(): Promise<KmsHarness> {
  const { store, close } = await openTestStore("sqlite");
  const sessions = new CryptoSessions();
  const kmip = new KmipProcessor({ store, admins: [], maxBatchItems: 16, sessions });
  const answer = async (message: StructureItem) =>
    findAll(await kmip.process(message, "alice"), Tag.BatchItem)[0] as StructureItem;
  const call = async (operation: number, payload: TtlvItem[]) => {
    const item = await answer(request(operation, payload));
    if (req.enum(item, Tag.ResultStatus) !== ResultStatus.Success) {
      throw new Error(`operation ${operation} failed: ${opt.text(item, Tag.ResultMessage)}`);
    }
    return req.struct(item, Tag.ResponsePayload);
  };
  return {
    kmip,
    sessions,
    answer,
    call,
    async register(objectType, format, material, algorithm, length, usageMask) {
      const p = await call(Operation.Register, [
        ttlv.enum(Tag.ObjectType, objectType),
        ttlv.struct(Tag.Attributes, [
          ttlv.int(Tag.CryptographicUsageMask, usageMask),
          ttlv.date(Tag.ActivationDate, BigInt(Math.floor(Date.now() / 1000) - 60)),
        ]),
        ttlv.struct(objectType === ObjectType.PrivateKey ? Tag.PrivateKey : Tag.SymmetricKey, [
          ttlv.struct(Tag.KeyBlock, [
            ttlv.enum(Tag.KeyFormatType, format),
            ttlv.struct(Tag.KeyValue, [ttlv.bytes(Tag.KeyMaterial, material)]),
            ttlv.enum(Tag.CryptographicAlgorithm, algorithm),
            ttlv.int(Tag.CryptographicLength, length),
          ]),
        ]),
      ]);
      return req.text(p, Tag.UniqueIdentifier);
    },
    close,
  };
}
