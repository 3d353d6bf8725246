/**
 * KMIP bit masks (KMIP 1.4 §9.1.3.3, KMIP 2.1 §12): Cryptographic Usage Mask,
 * Storage Status Mask and Protection Storage Mask. On the wire they are Integers;
 * the XML and JSON encodings of the KMIP Profiles may write them as mask names,
 * e.g. `<CryptographicUsageMask type="Integer" value="Encrypt Decrypt"/>`.
 *
 * The official vectors write the names separated by single spaces, in no fixed
 * order ("Encrypt Decrypt" and "Decrypt Encrypt" both occur, also in requests).
 * `maskValue` therefore accepts any order (and '|' as separator, and a hex or
 * decimal number for bits without a name); `maskText` writes the names in
 * ascending bit order (which gives "Encrypt Decrypt") and any unnamed bits as
 * one trailing hex number.
 *
 * The union of KMIP 1.4 and 2.1 is kept: bits that 2.x marks "(Reserved)"
 * (Export, Content Commitment, Generate Cryptogram, Translate *) keep their 1.x
 * names. The data between the GENERATED markers comes from scripts/gen-tables.mjs.
 */
import { Tag } from "./tags.js";

// BEGIN GENERATED
/** Cryptographic Usage Mask (KMIP 1.4 §9.1.3.3.1, KMIP 2.1 §12.1). */
export const CryptographicUsageMask = {
  /** Sign */
  Sign: 0x00000001,
  /** Verify */
  Verify: 0x00000002,
  /** Encrypt */
  Encrypt: 0x00000004,
  /** Decrypt */
  Decrypt: 0x00000008,
  /** Wrap Key */
  WrapKey: 0x00000010,
  /** Unwrap Key */
  UnwrapKey: 0x00000020,
  /** Export */
  Export: 0x00000040,
  /** MAC Generate */
  MACGenerate: 0x00000080,
  /** MAC Verify */
  MACVerify: 0x00000100,
  /** Derive Key */
  DeriveKey: 0x00000200,
  /** Content Commitment (Non Repudiation) */
  ContentCommitmentNonRepudiation: 0x00000400,
  /** Also accepted for ContentCommitmentNonRepudiation. */
  ContentCommitment: 0x00000400,
  /** Key Agreement */
  KeyAgreement: 0x00000800,
  /** Certificate Sign */
  CertificateSign: 0x00001000,
  /** CRL Sign */
  CRLSign: 0x00002000,
  /** Generate Cryptogram */
  GenerateCryptogram: 0x00004000,
  /** Validate Cryptogram */
  ValidateCryptogram: 0x00008000,
  /** Translate Encrypt */
  TranslateEncrypt: 0x00010000,
  /** Translate Decrypt */
  TranslateDecrypt: 0x00020000,
  /** Translate Wrap */
  TranslateWrap: 0x00040000,
  /** Translate Unwrap */
  TranslateUnwrap: 0x00080000,
  /** Authenticate */
  Authenticate: 0x00100000,
  /** Unrestricted */
  Unrestricted: 0x00200000,
  /** FPE Encrypt */
  FPEEncrypt: 0x00400000,
  /** FPE Decrypt */
  FPEDecrypt: 0x00800000,
} as const;

/** Storage Status Mask (KMIP 1.4 §9.1.3.3.2, KMIP 2.1 §12.3). */
export const StorageStatusMask = {
  /** On-line storage */
  OnLineStorage: 0x00000001,
  /** Archival storage */
  ArchivalStorage: 0x00000002,
  /** Destroyed storage */
  DestroyedStorage: 0x00000004,
} as const;

/** Protection Storage Mask (KMIP 2.1 §12.2). */
export const ProtectionStorageMask = {
  /** Software */
  Software: 0x00000001,
  /** Hardware */
  Hardware: 0x00000002,
  /** On Processor */
  OnProcessor: 0x00000004,
  /** On System */
  OnSystem: 0x00000008,
  /** Off System */
  OffSystem: 0x00000010,
  /** Hypervisor */
  Hypervisor: 0x00000020,
  /** Operating System */
  OperatingSystem: 0x00000040,
  /** Container */
  Container: 0x00000080,
  /** On Premises */
  OnPremises: 0x00000100,
  /** Off Premises */
  OffPremises: 0x00000200,
  /** Self Managed */
  SelfManaged: 0x00000400,
  /** Outsourced */
  Outsourced: 0x00000800,
  /** Validated */
  Validated: 0x00001000,
  /** Same Jurisdiction */
  SameJurisdiction: 0x00002000,
} as const;

const definitions: ReadonlyArray<readonly [string, Readonly<Record<string, number>>, readonly string[]]> = [
  ["CryptographicUsageMask", CryptographicUsageMask, ["ContentCommitment"]],
  ["StorageStatusMask", StorageStatusMask, []],
  ["ProtectionStorageMask", ProtectionStorageMask, []],
];

/** Integer tags whose value is one of the masks above. */
const maskTags: ReadonlyArray<readonly [number, string]> = [
  [Tag.CryptographicUsageMask, "CryptographicUsageMask"],
  [Tag.StorageStatusMask, "StorageStatusMask"],
  [Tag.ProtectionStorageMask, "ProtectionStorageMask"],
];
// END GENERATED

export interface MaskTable {
  readonly name: string;
  /** Flag name -> bit, one primary name per bit, in ascending bit order. */
  readonly bits: ReadonlyMap<string, number>;
  /** Every accepted name (primary names and aliases such as "ContentCommitment") -> bit. */
  readonly byName: ReadonlyMap<string, number>;
}

function table(name: string, members: Readonly<Record<string, number>>, aliases: readonly string[]): MaskTable {
  const alias = new Set(aliases);
  const entries = Object.entries(members);
  return {
    name,
    bits: new Map(entries.filter(([n]) => !alias.has(n)).sort((a, b) => a[1] - b[1])),
    byName: new Map(entries),
  };
}

/** Every mask table by its name. */
export const maskTables: ReadonlyMap<string, MaskTable> = new Map(
  definitions.map(([name, members, aliases]) => [name, table(name, members, aliases)]),
);

/** Integer tags whose XML/JSON value may be written as mask flag names. */
export const maskByTag: ReadonlyMap<number, MaskTable> = new Map(
  maskTags.map(([tag, name]) => [tag, maskTables.get(name) as MaskTable]),
);

const numberText = /^(0x[0-9A-Fa-f]{1,8}|\d{1,10})$/;

/**
 * Parses "Encrypt Decrypt" (or "Encrypt|Decrypt", or with a numeric part such as
 * "Sign 0x80000000") into the mask value; undefined if a name is unknown or the
 * text is empty.
 */
export function maskValue(mask: MaskTable, text: string): number | undefined {
  const parts = text.split(/[\s|]+/).filter((p) => p.length > 0);
  if (parts.length === 0) return undefined;
  let value = 0;
  for (const part of parts) {
    const bit = mask.byName.get(part) ?? (numberText.test(part) ? Number(part) : undefined);
    if (bit === undefined || bit > 0xffffffff) return undefined;
    value = (value | bit) >>> 0;
  }
  return value;
}

/** Writes a mask value as flag names in ascending bit order; unnamed bits follow as one hex number. */
export function maskText(mask: MaskTable, value: number): string {
  const names: string[] = [];
  let rest = value >>> 0;
  for (const [name, bit] of mask.bits) {
    if ((rest & bit) === bit) {
      names.push(name);
      rest = (rest & ~bit) >>> 0;
    }
  }
  if (rest !== 0 || names.length === 0) names.push(`0x${rest.toString(16).toUpperCase().padStart(8, "0")}`);
  return names.join(" ");
}
