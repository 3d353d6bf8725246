import {
  childrenOf,
  contentBytes,
  Der,
  type DerElement,
  elementBytes,
  expectElement,
  oidText,
  readElement,
} from "./der-reader.js";

/**
 * The fields of an X.509 certificate (RFC 5280 §4.1) that KMIP's certificate attributes name,
 * as the exact bytes they have in the certificate:
 *
 *   Certificate  ::=  SEQUENCE  { tbsCertificate TBSCertificate, signatureAlgorithm, signatureValue }
 *   TBSCertificate  ::=  SEQUENCE  {
 *        version         [0]  EXPLICIT Version DEFAULT v1,
 *        serialNumber         CertificateSerialNumber,      -- INTEGER
 *        signature            AlgorithmIdentifier,
 *        issuer               Name,
 *        validity             Validity,
 *        subject              Name,
 *        subjectPublicKeyInfo SubjectPublicKeyInfo,
 *        issuerUniqueID  [1]  IMPLICIT UniqueIdentifier OPTIONAL,
 *        subjectUniqueID [2]  IMPLICIT UniqueIdentifier OPTIONAL,
 *        extensions      [3]  EXPLICIT Extensions OPTIONAL }
 *   Extension  ::=  SEQUENCE  { extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }
 *   GeneralNames ::= SEQUENCE SIZE (1..MAX) OF GeneralName
 *
 * Names are handed back as copies of the DER of the whole Name / GeneralName element, not
 * re-encoded from a parsed form, so they compare byte for byte with what another reader of the same
 * certificate takes out of it.
 */
export interface X509Fields {
  /** The content octets of serialNumber: the two's-complement big-endian integer, as encoded. */
  readonly serialNumber: Uint8Array;
  /** The issuer Name element (SEQUENCE OF RelativeDistinguishedName). */
  readonly issuer: Uint8Array;
  /** The subject Name element; an empty subject is the two octets 30 00. */
  readonly subject: Uint8Array;
  /** Each GeneralName element of the subjectAltName extension (2.5.29.17), in order. */
  readonly subjectAltNames: readonly Uint8Array[];
  /** Each GeneralName element of the issuerAltName extension (2.5.29.18), in order. */
  readonly issuerAltNames: readonly Uint8Array[];
}

const SUBJECT_ALT_NAME = "2.5.29.17";
const ISSUER_ALT_NAME = "2.5.29.18";
/** [0] EXPLICIT version and [3] EXPLICIT extensions: context-specific, constructed. */
const VERSION_TAG = 0xa0;
const EXTENSIONS_TAG = 0xa3;

/** Reads the fields above from a DER certificate; throws Invalid Field on malformed DER. */
export function x509Fields(der: Uint8Array): X509Fields {
  const cert = readElement(der, 0, der.length);
  expectElement(cert, Der.SEQUENCE, "Certificate");
  const tbs = expectElement(childrenOf(der, cert)[0], Der.SEQUENCE, "tbsCertificate");
  const fields = childrenOf(der, tbs);
  let i = fields[0]?.tag === VERSION_TAG ? 1 : 0;
  const serial = expectElement(fields[i++], Der.INTEGER, "serialNumber");
  expectElement(fields[i++], Der.SEQUENCE, "signature");
  const issuer = expectElement(fields[i++], Der.SEQUENCE, "issuer");
  expectElement(fields[i++], Der.SEQUENCE, "validity");
  const subject = expectElement(fields[i++], Der.SEQUENCE, "subject");
  expectElement(fields[i++], Der.SEQUENCE, "subjectPublicKeyInfo");
  const extensions = fields.slice(i).find((f) => f.tag === EXTENSIONS_TAG);
  const alt = extensions === undefined ? new Map<string, Uint8Array[]>() : altNames(der, extensions);
  return {
    serialNumber: contentBytes(der, serial).slice(),
    issuer: elementBytes(der, issuer).slice(),
    subject: elementBytes(der, subject).slice(),
    subjectAltNames: alt.get(SUBJECT_ALT_NAME) ?? [],
    issuerAltNames: alt.get(ISSUER_ALT_NAME) ?? [],
  };
}

/** The GeneralName elements of the subjectAltName and issuerAltName extensions, by extnID. */
function altNames(der: Uint8Array, extensionsTag: DerElement): Map<string, Uint8Array[]> {
  const out = new Map<string, Uint8Array[]>();
  const list = expectElement(childrenOf(der, extensionsTag)[0], Der.SEQUENCE, "Extensions");
  for (const ext of childrenOf(der, list)) {
    const parts = childrenOf(der, expectElement(ext, Der.SEQUENCE, "Extension"));
    const id = oidText(contentBytes(der, expectElement(parts[0], Der.OID, "extnID")));
    if (id !== SUBJECT_ALT_NAME && id !== ISSUER_ALT_NAME) continue;
    const value = expectElement(parts[parts.length - 1], Der.OCTET_STRING, "extnValue");
    const inner = readElement(der, value.contentStart, value.end);
    const names = expectElement(inner, Der.SEQUENCE, "GeneralNames");
    out.set(
      id,
      childrenOf(der, names).map((n) => elementBytes(der, n).slice()),
    );
  }
  return out;
}
