/**
 * KMIP tags (KMIP 1.4 §9.1.3.1 "Tags", KMIP 2.1 §11.56 "Tag Enumeration").
 *
 * "Tags are three-byte values that identify the data item. Standard tags contain
 * hex 42 in the first byte. Extensions, which are permitted, but are not defined
 * in this specification, contain the value 54 hex in the first byte."
 *
 * The table is the union of KMIP 1.4 and 2.1: KMIP never reuses a tag, and tags
 * that 2.x marks "(Reserved)" (e.g. Attribute Index, Template, Custom Attribute)
 * keep their 1.x names so that 1.x messages still decode.
 *
 * Names are the XML/JSON element names of the KMIP Profiles ("Normalizing Names"):
 * spaces removed, each word capitalised, "X.509" -> "X_509", "PKCS#11" -> "PKCS_11".
 * A tag without a name is written as "0x" plus six hex digits, e.g. "0x540001".
 *
 * The data between the GENERATED markers comes from scripts/gen-tables.mjs.
 */

// BEGIN GENERATED
export const Tag = {
  /** Activation Date */
  ActivationDate: 0x420001,
  /** Application Data */
  ApplicationData: 0x420002,
  /** Application Namespace */
  ApplicationNamespace: 0x420003,
  /** Application Specific Information */
  ApplicationSpecificInformation: 0x420004,
  /** Archive Date */
  ArchiveDate: 0x420005,
  /** Asynchronous Correlation Value */
  AsynchronousCorrelationValue: 0x420006,
  /** Asynchronous Indicator */
  AsynchronousIndicator: 0x420007,
  /** Attribute */
  Attribute: 0x420008,
  /** Attribute Index [KMIP 1.x only: (Reserved) in 2.x] */
  AttributeIndex: 0x420009,
  /** Attribute Name */
  AttributeName: 0x42000a,
  /** Attribute Value */
  AttributeValue: 0x42000b,
  /** Authentication */
  Authentication: 0x42000c,
  /** Batch Count */
  BatchCount: 0x42000d,
  /** Batch Error Continuation Option */
  BatchErrorContinuationOption: 0x42000e,
  /** Batch Item */
  BatchItem: 0x42000f,
  /** Batch Order Option */
  BatchOrderOption: 0x420010,
  /** Block Cipher Mode */
  BlockCipherMode: 0x420011,
  /** Cancellation Result */
  CancellationResult: 0x420012,
  /** Certificate */
  Certificate: 0x420013,
  /** Certificate Identifier (deprecated as of version 1.1) [KMIP 1.x only: (Reserved) in 2.x] */
  CertificateIdentifier: 0x420014,
  /** Certificate Issuer (deprecated as of version 1.1) [KMIP 1.x only: (Reserved) in 2.x] */
  CertificateIssuer: 0x420015,
  /** Certificate Issuer Alternative Name (deprecated as of version 1.1) [KMIP 1.x only: (Reserved) in 2.x] */
  CertificateIssuerAlternativeName: 0x420016,
  /** Certificate Issuer Distinguished Name (deprecated as of version 1.1) [KMIP 1.x only: (Reserved) in 2.x] */
  CertificateIssuerDistinguishedName: 0x420017,
  /** Certificate Request */
  CertificateRequest: 0x420018,
  /** Certificate Request Type */
  CertificateRequestType: 0x420019,
  /** Certificate Subject (deprecated as of version 1.1) [KMIP 1.x only: (Reserved) in 2.x] */
  CertificateSubject: 0x42001a,
  /** Certificate Subject Alternative Name (deprecated as of version 1.1) [KMIP 1.x only: (Reserved) in 2.x] */
  CertificateSubjectAlternativeName: 0x42001b,
  /** Certificate Subject Distinguished Name (deprecated as of version 1.1) [KMIP 1.x only: (Reserved) in 2.x] */
  CertificateSubjectDistinguishedName: 0x42001c,
  /** Certificate Type */
  CertificateType: 0x42001d,
  /** Certificate Value */
  CertificateValue: 0x42001e,
  /** Common Template-Attribute [KMIP 1.x only: (Reserved) in 2.x] */
  CommonTemplateAttribute: 0x42001f,
  /** Compromise Date */
  CompromiseDate: 0x420020,
  /** Compromise Occurrence Date */
  CompromiseOccurrenceDate: 0x420021,
  /** Contact Information */
  ContactInformation: 0x420022,
  /** Credential */
  Credential: 0x420023,
  /** Credential Type */
  CredentialType: 0x420024,
  /** Credential Value */
  CredentialValue: 0x420025,
  /** Criticality Indicator */
  CriticalityIndicator: 0x420026,
  /** CRT Coefficient */
  CRTCoefficient: 0x420027,
  /** Cryptographic Algorithm */
  CryptographicAlgorithm: 0x420028,
  /** Cryptographic Domain Parameters */
  CryptographicDomainParameters: 0x420029,
  /** Cryptographic Length */
  CryptographicLength: 0x42002a,
  /** Cryptographic Parameters */
  CryptographicParameters: 0x42002b,
  /** Cryptographic Usage Mask */
  CryptographicUsageMask: 0x42002c,
  /** Custom Attribute [KMIP 1.x only: (Reserved) in 2.x] */
  CustomAttribute: 0x42002d,
  /** D */
  D: 0x42002e,
  /** Deactivation Date */
  DeactivationDate: 0x42002f,
  /** Derivation Data */
  DerivationData: 0x420030,
  /** Derivation Method */
  DerivationMethod: 0x420031,
  /** Derivation Parameters */
  DerivationParameters: 0x420032,
  /** Destroy Date */
  DestroyDate: 0x420033,
  /** Digest */
  Digest: 0x420034,
  /** Digest Value */
  DigestValue: 0x420035,
  /** Encryption Key Information */
  EncryptionKeyInformation: 0x420036,
  /** G */
  G: 0x420037,
  /** Hashing Algorithm */
  HashingAlgorithm: 0x420038,
  /** Initial Date */
  InitialDate: 0x420039,
  /** Initialization Vector */
  InitializationVector: 0x42003a,
  /** Issuer (deprecated as of version 1.1) [KMIP 1.x only: (Reserved) in 2.x] */
  Issuer: 0x42003b,
  /** Iteration Count */
  IterationCount: 0x42003c,
  /** IV/Counter/Nonce */
  IVCounterNonce: 0x42003d,
  /** J */
  J: 0x42003e,
  /** Key */
  Key: 0x42003f,
  /** Key Block */
  KeyBlock: 0x420040,
  /** Key Compression Type */
  KeyCompressionType: 0x420041,
  /** Key Format Type */
  KeyFormatType: 0x420042,
  /** Key Material */
  KeyMaterial: 0x420043,
  /** Key Part Identifier */
  KeyPartIdentifier: 0x420044,
  /** Key Value */
  KeyValue: 0x420045,
  /** Key Wrapping Data */
  KeyWrappingData: 0x420046,
  /** Key Wrapping Specification */
  KeyWrappingSpecification: 0x420047,
  /** Last Change Date */
  LastChangeDate: 0x420048,
  /** Lease Time */
  LeaseTime: 0x420049,
  /** Link */
  Link: 0x42004a,
  /** Link Type */
  LinkType: 0x42004b,
  /** Linked Object Identifier */
  LinkedObjectIdentifier: 0x42004c,
  /** MAC/Signature */
  MACSignature: 0x42004d,
  /** MAC/Signature Key Information */
  MACSignatureKeyInformation: 0x42004e,
  /** Maximum Items */
  MaximumItems: 0x42004f,
  /** Maximum Response Size */
  MaximumResponseSize: 0x420050,
  /** Message Extension */
  MessageExtension: 0x420051,
  /** Modulus */
  Modulus: 0x420052,
  /** Name */
  Name: 0x420053,
  /** Name Type */
  NameType: 0x420054,
  /** Name Value */
  NameValue: 0x420055,
  /** Object Group */
  ObjectGroup: 0x420056,
  /** Object Type */
  ObjectType: 0x420057,
  /** Offset */
  Offset: 0x420058,
  /** Opaque Data Type */
  OpaqueDataType: 0x420059,
  /** Opaque Data Value */
  OpaqueDataValue: 0x42005a,
  /** Opaque Object */
  OpaqueObject: 0x42005b,
  /** Operation */
  Operation: 0x42005c,
  /** Operation Policy Name (deprecated) [KMIP 1.x only: (Reserved) in 2.x] */
  OperationPolicyName: 0x42005d,
  /** P */
  P: 0x42005e,
  /** Padding Method */
  PaddingMethod: 0x42005f,
  /** Prime Exponent P */
  PrimeExponentP: 0x420060,
  /** Prime Exponent Q */
  PrimeExponentQ: 0x420061,
  /** Prime Field Size */
  PrimeFieldSize: 0x420062,
  /** Private Exponent */
  PrivateExponent: 0x420063,
  /** Private Key */
  PrivateKey: 0x420064,
  /** Private Key Template-Attribute [KMIP 1.x only: (Reserved) in 2.x] */
  PrivateKeyTemplateAttribute: 0x420065,
  /** Private Key Unique Identifier */
  PrivateKeyUniqueIdentifier: 0x420066,
  /** Process Start Date */
  ProcessStartDate: 0x420067,
  /** Protect Stop Date */
  ProtectStopDate: 0x420068,
  /** Protocol Version */
  ProtocolVersion: 0x420069,
  /** Protocol Version Major */
  ProtocolVersionMajor: 0x42006a,
  /** Protocol Version Minor */
  ProtocolVersionMinor: 0x42006b,
  /** Public Exponent */
  PublicExponent: 0x42006c,
  /** Public Key */
  PublicKey: 0x42006d,
  /** Public Key Template-Attribute [KMIP 1.x only: (Reserved) in 2.x] */
  PublicKeyTemplateAttribute: 0x42006e,
  /** Public Key Unique Identifier */
  PublicKeyUniqueIdentifier: 0x42006f,
  /** Put Function */
  PutFunction: 0x420070,
  /** Q */
  Q: 0x420071,
  /** Q String */
  QString: 0x420072,
  /** Qlength */
  Qlength: 0x420073,
  /** Query Function */
  QueryFunction: 0x420074,
  /** Recommended Curve */
  RecommendedCurve: 0x420075,
  /** Replaced Unique Identifier */
  ReplacedUniqueIdentifier: 0x420076,
  /** Request Header */
  RequestHeader: 0x420077,
  /** Request Message */
  RequestMessage: 0x420078,
  /** Request Payload */
  RequestPayload: 0x420079,
  /** Response Header */
  ResponseHeader: 0x42007a,
  /** Response Message */
  ResponseMessage: 0x42007b,
  /** Response Payload */
  ResponsePayload: 0x42007c,
  /** Result Message */
  ResultMessage: 0x42007d,
  /** Result Reason */
  ResultReason: 0x42007e,
  /** Result Status */
  ResultStatus: 0x42007f,
  /** Revocation Message */
  RevocationMessage: 0x420080,
  /** Revocation Reason */
  RevocationReason: 0x420081,
  /** Revocation Reason Code */
  RevocationReasonCode: 0x420082,
  /** Key Role Type */
  KeyRoleType: 0x420083,
  /** Salt */
  Salt: 0x420084,
  /** Secret Data */
  SecretData: 0x420085,
  /** Secret Data Type */
  SecretDataType: 0x420086,
  /** Serial Number (deprecated as of version 1.1) [KMIP 1.x only: (Reserved) in 2.x] */
  SerialNumber: 0x420087,
  /** Server Information */
  ServerInformation: 0x420088,
  /** Split Key */
  SplitKey: 0x420089,
  /** Split Key Method */
  SplitKeyMethod: 0x42008a,
  /** Split Key Parts */
  SplitKeyParts: 0x42008b,
  /** Split Key Threshold */
  SplitKeyThreshold: 0x42008c,
  /** State */
  State: 0x42008d,
  /** Storage Status Mask */
  StorageStatusMask: 0x42008e,
  /** Symmetric Key */
  SymmetricKey: 0x42008f,
  /** Template [KMIP 1.x only: (Reserved) in 2.x] */
  Template: 0x420090,
  /** Template-Attribute [KMIP 1.x only: (Reserved) in 2.x] */
  TemplateAttribute: 0x420091,
  /** Time Stamp */
  TimeStamp: 0x420092,
  /** Unique Batch Item ID */
  UniqueBatchItemID: 0x420093,
  /** Unique Identifier */
  UniqueIdentifier: 0x420094,
  /** Usage Limits */
  UsageLimits: 0x420095,
  /** Usage Limits Count */
  UsageLimitsCount: 0x420096,
  /** Usage Limits Total */
  UsageLimitsTotal: 0x420097,
  /** Usage Limits Unit */
  UsageLimitsUnit: 0x420098,
  /** Username */
  Username: 0x420099,
  /** Validity Date */
  ValidityDate: 0x42009a,
  /** Validity Indicator */
  ValidityIndicator: 0x42009b,
  /** Vendor Extension */
  VendorExtension: 0x42009c,
  /** Vendor Identification */
  VendorIdentification: 0x42009d,
  /** Wrapping Method */
  WrappingMethod: 0x42009e,
  /** X */
  X: 0x42009f,
  /** Y */
  Y: 0x4200a0,
  /** Password */
  Password: 0x4200a1,
  /** Device Identifier */
  DeviceIdentifier: 0x4200a2,
  /** Encoding Option */
  EncodingOption: 0x4200a3,
  /** Extension Information */
  ExtensionInformation: 0x4200a4,
  /** Extension Name */
  ExtensionName: 0x4200a5,
  /** Extension Tag */
  ExtensionTag: 0x4200a6,
  /** Extension Type */
  ExtensionType: 0x4200a7,
  /** Fresh */
  Fresh: 0x4200a8,
  /** Machine Identifier */
  MachineIdentifier: 0x4200a9,
  /** Media Identifier */
  MediaIdentifier: 0x4200aa,
  /** Network Identifier */
  NetworkIdentifier: 0x4200ab,
  /** Object Group Member */
  ObjectGroupMember: 0x4200ac,
  /** Certificate Length */
  CertificateLength: 0x4200ad,
  /** Digital Signature Algorithm */
  DigitalSignatureAlgorithm: 0x4200ae,
  /** Certificate Serial Number */
  CertificateSerialNumber: 0x4200af,
  /** Device Serial Number */
  DeviceSerialNumber: 0x4200b0,
  /** Issuer Alternative Name */
  IssuerAlternativeName: 0x4200b1,
  /** Issuer Distinguished Name */
  IssuerDistinguishedName: 0x4200b2,
  /** Subject Alternative Name */
  SubjectAlternativeName: 0x4200b3,
  /** Subject Distinguished Name */
  SubjectDistinguishedName: 0x4200b4,
  /** X.509 Certificate Identifier */
  X_509CertificateIdentifier: 0x4200b5,
  /** X.509 Certificate Issuer */
  X_509CertificateIssuer: 0x4200b6,
  /** X.509 Certificate Subject */
  X_509CertificateSubject: 0x4200b7,
  /** Key Value Location */
  KeyValueLocation: 0x4200b8,
  /** Key Value Location Value */
  KeyValueLocationValue: 0x4200b9,
  /** Key Value Location Type */
  KeyValueLocationType: 0x4200ba,
  /** Key Value Present */
  KeyValuePresent: 0x4200bb,
  /** Original Creation Date */
  OriginalCreationDate: 0x4200bc,
  /** PGP Key */
  PGPKey: 0x4200bd,
  /** PGP Key Version */
  PGPKeyVersion: 0x4200be,
  /** Alternative Name */
  AlternativeName: 0x4200bf,
  /** Alternative Name Value */
  AlternativeNameValue: 0x4200c0,
  /** Alternative Name Type */
  AlternativeNameType: 0x4200c1,
  /** Data */
  Data: 0x4200c2,
  /** Signature Data */
  SignatureData: 0x4200c3,
  /** Data Length */
  DataLength: 0x4200c4,
  /** Random IV */
  RandomIV: 0x4200c5,
  /** MAC Data */
  MACData: 0x4200c6,
  /** Attestation Type */
  AttestationType: 0x4200c7,
  /** Nonce */
  Nonce: 0x4200c8,
  /** Nonce ID */
  NonceID: 0x4200c9,
  /** Nonce Value */
  NonceValue: 0x4200ca,
  /** Attestation Measurement */
  AttestationMeasurement: 0x4200cb,
  /** Attestation Assertion */
  AttestationAssertion: 0x4200cc,
  /** IV Length */
  IVLength: 0x4200cd,
  /** Tag Length */
  TagLength: 0x4200ce,
  /** Fixed Field Length */
  FixedFieldLength: 0x4200cf,
  /** Counter Length */
  CounterLength: 0x4200d0,
  /** Initial Counter Value */
  InitialCounterValue: 0x4200d1,
  /** Invocation Field Length */
  InvocationFieldLength: 0x4200d2,
  /** Attestation Capable Indicator */
  AttestationCapableIndicator: 0x4200d3,
  /** Offset Items */
  OffsetItems: 0x4200d4,
  /** Located Items */
  LocatedItems: 0x4200d5,
  /** Correlation Value */
  CorrelationValue: 0x4200d6,
  /** Init Indicator */
  InitIndicator: 0x4200d7,
  /** Final Indicator */
  FinalIndicator: 0x4200d8,
  /** RNG Parameters */
  RNGParameters: 0x4200d9,
  /** RNG Algorithm */
  RNGAlgorithm: 0x4200da,
  /** DRBG Algorithm */
  DRBGAlgorithm: 0x4200db,
  /** FIPS186 Variation */
  FIPS186Variation: 0x4200dc,
  /** Prediction Resistance */
  PredictionResistance: 0x4200dd,
  /** Random Number Generator */
  RandomNumberGenerator: 0x4200de,
  /** Validation Information */
  ValidationInformation: 0x4200df,
  /** Validation Authority Type */
  ValidationAuthorityType: 0x4200e0,
  /** Validation Authority Country */
  ValidationAuthorityCountry: 0x4200e1,
  /** Validation Authority URI */
  ValidationAuthorityURI: 0x4200e2,
  /** Validation Version Major */
  ValidationVersionMajor: 0x4200e3,
  /** Validation Version Minor */
  ValidationVersionMinor: 0x4200e4,
  /** Validation Type */
  ValidationType: 0x4200e5,
  /** Validation Level */
  ValidationLevel: 0x4200e6,
  /** Validation Certificate Identifier */
  ValidationCertificateIdentifier: 0x4200e7,
  /** Validation Certificate URI */
  ValidationCertificateURI: 0x4200e8,
  /** Validation Vendor URI */
  ValidationVendorURI: 0x4200e9,
  /** Validation Profile */
  ValidationProfile: 0x4200ea,
  /** Profile Information */
  ProfileInformation: 0x4200eb,
  /** Profile Name */
  ProfileName: 0x4200ec,
  /** Server URI */
  ServerURI: 0x4200ed,
  /** Server Port */
  ServerPort: 0x4200ee,
  /** Streaming Capability */
  StreamingCapability: 0x4200ef,
  /** Asynchronous Capability */
  AsynchronousCapability: 0x4200f0,
  /** Attestation Capability */
  AttestationCapability: 0x4200f1,
  /** Unwrap Mode */
  UnwrapMode: 0x4200f2,
  /** Destroy Action */
  DestroyAction: 0x4200f3,
  /** Shredding Algorithm */
  ShreddingAlgorithm: 0x4200f4,
  /** RNG Mode */
  RNGMode: 0x4200f5,
  /** Client Registration Method */
  ClientRegistrationMethod: 0x4200f6,
  /** Capability Information */
  CapabilityInformation: 0x4200f7,
  /** Key Wrap Type */
  KeyWrapType: 0x4200f8,
  /** Batch Undo Capability */
  BatchUndoCapability: 0x4200f9,
  /** Batch Continue Capability */
  BatchContinueCapability: 0x4200fa,
  /** PKCS#12 Friendly Name */
  PKCS_12FriendlyName: 0x4200fb,
  /** Description */
  Description: 0x4200fc,
  /** Comment */
  Comment: 0x4200fd,
  /** Authenticated Encryption Additional Data */
  AuthenticatedEncryptionAdditionalData: 0x4200fe,
  /** Authenticated Encryption Tag */
  AuthenticatedEncryptionTag: 0x4200ff,
  /** Salt Length */
  SaltLength: 0x420100,
  /** Mask Generator */
  MaskGenerator: 0x420101,
  /** Mask Generator Hashing Algorithm */
  MaskGeneratorHashingAlgorithm: 0x420102,
  /** P Source */
  PSource: 0x420103,
  /** Trailer Field */
  TrailerField: 0x420104,
  /** Client Correlation Value */
  ClientCorrelationValue: 0x420105,
  /** Server Correlation Value */
  ServerCorrelationValue: 0x420106,
  /** Digested Data */
  DigestedData: 0x420107,
  /** Certificate Subject CN */
  CertificateSubjectCN: 0x420108,
  /** Certificate Subject O */
  CertificateSubjectO: 0x420109,
  /** Certificate Subject OU */
  CertificateSubjectOU: 0x42010a,
  /** Certificate Subject Email */
  CertificateSubjectEmail: 0x42010b,
  /** Certificate Subject C */
  CertificateSubjectC: 0x42010c,
  /** Certificate Subject ST */
  CertificateSubjectST: 0x42010d,
  /** Certificate Subject L */
  CertificateSubjectL: 0x42010e,
  /** Certificate Subject UID */
  CertificateSubjectUID: 0x42010f,
  /** Certificate Subject Serial Number */
  CertificateSubjectSerialNumber: 0x420110,
  /** Certificate Subject Title */
  CertificateSubjectTitle: 0x420111,
  /** Certificate Subject DC */
  CertificateSubjectDC: 0x420112,
  /** Certificate Subject DN Qualifier */
  CertificateSubjectDNQualifier: 0x420113,
  /** Certificate Issuer CN */
  CertificateIssuerCN: 0x420114,
  /** Certificate Issuer O */
  CertificateIssuerO: 0x420115,
  /** Certificate Issuer OU */
  CertificateIssuerOU: 0x420116,
  /** Certificate Issuer Email */
  CertificateIssuerEmail: 0x420117,
  /** Certificate Issuer C */
  CertificateIssuerC: 0x420118,
  /** Certificate Issuer ST */
  CertificateIssuerST: 0x420119,
  /** Certificate Issuer L */
  CertificateIssuerL: 0x42011a,
  /** Certificate Issuer UID */
  CertificateIssuerUID: 0x42011b,
  /** Certificate Issuer Serial Number */
  CertificateIssuerSerialNumber: 0x42011c,
  /** Certificate Issuer Title */
  CertificateIssuerTitle: 0x42011d,
  /** Certificate Issuer DC */
  CertificateIssuerDC: 0x42011e,
  /** Certificate Issuer DN Qualifier */
  CertificateIssuerDNQualifier: 0x42011f,
  /** Sensitive */
  Sensitive: 0x420120,
  /** Always Sensitive */
  AlwaysSensitive: 0x420121,
  /** Extractable */
  Extractable: 0x420122,
  /** Never Extractable */
  NeverExtractable: 0x420123,
  /** Replace Existing */
  ReplaceExisting: 0x420124,
  /** Attributes [KMIP 2.x] */
  Attributes: 0x420125,
  /** Common Attributes [KMIP 2.x] */
  CommonAttributes: 0x420126,
  /** Private Key Attributes [KMIP 2.x] */
  PrivateKeyAttributes: 0x420127,
  /** Public Key Attributes [KMIP 2.x] */
  PublicKeyAttributes: 0x420128,
  /** Extension Enumeration [KMIP 2.x] */
  ExtensionEnumeration: 0x420129,
  /** Extension Attribute [KMIP 2.x] */
  ExtensionAttribute: 0x42012a,
  /** Extension Parent Structure Tag [KMIP 2.x] */
  ExtensionParentStructureTag: 0x42012b,
  /** Extension Description [KMIP 2.x] */
  ExtensionDescription: 0x42012c,
  /** Server Name [KMIP 2.x] */
  ServerName: 0x42012d,
  /** Server Serial Number [KMIP 2.x] */
  ServerSerialNumber: 0x42012e,
  /** Server Version [KMIP 2.x] */
  ServerVersion: 0x42012f,
  /** Server Load [KMIP 2.x] */
  ServerLoad: 0x420130,
  /** Product Name [KMIP 2.x] */
  ProductName: 0x420131,
  /** Build Level [KMIP 2.x] */
  BuildLevel: 0x420132,
  /** Build Date [KMIP 2.x] */
  BuildDate: 0x420133,
  /** Cluster Info [KMIP 2.x] */
  ClusterInfo: 0x420134,
  /** Alternate Failover Endpoints [KMIP 2.x] */
  AlternateFailoverEndpoints: 0x420135,
  /** Short Unique Identifier [KMIP 2.x] */
  ShortUniqueIdentifier: 0x420136,
  /** Tag [KMIP 2.x] */
  Tag: 0x420138,
  /** Certificate Request Unique Identifier [KMIP 2.x] */
  CertificateRequestUniqueIdentifier: 0x420139,
  /** NIST Key Type [KMIP 2.x] */
  NISTKeyType: 0x42013a,
  /** Attribute Reference [KMIP 2.x] */
  AttributeReference: 0x42013b,
  /** Current Attribute [KMIP 2.x] */
  CurrentAttribute: 0x42013c,
  /** New Attribute [KMIP 2.x] */
  NewAttribute: 0x42013d,
  /** Certificate Request Value [KMIP 2.x] */
  CertificateRequestValue: 0x420140,
  /** Log Message [KMIP 2.x] */
  LogMessage: 0x420141,
  /** Profile Version [KMIP 2.x] */
  ProfileVersion: 0x420142,
  /** Profile Version Major [KMIP 2.x] */
  ProfileVersionMajor: 0x420143,
  /** Profile Version Minor [KMIP 2.x] */
  ProfileVersionMinor: 0x420144,
  /** Protection Level [KMIP 2.x] */
  ProtectionLevel: 0x420145,
  /** Protection Period [KMIP 2.x] */
  ProtectionPeriod: 0x420146,
  /** Quantum Safe [KMIP 2.x] */
  QuantumSafe: 0x420147,
  /** Quantum Safe Capability [KMIP 2.x] */
  QuantumSafeCapability: 0x420148,
  /** Ticket [KMIP 2.x] */
  Ticket: 0x420149,
  /** Ticket Type [KMIP 2.x] */
  TicketType: 0x42014a,
  /** Ticket Value [KMIP 2.x] */
  TicketValue: 0x42014b,
  /** Request Count [KMIP 2.x] */
  RequestCount: 0x42014c,
  /** Rights [KMIP 2.x] */
  Rights: 0x42014d,
  /** Objects [KMIP 2.x] */
  Objects: 0x42014e,
  /** Operations [KMIP 2.x] */
  Operations: 0x42014f,
  /** Right [KMIP 2.x] */
  Right: 0x420150,
  /** Endpoint Role [KMIP 2.x] */
  EndpointRole: 0x420151,
  /** Defaults Information [KMIP 2.x] */
  DefaultsInformation: 0x420152,
  /** Object Defaults [KMIP 2.x] */
  ObjectDefaults: 0x420153,
  /** Ephemeral [KMIP 2.x] */
  Ephemeral: 0x420154,
  /** Server Hashed Password [KMIP 2.x] */
  ServerHashedPassword: 0x420155,
  /** One Time Password [KMIP 2.x] */
  OneTimePassword: 0x420156,
  /** Hashed Password [KMIP 2.x] */
  HashedPassword: 0x420157,
  /** Adjustment Type [KMIP 2.x] */
  AdjustmentType: 0x420158,
  /** PKCS#11 Interface [KMIP 2.x] */
  PKCS_11Interface: 0x420159,
  /** PKCS#11 Function [KMIP 2.x] */
  PKCS_11Function: 0x42015a,
  /** PKCS#11 Input Parameters [KMIP 2.x] */
  PKCS_11InputParameters: 0x42015b,
  /** PKCS#11 Output Parameters [KMIP 2.x] */
  PKCS_11OutputParameters: 0x42015c,
  /** PKCS#11 Return Code [KMIP 2.x] */
  PKCS_11ReturnCode: 0x42015d,
  /** Protection Storage Mask [KMIP 2.x] */
  ProtectionStorageMask: 0x42015e,
  /** Protection Storage Masks [KMIP 2.x] */
  ProtectionStorageMasks: 0x42015f,
  /** Interop Function [KMIP 2.x] */
  InteropFunction: 0x420160,
  /** Interop Identifier [KMIP 2.x] */
  InteropIdentifier: 0x420161,
  /** Adjustment Value [KMIP 2.x] */
  AdjustmentValue: 0x420162,
  /** Common Protection Storage Masks [KMIP 2.x] */
  CommonProtectionStorageMasks: 0x420163,
  /** Private Protection Storage Masks [KMIP 2.x] */
  PrivateProtectionStorageMasks: 0x420164,
  /** Public Protection Storage Masks [KMIP 2.x] */
  PublicProtectionStorageMasks: 0x420165,
  /** Object Groups [KMIP 2.x] */
  ObjectGroups: 0x420166,
  /** Object Types [KMIP 2.x] */
  ObjectTypes: 0x420167,
  /** Constraints [KMIP 2.x] */
  Constraints: 0x420168,
  /** Constraint [KMIP 2.x] */
  Constraint: 0x420169,
  /** Rotate Interval [KMIP 2.x] */
  RotateInterval: 0x42016a,
  /** Rotate Automatic [KMIP 2.x] */
  RotateAutomatic: 0x42016b,
  /** Rotate Offset [KMIP 2.x] */
  RotateOffset: 0x42016c,
  /** Rotate Date [KMIP 2.x] */
  RotateDate: 0x42016d,
  /** Rotate Generation [KMIP 2.x] */
  RotateGeneration: 0x42016e,
  /** Rotate Name [KMIP 2.x] */
  RotateName: 0x42016f,
  /** Rotate Name Value [KMIP 2.x] */
  RotateNameValue: 0x420170,
  /** Rotate Name Type [KMIP 2.x] */
  RotateNameType: 0x420171,
  /** Rotate Latest [KMIP 2.x] */
  RotateLatest: 0x420172,
  /** Asynchronous Request [KMIP 2.x] */
  AsynchronousRequest: 0x420173,
  /** Submission Date [KMIP 2.x] */
  SubmissionDate: 0x420174,
  /** Processing Stage [KMIP 2.x] */
  ProcessingStage: 0x420175,
  /** Asynchronous Correlation Values [KMIP 2.x] */
  AsynchronousCorrelationValues: 0x420176,
} as const;

/** Tags whose alias keys in `Tag` are earlier spellings; `tagName` returns the primary name. */
const tagAliases: ReadonlySet<string> = new Set<string>([]);
// END GENERATED

export type TagName = keyof typeof Tag;

const nameByTag: ReadonlyMap<number, string> = new Map(
  Object.entries(Tag)
    .filter(([name]) => !tagAliases.has(name))
    .map(([name, value]) => [value, name]),
);
const tagByNameMap: ReadonlyMap<string, number> = new Map(Object.entries(Tag));

const hexTag = /^0x([0-9A-Fa-f]{6})$/;

/** The hex form of a tag: "0x" and six upper-case hex digits. */
export function tagHex(tag: number): string {
  return `0x${tag.toString(16).toUpperCase().padStart(6, "0")}`;
}

/** The name of a tag, or its hex form ("0x540001") when it has none. */
export function tagName(tag: number): string {
  return nameByTag.get(tag) ?? tagHex(tag);
}

/** The tag for an element name, also accepting the hex form "0x42XXXX" / "0x54XXXX". */
export function tagByName(name: string): number | undefined {
  const known = tagByNameMap.get(name);
  if (known !== undefined) return known;
  const m = hexTag.exec(name);
  return m ? Number.parseInt(m[1] as string, 16) : undefined;
}

/** True for extension tags (first byte 0x54), which the specifications leave to vendors. */
export function isExtensionTag(tag: number): boolean {
  return tag >>> 16 === 0x54;
}
