/**
 * KMIP enumerations (KMIP 1.4 §9.1.3.2, KMIP 2.1 §11), one `as const` object each.
 *
 * Values are the union of KMIP 1.4 and 2.1: KMIP never reuses an enumeration
 * value, and values that 2.x marks "(Reserved)" keep their 1.x names so that 1.x
 * messages still decode. Member names are the XML/JSON value names of the KMIP
 * Profiles ("Normalizing Names"), as the official test vectors use them:
 * "SymmetricKey", "PreActive", "SHA_256", "HMAC_SHA256", "X_509", "PKCS_1", "DES3".
 * Where the two specifications spell a value differently, both names are members
 * (and accepted by `enumValue`); `enumName` returns the later spelling, or the
 * one the vectors use.
 *
 * Two 2.1 enumerations are defined by reference only and are filled in from
 * PKCS#11 v3.0: PKCS#11 Function (1-based index in CK_FUNCTION_LIST_3_0, named
 * "C_Initialize"...) and PKCS#11 Return Code (CK_RV, named without "CKR_": "OK").
 * The 2.1 "Tag Enumeration" (§11.56) is the tag table in ./tags.ts; it is the
 * enumeration of Attribute Reference. The 2.1 "Item Type Enumeration" (§11.23)
 * is exported as `ItemTypeEnum` (the codec's own `ItemType` lives in ./item.ts).
 *
 * The data between the GENERATED markers comes from scripts/gen-tables.mjs.
 */
import { Tag, tagName } from "./tags.js";

// BEGIN GENERATED
/** Adjustment Type Enumeration (KMIP 2.1 §11.1). */
export const AdjustmentType = {
  /** Increment */
  Increment: 0x00000001,
  /** Decrement */
  Decrement: 0x00000002,
  /** Negate */
  Negate: 0x00000003,
} as const;

/** Alternative Name Type Enumeration (KMIP 1.4 §9.1.3.2.34, KMIP 2.1 §11.2). */
export const AlternativeNameType = {
  /** Uninterpreted Text String */
  UninterpretedTextString: 0x00000001,
  /** URI */
  URI: 0x00000002,
  /** Object Serial Number */
  ObjectSerialNumber: 0x00000003,
  /** Email Address */
  EmailAddress: 0x00000004,
  /** DNS Name */
  DNSName: 0x00000005,
  /** X.500 Distinguished Name */
  X_500DistinguishedName: 0x00000006,
  /** IP Address */
  IPAddress: 0x00000007,
} as const;

/** Asynchronous Indicator Enumeration (KMIP 2.1 §11.3). */
export const AsynchronousIndicator = {
  /** Mandatory */
  Mandatory: 0x00000001,
  /** Optional */
  Optional: 0x00000002,
  /** Prohibited */
  Prohibited: 0x00000003,
} as const;

/** Attestation Type Enumeration (KMIP 1.4 §9.1.3.2.36, KMIP 2.1 §11.4). */
export const AttestationType = {
  /** TPM Quote */
  TPMQuote: 0x00000001,
  /** TCG Integrity Report */
  TCGIntegrityReport: 0x00000002,
  /** SAML Assertion */
  SAMLAssertion: 0x00000003,
} as const;

/** Batch Error Continuation Option Enumeration (KMIP 1.4 §9.1.3.2.30, KMIP 2.1 §11.5). */
export const BatchErrorContinuationOption = {
  /** Continue */
  Continue: 0x00000001,
  /** Stop */
  Stop: 0x00000002,
  /** Undo */
  Undo: 0x00000003,
} as const;

/** Block Cipher Mode Enumeration (KMIP 1.4 §9.1.3.2.14, KMIP 2.1 §11.6). */
export const BlockCipherMode = {
  /** CBC */
  CBC: 0x00000001,
  /** ECB */
  ECB: 0x00000002,
  /** PCBC */
  PCBC: 0x00000003,
  /** CFB */
  CFB: 0x00000004,
  /** OFB */
  OFB: 0x00000005,
  /** CTR */
  CTR: 0x00000006,
  /** CMAC */
  CMAC: 0x00000007,
  /** CCM */
  CCM: 0x00000008,
  /** GCM */
  GCM: 0x00000009,
  /** CBC-MAC */
  CBC_MAC: 0x0000000a,
  /** XTS */
  XTS: 0x0000000b,
  /** AESKeyWrapPadding */
  AESKeyWrapPadding: 0x0000000c,
  /** NISTKeyWrap */
  NISTKeyWrap: 0x0000000d,
  /** X9.102 AESKW */
  X9_102AESKW: 0x0000000e,
  /** X9.102 TDKW */
  X9_102TDKW: 0x0000000f,
  /** X9.102 AKW1 */
  X9_102AKW1: 0x00000010,
  /** X9.102 AKW2 */
  X9_102AKW2: 0x00000011,
  /** AEAD */
  AEAD: 0x00000012,
} as const;

/** Cancellation Result Enumeration (KMIP 1.4 §9.1.3.2.25, KMIP 2.1 §11.7). */
export const CancellationResult = {
  /** Canceled */
  Canceled: 0x00000001,
  /** Unable to Cancel */
  UnableToCancel: 0x00000002,
  /** Completed */
  Completed: 0x00000003,
  /** Failed */
  Failed: 0x00000004,
  /** Unavailable */
  Unavailable: 0x00000005,
} as const;

/** Certificate Request Type Enumeration (KMIP 1.4 §9.1.3.2.22, KMIP 2.1 §11.8). */
export const CertificateRequestType = {
  /** CRMF */
  CRMF: 0x00000001,
  /** PKCS#10 */
  PKCS_10: 0x00000002,
  /** PEM */
  PEM: 0x00000003,
  /** PGP (deprecated) */
  PGP: 0x00000004,
} as const;

/** Certificate Type Enumeration (KMIP 1.4 §9.1.3.2.6, KMIP 2.1 §11.9). */
export const CertificateType = {
  /** X.509 */
  X_509: 0x00000001,
  /** PGP (deprecated) */
  PGP: 0x00000002,
} as const;

/** Client Registration Method Enumeration (KMIP 1.4 §9.1.3.2.47, KMIP 2.1 §11.10). */
export const ClientRegistrationMethod = {
  /** Unspecified */
  Unspecified: 0x00000001,
  /** Server Pre-Generated */
  ServerPreGenerated: 0x00000002,
  /** Server On-Demand */
  ServerOnDemand: 0x00000003,
  /** Client Generated */
  ClientGenerated: 0x00000004,
  /** Client Registered */
  ClientRegistered: 0x00000005,
} as const;

/** Credential Type Enumeration (KMIP 1.4 §9.1.3.2.1, KMIP 2.1 §11.11). */
export const CredentialType = {
  /** Username and Password */
  UsernameAndPassword: 0x00000001,
  /** Device */
  Device: 0x00000002,
  /** Attestation */
  Attestation: 0x00000003,
  /** One Time Password */
  OneTimePassword: 0x00000004,
  /** Hashed Password */
  HashedPassword: 0x00000005,
  /** Ticket */
  Ticket: 0x00000006,
} as const;

/** Cryptographic Algorithm Enumeration (KMIP 1.4 §9.1.3.2.13, KMIP 2.1 §11.12). */
export const CryptographicAlgorithm = {
  /** DES */
  DES: 0x00000001,
  /** 3DES */
  DES3: 0x00000002,
  /** AES */
  AES: 0x00000003,
  /** RSA */
  RSA: 0x00000004,
  /** DSA */
  DSA: 0x00000005,
  /** ECDSA */
  ECDSA: 0x00000006,
  /** HMAC-SHA1 */
  HMAC_SHA1: 0x00000007,
  /** HMAC-SHA224 */
  HMAC_SHA224: 0x00000008,
  /** HMAC-SHA256 */
  HMAC_SHA256: 0x00000009,
  /** HMAC-SHA384 */
  HMAC_SHA384: 0x0000000a,
  /** HMAC-SHA512 */
  HMAC_SHA512: 0x0000000b,
  /** HMAC-MD5 */
  HMAC_MD5: 0x0000000c,
  /** DH */
  DH: 0x0000000d,
  /** ECDH */
  ECDH: 0x0000000e,
  /** ECMQV */
  ECMQV: 0x0000000f,
  /** Blowfish */
  Blowfish: 0x00000010,
  /** Camellia */
  Camellia: 0x00000011,
  /** CAST5 */
  CAST5: 0x00000012,
  /** IDEA */
  IDEA: 0x00000013,
  /** MARS */
  MARS: 0x00000014,
  /** RC2 */
  RC2: 0x00000015,
  /** RC4 */
  RC4: 0x00000016,
  /** RC5 */
  RC5: 0x00000017,
  /** SKIPJACK */
  SKIPJACK: 0x00000018,
  /** Twofish */
  Twofish: 0x00000019,
  /** EC */
  EC: 0x0000001a,
  /** One Time Pad */
  OneTimePad: 0x0000001b,
  /** ChaCha20 */
  ChaCha20: 0x0000001c,
  /** Poly1305 */
  Poly1305: 0x0000001d,
  /** ChaCha20Poly1305 */
  ChaCha20Poly1305: 0x0000001e,
  /** SHA3-224 */
  SHA3_224: 0x0000001f,
  /** SHA3-256 */
  SHA3_256: 0x00000020,
  /** SHA3-384 */
  SHA3_384: 0x00000021,
  /** SHA3-512 */
  SHA3_512: 0x00000022,
  /** HMAC-SHA3-224 */
  HMAC_SHA3_224: 0x00000023,
  /** HMAC-SHA3-256 */
  HMAC_SHA3_256: 0x00000024,
  /** HMAC-SHA3-384 */
  HMAC_SHA3_384: 0x00000025,
  /** HMAC-SHA3-512 */
  HMAC_SHA3_512: 0x00000026,
  /** SHAKE-128 */
  SHAKE_128: 0x00000027,
  /** SHAKE-256 */
  SHAKE_256: 0x00000028,
  /** ARIA */
  ARIA: 0x00000029,
  /** SEED */
  SEED: 0x0000002a,
  /** SM2 */
  SM2: 0x0000002b,
  /** SM3 */
  SM3: 0x0000002c,
  /** SM4 */
  SM4: 0x0000002d,
  /** GOST R 34.10-2012 */
  GOSTR34_10_2012: 0x0000002e,
  /** GOST R 34.11-2012 */
  GOSTR34_11_2012: 0x0000002f,
  /** GOST R 34.13-2015 */
  GOSTR34_13_2015: 0x00000030,
  /** GOST 28147-89 */
  GOST28147_89: 0x00000031,
  /** XMSS */
  XMSS: 0x00000032,
  /** SPHINCS-256 */
  SPHINCS_256: 0x00000033,
  /** McEliece */
  McEliece: 0x00000034,
  /** McEliece-6960119 */
  McEliece_6960119: 0x00000035,
  /** McEliece-8192128 */
  McEliece_8192128: 0x00000036,
  /** Ed25519 */
  Ed25519: 0x00000037,
  /** Ed448 */
  Ed448: 0x00000038,
} as const;

/** DRBG Algorithm Enumeration (KMIP 1.4 §9.1.3.2.38, KMIP 2.1 §11.17). */
export const DRBGAlgorithm = {
  /** Unspecified */
  Unspecified: 0x00000001,
  /** Dual-EC */
  Dual_EC: 0x00000002,
  /** Hash */
  Hash: 0x00000003,
  /** HMAC */
  HMAC: 0x00000004,
  /** CTR */
  CTR: 0x00000005,
} as const;

/** Data Enumeration (KMIP 2.1 §11.13). */
export const Data = {
  /** Decrypt */
  Decrypt: 0x00000001,
  /** Encrypt */
  Encrypt: 0x00000002,
  /** Hash */
  Hash: 0x00000003,
  /** MAC MAC Data */
  MACMACData: 0x00000004,
  /** RNG Retrieve */
  RNGRetrieve: 0x00000005,
  /** Sign Signature Data */
  SignSignatureData: 0x00000006,
  /** Signature Verify */
  SignatureVerify: 0x00000007,
} as const;

/** Derivation Method Enumeration (KMIP 1.4 §9.1.3.2.21, KMIP 2.1 §11.14). */
export const DerivationMethod = {
  /** PBKDF2 */
  PBKDF2: 0x00000001,
  /** HASH */
  HASH: 0x00000002,
  /** HMAC */
  HMAC: 0x00000003,
  /** ENCRYPT */
  ENCRYPT: 0x00000004,
  /** NIST800-108-C */
  NIST800_108_C: 0x00000005,
  /** NIST800-108-F */
  NIST800_108_F: 0x00000006,
  /** NIST800-108-DPI */
  NIST800_108_DPI: 0x00000007,
  /** Asymmetric Key */
  AsymmetricKey: 0x00000008,
  /** AWS Signature Version 4 */
  AWSSignatureVersion4: 0x00000009,
  /** HKDF */
  HKDF: 0x0000000a,
} as const;

/** Destroy Action Enumeration (KMIP 1.4 §9.1.3.2.44, KMIP 2.1 §11.15). */
export const DestroyAction = {
  /** Unspecified */
  Unspecified: 0x00000001,
  /** Key Material Deleted */
  KeyMaterialDeleted: 0x00000002,
  /** Key Material Shredded */
  KeyMaterialShredded: 0x00000003,
  /** Meta Data Deleted */
  MetaDataDeleted: 0x00000004,
  /** Meta Data Shredded */
  MetaDataShredded: 0x00000005,
  /** Deleted */
  Deleted: 0x00000006,
  /** Shredded */
  Shredded: 0x00000007,
} as const;

/** Digital Signature Algorithm Enumeration (KMIP 1.4 §9.1.3.2.7, KMIP 2.1 §11.16). */
export const DigitalSignatureAlgorithm = {
  /** MD2 with RSA Encryption */
  MD2WithRSAEncryption: 0x00000001,
  /** Also accepted for MD2WithRSAEncryption. */
  MD2WithRSAEncryptionPKCS_1V1_5: 0x00000001,
  /** MD5 with RSA Encryption */
  MD5WithRSAEncryption: 0x00000002,
  /** Also accepted for MD5WithRSAEncryption. */
  MD5WithRSAEncryptionPKCS_1V1_5: 0x00000002,
  /** SHA-1 with RSA Encryption */
  SHA_1WithRSAEncryption: 0x00000003,
  /** Also accepted for SHA_1WithRSAEncryption. */
  SHA_1WithRSAEncryptionPKCS_1V1_5: 0x00000003,
  /** SHA-224 with RSA Encryption */
  SHA_224WithRSAEncryption: 0x00000004,
  /** Also accepted for SHA_224WithRSAEncryption. */
  SHA_224WithRSAEncryptionPKCS_1V1_5: 0x00000004,
  /** SHA-256 with RSA Encryption */
  SHA_256WithRSAEncryption: 0x00000005,
  /** Also accepted for SHA_256WithRSAEncryption. */
  SHA_256WithRSAEncryptionPKCS_1V1_5: 0x00000005,
  /** SHA-384 with RSA Encryption */
  SHA_384WithRSAEncryption: 0x00000006,
  /** Also accepted for SHA_384WithRSAEncryption. */
  SHA_384WithRSAEncryptionPKCS_1V1_5: 0x00000006,
  /** SHA-512 with RSA Encryption */
  SHA_512WithRSAEncryption: 0x00000007,
  /** Also accepted for SHA_512WithRSAEncryption. */
  SHA_512WithRSAEncryptionPKCS_1V1_5: 0x00000007,
  /** RSASSA-PSS */
  RSASSA_PSS: 0x00000008,
  /** Also accepted for RSASSA_PSS. */
  RSASSA_PSSPKCS_1V2_1: 0x00000008,
  /** DSA with SHA-1 */
  DSAWithSHA_1: 0x00000009,
  /** DSA with SHA224 */
  DSAWithSHA224: 0x0000000a,
  /** DSA with SHA256 */
  DSAWithSHA256: 0x0000000b,
  /** ECDSA with SHA-1 */
  ECDSAWithSHA_1: 0x0000000c,
  /** ECDSA with SHA224 */
  ECDSAWithSHA224: 0x0000000d,
  /** ECDSA with SHA256 */
  ECDSAWithSHA256: 0x0000000e,
  /** ECDSA with SHA384 */
  ECDSAWithSHA384: 0x0000000f,
  /** ECDSA with SHA512 */
  ECDSAWithSHA512: 0x00000010,
  /** SHA3-256 with RSA Encryption */
  SHA3_256WithRSAEncryption: 0x00000011,
  /** SHA3-384 with RSA Encryption */
  SHA3_384WithRSAEncryption: 0x00000012,
  /** SHA3-512 with RSA Encryption */
  SHA3_512WithRSAEncryption: 0x00000013,
} as const;

/** Encoding Option Enumeration (KMIP 1.4 §9.1.3.2.32, KMIP 2.1 §11.18). */
export const EncodingOption = {
  /** No Encoding */
  NoEncoding: 0x00000001,
  /** TTLV Encoding */
  TTLVEncoding: 0x00000002,
} as const;

/** Endpoint Role Enumeration (KMIP 2.1 §11.19). */
export const EndpointRole = {
  /** Client */
  Client: 0x00000001,
  /** Server */
  Server: 0x00000002,
} as const;

/** FIPS186 Variation Enumeration (KMIP 1.4 §9.1.3.2.39, KMIP 2.1 §11.20). */
export const FIPS186Variation = {
  /** Unspecified */
  Unspecified: 0x00000001,
  /** GP x-Original */
  GPXOriginal: 0x00000002,
  /** GP x-Change Notice */
  GPXChangeNotice: 0x00000003,
  /** x-Original */
  XOriginal: 0x00000004,
  /** x-Change Notice */
  XChangeNotice: 0x00000005,
  /** k-Original */
  KOriginal: 0x00000006,
  /** k-Change Notice */
  KChangeNotice: 0x00000007,
} as const;

/** Hashing Algorithm Enumeration (KMIP 1.4 §9.1.3.2.16, KMIP 2.1 §11.21). */
export const HashingAlgorithm = {
  /** MD2 */
  MD2: 0x00000001,
  /** MD4 */
  MD4: 0x00000002,
  /** MD5 */
  MD5: 0x00000003,
  /** SHA-1 */
  SHA_1: 0x00000004,
  /** SHA-224 */
  SHA_224: 0x00000005,
  /** SHA-256 */
  SHA_256: 0x00000006,
  /** SHA-384 */
  SHA_384: 0x00000007,
  /** SHA-512 */
  SHA_512: 0x00000008,
  /** RIPEMD-160 */
  RIPEMD_160: 0x00000009,
  /** Tiger */
  Tiger: 0x0000000a,
  /** Whirlpool */
  Whirlpool: 0x0000000b,
  /** SHA-512/224 */
  SHA_512_224: 0x0000000c,
  /** SHA-512/256 */
  SHA_512_256: 0x0000000d,
  /** SHA3-224 */
  SHA3_224: 0x0000000e,
  /** Also accepted for SHA3_224. */
  SHA_3_224: 0x0000000e,
  /** SHA3-256 */
  SHA3_256: 0x0000000f,
  /** Also accepted for SHA3_256. */
  SHA_3_256: 0x0000000f,
  /** SHA3-384 */
  SHA3_384: 0x00000010,
  /** Also accepted for SHA3_384. */
  SHA_3_384: 0x00000010,
  /** SHA3-512 */
  SHA3_512: 0x00000011,
  /** Also accepted for SHA3_512. */
  SHA_3_512: 0x00000011,
} as const;

/** Interop Function Enumeration (KMIP 2.1 §11.22). */
export const InteropFunction = {
  /** Begin */
  Begin: 0x00000001,
  /** End */
  End: 0x00000002,
  /** Reset */
  Reset: 0x00000003,
} as const;

/** Item Type Enumeration (KMIP 2.1 §11.23). */
export const ItemTypeEnum = {
  /** Structure */
  Structure: 0x00000001,
  /** Integer */
  Integer: 0x00000002,
  /** Long Integer */
  LongInteger: 0x00000003,
  /** Big Integer */
  BigInteger: 0x00000004,
  /** Enumeration */
  Enumeration: 0x00000005,
  /** Boolean */
  Boolean: 0x00000006,
  /** Text String */
  TextString: 0x00000007,
  /** Byte String */
  ByteString: 0x00000008,
  /** Date Time */
  DateTime: 0x00000009,
  /** Interval */
  Interval: 0x0000000a,
  /** Date Time Extended */
  DateTimeExtended: 0x0000000b,
} as const;

/** Key Compression Type Enumeration (KMIP 1.4 §9.1.3.2.2, KMIP 2.1 §11.24). */
export const KeyCompressionType = {
  /** EC Public Key Type Uncompressed */
  ECPublicKeyTypeUncompressed: 0x00000001,
  /** EC Public Key Type X9.62 Compressed Prime */
  ECPublicKeyTypeX9_62CompressedPrime: 0x00000002,
  /** EC Public Key Type X9.62 Compressed Char2 */
  ECPublicKeyTypeX9_62CompressedChar2: 0x00000003,
  /** EC Public Key Type X9.62 Hybrid */
  ECPublicKeyTypeX9_62Hybrid: 0x00000004,
} as const;

/** Key Format Type Enumeration (KMIP 1.4 §9.1.3.2.3, KMIP 2.1 §11.25). */
export const KeyFormatType = {
  /** Raw */
  Raw: 0x00000001,
  /** Opaque */
  Opaque: 0x00000002,
  /** PKCS#1 */
  PKCS_1: 0x00000003,
  /** PKCS#8 */
  PKCS_8: 0x00000004,
  /** X.509 */
  X_509: 0x00000005,
  /** ECPrivateKey */
  ECPrivateKey: 0x00000006,
  /** Transparent Symmetric Key */
  TransparentSymmetricKey: 0x00000007,
  /** Transparent DSA Private Key */
  TransparentDSAPrivateKey: 0x00000008,
  /** Transparent DSA Public Key */
  TransparentDSAPublicKey: 0x00000009,
  /** Transparent RSA Private Key */
  TransparentRSAPrivateKey: 0x0000000a,
  /** Transparent RSA Public Key */
  TransparentRSAPublicKey: 0x0000000b,
  /** Transparent DH Private Key */
  TransparentDHPrivateKey: 0x0000000c,
  /** Transparent DH Public Key */
  TransparentDHPublicKey: 0x0000000d,
  /** Transparent ECDSA Private Key (deprecated) */
  TransparentECDSAPrivateKey: 0x0000000e,
  /** Transparent ECDSA Public Key (deprecated) */
  TransparentECDSAPublicKey: 0x0000000f,
  /** Transparent ECDH Private Key (deprecated) */
  TransparentECDHPrivateKey: 0x00000010,
  /** Transparent ECDH Public Key (deprecated) */
  TransparentECDHPublicKey: 0x00000011,
  /** Transparent ECMQV Private Key (deprecated) */
  TransparentECMQVPrivateKey: 0x00000012,
  /** Transparent ECMQV Public Key (deprecated) */
  TransparentECMQVPublicKey: 0x00000013,
  /** Transparent EC Private Key */
  TransparentECPrivateKey: 0x00000014,
  /** Transparent EC Public Key */
  TransparentECPublicKey: 0x00000015,
  /** PKCS#12 */
  PKCS_12: 0x00000016,
  /** PKCS#10 */
  PKCS_10: 0x00000017,
} as const;

/** Key Role Type Enumeration (KMIP 1.4 §9.1.3.2.17, KMIP 2.1 §11.26). */
export const KeyRoleType = {
  /** BDK */
  BDK: 0x00000001,
  /** CVK */
  CVK: 0x00000002,
  /** DEK */
  DEK: 0x00000003,
  /** MKAC */
  MKAC: 0x00000004,
  /** MKSMC */
  MKSMC: 0x00000005,
  /** MKSMI */
  MKSMI: 0x00000006,
  /** MKDAC */
  MKDAC: 0x00000007,
  /** MKDN */
  MKDN: 0x00000008,
  /** MKCP */
  MKCP: 0x00000009,
  /** MKOTH */
  MKOTH: 0x0000000a,
  /** KEK */
  KEK: 0x0000000b,
  /** MAC16609 */
  MAC16609: 0x0000000c,
  /** MAC97971 */
  MAC97971: 0x0000000d,
  /** MAC97972 */
  MAC97972: 0x0000000e,
  /** MAC97973 */
  MAC97973: 0x0000000f,
  /** MAC97974 */
  MAC97974: 0x00000010,
  /** MAC97975 */
  MAC97975: 0x00000011,
  /** ZPK */
  ZPK: 0x00000012,
  /** PVKIBM */
  PVKIBM: 0x00000013,
  /** PVKPVV */
  PVKPVV: 0x00000014,
  /** PVKOTH */
  PVKOTH: 0x00000015,
  /** DUKPT */
  DUKPT: 0x00000016,
  /** IV */
  IV: 0x00000017,
  /** TRKBK */
  TRKBK: 0x00000018,
} as const;

/** Key Value Location Type Enumeration (KMIP 1.4 §9.1.3.2.35, KMIP 2.1 §11.27). */
export const KeyValueLocationType = {
  /** Uninterpreted Text String */
  UninterpretedTextString: 0x00000001,
  /** URI */
  URI: 0x00000002,
} as const;

/** Key Wrap Type Enumeration (KMIP 1.4 §9.1.3.2.48, KMIP 2.1 §11.29). */
export const KeyWrapType = {
  /** Not Wrapped */
  NotWrapped: 0x00000001,
  /** As Registered */
  AsRegistered: 0x00000002,
} as const;

/** Link Type Enumeration (KMIP 1.4 §9.1.3.2.20, KMIP 2.1 §11.28). */
export const LinkType = {
  /** Certificate Link */
  CertificateLink: 0x00000101,
  /** Public Key Link */
  PublicKeyLink: 0x00000102,
  /** Private Key Link */
  PrivateKeyLink: 0x00000103,
  /** Derivation Base Object Link */
  DerivationBaseObjectLink: 0x00000104,
  /** Derived Key Link */
  DerivedKeyLink: 0x00000105,
  /** Replacement Object Link */
  ReplacementObjectLink: 0x00000106,
  /** Replaced Object Link */
  ReplacedObjectLink: 0x00000107,
  /** Parent Link */
  ParentLink: 0x00000108,
  /** Child Link */
  ChildLink: 0x00000109,
  /** Previous Link */
  PreviousLink: 0x0000010a,
  /** Next Link */
  NextLink: 0x0000010b,
  /** PKCS#12 Certificate Link */
  PKCS_12CertificateLink: 0x0000010c,
  /** PKCS#12 Password Link */
  PKCS_12PasswordLink: 0x0000010d,
  /** Wrapping Key Link */
  WrappingKeyLink: 0x0000010e,
} as const;

/** Mask Generator Enumeration (KMIP 1.4 §9.1.3.2.49, KMIP 2.1 §11.30). */
export const MaskGenerator = {
  /** MFG1 */
  MGF1: 0x00000001,
  /** Also accepted for MGF1. */
  MFG1: 0x00000001,
} as const;

/** NIST Key Type Enumeration (KMIP 2.1 §11.32). */
export const NISTKeyType = {
  /** Private signature key */
  PrivateSignatureKey: 0x00000001,
  /** Public signature verification key */
  PublicSignatureVerificationKey: 0x00000002,
  /** Symmetric authentication key */
  SymmetricAuthenticationKey: 0x00000003,
  /** Private authentication key */
  PrivateAuthenticationKey: 0x00000004,
  /** Public authentication key */
  PublicAuthenticationKey: 0x00000005,
  /** Symmetric data encryption key */
  SymmetricDataEncryptionKey: 0x00000006,
  /** Symmetric key wrapping key */
  SymmetricKeyWrappingKey: 0x00000007,
  /** Symmetric random number generation key */
  SymmetricRandomNumberGenerationKey: 0x00000008,
  /** Symmetric master key */
  SymmetricMasterKey: 0x00000009,
  /** Private key transport key */
  PrivateKeyTransportKey: 0x0000000a,
  /** Public key transport key */
  PublicKeyTransportKey: 0x0000000b,
  /** Symmetric key agreement key */
  SymmetricKeyAgreementKey: 0x0000000c,
  /** Private static key agreement key */
  PrivateStaticKeyAgreementKey: 0x0000000d,
  /** Public static key agreement key */
  PublicStaticKeyAgreementKey: 0x0000000e,
  /** Private ephemeral key agreement key */
  PrivateEphemeralKeyAgreementKey: 0x0000000f,
  /** Public ephemeral key agreement key */
  PublicEphemeralKeyAgreementKey: 0x00000010,
  /** Symmetric authorization key */
  SymmetricAuthorizationKey: 0x00000011,
  /** Private authorization key */
  PrivateAuthorizationKey: 0x00000012,
  /** Public authorization key */
  PublicAuthorizationKey: 0x00000013,
} as const;

/** Name Type Enumeration (KMIP 1.4 §9.1.3.2.11, KMIP 2.1 §11.31). */
export const NameType = {
  /** Uninterpreted Text String */
  UninterpretedTextString: 0x00000001,
  /** URI */
  URI: 0x00000002,
} as const;

/** Object Group Member Enumeration (KMIP 1.4 §9.1.3.2.33, KMIP 2.1 §11.33). */
export const ObjectGroupMember = {
  /** Group Member Fresh */
  GroupMemberFresh: 0x00000001,
  /** Group Member Default */
  GroupMemberDefault: 0x00000002,
} as const;

/** Object Type Enumeration (KMIP 1.4 §9.1.3.2.12, KMIP 2.1 §11.34). */
export const ObjectType = {
  /** Certificate */
  Certificate: 0x00000001,
  /** Symmetric Key */
  SymmetricKey: 0x00000002,
  /** Public Key */
  PublicKey: 0x00000003,
  /** Private Key */
  PrivateKey: 0x00000004,
  /** Split Key */
  SplitKey: 0x00000005,
  /** Template (deprecated) */
  Template: 0x00000006,
  /** Secret Data */
  SecretData: 0x00000007,
  /** Opaque Object */
  OpaqueObject: 0x00000008,
  /** PGP Key */
  PGPKey: 0x00000009,
  /** Certificate Request */
  CertificateRequest: 0x0000000a,
} as const;

/** Opaque Data Type Enumeration (KMIP 1.4 §9.1.3.2.10, KMIP 2.1 §11.35). */
export const OpaqueDataType = {} as const;

/** Operation Enumeration (KMIP 1.4 §9.1.3.2.27, KMIP 2.1 §11.36). */
export const Operation = {
  /** Create */
  Create: 0x00000001,
  /** Create Key Pair */
  CreateKeyPair: 0x00000002,
  /** Register */
  Register: 0x00000003,
  /** Re-key */
  ReKey: 0x00000004,
  /** Derive Key */
  DeriveKey: 0x00000005,
  /** Certify */
  Certify: 0x00000006,
  /** Re-certify */
  ReCertify: 0x00000007,
  /** Locate */
  Locate: 0x00000008,
  /** Check */
  Check: 0x00000009,
  /** Get */
  Get: 0x0000000a,
  /** Get Attributes */
  GetAttributes: 0x0000000b,
  /** Get Attribute List */
  GetAttributeList: 0x0000000c,
  /** Add Attribute */
  AddAttribute: 0x0000000d,
  /** Modify Attribute */
  ModifyAttribute: 0x0000000e,
  /** Delete Attribute */
  DeleteAttribute: 0x0000000f,
  /** Obtain Lease */
  ObtainLease: 0x00000010,
  /** Get Usage Allocation */
  GetUsageAllocation: 0x00000011,
  /** Activate */
  Activate: 0x00000012,
  /** Revoke */
  Revoke: 0x00000013,
  /** Destroy */
  Destroy: 0x00000014,
  /** Archive */
  Archive: 0x00000015,
  /** Recover */
  Recover: 0x00000016,
  /** Validate */
  Validate: 0x00000017,
  /** Query */
  Query: 0x00000018,
  /** Cancel */
  Cancel: 0x00000019,
  /** Poll */
  Poll: 0x0000001a,
  /** Notify */
  Notify: 0x0000001b,
  /** Put */
  Put: 0x0000001c,
  /** Re-key Key Pair */
  ReKeyKeyPair: 0x0000001d,
  /** Discover Versions */
  DiscoverVersions: 0x0000001e,
  /** Encrypt */
  Encrypt: 0x0000001f,
  /** Decrypt */
  Decrypt: 0x00000020,
  /** Sign */
  Sign: 0x00000021,
  /** Signature Verify */
  SignatureVerify: 0x00000022,
  /** MAC */
  MAC: 0x00000023,
  /** MAC Verify */
  MACVerify: 0x00000024,
  /** RNG Retrieve */
  RNGRetrieve: 0x00000025,
  /** RNG Seed */
  RNGSeed: 0x00000026,
  /** Hash */
  Hash: 0x00000027,
  /** Create Split Key */
  CreateSplitKey: 0x00000028,
  /** Join Split Key */
  JoinSplitKey: 0x00000029,
  /** Import */
  Import: 0x0000002a,
  /** Export */
  Export: 0x0000002b,
  /** Log */
  Log: 0x0000002c,
  /** Login */
  Login: 0x0000002d,
  /** Logout */
  Logout: 0x0000002e,
  /** Delegated Login */
  DelegatedLogin: 0x0000002f,
  /** Adjust Attribute */
  AdjustAttribute: 0x00000030,
  /** Set Attribute */
  SetAttribute: 0x00000031,
  /** Set Endpoint Role */
  SetEndpointRole: 0x00000032,
  /** PKCS#11 */
  PKCS_11: 0x00000033,
  /** Interop */
  Interop: 0x00000034,
  /** Re-Provision */
  ReProvision: 0x00000035,
  /** Set Defaults */
  SetDefaults: 0x00000036,
  /** Set Constraints */
  SetConstraints: 0x00000037,
  /** Get Constraints */
  GetConstraints: 0x00000038,
  /** Query Asynchronous Requests */
  QueryAsynchronousRequests: 0x00000039,
  /** Process */
  Process: 0x0000003a,
  /** Ping */
  Ping: 0x0000003b,
} as const;

/** PKCS#11 Function Enumeration (KMIP 2.1 §11.38, PKCS#11 v3.0 CK_FUNCTION_LIST_3_0). */
export const PKCS_11Function = {
  /** C_Initialize */
  C_Initialize: 0x00000001,
  /** C_Finalize */
  C_Finalize: 0x00000002,
  /** C_GetInfo */
  C_GetInfo: 0x00000003,
  /** C_GetFunctionList */
  C_GetFunctionList: 0x00000004,
  /** C_GetSlotList */
  C_GetSlotList: 0x00000005,
  /** C_GetSlotInfo */
  C_GetSlotInfo: 0x00000006,
  /** C_GetTokenInfo */
  C_GetTokenInfo: 0x00000007,
  /** C_GetMechanismList */
  C_GetMechanismList: 0x00000008,
  /** C_GetMechanismInfo */
  C_GetMechanismInfo: 0x00000009,
  /** C_InitToken */
  C_InitToken: 0x0000000a,
  /** C_InitPIN */
  C_InitPIN: 0x0000000b,
  /** C_SetPIN */
  C_SetPIN: 0x0000000c,
  /** C_OpenSession */
  C_OpenSession: 0x0000000d,
  /** C_CloseSession */
  C_CloseSession: 0x0000000e,
  /** C_CloseAllSessions */
  C_CloseAllSessions: 0x0000000f,
  /** C_GetSessionInfo */
  C_GetSessionInfo: 0x00000010,
  /** C_GetOperationState */
  C_GetOperationState: 0x00000011,
  /** C_SetOperationState */
  C_SetOperationState: 0x00000012,
  /** C_Login */
  C_Login: 0x00000013,
  /** C_Logout */
  C_Logout: 0x00000014,
  /** C_CreateObject */
  C_CreateObject: 0x00000015,
  /** C_CopyObject */
  C_CopyObject: 0x00000016,
  /** C_DestroyObject */
  C_DestroyObject: 0x00000017,
  /** C_GetObjectSize */
  C_GetObjectSize: 0x00000018,
  /** C_GetAttributeValue */
  C_GetAttributeValue: 0x00000019,
  /** C_SetAttributeValue */
  C_SetAttributeValue: 0x0000001a,
  /** C_FindObjectsInit */
  C_FindObjectsInit: 0x0000001b,
  /** C_FindObjects */
  C_FindObjects: 0x0000001c,
  /** C_FindObjectsFinal */
  C_FindObjectsFinal: 0x0000001d,
  /** C_EncryptInit */
  C_EncryptInit: 0x0000001e,
  /** C_Encrypt */
  C_Encrypt: 0x0000001f,
  /** C_EncryptUpdate */
  C_EncryptUpdate: 0x00000020,
  /** C_EncryptFinal */
  C_EncryptFinal: 0x00000021,
  /** C_DecryptInit */
  C_DecryptInit: 0x00000022,
  /** C_Decrypt */
  C_Decrypt: 0x00000023,
  /** C_DecryptUpdate */
  C_DecryptUpdate: 0x00000024,
  /** C_DecryptFinal */
  C_DecryptFinal: 0x00000025,
  /** C_DigestInit */
  C_DigestInit: 0x00000026,
  /** C_Digest */
  C_Digest: 0x00000027,
  /** C_DigestUpdate */
  C_DigestUpdate: 0x00000028,
  /** C_DigestKey */
  C_DigestKey: 0x00000029,
  /** C_DigestFinal */
  C_DigestFinal: 0x0000002a,
  /** C_SignInit */
  C_SignInit: 0x0000002b,
  /** C_Sign */
  C_Sign: 0x0000002c,
  /** C_SignUpdate */
  C_SignUpdate: 0x0000002d,
  /** C_SignFinal */
  C_SignFinal: 0x0000002e,
  /** C_SignRecoverInit */
  C_SignRecoverInit: 0x0000002f,
  /** C_SignRecover */
  C_SignRecover: 0x00000030,
  /** C_VerifyInit */
  C_VerifyInit: 0x00000031,
  /** C_Verify */
  C_Verify: 0x00000032,
  /** C_VerifyUpdate */
  C_VerifyUpdate: 0x00000033,
  /** C_VerifyFinal */
  C_VerifyFinal: 0x00000034,
  /** C_VerifyRecoverInit */
  C_VerifyRecoverInit: 0x00000035,
  /** C_VerifyRecover */
  C_VerifyRecover: 0x00000036,
  /** C_DigestEncryptUpdate */
  C_DigestEncryptUpdate: 0x00000037,
  /** C_DecryptDigestUpdate */
  C_DecryptDigestUpdate: 0x00000038,
  /** C_SignEncryptUpdate */
  C_SignEncryptUpdate: 0x00000039,
  /** C_DecryptVerifyUpdate */
  C_DecryptVerifyUpdate: 0x0000003a,
  /** C_GenerateKey */
  C_GenerateKey: 0x0000003b,
  /** C_GenerateKeyPair */
  C_GenerateKeyPair: 0x0000003c,
  /** C_WrapKey */
  C_WrapKey: 0x0000003d,
  /** C_UnwrapKey */
  C_UnwrapKey: 0x0000003e,
  /** C_DeriveKey */
  C_DeriveKey: 0x0000003f,
  /** C_SeedRandom */
  C_SeedRandom: 0x00000040,
  /** C_GenerateRandom */
  C_GenerateRandom: 0x00000041,
  /** C_GetFunctionStatus */
  C_GetFunctionStatus: 0x00000042,
  /** C_CancelFunction */
  C_CancelFunction: 0x00000043,
  /** C_WaitForSlotEvent */
  C_WaitForSlotEvent: 0x00000044,
  /** C_GetInterfaceList */
  C_GetInterfaceList: 0x00000045,
  /** C_GetInterface */
  C_GetInterface: 0x00000046,
  /** C_LoginUser */
  C_LoginUser: 0x00000047,
  /** C_SessionCancel */
  C_SessionCancel: 0x00000048,
  /** C_MessageEncryptInit */
  C_MessageEncryptInit: 0x00000049,
  /** C_EncryptMessage */
  C_EncryptMessage: 0x0000004a,
  /** C_EncryptMessageBegin */
  C_EncryptMessageBegin: 0x0000004b,
  /** C_EncryptMessageNext */
  C_EncryptMessageNext: 0x0000004c,
  /** C_MessageEncryptFinal */
  C_MessageEncryptFinal: 0x0000004d,
  /** C_MessageDecryptInit */
  C_MessageDecryptInit: 0x0000004e,
  /** C_DecryptMessage */
  C_DecryptMessage: 0x0000004f,
  /** C_DecryptMessageBegin */
  C_DecryptMessageBegin: 0x00000050,
  /** C_DecryptMessageNext */
  C_DecryptMessageNext: 0x00000051,
  /** C_MessageDecryptFinal */
  C_MessageDecryptFinal: 0x00000052,
  /** C_MessageSignInit */
  C_MessageSignInit: 0x00000053,
  /** C_SignMessage */
  C_SignMessage: 0x00000054,
  /** C_SignMessageBegin */
  C_SignMessageBegin: 0x00000055,
  /** C_SignMessageNext */
  C_SignMessageNext: 0x00000056,
  /** C_MessageSignFinal */
  C_MessageSignFinal: 0x00000057,
  /** C_MessageVerifyInit */
  C_MessageVerifyInit: 0x00000058,
  /** C_VerifyMessage */
  C_VerifyMessage: 0x00000059,
  /** C_VerifyMessageBegin */
  C_VerifyMessageBegin: 0x0000005a,
  /** C_VerifyMessageNext */
  C_VerifyMessageNext: 0x0000005b,
  /** C_MessageVerifyFinal */
  C_MessageVerifyFinal: 0x0000005c,
} as const;

/** PKCS#11 Return Code Enumeration (KMIP 2.1 §11.39, PKCS#11 v3.0 CK_RV). */
export const PKCS_11ReturnCode = {
  /** CKR_OK */
  OK: 0x00000000,
  /** Also accepted for OK. */
  CKR_OK: 0x00000000,
  /** CKR_CANCEL */
  CANCEL: 0x00000001,
  /** Also accepted for CANCEL. */
  CKR_CANCEL: 0x00000001,
  /** CKR_HOST_MEMORY */
  HOST_MEMORY: 0x00000002,
  /** Also accepted for HOST_MEMORY. */
  CKR_HOST_MEMORY: 0x00000002,
  /** CKR_SLOT_ID_INVALID */
  SLOT_ID_INVALID: 0x00000003,
  /** Also accepted for SLOT_ID_INVALID. */
  CKR_SLOT_ID_INVALID: 0x00000003,
  /** CKR_GENERAL_ERROR */
  GENERAL_ERROR: 0x00000005,
  /** Also accepted for GENERAL_ERROR. */
  CKR_GENERAL_ERROR: 0x00000005,
  /** CKR_FUNCTION_FAILED */
  FUNCTION_FAILED: 0x00000006,
  /** Also accepted for FUNCTION_FAILED. */
  CKR_FUNCTION_FAILED: 0x00000006,
  /** CKR_ARGUMENTS_BAD */
  ARGUMENTS_BAD: 0x00000007,
  /** Also accepted for ARGUMENTS_BAD. */
  CKR_ARGUMENTS_BAD: 0x00000007,
  /** CKR_NO_EVENT */
  NO_EVENT: 0x00000008,
  /** Also accepted for NO_EVENT. */
  CKR_NO_EVENT: 0x00000008,
  /** CKR_NEED_TO_CREATE_THREADS */
  NEED_TO_CREATE_THREADS: 0x00000009,
  /** Also accepted for NEED_TO_CREATE_THREADS. */
  CKR_NEED_TO_CREATE_THREADS: 0x00000009,
  /** CKR_CANT_LOCK */
  CANT_LOCK: 0x0000000a,
  /** Also accepted for CANT_LOCK. */
  CKR_CANT_LOCK: 0x0000000a,
  /** CKR_ATTRIBUTE_READ_ONLY */
  ATTRIBUTE_READ_ONLY: 0x00000010,
  /** Also accepted for ATTRIBUTE_READ_ONLY. */
  CKR_ATTRIBUTE_READ_ONLY: 0x00000010,
  /** CKR_ATTRIBUTE_SENSITIVE */
  ATTRIBUTE_SENSITIVE: 0x00000011,
  /** Also accepted for ATTRIBUTE_SENSITIVE. */
  CKR_ATTRIBUTE_SENSITIVE: 0x00000011,
  /** CKR_ATTRIBUTE_TYPE_INVALID */
  ATTRIBUTE_TYPE_INVALID: 0x00000012,
  /** Also accepted for ATTRIBUTE_TYPE_INVALID. */
  CKR_ATTRIBUTE_TYPE_INVALID: 0x00000012,
  /** CKR_ATTRIBUTE_VALUE_INVALID */
  ATTRIBUTE_VALUE_INVALID: 0x00000013,
  /** Also accepted for ATTRIBUTE_VALUE_INVALID. */
  CKR_ATTRIBUTE_VALUE_INVALID: 0x00000013,
  /** CKR_ACTION_PROHIBITED */
  ACTION_PROHIBITED: 0x0000001b,
  /** Also accepted for ACTION_PROHIBITED. */
  CKR_ACTION_PROHIBITED: 0x0000001b,
  /** CKR_DATA_INVALID */
  DATA_INVALID: 0x00000020,
  /** Also accepted for DATA_INVALID. */
  CKR_DATA_INVALID: 0x00000020,
  /** CKR_DATA_LEN_RANGE */
  DATA_LEN_RANGE: 0x00000021,
  /** Also accepted for DATA_LEN_RANGE. */
  CKR_DATA_LEN_RANGE: 0x00000021,
  /** CKR_DEVICE_ERROR */
  DEVICE_ERROR: 0x00000030,
  /** Also accepted for DEVICE_ERROR. */
  CKR_DEVICE_ERROR: 0x00000030,
  /** CKR_DEVICE_MEMORY */
  DEVICE_MEMORY: 0x00000031,
  /** Also accepted for DEVICE_MEMORY. */
  CKR_DEVICE_MEMORY: 0x00000031,
  /** CKR_DEVICE_REMOVED */
  DEVICE_REMOVED: 0x00000032,
  /** Also accepted for DEVICE_REMOVED. */
  CKR_DEVICE_REMOVED: 0x00000032,
  /** CKR_ENCRYPTED_DATA_INVALID */
  ENCRYPTED_DATA_INVALID: 0x00000040,
  /** Also accepted for ENCRYPTED_DATA_INVALID. */
  CKR_ENCRYPTED_DATA_INVALID: 0x00000040,
  /** CKR_ENCRYPTED_DATA_LEN_RANGE */
  ENCRYPTED_DATA_LEN_RANGE: 0x00000041,
  /** Also accepted for ENCRYPTED_DATA_LEN_RANGE. */
  CKR_ENCRYPTED_DATA_LEN_RANGE: 0x00000041,
  /** CKR_AEAD_DECRYPT_FAILED */
  AEAD_DECRYPT_FAILED: 0x00000042,
  /** Also accepted for AEAD_DECRYPT_FAILED. */
  CKR_AEAD_DECRYPT_FAILED: 0x00000042,
  /** CKR_FUNCTION_CANCELED */
  FUNCTION_CANCELED: 0x00000050,
  /** Also accepted for FUNCTION_CANCELED. */
  CKR_FUNCTION_CANCELED: 0x00000050,
  /** CKR_FUNCTION_NOT_PARALLEL */
  FUNCTION_NOT_PARALLEL: 0x00000051,
  /** Also accepted for FUNCTION_NOT_PARALLEL. */
  CKR_FUNCTION_NOT_PARALLEL: 0x00000051,
  /** CKR_FUNCTION_NOT_SUPPORTED */
  FUNCTION_NOT_SUPPORTED: 0x00000054,
  /** Also accepted for FUNCTION_NOT_SUPPORTED. */
  CKR_FUNCTION_NOT_SUPPORTED: 0x00000054,
  /** CKR_KEY_HANDLE_INVALID */
  KEY_HANDLE_INVALID: 0x00000060,
  /** Also accepted for KEY_HANDLE_INVALID. */
  CKR_KEY_HANDLE_INVALID: 0x00000060,
  /** CKR_KEY_SIZE_RANGE */
  KEY_SIZE_RANGE: 0x00000062,
  /** Also accepted for KEY_SIZE_RANGE. */
  CKR_KEY_SIZE_RANGE: 0x00000062,
  /** CKR_KEY_TYPE_INCONSISTENT */
  KEY_TYPE_INCONSISTENT: 0x00000063,
  /** Also accepted for KEY_TYPE_INCONSISTENT. */
  CKR_KEY_TYPE_INCONSISTENT: 0x00000063,
  /** CKR_KEY_NOT_NEEDED */
  KEY_NOT_NEEDED: 0x00000064,
  /** Also accepted for KEY_NOT_NEEDED. */
  CKR_KEY_NOT_NEEDED: 0x00000064,
  /** CKR_KEY_CHANGED */
  KEY_CHANGED: 0x00000065,
  /** Also accepted for KEY_CHANGED. */
  CKR_KEY_CHANGED: 0x00000065,
  /** CKR_KEY_NEEDED */
  KEY_NEEDED: 0x00000066,
  /** Also accepted for KEY_NEEDED. */
  CKR_KEY_NEEDED: 0x00000066,
  /** CKR_KEY_INDIGESTIBLE */
  KEY_INDIGESTIBLE: 0x00000067,
  /** Also accepted for KEY_INDIGESTIBLE. */
  CKR_KEY_INDIGESTIBLE: 0x00000067,
  /** CKR_KEY_FUNCTION_NOT_PERMITTED */
  KEY_FUNCTION_NOT_PERMITTED: 0x00000068,
  /** Also accepted for KEY_FUNCTION_NOT_PERMITTED. */
  CKR_KEY_FUNCTION_NOT_PERMITTED: 0x00000068,
  /** CKR_KEY_NOT_WRAPPABLE */
  KEY_NOT_WRAPPABLE: 0x00000069,
  /** Also accepted for KEY_NOT_WRAPPABLE. */
  CKR_KEY_NOT_WRAPPABLE: 0x00000069,
  /** CKR_KEY_UNEXTRACTABLE */
  KEY_UNEXTRACTABLE: 0x0000006a,
  /** Also accepted for KEY_UNEXTRACTABLE. */
  CKR_KEY_UNEXTRACTABLE: 0x0000006a,
  /** CKR_MECHANISM_INVALID */
  MECHANISM_INVALID: 0x00000070,
  /** Also accepted for MECHANISM_INVALID. */
  CKR_MECHANISM_INVALID: 0x00000070,
  /** CKR_MECHANISM_PARAM_INVALID */
  MECHANISM_PARAM_INVALID: 0x00000071,
  /** Also accepted for MECHANISM_PARAM_INVALID. */
  CKR_MECHANISM_PARAM_INVALID: 0x00000071,
  /** CKR_OBJECT_HANDLE_INVALID */
  OBJECT_HANDLE_INVALID: 0x00000082,
  /** Also accepted for OBJECT_HANDLE_INVALID. */
  CKR_OBJECT_HANDLE_INVALID: 0x00000082,
  /** CKR_OPERATION_ACTIVE */
  OPERATION_ACTIVE: 0x00000090,
  /** Also accepted for OPERATION_ACTIVE. */
  CKR_OPERATION_ACTIVE: 0x00000090,
  /** CKR_OPERATION_NOT_INITIALIZED */
  OPERATION_NOT_INITIALIZED: 0x00000091,
  /** Also accepted for OPERATION_NOT_INITIALIZED. */
  CKR_OPERATION_NOT_INITIALIZED: 0x00000091,
  /** CKR_PIN_INCORRECT */
  PIN_INCORRECT: 0x000000a0,
  /** Also accepted for PIN_INCORRECT. */
  CKR_PIN_INCORRECT: 0x000000a0,
  /** CKR_PIN_INVALID */
  PIN_INVALID: 0x000000a1,
  /** Also accepted for PIN_INVALID. */
  CKR_PIN_INVALID: 0x000000a1,
  /** CKR_PIN_LEN_RANGE */
  PIN_LEN_RANGE: 0x000000a2,
  /** Also accepted for PIN_LEN_RANGE. */
  CKR_PIN_LEN_RANGE: 0x000000a2,
  /** CKR_PIN_EXPIRED */
  PIN_EXPIRED: 0x000000a3,
  /** Also accepted for PIN_EXPIRED. */
  CKR_PIN_EXPIRED: 0x000000a3,
  /** CKR_PIN_LOCKED */
  PIN_LOCKED: 0x000000a4,
  /** Also accepted for PIN_LOCKED. */
  CKR_PIN_LOCKED: 0x000000a4,
  /** CKR_SESSION_CLOSED */
  SESSION_CLOSED: 0x000000b0,
  /** Also accepted for SESSION_CLOSED. */
  CKR_SESSION_CLOSED: 0x000000b0,
  /** CKR_SESSION_COUNT */
  SESSION_COUNT: 0x000000b1,
  /** Also accepted for SESSION_COUNT. */
  CKR_SESSION_COUNT: 0x000000b1,
  /** CKR_SESSION_HANDLE_INVALID */
  SESSION_HANDLE_INVALID: 0x000000b3,
  /** Also accepted for SESSION_HANDLE_INVALID. */
  CKR_SESSION_HANDLE_INVALID: 0x000000b3,
  /** CKR_SESSION_PARALLEL_NOT_SUPPORTED */
  SESSION_PARALLEL_NOT_SUPPORTED: 0x000000b4,
  /** Also accepted for SESSION_PARALLEL_NOT_SUPPORTED. */
  CKR_SESSION_PARALLEL_NOT_SUPPORTED: 0x000000b4,
  /** CKR_SESSION_READ_ONLY */
  SESSION_READ_ONLY: 0x000000b5,
  /** Also accepted for SESSION_READ_ONLY. */
  CKR_SESSION_READ_ONLY: 0x000000b5,
  /** CKR_SESSION_EXISTS */
  SESSION_EXISTS: 0x000000b6,
  /** Also accepted for SESSION_EXISTS. */
  CKR_SESSION_EXISTS: 0x000000b6,
  /** CKR_SESSION_READ_ONLY_EXISTS */
  SESSION_READ_ONLY_EXISTS: 0x000000b7,
  /** Also accepted for SESSION_READ_ONLY_EXISTS. */
  CKR_SESSION_READ_ONLY_EXISTS: 0x000000b7,
  /** CKR_SESSION_READ_WRITE_SO_EXISTS */
  SESSION_READ_WRITE_SO_EXISTS: 0x000000b8,
  /** Also accepted for SESSION_READ_WRITE_SO_EXISTS. */
  CKR_SESSION_READ_WRITE_SO_EXISTS: 0x000000b8,
  /** CKR_SIGNATURE_INVALID */
  SIGNATURE_INVALID: 0x000000c0,
  /** Also accepted for SIGNATURE_INVALID. */
  CKR_SIGNATURE_INVALID: 0x000000c0,
  /** CKR_SIGNATURE_LEN_RANGE */
  SIGNATURE_LEN_RANGE: 0x000000c1,
  /** Also accepted for SIGNATURE_LEN_RANGE. */
  CKR_SIGNATURE_LEN_RANGE: 0x000000c1,
  /** CKR_TEMPLATE_INCOMPLETE */
  TEMPLATE_INCOMPLETE: 0x000000d0,
  /** Also accepted for TEMPLATE_INCOMPLETE. */
  CKR_TEMPLATE_INCOMPLETE: 0x000000d0,
  /** CKR_TEMPLATE_INCONSISTENT */
  TEMPLATE_INCONSISTENT: 0x000000d1,
  /** Also accepted for TEMPLATE_INCONSISTENT. */
  CKR_TEMPLATE_INCONSISTENT: 0x000000d1,
  /** CKR_TOKEN_NOT_PRESENT */
  TOKEN_NOT_PRESENT: 0x000000e0,
  /** Also accepted for TOKEN_NOT_PRESENT. */
  CKR_TOKEN_NOT_PRESENT: 0x000000e0,
  /** CKR_TOKEN_NOT_RECOGNIZED */
  TOKEN_NOT_RECOGNIZED: 0x000000e1,
  /** Also accepted for TOKEN_NOT_RECOGNIZED. */
  CKR_TOKEN_NOT_RECOGNIZED: 0x000000e1,
  /** CKR_TOKEN_WRITE_PROTECTED */
  TOKEN_WRITE_PROTECTED: 0x000000e2,
  /** Also accepted for TOKEN_WRITE_PROTECTED. */
  CKR_TOKEN_WRITE_PROTECTED: 0x000000e2,
  /** CKR_UNWRAPPING_KEY_HANDLE_INVALID */
  UNWRAPPING_KEY_HANDLE_INVALID: 0x000000f0,
  /** Also accepted for UNWRAPPING_KEY_HANDLE_INVALID. */
  CKR_UNWRAPPING_KEY_HANDLE_INVALID: 0x000000f0,
  /** CKR_UNWRAPPING_KEY_SIZE_RANGE */
  UNWRAPPING_KEY_SIZE_RANGE: 0x000000f1,
  /** Also accepted for UNWRAPPING_KEY_SIZE_RANGE. */
  CKR_UNWRAPPING_KEY_SIZE_RANGE: 0x000000f1,
  /** CKR_UNWRAPPING_KEY_TYPE_INCONSISTENT */
  UNWRAPPING_KEY_TYPE_INCONSISTENT: 0x000000f2,
  /** Also accepted for UNWRAPPING_KEY_TYPE_INCONSISTENT. */
  CKR_UNWRAPPING_KEY_TYPE_INCONSISTENT: 0x000000f2,
  /** CKR_USER_ALREADY_LOGGED_IN */
  USER_ALREADY_LOGGED_IN: 0x00000100,
  /** Also accepted for USER_ALREADY_LOGGED_IN. */
  CKR_USER_ALREADY_LOGGED_IN: 0x00000100,
  /** CKR_USER_NOT_LOGGED_IN */
  USER_NOT_LOGGED_IN: 0x00000101,
  /** Also accepted for USER_NOT_LOGGED_IN. */
  CKR_USER_NOT_LOGGED_IN: 0x00000101,
  /** CKR_USER_PIN_NOT_INITIALIZED */
  USER_PIN_NOT_INITIALIZED: 0x00000102,
  /** Also accepted for USER_PIN_NOT_INITIALIZED. */
  CKR_USER_PIN_NOT_INITIALIZED: 0x00000102,
  /** CKR_USER_TYPE_INVALID */
  USER_TYPE_INVALID: 0x00000103,
  /** Also accepted for USER_TYPE_INVALID. */
  CKR_USER_TYPE_INVALID: 0x00000103,
  /** CKR_USER_ANOTHER_ALREADY_LOGGED_IN */
  USER_ANOTHER_ALREADY_LOGGED_IN: 0x00000104,
  /** Also accepted for USER_ANOTHER_ALREADY_LOGGED_IN. */
  CKR_USER_ANOTHER_ALREADY_LOGGED_IN: 0x00000104,
  /** CKR_USER_TOO_MANY_TYPES */
  USER_TOO_MANY_TYPES: 0x00000105,
  /** Also accepted for USER_TOO_MANY_TYPES. */
  CKR_USER_TOO_MANY_TYPES: 0x00000105,
  /** CKR_WRAPPED_KEY_INVALID */
  WRAPPED_KEY_INVALID: 0x00000110,
  /** Also accepted for WRAPPED_KEY_INVALID. */
  CKR_WRAPPED_KEY_INVALID: 0x00000110,
  /** CKR_WRAPPED_KEY_LEN_RANGE */
  WRAPPED_KEY_LEN_RANGE: 0x00000112,
  /** Also accepted for WRAPPED_KEY_LEN_RANGE. */
  CKR_WRAPPED_KEY_LEN_RANGE: 0x00000112,
  /** CKR_WRAPPING_KEY_HANDLE_INVALID */
  WRAPPING_KEY_HANDLE_INVALID: 0x00000113,
  /** Also accepted for WRAPPING_KEY_HANDLE_INVALID. */
  CKR_WRAPPING_KEY_HANDLE_INVALID: 0x00000113,
  /** CKR_WRAPPING_KEY_SIZE_RANGE */
  WRAPPING_KEY_SIZE_RANGE: 0x00000114,
  /** Also accepted for WRAPPING_KEY_SIZE_RANGE. */
  CKR_WRAPPING_KEY_SIZE_RANGE: 0x00000114,
  /** CKR_WRAPPING_KEY_TYPE_INCONSISTENT */
  WRAPPING_KEY_TYPE_INCONSISTENT: 0x00000115,
  /** Also accepted for WRAPPING_KEY_TYPE_INCONSISTENT. */
  CKR_WRAPPING_KEY_TYPE_INCONSISTENT: 0x00000115,
  /** CKR_RANDOM_SEED_NOT_SUPPORTED */
  RANDOM_SEED_NOT_SUPPORTED: 0x00000120,
  /** Also accepted for RANDOM_SEED_NOT_SUPPORTED. */
  CKR_RANDOM_SEED_NOT_SUPPORTED: 0x00000120,
  /** CKR_RANDOM_NO_RNG */
  RANDOM_NO_RNG: 0x00000121,
  /** Also accepted for RANDOM_NO_RNG. */
  CKR_RANDOM_NO_RNG: 0x00000121,
  /** CKR_DOMAIN_PARAMS_INVALID */
  DOMAIN_PARAMS_INVALID: 0x00000130,
  /** Also accepted for DOMAIN_PARAMS_INVALID. */
  CKR_DOMAIN_PARAMS_INVALID: 0x00000130,
  /** CKR_CURVE_NOT_SUPPORTED */
  CURVE_NOT_SUPPORTED: 0x00000140,
  /** Also accepted for CURVE_NOT_SUPPORTED. */
  CKR_CURVE_NOT_SUPPORTED: 0x00000140,
  /** CKR_BUFFER_TOO_SMALL */
  BUFFER_TOO_SMALL: 0x00000150,
  /** Also accepted for BUFFER_TOO_SMALL. */
  CKR_BUFFER_TOO_SMALL: 0x00000150,
  /** CKR_SAVED_STATE_INVALID */
  SAVED_STATE_INVALID: 0x00000160,
  /** Also accepted for SAVED_STATE_INVALID. */
  CKR_SAVED_STATE_INVALID: 0x00000160,
  /** CKR_INFORMATION_SENSITIVE */
  INFORMATION_SENSITIVE: 0x00000170,
  /** Also accepted for INFORMATION_SENSITIVE. */
  CKR_INFORMATION_SENSITIVE: 0x00000170,
  /** CKR_STATE_UNSAVEABLE */
  STATE_UNSAVEABLE: 0x00000180,
  /** Also accepted for STATE_UNSAVEABLE. */
  CKR_STATE_UNSAVEABLE: 0x00000180,
  /** CKR_CRYPTOKI_NOT_INITIALIZED */
  CRYPTOKI_NOT_INITIALIZED: 0x00000190,
  /** Also accepted for CRYPTOKI_NOT_INITIALIZED. */
  CKR_CRYPTOKI_NOT_INITIALIZED: 0x00000190,
  /** CKR_CRYPTOKI_ALREADY_INITIALIZED */
  CRYPTOKI_ALREADY_INITIALIZED: 0x00000191,
  /** Also accepted for CRYPTOKI_ALREADY_INITIALIZED. */
  CKR_CRYPTOKI_ALREADY_INITIALIZED: 0x00000191,
  /** CKR_MUTEX_BAD */
  MUTEX_BAD: 0x000001a0,
  /** Also accepted for MUTEX_BAD. */
  CKR_MUTEX_BAD: 0x000001a0,
  /** CKR_MUTEX_NOT_LOCKED */
  MUTEX_NOT_LOCKED: 0x000001a1,
  /** Also accepted for MUTEX_NOT_LOCKED. */
  CKR_MUTEX_NOT_LOCKED: 0x000001a1,
  /** CKR_NEW_PIN_MODE */
  NEW_PIN_MODE: 0x000001b0,
  /** Also accepted for NEW_PIN_MODE. */
  CKR_NEW_PIN_MODE: 0x000001b0,
  /** CKR_NEXT_OTP */
  NEXT_OTP: 0x000001b1,
  /** Also accepted for NEXT_OTP. */
  CKR_NEXT_OTP: 0x000001b1,
  /** CKR_EXCEEDED_MAX_ITERATIONS */
  EXCEEDED_MAX_ITERATIONS: 0x000001b5,
  /** Also accepted for EXCEEDED_MAX_ITERATIONS. */
  CKR_EXCEEDED_MAX_ITERATIONS: 0x000001b5,
  /** CKR_FIPS_SELF_TEST_FAILED */
  FIPS_SELF_TEST_FAILED: 0x000001b6,
  /** Also accepted for FIPS_SELF_TEST_FAILED. */
  CKR_FIPS_SELF_TEST_FAILED: 0x000001b6,
  /** CKR_LIBRARY_LOAD_FAILED */
  LIBRARY_LOAD_FAILED: 0x000001b7,
  /** Also accepted for LIBRARY_LOAD_FAILED. */
  CKR_LIBRARY_LOAD_FAILED: 0x000001b7,
  /** CKR_PIN_TOO_WEAK */
  PIN_TOO_WEAK: 0x000001b8,
  /** Also accepted for PIN_TOO_WEAK. */
  CKR_PIN_TOO_WEAK: 0x000001b8,
  /** CKR_PUBLIC_KEY_INVALID */
  PUBLIC_KEY_INVALID: 0x000001b9,
  /** Also accepted for PUBLIC_KEY_INVALID. */
  CKR_PUBLIC_KEY_INVALID: 0x000001b9,
  /** CKR_FUNCTION_REJECTED */
  FUNCTION_REJECTED: 0x00000200,
  /** Also accepted for FUNCTION_REJECTED. */
  CKR_FUNCTION_REJECTED: 0x00000200,
  /** CKR_TOKEN_RESOURCE_EXCEEDED */
  TOKEN_RESOURCE_EXCEEDED: 0x00000201,
  /** Also accepted for TOKEN_RESOURCE_EXCEEDED. */
  CKR_TOKEN_RESOURCE_EXCEEDED: 0x00000201,
  /** CKR_OPERATION_CANCEL_FAILED */
  OPERATION_CANCEL_FAILED: 0x00000202,
  /** Also accepted for OPERATION_CANCEL_FAILED. */
  CKR_OPERATION_CANCEL_FAILED: 0x00000202,
} as const;

/** Padding Method Enumeration (KMIP 1.4 §9.1.3.2.15, KMIP 2.1 §11.37). */
export const PaddingMethod = {
  /** None */
  None: 0x00000001,
  /** OAEP */
  OAEP: 0x00000002,
  /** PKCS5 */
  PKCS5: 0x00000003,
  /** SSL3 */
  SSL3: 0x00000004,
  /** Zeros */
  Zeros: 0x00000005,
  /** ANSI X9.23 */
  ANSIX9_23: 0x00000006,
  /** ISO 10126 */
  ISO10126: 0x00000007,
  /** PKCS1 v1.5 */
  PKCS1V1_5: 0x00000008,
  /** X9.31 */
  X9_31: 0x00000009,
  /** PSS */
  PSS: 0x0000000a,
} as const;

/** Processing Stage Enumeration (KMIP 2.1 §11.40). */
export const ProcessingStage = {
  /** Submitted */
  Submitted: 0x00000001,
  /** In Process */
  InProcess: 0x00000002,
  /** Completed */
  Completed: 0x00000003,
} as const;

/** Profile Name Enumeration (KMIP 1.4 §9.1.3.2.42, KMIP 2.1 §11.41). */
export const ProfileName = {
  /** Baseline Server Basic KMIP v1.2 */
  BaselineServerBasicKMIPV1_2: 0x00000001,
  /** Baseline Server TLS v1.2 KMIP v1.2 */
  BaselineServerTLSV1_2KMIPV1_2: 0x00000002,
  /** Baseline Client Basic KMIP v1.2 */
  BaselineClientBasicKMIPV1_2: 0x00000003,
  /** Baseline Client TLS v1.2 KMIP v1.2 */
  BaselineClientTLSV1_2KMIPV1_2: 0x00000004,
  /** Complete Server Basic KMIP v1.2 */
  CompleteServerBasicKMIPV1_2: 0x00000005,
  /** Complete Server TLS v1.2 KMIP v1.2 */
  CompleteServerTLSV1_2KMIPV1_2: 0x00000006,
  /** Tape Library Client KMIP v1.0 */
  TapeLibraryClientKMIPV1_0: 0x00000007,
  /** Tape Library Client KMIP v1.1 */
  TapeLibraryClientKMIPV1_1: 0x00000008,
  /** Tape Library Client KMIP v1.2 */
  TapeLibraryClientKMIPV1_2: 0x00000009,
  /** Tape Library Server KMIP v1.0 */
  TapeLibraryServerKMIPV1_0: 0x0000000a,
  /** Tape Library Server KMIP v1.1 */
  TapeLibraryServerKMIPV1_1: 0x0000000b,
  /** Tape Library Server KMIP v1.2 */
  TapeLibraryServerKMIPV1_2: 0x0000000c,
  /** Symmetric Key Lifecycle Client KMIP v1.0 */
  SymmetricKeyLifecycleClientKMIPV1_0: 0x0000000d,
  /** Symmetric Key Lifecycle Client KMIP v1.1 */
  SymmetricKeyLifecycleClientKMIPV1_1: 0x0000000e,
  /** Symmetric Key Lifecycle Client KMIP v1.2 */
  SymmetricKeyLifecycleClientKMIPV1_2: 0x0000000f,
  /** Symmetric Key Lifecycle Server KMIP v1.0 */
  SymmetricKeyLifecycleServerKMIPV1_0: 0x00000010,
  /** Symmetric Key Lifecycle Server KMIP v1.1 */
  SymmetricKeyLifecycleServerKMIPV1_1: 0x00000011,
  /** Symmetric Key Lifecycle Server KMIP v1.2 */
  SymmetricKeyLifecycleServerKMIPV1_2: 0x00000012,
  /** Asymmetric Key Lifecycle Client KMIP v1.0 */
  AsymmetricKeyLifecycleClientKMIPV1_0: 0x00000013,
  /** Asymmetric Key Lifecycle Client KMIP v1.1 */
  AsymmetricKeyLifecycleClientKMIPV1_1: 0x00000014,
  /** Asymmetric Key Lifecycle Client KMIP v1.2 */
  AsymmetricKeyLifecycleClientKMIPV1_2: 0x00000015,
  /** Asymmetric Key Lifecycle Server KMIP v1.0 */
  AsymmetricKeyLifecycleServerKMIPV1_0: 0x00000016,
  /** Asymmetric Key Lifecycle Server KMIP v1.1 */
  AsymmetricKeyLifecycleServerKMIPV1_1: 0x00000017,
  /** Asymmetric Key Lifecycle Server KMIP v1.2 */
  AsymmetricKeyLifecycleServerKMIPV1_2: 0x00000018,
  /** Basic Cryptographic Client KMIP v1.2 */
  BasicCryptographicClientKMIPV1_2: 0x00000019,
  /** Basic Cryptographic Server KMIP v1.2 */
  BasicCryptographicServerKMIPV1_2: 0x0000001a,
  /** Advanced Cryptographic Client KMIP v1.2 */
  AdvancedCryptographicClientKMIPV1_2: 0x0000001b,
  /** Advanced Cryptographic Server KMIP v1.2 */
  AdvancedCryptographicServerKMIPV1_2: 0x0000001c,
  /** RNG Cryptographic Client KMIP v1.2 */
  RNGCryptographicClientKMIPV1_2: 0x0000001d,
  /** RNG Cryptographic Server KMIP v1.2 */
  RNGCryptographicServerKMIPV1_2: 0x0000001e,
  /** Basic Symmetric Key Foundry Client KMIP v1.0 */
  BasicSymmetricKeyFoundryClientKMIPV1_0: 0x0000001f,
  /** Intermediate Symmetric Key Foundry Client KMIP v1.0 */
  IntermediateSymmetricKeyFoundryClientKMIPV1_0: 0x00000020,
  /** Advanced Symmetric Key Foundry Client KMIP v1.0 */
  AdvancedSymmetricKeyFoundryClientKMIPV1_0: 0x00000021,
  /** Basic Symmetric Key Foundry Client KMIP v1.1 */
  BasicSymmetricKeyFoundryClientKMIPV1_1: 0x00000022,
  /** Intermediate Symmetric Key Foundry Client KMIP v1.1 */
  IntermediateSymmetricKeyFoundryClientKMIPV1_1: 0x00000023,
  /** Advanced Symmetric Key Foundry Client KMIP v1.1 */
  AdvancedSymmetricKeyFoundryClientKMIPV1_1: 0x00000024,
  /** Basic Symmetric Key Foundry Client KMIP v1.2 */
  BasicSymmetricKeyFoundryClientKMIPV1_2: 0x00000025,
  /** Intermediate Symmetric Key Foundry Client KMIP v1.2 */
  IntermediateSymmetricKeyFoundryClientKMIPV1_2: 0x00000026,
  /** Advanced Symmetric Key Foundry Client KMIP v1.2 */
  AdvancedSymmetricKeyFoundryClientKMIPV1_2: 0x00000027,
  /** Symmetric Key Foundry Server KMIP v1.0 */
  SymmetricKeyFoundryServerKMIPV1_0: 0x00000028,
  /** Symmetric Key Foundry Server KMIP v1.1 */
  SymmetricKeyFoundryServerKMIPV1_1: 0x00000029,
  /** Symmetric Key Foundry Server KMIP v1.2 */
  SymmetricKeyFoundryServerKMIPV1_2: 0x0000002a,
  /** Opaque Managed Object Store Client KMIP v1.0 */
  OpaqueManagedObjectStoreClientKMIPV1_0: 0x0000002b,
  /** Opaque Managed Object Store Client KMIP v1.1 */
  OpaqueManagedObjectStoreClientKMIPV1_1: 0x0000002c,
  /** Opaque Managed Object Store Client KMIP v1.2 */
  OpaqueManagedObjectStoreClientKMIPV1_2: 0x0000002d,
  /** Opaque Managed Object Store Server KMIP v1.0 */
  OpaqueManagedObjectStoreServerKMIPV1_0: 0x0000002e,
  /** Opaque Managed Object Store Server KMIP v1.1 */
  OpaqueManagedObjectStoreServerKMIPV1_1: 0x0000002f,
  /** Opaque Managed Object Store Server KMIP v1.2 */
  OpaqueManagedObjectStoreServerKMIPV1_2: 0x00000030,
  /** Suite B minLOS_128 Client KMIP v1.0 */
  SuiteBMinLOS_128ClientKMIPV1_0: 0x00000031,
  /** Suite B minLOS_128 Client KMIP v1.1 */
  SuiteBMinLOS_128ClientKMIPV1_1: 0x00000032,
  /** Suite B minLOS_128 Client KMIP v1.2 */
  SuiteBMinLOS_128ClientKMIPV1_2: 0x00000033,
  /** Suite B minLOS_128 Server KMIP v1.0 */
  SuiteBMinLOS_128ServerKMIPV1_0: 0x00000034,
  /** Suite B minLOS_128 Server KMIP v1.1 */
  SuiteBMinLOS_128ServerKMIPV1_1: 0x00000035,
  /** Suite B minLOS_128 Server KMIP v1.2 */
  SuiteBMinLOS_128ServerKMIPV1_2: 0x00000036,
  /** Suite B minLOS_192 Client KMIP v1.0 */
  SuiteBMinLOS_192ClientKMIPV1_0: 0x00000037,
  /** Suite B minLOS_192 Client KMIP v1.1 */
  SuiteBMinLOS_192ClientKMIPV1_1: 0x00000038,
  /** Suite B minLOS_192 Client KMIP v1.2 */
  SuiteBMinLOS_192ClientKMIPV1_2: 0x00000039,
  /** Suite B minLOS_192 Server KMIP v1.0 */
  SuiteBMinLOS_192ServerKMIPV1_0: 0x0000003a,
  /** Suite B minLOS_192 Server KMIP v1.1 */
  SuiteBMinLOS_192ServerKMIPV1_1: 0x0000003b,
  /** Suite B minLOS_192 Server KMIP v1.2 */
  SuiteBMinLOS_192ServerKMIPV1_2: 0x0000003c,
  /** Storage Array with Self Encrypting Drive Client KMIP v1.0 */
  StorageArrayWithSelfEncryptingDriveClientKMIPV1_0: 0x0000003d,
  /** Storage Array with Self Encrypting Drive Client KMIP v1.1 */
  StorageArrayWithSelfEncryptingDriveClientKMIPV1_1: 0x0000003e,
  /** Storage Array with Self Encrypting Drive Client KMIP v1.2 */
  StorageArrayWithSelfEncryptingDriveClientKMIPV1_2: 0x0000003f,
  /** Storage Array with Self Encrypting Drive Server KMIP v1.0 */
  StorageArrayWithSelfEncryptingDriveServerKMIPV1_0: 0x00000040,
  /** Storage Array with Self Encrypting Drive Server KMIP v1.1 */
  StorageArrayWithSelfEncryptingDriveServerKMIPV1_1: 0x00000041,
  /** Storage Array with Self Encrypting Drive Server KMIP v1.2 */
  StorageArrayWithSelfEncryptingDriveServerKMIPV1_2: 0x00000042,
  /** HTTPS Client KMIP v1.0 */
  HTTPSClientKMIPV1_0: 0x00000043,
  /** HTTPS Client KMIP v1.1 */
  HTTPSClientKMIPV1_1: 0x00000044,
  /** HTTPS Client KMIP v1.2 */
  HTTPSClientKMIPV1_2: 0x00000045,
  /** HTTPS Server KMIP v1.0 */
  HTTPSServerKMIPV1_0: 0x00000046,
  /** HTTPS Server KMIP v1.1 */
  HTTPSServerKMIPV1_1: 0x00000047,
  /** HTTPS Server KMIP v1.2 */
  HTTPSServerKMIPV1_2: 0x00000048,
  /** JSON Client KMIP v1.0 */
  JSONClientKMIPV1_0: 0x00000049,
  /** JSON Client KMIP v1.1 */
  JSONClientKMIPV1_1: 0x0000004a,
  /** JSON Client KMIP v1.2 */
  JSONClientKMIPV1_2: 0x0000004b,
  /** JSON Server KMIP v1.0 */
  JSONServerKMIPV1_0: 0x0000004c,
  /** JSON Server KMIP v1.1 */
  JSONServerKMIPV1_1: 0x0000004d,
  /** JSON Server KMIP v1.2 */
  JSONServerKMIPV1_2: 0x0000004e,
  /** XML Client KMIP v1.0 */
  XMLClientKMIPV1_0: 0x0000004f,
  /** XML Client KMIP v1.1 */
  XMLClientKMIPV1_1: 0x00000050,
  /** XML Client KMIP v1.2 */
  XMLClientKMIPV1_2: 0x00000051,
  /** XML Server KMIP v1.0 */
  XMLServerKMIPV1_0: 0x00000052,
  /** XML Server KMIP v1.1 */
  XMLServerKMIPV1_1: 0x00000053,
  /** XML Server KMIP v1.2 */
  XMLServerKMIPV1_2: 0x00000054,
  /** Baseline Server Basic KMIP v1.3 */
  BaselineServerBasicKMIPV1_3: 0x00000055,
  /** Baseline Server TLS v1.2 KMIP v1.3 */
  BaselineServerTLSV1_2KMIPV1_3: 0x00000056,
  /** Baseline Client Basic KMIP v1.3 */
  BaselineClientBasicKMIPV1_3: 0x00000057,
  /** Baseline Client TLS v1.2 KMIP v1.3 */
  BaselineClientTLSV1_2KMIPV1_3: 0x00000058,
  /** Complete Server Basic KMIP v1.3 */
  CompleteServerBasicKMIPV1_3: 0x00000059,
  /** Complete Server TLS v1.2 KMIP v1.3 */
  CompleteServerTLSV1_2KMIPV1_3: 0x0000005a,
  /** Tape Library Client KMIP v1.3 */
  TapeLibraryClientKMIPV1_3: 0x0000005b,
  /** Tape Library Server KMIP v1.3 */
  TapeLibraryServerKMIPV1_3: 0x0000005c,
  /** Symmetric Key Lifecycle Client KMIP v1.3 */
  SymmetricKeyLifecycleClientKMIPV1_3: 0x0000005d,
  /** Symmetric Key Lifecycle Server KMIP v1.3 */
  SymmetricKeyLifecycleServerKMIPV1_3: 0x0000005e,
  /** Asymmetric Key Lifecycle Client KMIP v1.3 */
  AsymmetricKeyLifecycleClientKMIPV1_3: 0x0000005f,
  /** Asymmetric Key Lifecycle Server KMIP v1.3 */
  AsymmetricKeyLifecycleServerKMIPV1_3: 0x00000060,
  /** Basic Cryptographic Client KMIP v1.3 */
  BasicCryptographicClientKMIPV1_3: 0x00000061,
  /** Basic Cryptographic Server KMIP v1.3 */
  BasicCryptographicServerKMIPV1_3: 0x00000062,
  /** Advanced Cryptographic Client KMIP v1.3 */
  AdvancedCryptographicClientKMIPV1_3: 0x00000063,
  /** Advanced Cryptographic Server KMIP v1.3 */
  AdvancedCryptographicServerKMIPV1_3: 0x00000064,
  /** RNG Cryptographic Client KMIP v1.3 */
  RNGCryptographicClientKMIPV1_3: 0x00000065,
  /** RNG Cryptographic Server KMIP v1.3 */
  RNGCryptographicServerKMIPV1_3: 0x00000066,
  /** Basic Symmetric Key Foundry Client KMIP v1.3 */
  BasicSymmetricKeyFoundryClientKMIPV1_3: 0x00000067,
  /** Intermediate Symmetric Key Foundry Client KMIP v1.3 */
  IntermediateSymmetricKeyFoundryClientKMIPV1_3: 0x00000068,
  /** Advanced Symmetric Key Foundry Client KMIP v1.3 */
  AdvancedSymmetricKeyFoundryClientKMIPV1_3: 0x00000069,
  /** Symmetric Key Foundry Server KMIP v1.3 */
  SymmetricKeyFoundryServerKMIPV1_3: 0x0000006a,
  /** Opaque Managed Object Store Client KMIP v1.3 */
  OpaqueManagedObjectStoreClientKMIPV1_3: 0x0000006b,
  /** Opaque Managed Object Store Server KMIP v1.3 */
  OpaqueManagedObjectStoreServerKMIPV1_3: 0x0000006c,
  /** Suite B minLOS_128 Client KMIP v1.3 */
  SuiteBMinLOS_128ClientKMIPV1_3: 0x0000006d,
  /** Suite B minLOS_128 Server KMIP v1.3 */
  SuiteBMinLOS_128ServerKMIPV1_3: 0x0000006e,
  /** Suite B minLOS_192 Client KMIP v1.3 */
  SuiteBMinLOS_192ClientKMIPV1_3: 0x0000006f,
  /** Suite B minLOS_192 Server KMIP v1.3 */
  SuiteBMinLOS_192ServerKMIPV1_3: 0x00000070,
  /** Storage Array with Self Encrypting Drive Client KMIP v1.3 */
  StorageArrayWithSelfEncryptingDriveClientKMIPV1_3: 0x00000071,
  /** Storage Array with Self Encrypting Drive Server KMIP v1.3 */
  StorageArrayWithSelfEncryptingDriveServerKMIPV1_3: 0x00000072,
  /** HTTPS Client KMIP v1.3 */
  HTTPSClientKMIPV1_3: 0x00000073,
  /** HTTPS Server KMIP v1.3 */
  HTTPSServerKMIPV1_3: 0x00000074,
  /** JSON Client KMIP v1.3 */
  JSONClientKMIPV1_3: 0x00000075,
  /** JSON Server KMIP v1.3 */
  JSONServerKMIPV1_3: 0x00000076,
  /** XML Client KMIP v1.3 */
  XMLClientKMIPV1_3: 0x00000077,
  /** XML Server KMIP v1.3 */
  XMLServerKMIPV1_3: 0x00000078,
  /** Baseline Server Basic KMIP v1.4 */
  BaselineServerBasicKMIPV1_4: 0x00000079,
  /** Baseline Server TLS v1.2 KMIP v1.4 */
  BaselineServerTLSV1_2KMIPV1_4: 0x0000007a,
  /** Baseline Client Basic KMIP v1.4 */
  BaselineClientBasicKMIPV1_4: 0x0000007b,
  /** Baseline Client TLS v1.2 KMIP v1.4 */
  BaselineClientTLSV1_2KMIPV1_4: 0x0000007c,
  /** Complete Server Basic KMIP v1.4 */
  CompleteServerBasicKMIPV1_4: 0x0000007d,
  /** Complete Server TLS v1.2 KMIP v1.4 */
  CompleteServerTLSV1_2KMIPV1_4: 0x0000007e,
  /** Tape Library Client KMIP v1.4 */
  TapeLibraryClientKMIPV1_4: 0x0000007f,
  /** Tape Library Server KMIP v1.4 */
  TapeLibraryServerKMIPV1_4: 0x00000080,
  /** Symmetric Key Lifecycle Client KMIP v1.4 */
  SymmetricKeyLifecycleClientKMIPV1_4: 0x00000081,
  /** Symmetric Key Lifecycle Server KMIP v1.4 */
  SymmetricKeyLifecycleServerKMIPV1_4: 0x00000082,
  /** Asymmetric Key Lifecycle Client KMIP v1.4 */
  AsymmetricKeyLifecycleClientKMIPV1_4: 0x00000083,
  /** Asymmetric Key Lifecycle Server KMIP v1.4 */
  AsymmetricKeyLifecycleServerKMIPV1_4: 0x00000084,
  /** Basic Cryptographic Client KMIP v1.4 */
  BasicCryptographicClientKMIPV1_4: 0x00000085,
  /** Basic Cryptographic Server KMIP v1.4 */
  BasicCryptographicServerKMIPV1_4: 0x00000086,
  /** Advanced Cryptographic Client KMIP v1.4 */
  AdvancedCryptographicClientKMIPV1_4: 0x00000087,
  /** Advanced Cryptographic Server KMIP v1.4 */
  AdvancedCryptographicServerKMIPV1_4: 0x00000088,
  /** RNG Cryptographic Client KMIP v1.4 */
  RNGCryptographicClientKMIPV1_4: 0x00000089,
  /** RNG Cryptographic Server KMIP v1.4 */
  RNGCryptographicServerKMIPV1_4: 0x0000008a,
  /** Basic Symmetric Key Foundry Client KMIP v1.4 */
  BasicSymmetricKeyFoundryClientKMIPV1_4: 0x0000008b,
  /** Intermediate Symmetric Key Foundry Client KMIP v1.4 */
  IntermediateSymmetricKeyFoundryClientKMIPV1_4: 0x0000008c,
  /** Advanced Symmetric Key Foundry Client KMIP v1.4 */
  AdvancedSymmetricKeyFoundryClientKMIPV1_4: 0x0000008d,
  /** Symmetric Key Foundry Server KMIP v1.4 */
  SymmetricKeyFoundryServerKMIPV1_4: 0x0000008e,
  /** Opaque Managed Object Store Client KMIP v1.4 */
  OpaqueManagedObjectStoreClientKMIPV1_4: 0x0000008f,
  /** Opaque Managed Object Store Server KMIP v1.4 */
  OpaqueManagedObjectStoreServerKMIPV1_4: 0x00000090,
  /** Suite B minLOS_128 Client KMIP v1.4 */
  SuiteBMinLOS_128ClientKMIPV1_4: 0x00000091,
  /** Suite B minLOS_128 Server KMIP v1.4 */
  SuiteBMinLOS_128ServerKMIPV1_4: 0x00000092,
  /** Suite B minLOS_192 Client KMIP v1.4 */
  SuiteBMinLOS_192ClientKMIPV1_4: 0x00000093,
  /** Suite B minLOS_192 Server KMIP v1.4 */
  SuiteBMinLOS_192ServerKMIPV1_4: 0x00000094,
  /** Storage Array with Self Encrypting Drive Client KMIP v1.4 */
  StorageArrayWithSelfEncryptingDriveClientKMIPV1_4: 0x00000095,
  /** Storage Array with Self Encrypting Drive Server KMIP v1.4 */
  StorageArrayWithSelfEncryptingDriveServerKMIPV1_4: 0x00000096,
  /** HTTPS Client KMIP v1.4 */
  HTTPSClientKMIPV1_4: 0x00000097,
  /** HTTPS Server KMIP v1.4 */
  HTTPSServerKMIPV1_4: 0x00000098,
  /** JSON Client KMIP v1.4 */
  JSONClientKMIPV1_4: 0x00000099,
  /** JSON Server KMIP v1.4 */
  JSONServerKMIPV1_4: 0x0000009a,
  /** XML Client KMIP v1.4 */
  XMLClientKMIPV1_4: 0x0000009b,
  /** XML Server KMIP v1.4 */
  XMLServerKMIPV1_4: 0x0000009c,
  /** Complete Server Basic */
  CompleteServerBasic: 0x00000104,
  /** Complete Server TLS v1.2 */
  CompleteServerTLSV1_2: 0x00000105,
  /** Tape Library Client */
  TapeLibraryClient: 0x00000106,
  /** Tape Library Server */
  TapeLibraryServer: 0x00000107,
  /** Symmetric Key Lifecycle Client */
  SymmetricKeyLifecycleClient: 0x00000108,
  /** Symmetric Key Lifecycle Server */
  SymmetricKeyLifecycleServer: 0x00000109,
  /** Asymmetric Key Lifecycle Client */
  AsymmetricKeyLifecycleClient: 0x0000010a,
  /** Asymmetric Key Lifecycle Server */
  AsymmetricKeyLifecycleServer: 0x0000010b,
  /** Basic Cryptographic Client */
  BasicCryptographicClient: 0x0000010c,
  /** Basic Cryptographic Server */
  BasicCryptographicServer: 0x0000010d,
  /** Advanced Cryptographic Client */
  AdvancedCryptographicClient: 0x0000010e,
  /** Advanced Cryptographic Server */
  AdvancedCryptographicServer: 0x0000010f,
  /** RNG Cryptographic Client */
  RNGCryptographicClient: 0x00000110,
  /** RNG Cryptographic Server */
  RNGCryptographicServer: 0x00000111,
  /** Basic Symmetric Key Foundry Client */
  BasicSymmetricKeyFoundryClient: 0x00000112,
  /** Intermediate Symmetric Key Foundry Client */
  IntermediateSymmetricKeyFoundryClient: 0x00000113,
  /** Advanced Symmetric Key Foundry Client */
  AdvancedSymmetricKeyFoundryClient: 0x00000114,
  /** Symmetric Key Foundry Server */
  SymmetricKeyFoundryServer: 0x00000115,
  /** Opaque Managed Object Store Client */
  OpaqueManagedObjectStoreClient: 0x00000116,
  /** Opaque Managed Object Store Server */
  OpaqueManagedObjectStoreServer: 0x00000117,
  /** Storage Array with Self Encrypting Drive Client */
  StorageArrayWithSelfEncryptingDriveClient: 0x0000011c,
  /** Storage Array with Self Encrypting Drive Server */
  StorageArrayWithSelfEncryptingDriveServer: 0x0000011d,
  /** HTTPS Client */
  HTTPSClient: 0x0000011e,
  /** HTTPS Server */
  HTTPSServer: 0x0000011f,
  /** JSON Client */
  JSONClient: 0x00000120,
  /** JSON Server */
  JSONServer: 0x00000121,
  /** XML Client */
  XMLClient: 0x00000122,
  /** XML Server */
  XMLServer: 0x00000123,
  /** AES XTS Client */
  AESXTSClient: 0x00000124,
  /** AES XTS Server */
  AESXTSServer: 0x00000125,
  /** Quantum Safe Client */
  QuantumSafeClient: 0x00000126,
  /** Quantum Safe Server */
  QuantumSafeServer: 0x00000127,
  /** PKCS#11 Client */
  PKCS_11Client: 0x00000128,
  /** PKCS#11 Server */
  PKCS_11Server: 0x00000129,
  /** Baseline Client */
  BaselineClient: 0x0000012a,
  /** Baseline Server */
  BaselineServer: 0x0000012b,
  /** Complete Server */
  CompleteServer: 0x0000012c,
} as const;

/** Protection Level Enumeration (KMIP 2.1 §11.42). */
export const ProtectionLevel = {
  /** High */
  High: 0x00000001,
  /** Low */
  Low: 0x00000002,
} as const;

/** Put Function Enumeration (KMIP 1.4 §9.1.3.2.26, KMIP 2.1 §11.43). */
export const PutFunction = {
  /** New */
  New: 0x00000001,
  /** Replace */
  Replace: 0x00000002,
} as const;

/** Query Function Enumeration (KMIP 1.4 §9.1.3.2.24, KMIP 2.1 §11.44). */
export const QueryFunction = {
  /** Query Operations */
  QueryOperations: 0x00000001,
  /** Query Objects */
  QueryObjects: 0x00000002,
  /** Query Server Information */
  QueryServerInformation: 0x00000003,
  /** Query Application Namespaces */
  QueryApplicationNamespaces: 0x00000004,
  /** Query Extension List */
  QueryExtensionList: 0x00000005,
  /** Query Extension Map */
  QueryExtensionMap: 0x00000006,
  /** Query Attestation Types */
  QueryAttestationTypes: 0x00000007,
  /** Query RNGs */
  QueryRNGs: 0x00000008,
  /** Query Validations */
  QueryValidations: 0x00000009,
  /** Query Profiles */
  QueryProfiles: 0x0000000a,
  /** Query Capabilities */
  QueryCapabilities: 0x0000000b,
  /** Query Client Registration Methods */
  QueryClientRegistrationMethods: 0x0000000c,
  /** Query Defaults Information */
  QueryDefaultsInformation: 0x0000000d,
  /** Query Storage Protection Masks */
  QueryStorageProtectionMasks: 0x0000000e,
} as const;

/** RNG Algorithm Enumeration (KMIP 1.4 §9.1.3.2.37, KMIP 2.1 §11.49). */
export const RNGAlgorithm = {
  /** Unspecified */
  Unspecified: 0x00000001,
  /** FIPS 186-2 */
  FIPS186_2: 0x00000002,
  /** DRBG */
  DRBG: 0x00000003,
  /** NRBG */
  NRBG: 0x00000004,
  /** ANSI X9.31 */
  ANSIX9_31: 0x00000005,
  /** ANSI X9.62 */
  ANSIX9_62: 0x00000006,
} as const;

/** RNG Mode Enumeration (KMIP 1.4 §9.1.3.2.46, KMIP 2.1 §11.50). */
export const RNGMode = {
  /** Unspecified */
  Unspecified: 0x00000001,
  /** Shared Instantiation */
  SharedInstantiation: 0x00000002,
  /** Non-Shared Instantiation */
  NonSharedInstantiation: 0x00000003,
} as const;

/** Recommended Curve Enumeration (KMIP 1.4 §9.1.3.2.5, KMIP 2.1 §11.45). */
export const RecommendedCurve = {
  /** P-192 */
  P_192: 0x00000001,
  /** K-163 */
  K_163: 0x00000002,
  /** B-163 */
  B_163: 0x00000003,
  /** P-224 */
  P_224: 0x00000004,
  /** K-233 */
  K_233: 0x00000005,
  /** B-233 */
  B_233: 0x00000006,
  /** P-256 */
  P_256: 0x00000007,
  /** K-283 */
  K_283: 0x00000008,
  /** B-283 */
  B_283: 0x00000009,
  /** P-384 */
  P_384: 0x0000000a,
  /** K-409 */
  K_409: 0x0000000b,
  /** B-409 */
  B_409: 0x0000000c,
  /** P-521 */
  P_521: 0x0000000d,
  /** K-571 */
  K_571: 0x0000000e,
  /** B-571 */
  B_571: 0x0000000f,
  /** SECP112R1 */
  SECP112R1: 0x00000010,
  /** SECP112R2 */
  SECP112R2: 0x00000011,
  /** SECP128R1 */
  SECP128R1: 0x00000012,
  /** SECP128R2 */
  SECP128R2: 0x00000013,
  /** SECP160K1 */
  SECP160K1: 0x00000014,
  /** SECP160R1 */
  SECP160R1: 0x00000015,
  /** SECP160R2 */
  SECP160R2: 0x00000016,
  /** SECP192K1 */
  SECP192K1: 0x00000017,
  /** SECP224K1 */
  SECP224K1: 0x00000018,
  /** SECP256K1 */
  SECP256K1: 0x00000019,
  /** SECT113R1 */
  SECT113R1: 0x0000001a,
  /** SECT113R2 */
  SECT113R2: 0x0000001b,
  /** SECT131R1 */
  SECT131R1: 0x0000001c,
  /** SECT131R2 */
  SECT131R2: 0x0000001d,
  /** SECT163R1 */
  SECT163R1: 0x0000001e,
  /** SECT193R1 */
  SECT193R1: 0x0000001f,
  /** SECT193R2 */
  SECT193R2: 0x00000020,
  /** SECT239K1 */
  SECT239K1: 0x00000021,
  /** ANSIX9P192V2 */
  ANSIX9P192V2: 0x00000022,
  /** ANSIX9P192V3 */
  ANSIX9P192V3: 0x00000023,
  /** ANSIX9P239V1 */
  ANSIX9P239V1: 0x00000024,
  /** ANSIX9P239V2 */
  ANSIX9P239V2: 0x00000025,
  /** ANSIX9P239V3 */
  ANSIX9P239V3: 0x00000026,
  /** ANSIX9C2PNB163V1 */
  ANSIX9C2PNB163V1: 0x00000027,
  /** ANSIX9C2PNB163V2 */
  ANSIX9C2PNB163V2: 0x00000028,
  /** ANSIX9C2PNB163V3 */
  ANSIX9C2PNB163V3: 0x00000029,
  /** ANSIX9C2PNB176V1 */
  ANSIX9C2PNB176V1: 0x0000002a,
  /** ANSIX9C2TNB191V1 */
  ANSIX9C2TNB191V1: 0x0000002b,
  /** ANSIX9C2TNB191V2 */
  ANSIX9C2TNB191V2: 0x0000002c,
  /** ANSIX9C2TNB191V3 */
  ANSIX9C2TNB191V3: 0x0000002d,
  /** ANSIX9C2PNB208W1 */
  ANSIX9C2PNB208W1: 0x0000002e,
  /** ANSIX9C2TNB239V1 */
  ANSIX9C2TNB239V1: 0x0000002f,
  /** ANSIX9C2TNB239V2 */
  ANSIX9C2TNB239V2: 0x00000030,
  /** ANSIX9C2TNB239V3 */
  ANSIX9C2TNB239V3: 0x00000031,
  /** ANSIX9C2PNB272W1 */
  ANSIX9C2PNB272W1: 0x00000032,
  /** ANSIX9C2PNB304W1 */
  ANSIX9C2PNB304W1: 0x00000033,
  /** ANSIX9C2TNB359V1 */
  ANSIX9C2TNB359V1: 0x00000034,
  /** ANSIX9C2PNB368W1 */
  ANSIX9C2PNB368W1: 0x00000035,
  /** ANSIX9C2TNB431R1 */
  ANSIX9C2TNB431R1: 0x00000036,
  /** BRAINPOOLP160R1 */
  BRAINPOOLP160R1: 0x00000037,
  /** BRAINPOOLP160T1 */
  BRAINPOOLP160T1: 0x00000038,
  /** BRAINPOOLP192R1 */
  BRAINPOOLP192R1: 0x00000039,
  /** BRAINPOOLP192T1 */
  BRAINPOOLP192T1: 0x0000003a,
  /** BRAINPOOLP224R1 */
  BRAINPOOLP224R1: 0x0000003b,
  /** BRAINPOOLP224T1 */
  BRAINPOOLP224T1: 0x0000003c,
  /** BRAINPOOLP256R1 */
  BRAINPOOLP256R1: 0x0000003d,
  /** BRAINPOOLP256T1 */
  BRAINPOOLP256T1: 0x0000003e,
  /** BRAINPOOLP320R1 */
  BRAINPOOLP320R1: 0x0000003f,
  /** BRAINPOOLP320T1 */
  BRAINPOOLP320T1: 0x00000040,
  /** BRAINPOOLP384R1 */
  BRAINPOOLP384R1: 0x00000041,
  /** BRAINPOOLP384T1 */
  BRAINPOOLP384T1: 0x00000042,
  /** BRAINPOOLP512R1 */
  BRAINPOOLP512R1: 0x00000043,
  /** BRAINPOOLP512T1 */
  BRAINPOOLP512T1: 0x00000044,
  /** CURVE25519 */
  CURVE25519: 0x00000045,
  /** CURVE448 */
  CURVE448: 0x00000046,
} as const;

/** Result Reason Enumeration (KMIP 1.4 §9.1.3.2.29, KMIP 2.1 §11.46). */
export const ResultReason = {
  /** Item Not Found */
  ItemNotFound: 0x00000001,
  /** Response Too Large */
  ResponseTooLarge: 0x00000002,
  /** Authentication Not Successful */
  AuthenticationNotSuccessful: 0x00000003,
  /** Invalid Message */
  InvalidMessage: 0x00000004,
  /** Operation Not Supported */
  OperationNotSupported: 0x00000005,
  /** Missing Data */
  MissingData: 0x00000006,
  /** Invalid Field */
  InvalidField: 0x00000007,
  /** Feature Not Supported */
  FeatureNotSupported: 0x00000008,
  /** Operation Canceled By Requester */
  OperationCanceledByRequester: 0x00000009,
  /** Cryptographic Failure */
  CryptographicFailure: 0x0000000a,
  /** Illegal Operation */
  IllegalOperation: 0x0000000b,
  /** Permission Denied */
  PermissionDenied: 0x0000000c,
  /** Object archived */
  ObjectArchived: 0x0000000d,
  /** Index Out of Bounds */
  IndexOutOfBounds: 0x0000000e,
  /** Application Namespace Not Supported */
  ApplicationNamespaceNotSupported: 0x0000000f,
  /** Key Format Type Not Supported */
  KeyFormatTypeNotSupported: 0x00000010,
  /** Key Compression Type Not Supported */
  KeyCompressionTypeNotSupported: 0x00000011,
  /** Encoding Option Error */
  EncodingOptionError: 0x00000012,
  /** Key Value Not Present */
  KeyValueNotPresent: 0x00000013,
  /** Attestation Required */
  AttestationRequired: 0x00000014,
  /** Attestation Failed */
  AttestationFailed: 0x00000015,
  /** Sensitive */
  Sensitive: 0x00000016,
  /** Not Extractable */
  NotExtractable: 0x00000017,
  /** Object Already Exists */
  ObjectAlreadyExists: 0x00000018,
  /** Invalid Ticket */
  InvalidTicket: 0x00000019,
  /** Usage Limit Exceeded */
  UsageLimitExceeded: 0x0000001a,
  /** Numeric Range */
  NumericRange: 0x0000001b,
  /** Invalid Data Type */
  InvalidDataType: 0x0000001c,
  /** Read Only Attribute */
  ReadOnlyAttribute: 0x0000001d,
  /** Multi Valued Attribute */
  MultiValuedAttribute: 0x0000001e,
  /** Unsupported Attribute */
  UnsupportedAttribute: 0x0000001f,
  /** Attribute Instance Not Found */
  AttributeInstanceNotFound: 0x00000020,
  /** Attribute Not Found */
  AttributeNotFound: 0x00000021,
  /** Attribute Read Only */
  AttributeReadOnly: 0x00000022,
  /** Attribute Single Valued */
  AttributeSingleValued: 0x00000023,
  /** Bad Cryptographic Parameters */
  BadCryptographicParameters: 0x00000024,
  /** Bad Password */
  BadPassword: 0x00000025,
  /** Codec Error */
  CodecError: 0x00000026,
  /** Illegal Object Type */
  IllegalObjectType: 0x00000028,
  /** Incompatible Cryptographic Usage Mask */
  IncompatibleCryptographicUsageMask: 0x00000029,
  /** Internal Server Error */
  InternalServerError: 0x0000002a,
  /** Invalid Asynchronous Correlation Value */
  InvalidAsynchronousCorrelationValue: 0x0000002b,
  /** Invalid Attribute */
  InvalidAttribute: 0x0000002c,
  /** Invalid Attribute Value */
  InvalidAttributeValue: 0x0000002d,
  /** Invalid Correlation Value */
  InvalidCorrelationValue: 0x0000002e,
  /** Invalid CSR */
  InvalidCSR: 0x0000002f,
  /** Invalid Object Type */
  InvalidObjectType: 0x00000030,
  /** Key Wrap Type Not Supported */
  KeyWrapTypeNotSupported: 0x00000032,
  /** Missing Initialization Vector */
  MissingInitializationVector: 0x00000034,
  /** Non Unique Name Attribute */
  NonUniqueNameAttribute: 0x00000035,
  /** Object Destroyed */
  ObjectDestroyed: 0x00000036,
  /** Object Not Found */
  ObjectNotFound: 0x00000037,
  /** Not Authorised */
  NotAuthorised: 0x00000039,
  /** Server Limit Exceeded */
  ServerLimitExceeded: 0x0000003a,
  /** Unknown Enumeration */
  UnknownEnumeration: 0x0000003b,
  /** Unknown Message Extension */
  UnknownMessageExtension: 0x0000003c,
  /** Unknown Tag */
  UnknownTag: 0x0000003d,
  /** Unsupported Cryptographic Parameters */
  UnsupportedCryptographicParameters: 0x0000003e,
  /** Unsupported Protocol Version */
  UnsupportedProtocolVersion: 0x0000003f,
  /** Wrapping Object Archived */
  WrappingObjectArchived: 0x00000040,
  /** Wrapping Object Destroyed */
  WrappingObjectDestroyed: 0x00000041,
  /** Wrapping Object Not Found */
  WrappingObjectNotFound: 0x00000042,
  /** Wrong Key Lifecycle State */
  WrongKeyLifecycleState: 0x00000043,
  /** Protection Storage Unavailable */
  ProtectionStorageUnavailable: 0x00000044,
  /** PKCS#11 Codec Error */
  PKCS_11CodecError: 0x00000045,
  /** PKCS#11 Invalid Function */
  PKCS_11InvalidFunction: 0x00000046,
  /** PKCS#11 Invalid Interface */
  PKCS_11InvalidInterface: 0x00000047,
  /** Private Protection Storage Unavailable */
  PrivateProtectionStorageUnavailable: 0x00000048,
  /** Public Protection Storage Unavailable */
  PublicProtectionStorageUnavailable: 0x00000049,
  /** Unknown Object Group */
  UnknownObjectGroup: 0x0000004a,
  /** Constraint Violation */
  ConstraintViolation: 0x0000004b,
  /** Duplicate Process Request */
  DuplicateProcessRequest: 0x0000004c,
  /** General Failure */
  GeneralFailure: 0x00000100,
} as const;

/** Result Status Enumeration (KMIP 1.4 §9.1.3.2.28, KMIP 2.1 §11.47). */
export const ResultStatus = {
  /** Success */
  Success: 0x00000000,
  /** Operation Failed */
  OperationFailed: 0x00000001,
  /** Operation Pending */
  OperationPending: 0x00000002,
  /** Operation Undone */
  OperationUndone: 0x00000003,
} as const;

/** Revocation Reason Code Enumeration (KMIP 1.4 §9.1.3.2.19, KMIP 2.1 §11.48). */
export const RevocationReasonCode = {
  /** Unspecified */
  Unspecified: 0x00000001,
  /** Key Compromise */
  KeyCompromise: 0x00000002,
  /** CA Compromise */
  CACompromise: 0x00000003,
  /** Affiliation Changed */
  AffiliationChanged: 0x00000004,
  /** Superseded */
  Superseded: 0x00000005,
  /** Cessation of Operation */
  CessationOfOperation: 0x00000006,
  /** Privilege Withdrawn */
  PrivilegeWithdrawn: 0x00000007,
} as const;

/** Rotate Name Type Enumeration (KMIP 2.1 §11.51). */
export const RotateNameType = {
  /** Uninterpreted Text String */
  UninterpretedTextString: 0x00000001,
  /** URI */
  URI: 0x00000002,
} as const;

/** Secret Data Type Enumeration (KMIP 1.4 §9.1.3.2.9, KMIP 2.1 §11.52). */
export const SecretDataType = {
  /** Password */
  Password: 0x00000001,
  /** Seed */
  Seed: 0x00000002,
} as const;

/** Shredding Algorithm Enumeration (KMIP 1.4 §9.1.3.2.45, KMIP 2.1 §11.53). */
export const ShreddingAlgorithm = {
  /** Unspecified */
  Unspecified: 0x00000001,
  /** Cryptographic */
  Cryptographic: 0x00000002,
  /** Unsupported */
  Unsupported: 0x00000003,
} as const;

/** Split Key Method Enumeration (KMIP 1.4 §9.1.3.2.8, KMIP 2.1 §11.54). */
export const SplitKeyMethod = {
  /** XOR */
  XOR: 0x00000001,
  /** Polynomial Sharing GF (216) */
  PolynomialSharingGF216: 0x00000002,
  /** Polynomial Sharing Prime Field */
  PolynomialSharingPrimeField: 0x00000003,
  /** Polynomial Sharing GF (28) */
  PolynomialSharingGF28: 0x00000004,
} as const;

/** State Enumeration (KMIP 1.4 §9.1.3.2.18, KMIP 2.1 §11.55). */
export const State = {
  /** Pre-Active */
  PreActive: 0x00000001,
  /** Active */
  Active: 0x00000002,
  /** Deactivated */
  Deactivated: 0x00000003,
  /** Compromised */
  Compromised: 0x00000004,
  /** Destroyed */
  Destroyed: 0x00000005,
  /** Destroyed Compromised */
  DestroyedCompromised: 0x00000006,
} as const;

/** Ticket Type Enumeration (KMIP 2.1 §11.57). */
export const TicketType = {
  /** Login */
  Login: 0x00000001,
} as const;

/** Unique Identifier Enumeration (KMIP 2.1 §11.58). */
export const UniqueIdentifier = {
  /** ID Placeholder */
  IDPlaceholder: 0x00000001,
  /** Certify */
  Certify: 0x00000002,
  /** Create */
  Create: 0x00000003,
  /** Create Key Pair */
  CreateKeyPair: 0x00000004,
  /** Create Key Pair Private Key */
  CreateKeyPairPrivateKey: 0x00000005,
  /** Create Key Pair Public Key */
  CreateKeyPairPublicKey: 0x00000006,
  /** Create Split Key */
  CreateSplitKey: 0x00000007,
  /** Derive Key */
  DeriveKey: 0x00000008,
  /** Import */
  Import: 0x00000009,
  /** Join Split Key */
  JoinSplitKey: 0x0000000a,
  /** Locate */
  Locate: 0x0000000b,
  /** Register */
  Register: 0x0000000c,
  /** Re-key */
  ReKey: 0x0000000d,
  /** Re-certify */
  ReCertify: 0x0000000e,
  /** Re-key Key Pair */
  ReKeyKeyPair: 0x0000000f,
  /** Re-key Key Pair Private Key */
  ReKeyKeyPairPrivateKey: 0x00000010,
  /** Re-key Key Pair Public Key */
  ReKeyKeyPairPublicKey: 0x00000011,
} as const;

/** Unwrap Mode Enumeration (KMIP 1.4 §9.1.3.2.43, KMIP 2.1 §11.59). */
export const UnwrapMode = {
  /** Unspecified */
  Unspecified: 0x00000001,
  /** Processed */
  Processed: 0x00000002,
  /** Not Processed */
  NotProcessed: 0x00000003,
} as const;

/** Usage Limits Unit Enumeration (KMIP 1.4 §9.1.3.2.31, KMIP 2.1 §11.60). */
export const UsageLimitsUnit = {
  /** Byte */
  Byte: 0x00000001,
  /** Object */
  Object: 0x00000002,
} as const;

/** Validation Authority Type Enumeration (KMIP 1.4 §9.1.3.2.40, KMIP 2.1 §11.63). */
export const ValidationAuthorityType = {
  /** Unspecified */
  Unspecified: 0x00000001,
  /** NIST CMVP */
  NISTCMVP: 0x00000002,
  /** Common Criteria */
  CommonCriteria: 0x00000003,
} as const;

/** Validation Type Enumeration (KMIP 1.4 §9.1.3.2.41, KMIP 2.1 §11.64). */
export const ValidationType = {
  /** Unspecified */
  Unspecified: 0x00000001,
  /** Hardware */
  Hardware: 0x00000002,
  /** Software */
  Software: 0x00000003,
  /** Firmware */
  Firmware: 0x00000004,
  /** Hybrid */
  Hybrid: 0x00000005,
} as const;

/** Validity Indicator Enumeration (KMIP 1.4 §9.1.3.2.23, KMIP 2.1 §11.61). */
export const ValidityIndicator = {
  /** Valid */
  Valid: 0x00000001,
  /** Invalid */
  Invalid: 0x00000002,
  /** Unknown */
  Unknown: 0x00000003,
} as const;

/** Wrapping Method Enumeration (KMIP 1.4 §9.1.3.2.4, KMIP 2.1 §11.62). */
export const WrappingMethod = {
  /** Encrypt */
  Encrypt: 0x00000001,
  /** MAC/sign */
  MACSign: 0x00000002,
  /** Encrypt then MAC/sign */
  EncryptThenMACSign: 0x00000003,
  /** MAC/sign then encrypt */
  MACSignThenEncrypt: 0x00000004,
  /** TR-31 */
  TR_31: 0x00000005,
} as const;

/** Every enumeration, keyed by its normalized name, with the alias member names per table. */
const definitions: ReadonlyArray<readonly [string, Readonly<Record<string, number>>, readonly string[]]> = [
  ["AdjustmentType", AdjustmentType, []],
  ["AlternativeNameType", AlternativeNameType, []],
  ["AsynchronousIndicator", AsynchronousIndicator, []],
  ["AttestationType", AttestationType, []],
  ["BatchErrorContinuationOption", BatchErrorContinuationOption, []],
  ["BlockCipherMode", BlockCipherMode, []],
  ["CancellationResult", CancellationResult, []],
  ["CertificateRequestType", CertificateRequestType, []],
  ["CertificateType", CertificateType, []],
  ["ClientRegistrationMethod", ClientRegistrationMethod, []],
  ["CredentialType", CredentialType, []],
  ["CryptographicAlgorithm", CryptographicAlgorithm, []],
  ["DRBGAlgorithm", DRBGAlgorithm, []],
  ["Data", Data, []],
  ["DerivationMethod", DerivationMethod, []],
  ["DestroyAction", DestroyAction, []],
  [
    "DigitalSignatureAlgorithm",
    DigitalSignatureAlgorithm,
    [
      "MD2WithRSAEncryptionPKCS_1V1_5",
      "MD5WithRSAEncryptionPKCS_1V1_5",
      "SHA_1WithRSAEncryptionPKCS_1V1_5",
      "SHA_224WithRSAEncryptionPKCS_1V1_5",
      "SHA_256WithRSAEncryptionPKCS_1V1_5",
      "SHA_384WithRSAEncryptionPKCS_1V1_5",
      "SHA_512WithRSAEncryptionPKCS_1V1_5",
      "RSASSA_PSSPKCS_1V2_1",
    ],
  ],
  ["EncodingOption", EncodingOption, []],
  ["EndpointRole", EndpointRole, []],
  ["FIPS186Variation", FIPS186Variation, []],
  ["HashingAlgorithm", HashingAlgorithm, ["SHA_3_224", "SHA_3_256", "SHA_3_384", "SHA_3_512"]],
  ["InteropFunction", InteropFunction, []],
  ["ItemType", ItemTypeEnum, []],
  ["KeyCompressionType", KeyCompressionType, []],
  ["KeyFormatType", KeyFormatType, []],
  ["KeyRoleType", KeyRoleType, []],
  ["KeyValueLocationType", KeyValueLocationType, []],
  ["KeyWrapType", KeyWrapType, []],
  ["LinkType", LinkType, []],
  ["MaskGenerator", MaskGenerator, ["MFG1"]],
  ["NISTKeyType", NISTKeyType, []],
  ["NameType", NameType, []],
  ["ObjectGroupMember", ObjectGroupMember, []],
  ["ObjectType", ObjectType, []],
  ["OpaqueDataType", OpaqueDataType, []],
  ["Operation", Operation, []],
  ["PKCS_11Function", PKCS_11Function, []],
  [
    "PKCS_11ReturnCode",
    PKCS_11ReturnCode,
    [
      "CKR_OK",
      "CKR_CANCEL",
      "CKR_HOST_MEMORY",
      "CKR_SLOT_ID_INVALID",
      "CKR_GENERAL_ERROR",
      "CKR_FUNCTION_FAILED",
      "CKR_ARGUMENTS_BAD",
      "CKR_NO_EVENT",
      "CKR_NEED_TO_CREATE_THREADS",
      "CKR_CANT_LOCK",
      "CKR_ATTRIBUTE_READ_ONLY",
      "CKR_ATTRIBUTE_SENSITIVE",
      "CKR_ATTRIBUTE_TYPE_INVALID",
      "CKR_ATTRIBUTE_VALUE_INVALID",
      "CKR_ACTION_PROHIBITED",
      "CKR_DATA_INVALID",
      "CKR_DATA_LEN_RANGE",
      "CKR_DEVICE_ERROR",
      "CKR_DEVICE_MEMORY",
      "CKR_DEVICE_REMOVED",
      "CKR_ENCRYPTED_DATA_INVALID",
      "CKR_ENCRYPTED_DATA_LEN_RANGE",
      "CKR_AEAD_DECRYPT_FAILED",
      "CKR_FUNCTION_CANCELED",
      "CKR_FUNCTION_NOT_PARALLEL",
      "CKR_FUNCTION_NOT_SUPPORTED",
      "CKR_KEY_HANDLE_INVALID",
      "CKR_KEY_SIZE_RANGE",
      "CKR_KEY_TYPE_INCONSISTENT",
      "CKR_KEY_NOT_NEEDED",
      "CKR_KEY_CHANGED",
      "CKR_KEY_NEEDED",
      "CKR_KEY_INDIGESTIBLE",
      "CKR_KEY_FUNCTION_NOT_PERMITTED",
      "CKR_KEY_NOT_WRAPPABLE",
      "CKR_KEY_UNEXTRACTABLE",
      "CKR_MECHANISM_INVALID",
      "CKR_MECHANISM_PARAM_INVALID",
      "CKR_OBJECT_HANDLE_INVALID",
      "CKR_OPERATION_ACTIVE",
      "CKR_OPERATION_NOT_INITIALIZED",
      "CKR_PIN_INCORRECT",
      "CKR_PIN_INVALID",
      "CKR_PIN_LEN_RANGE",
      "CKR_PIN_EXPIRED",
      "CKR_PIN_LOCKED",
      "CKR_SESSION_CLOSED",
      "CKR_SESSION_COUNT",
      "CKR_SESSION_HANDLE_INVALID",
      "CKR_SESSION_PARALLEL_NOT_SUPPORTED",
      "CKR_SESSION_READ_ONLY",
      "CKR_SESSION_EXISTS",
      "CKR_SESSION_READ_ONLY_EXISTS",
      "CKR_SESSION_READ_WRITE_SO_EXISTS",
      "CKR_SIGNATURE_INVALID",
      "CKR_SIGNATURE_LEN_RANGE",
      "CKR_TEMPLATE_INCOMPLETE",
      "CKR_TEMPLATE_INCONSISTENT",
      "CKR_TOKEN_NOT_PRESENT",
      "CKR_TOKEN_NOT_RECOGNIZED",
      "CKR_TOKEN_WRITE_PROTECTED",
      "CKR_UNWRAPPING_KEY_HANDLE_INVALID",
      "CKR_UNWRAPPING_KEY_SIZE_RANGE",
      "CKR_UNWRAPPING_KEY_TYPE_INCONSISTENT",
      "CKR_USER_ALREADY_LOGGED_IN",
      "CKR_USER_NOT_LOGGED_IN",
      "CKR_USER_PIN_NOT_INITIALIZED",
      "CKR_USER_TYPE_INVALID",
      "CKR_USER_ANOTHER_ALREADY_LOGGED_IN",
      "CKR_USER_TOO_MANY_TYPES",
      "CKR_WRAPPED_KEY_INVALID",
      "CKR_WRAPPED_KEY_LEN_RANGE",
      "CKR_WRAPPING_KEY_HANDLE_INVALID",
      "CKR_WRAPPING_KEY_SIZE_RANGE",
      "CKR_WRAPPING_KEY_TYPE_INCONSISTENT",
      "CKR_RANDOM_SEED_NOT_SUPPORTED",
      "CKR_RANDOM_NO_RNG",
      "CKR_DOMAIN_PARAMS_INVALID",
      "CKR_CURVE_NOT_SUPPORTED",
      "CKR_BUFFER_TOO_SMALL",
      "CKR_SAVED_STATE_INVALID",
      "CKR_INFORMATION_SENSITIVE",
      "CKR_STATE_UNSAVEABLE",
      "CKR_CRYPTOKI_NOT_INITIALIZED",
      "CKR_CRYPTOKI_ALREADY_INITIALIZED",
      "CKR_MUTEX_BAD",
      "CKR_MUTEX_NOT_LOCKED",
      "CKR_NEW_PIN_MODE",
      "CKR_NEXT_OTP",
      "CKR_EXCEEDED_MAX_ITERATIONS",
      "CKR_FIPS_SELF_TEST_FAILED",
      "CKR_LIBRARY_LOAD_FAILED",
      "CKR_PIN_TOO_WEAK",
      "CKR_PUBLIC_KEY_INVALID",
      "CKR_FUNCTION_REJECTED",
      "CKR_TOKEN_RESOURCE_EXCEEDED",
      "CKR_OPERATION_CANCEL_FAILED",
    ],
  ],
  ["PaddingMethod", PaddingMethod, []],
  ["ProcessingStage", ProcessingStage, []],
  ["ProfileName", ProfileName, []],
  ["ProtectionLevel", ProtectionLevel, []],
  ["PutFunction", PutFunction, []],
  ["QueryFunction", QueryFunction, []],
  ["RNGAlgorithm", RNGAlgorithm, []],
  ["RNGMode", RNGMode, []],
  ["RecommendedCurve", RecommendedCurve, []],
  ["ResultReason", ResultReason, []],
  ["ResultStatus", ResultStatus, []],
  ["RevocationReasonCode", RevocationReasonCode, []],
  ["RotateNameType", RotateNameType, []],
  ["SecretDataType", SecretDataType, []],
  ["ShreddingAlgorithm", ShreddingAlgorithm, []],
  ["SplitKeyMethod", SplitKeyMethod, []],
  ["State", State, []],
  ["TicketType", TicketType, []],
  ["UniqueIdentifier", UniqueIdentifier, []],
  ["UnwrapMode", UnwrapMode, []],
  ["UsageLimitsUnit", UsageLimitsUnit, []],
  ["ValidationAuthorityType", ValidationAuthorityType, []],
  ["ValidationType", ValidationType, []],
  ["ValidityIndicator", ValidityIndicator, []],
  ["WrappingMethod", WrappingMethod, []],
];

/** Tags whose value is an Enumeration, and the table it draws from. */
const enumerationTags: ReadonlyArray<readonly [number, string]> = [
  [Tag.AdjustmentType, "AdjustmentType"],
  [Tag.AlternativeNameType, "AlternativeNameType"],
  [Tag.AsynchronousIndicator, "AsynchronousIndicator"],
  [Tag.AttestationType, "AttestationType"],
  [Tag.AttributeReference, "Tag"],
  [Tag.BatchErrorContinuationOption, "BatchErrorContinuationOption"],
  [Tag.BlockCipherMode, "BlockCipherMode"],
  [Tag.CancellationResult, "CancellationResult"],
  [Tag.CertificateRequestType, "CertificateRequestType"],
  [Tag.CertificateType, "CertificateType"],
  [Tag.ClientRegistrationMethod, "ClientRegistrationMethod"],
  [Tag.CredentialType, "CredentialType"],
  [Tag.CryptographicAlgorithm, "CryptographicAlgorithm"],
  [Tag.DRBGAlgorithm, "DRBGAlgorithm"],
  [Tag.Data, "Data"],
  [Tag.DerivationMethod, "DerivationMethod"],
  [Tag.DestroyAction, "DestroyAction"],
  [Tag.DigitalSignatureAlgorithm, "DigitalSignatureAlgorithm"],
  [Tag.EncodingOption, "EncodingOption"],
  [Tag.EndpointRole, "EndpointRole"],
  [Tag.ExtensionType, "ItemType"],
  [Tag.FIPS186Variation, "FIPS186Variation"],
  [Tag.HashingAlgorithm, "HashingAlgorithm"],
  [Tag.InteropFunction, "InteropFunction"],
  [Tag.KeyCompressionType, "KeyCompressionType"],
  [Tag.KeyFormatType, "KeyFormatType"],
  [Tag.KeyRoleType, "KeyRoleType"],
  [Tag.KeyValueLocationType, "KeyValueLocationType"],
  [Tag.KeyWrapType, "KeyWrapType"],
  [Tag.LinkType, "LinkType"],
  [Tag.LinkedObjectIdentifier, "UniqueIdentifier"],
  [Tag.MaskGenerator, "MaskGenerator"],
  [Tag.MaskGeneratorHashingAlgorithm, "HashingAlgorithm"],
  [Tag.NISTKeyType, "NISTKeyType"],
  [Tag.NameType, "NameType"],
  [Tag.ObjectGroupMember, "ObjectGroupMember"],
  [Tag.ObjectType, "ObjectType"],
  [Tag.OpaqueDataType, "OpaqueDataType"],
  [Tag.Operation, "Operation"],
  [Tag.PKCS_11Function, "PKCS_11Function"],
  [Tag.PKCS_11ReturnCode, "PKCS_11ReturnCode"],
  [Tag.PaddingMethod, "PaddingMethod"],
  [Tag.ProcessingStage, "ProcessingStage"],
  [Tag.ProfileName, "ProfileName"],
  [Tag.ProtectionLevel, "ProtectionLevel"],
  [Tag.PutFunction, "PutFunction"],
  [Tag.QueryFunction, "QueryFunction"],
  [Tag.RNGAlgorithm, "RNGAlgorithm"],
  [Tag.RNGMode, "RNGMode"],
  [Tag.RecommendedCurve, "RecommendedCurve"],
  [Tag.ResultReason, "ResultReason"],
  [Tag.ResultStatus, "ResultStatus"],
  [Tag.RevocationReasonCode, "RevocationReasonCode"],
  [Tag.RotateNameType, "RotateNameType"],
  [Tag.SecretDataType, "SecretDataType"],
  [Tag.ShreddingAlgorithm, "ShreddingAlgorithm"],
  [Tag.SplitKeyMethod, "SplitKeyMethod"],
  [Tag.State, "State"],
  [Tag.Tag, "Tag"],
  [Tag.TicketType, "TicketType"],
  [Tag.UniqueIdentifier, "UniqueIdentifier"],
  [Tag.UnwrapMode, "UnwrapMode"],
  [Tag.UsageLimitsUnit, "UsageLimitsUnit"],
  [Tag.ValidationAuthorityType, "ValidationAuthorityType"],
  [Tag.ValidationType, "ValidationType"],
  [Tag.ValidityIndicator, "ValidityIndicator"],
  [Tag.WrappingMethod, "WrappingMethod"],
];
// END GENERATED

export interface EnumTable {
  readonly name: string;
  /** Every accepted member name -> value. */
  readonly byName: ReadonlyMap<string, number>;
  /** Value -> preferred member name. */
  readonly byValue: ReadonlyMap<number, string>;
}

function table(name: string, members: Readonly<Record<string, number>>, aliases: readonly string[]): EnumTable {
  const alias = new Set(aliases);
  const entries = Object.entries(members);
  return {
    name,
    byName: new Map(entries),
    byValue: new Map(entries.filter(([n]) => !alias.has(n)).map(([n, v]) => [v, n])),
  };
}

/** The tag table seen as the 2.x "Tag Enumeration" (the values of Attribute Reference). */
const tagEnumeration: EnumTable = {
  name: "Tag",
  byName: new Map(Object.entries(Tag)),
  byValue: new Map(Object.values(Tag).map((v) => [v, tagName(v)])),
};

/** Every enumeration table by its normalized name ("ObjectType", "Tag", ...). */
export const enumTables: ReadonlyMap<string, EnumTable> = new Map([
  ...definitions.map(([name, members, aliases]): [string, EnumTable] => [name, table(name, members, aliases)]),
  ["Tag", tagEnumeration],
]);

/** Every tag whose value is (or, in some KMIP version, may be) an Enumeration, with its table. */
export const enumByTag: ReadonlyMap<number, EnumTable> = new Map(
  enumerationTags.map(([tag, name]) => [tag, enumTables.get(name) as EnumTable]),
);

const hexValue = /^0x([0-9A-Fa-f]{1,8})$/;

/** The member name of an enumerated value for a tag; undefined if the tag or value is unknown. */
export function enumName(tag: number, value: number): string | undefined {
  return enumByTag.get(tag)?.byValue.get(value);
}

/**
 * The value of an enumeration member name for a tag. Also accepts the hex form
 * the XML/JSON encodings use for values without a name ("0x80000001"), for any
 * enumeration tag. Undefined if the tag is not an enumeration or the name unknown.
 */
export function enumValue(tag: number, name: string): number | undefined {
  const t = enumByTag.get(tag);
  if (t === undefined) return undefined;
  const known = t.byName.get(name);
  if (known !== undefined) return known;
  const m = hexValue.exec(name);
  return m ? Number.parseInt(m[1] as string, 16) : undefined;
}
