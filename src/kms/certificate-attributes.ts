import { X509Certificate } from "node:crypto";
import { attributeByName } from "../kmip/attribute-defs.js";
import type { Attr } from "../kmip/attributes/attribute.js";
import { kmipError } from "../kmip/kmip-error.js";
import { ttlv } from "../ttlv/item.js";
import { Tag } from "../ttlv/tags.js";
import { type X509Fields, x509Fields } from "./x509-fields.js";
import { generalNameText, nameText } from "./x509-name-text.js";

/** X.500 attribute keys as node prints them -> the KMIP 2.x attribute name suffix (2.1 §4.6). */
const dnKeys: ReadonlyMap<string, string> = new Map([
  ["CN", "CN"],
  ["O", "O"],
  ["OU", "OU"],
  ["emailAddress", "Email"],
  ["C", "C"],
  ["ST", "ST"],
  ["L", "L"],
  ["UID", "UID"],
  ["serialNumber", "Serial Number"],
  ["title", "Title"],
  ["DC", "DC"],
  ["dnQualifier", "DN Qualifier"],
]);

function dnAttributes(dn: string, prefix: "Certificate Subject" | "Certificate Issuer"): Attr[] {
  const out: Attr[] = [];
  for (const line of dn.split("\n")) {
    const eq = line.indexOf("=");
    if (eq < 0) continue;
    const suffix = dnKeys.get(line.slice(0, eq));
    if (suffix === undefined) continue;
    const def = attributeByName(`${prefix} ${suffix}`);
    if (def === undefined) continue;
    out.push({ name: def.name, value: ttlv.text(def.tag, line.slice(eq + 1)) });
  }
  return out;
}

/** The DER of a Name with no RDNs (SEQUENCE {}): KMIP says an empty subject is "the empty string". */
function dnBytes(nameDer: Uint8Array): Uint8Array {
  return nameDer.length === 2 && nameDer[0] === 0x30 && nameDer[1] === 0x00 ? new Uint8Array(0) : nameDer;
}

/**
 * KMIP 1.1+ (1.4 §3.10-3.12, 2.1 §4.61-4.63), all Byte Strings taken from the certificate as is:
 *
 *   X.509 Certificate Identifier { Issuer Distinguished Name, Certificate Serial Number }
 *   X.509 Certificate Subject { Subject Distinguished Name, Subject Alternative Name* }
 *   X.509 Certificate Issuer { Issuer Distinguished Name, Issuer Alternative Name* }
 *
 * A Distinguished Name is the DER of the Name, an empty subject the empty byte string; the serial
 * number is the content octets of the INTEGER (two's complement, so a leading 00 stays); each
 * Alternative Name is the DER of one GeneralName of the subjectAltName / issuerAltName extension.
 */
function x509StructAttributes(f: X509Fields): Attr[] {
  return [
    {
      name: "X.509 Certificate Identifier",
      value: ttlv.struct(Tag.X_509CertificateIdentifier, [
        ttlv.bytes(Tag.IssuerDistinguishedName, dnBytes(f.issuer)),
        ttlv.bytes(Tag.CertificateSerialNumber, f.serialNumber),
      ]),
    },
    {
      name: "X.509 Certificate Subject",
      value: ttlv.struct(Tag.X_509CertificateSubject, [
        ttlv.bytes(Tag.SubjectDistinguishedName, dnBytes(f.subject)),
        ...f.subjectAltNames.map((n) => ttlv.bytes(Tag.SubjectAlternativeName, n)),
      ]),
    },
    {
      name: "X.509 Certificate Issuer",
      value: ttlv.struct(Tag.X_509CertificateIssuer, [
        ttlv.bytes(Tag.IssuerDistinguishedName, dnBytes(f.issuer)),
        ...f.issuerAltNames.map((n) => ttlv.bytes(Tag.IssuerAlternativeName, n)),
      ]),
    },
  ];
}

/**
 * KMIP 1.0 text forms, deprecated since 1.1 and gone in 2.0 (1.4 §3.13-3.15):
 *
 *   Certificate Identifier { Issuer, Serial Number }
 *   Certificate Subject { Certificate Subject Distinguished Name, Certificate Subject Alternative Name* }
 *   Certificate Issuer { Certificate Issuer Distinguished Name, Certificate Issuer Alternative Name* }
 *
 * Names are RFC 4514 strings, alternative names "DNS:host"-style (x509-name-text.ts), the serial
 * number upper-case hex as `openssl x509 -serial` prints it.
 */
function textAttributes(f: X509Fields, serialHex: string): Attr[] {
  const issuer = nameText(f.issuer);
  return [
    {
      name: "Certificate Identifier",
      value: ttlv.struct(Tag.CertificateIdentifier, [
        ttlv.text(Tag.Issuer, issuer),
        ttlv.text(Tag.SerialNumber, serialHex),
      ]),
    },
    {
      name: "Certificate Subject",
      value: ttlv.struct(Tag.CertificateSubject, [
        ttlv.text(Tag.CertificateSubjectDistinguishedName, nameText(f.subject)),
        ...f.subjectAltNames.map((n) => ttlv.text(Tag.CertificateSubjectAlternativeName, generalNameText(n))),
      ]),
    },
    {
      name: "Certificate Issuer",
      value: ttlv.struct(Tag.CertificateIssuer, [
        ttlv.text(Tag.CertificateIssuerDistinguishedName, issuer),
        ...f.issuerAltNames.map((n) => ttlv.text(Tag.CertificateIssuerAlternativeName, generalNameText(n))),
      ]),
    },
  ];
}

/**
 * The certificate attributes a server derives from an X.509 certificate on Register (and Certify,
 * Re-certify). Each is stored once; Get Attributes and friends show a client only those of its
 * protocol version (attribute-wire.ts attributeInVersion, from the since/until of attribute-defs.ts):
 * - 1.0-1.4: Certificate Identifier, Certificate Subject, Certificate Issuer (1.4 §3.13-3.15);
 * - 1.1 on, 2.x too: X.509 Certificate Identifier, Subject, Issuer (1.4 §3.10-3.12, 2.1 §4.61-4.63);
 * - 2.x: Certificate Subject / Issuer CN, O, OU, Email, C, ST, L, UID, Serial Number, Title, DC,
 *   DN Qualifier (2.1 §4.6 "Certificate Attributes").
 * Certificate Type and Certificate Length are set by Register itself.
 */
export function x509Attributes(der: Uint8Array): Attr[] {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(der);
  } catch {
    throw kmipError.invalidField("Certificate Value is not a DER X.509 certificate");
  }
  const fields = x509Fields(der);
  return [
    ...x509StructAttributes(fields),
    ...textAttributes(fields, cert.serialNumber),
    ...dnAttributes(cert.subject, "Certificate Subject"),
    ...dnAttributes(cert.issuer, "Certificate Issuer"),
  ];
}
