import { opt } from "../../kmip/read.js";
import type { StructureItem } from "../../ttlv/item.js";
import { Tag } from "../../ttlv/tags.js";
import type { ManagedObject } from "../managed-object.js";

/**
 * Cryptographic Parameters (KMIP 1.4 §3.6, 2.1 §4.11): the fields the cryptographic services
 * read. Lengths are as the spec defines them: IV Length, Counter Length, Fixed/Invocation Field
 * Length in bits; Tag Length in bytes; Salt Length in bytes.
 */
export interface CryptoParams {
  readonly blockCipherMode?: number;
  readonly paddingMethod?: number;
  readonly hashingAlgorithm?: number;
  readonly keyRoleType?: number;
  readonly digitalSignatureAlgorithm?: number;
  readonly cryptographicAlgorithm?: number;
  readonly randomIV?: boolean;
  readonly ivLength?: number;
  readonly tagLength?: number;
  readonly fixedFieldLength?: number;
  readonly invocationFieldLength?: number;
  readonly counterLength?: number;
  readonly initialCounterValue?: number;
  readonly saltLength?: number;
  readonly maskGenerator?: number;
  readonly maskGeneratorHashingAlgorithm?: number;
  readonly pSource?: Uint8Array;
  readonly trailerField?: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Reads a Cryptographic Parameters structure. */
export function readParams(s: StructureItem | undefined): CryptoParams {
  const p: Mutable<CryptoParams> = {};
  if (s === undefined) return p;
  const set = <K extends keyof CryptoParams>(k: K, v: CryptoParams[K] | undefined) => {
    if (v !== undefined) p[k] = v;
  };
  set("blockCipherMode", opt.enum(s, Tag.BlockCipherMode));
  set("paddingMethod", opt.enum(s, Tag.PaddingMethod));
  set("hashingAlgorithm", opt.enum(s, Tag.HashingAlgorithm));
  set("keyRoleType", opt.enum(s, Tag.KeyRoleType));
  set("digitalSignatureAlgorithm", opt.enum(s, Tag.DigitalSignatureAlgorithm));
  set("cryptographicAlgorithm", opt.enum(s, Tag.CryptographicAlgorithm));
  set("randomIV", opt.bool(s, Tag.RandomIV));
  set("ivLength", opt.int(s, Tag.IVLength));
  set("tagLength", opt.int(s, Tag.TagLength));
  set("fixedFieldLength", opt.int(s, Tag.FixedFieldLength));
  set("invocationFieldLength", opt.int(s, Tag.InvocationFieldLength));
  set("counterLength", opt.int(s, Tag.CounterLength));
  set("initialCounterValue", opt.int(s, Tag.InitialCounterValue));
  set("saltLength", opt.int(s, Tag.SaltLength));
  set("maskGenerator", opt.enum(s, Tag.MaskGenerator));
  set("maskGeneratorHashingAlgorithm", opt.enum(s, Tag.MaskGeneratorHashingAlgorithm));
  set("pSource", opt.bytes(s, Tag.PSource));
  set("trailerField", opt.int(s, Tag.TrailerField));
  return p;
}

/**
 * The parameters an operation uses: those in the request, completed field by field from the
 * key's Cryptographic Parameters attribute ("The cryptographic parameters MAY be omitted from
 * the request as they can be specified as associated attributes of the Managed Cryptographic
 * Object", KMIP 2.1 §6.1.17). The first attribute instance is the default.
 */
export function effectiveParams(request: StructureItem | undefined, obj: ManagedObject | undefined): CryptoParams {
  const fromRequest = readParams(request);
  const attr = obj?.attrs.get("Cryptographic Parameters");
  if (attr === undefined || attr.type !== 1) return fromRequest;
  return { ...readParams(attr), ...fromRequest };
}
