import { childrenOf, contentBytes, Der, type DerElement, expectElement, oidText, readElement } from "./der-reader.js";

/**
 * Text forms of X.509 names, for the KMIP 1.0 text certificate attributes (1.4 §3.13-3.15).
 *
 * A Name is written as RFC 4514 §2 ("String Representation of Distinguished Names"): the RDNs
 * last-first, separated by ",", multi-valued RDNs joined by "+"; short names for the usual
 * attribute types (the ones `openssl -nameopt RFC2253` prints), otherwise the dotted OID with
 * the value as "#" and the hex of its DER (§2.4). A GeneralName is written as OpenSSL and node
 * print subjectAltName entries: "DNS:host", "email:addr", "IP Address:1.2.3.4", "URI:...",
 * "DirName:<RFC 4514 name>", "Registered ID:<oid>"; other forms as "<kind>:#<hex of the DER>".
 *
 *   Name ::= SEQUENCE OF RelativeDistinguishedName
 *   RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue
 *   AttributeTypeAndValue ::= SEQUENCE { type OBJECT IDENTIFIER, value ANY DEFINED BY type }
 */

/** Attribute type OIDs -> the short names OpenSSL prints (RFC 4514 §3 names among them). */
const shortNames: ReadonlyMap<string, string> = new Map([
  ["2.5.4.3", "CN"],
  ["2.5.4.4", "SN"],
  ["2.5.4.5", "serialNumber"],
  ["2.5.4.6", "C"],
  ["2.5.4.7", "L"],
  ["2.5.4.8", "ST"],
  ["2.5.4.9", "street"],
  ["2.5.4.10", "O"],
  ["2.5.4.11", "OU"],
  ["2.5.4.12", "title"],
  ["2.5.4.42", "GN"],
  ["2.5.4.43", "initials"],
  ["2.5.4.44", "generationQualifier"],
  ["2.5.4.46", "dnQualifier"],
  ["2.5.4.65", "pseudonym"],
  ["2.5.4.97", "organizationIdentifier"],
  ["0.9.2342.19200300.100.1.1", "UID"],
  ["0.9.2342.19200300.100.1.25", "DC"],
  ["1.2.840.113549.1.9.1", "emailAddress"],
]);

/** ASN.1 string types (X.680 §41) and how their octets become text. */
const UTF8_STRING = 0x0c;
const NUMERIC_STRING = 0x12;
const PRINTABLE_STRING = 0x13;
const TELETEX_STRING = 0x14;
const IA5_STRING = 0x16;
const VISIBLE_STRING = 0x1a;
const UNIVERSAL_STRING = 0x1c;
const BMP_STRING = 0x1e;

function hex(b: Uint8Array): string {
  return Buffer.from(b).toString("hex");
}

function stringValue(der: Uint8Array, e: DerElement): string | undefined {
  const c = contentBytes(der, e);
  switch (e.tag) {
    case UTF8_STRING:
      return Buffer.from(c).toString("utf8");
    case NUMERIC_STRING:
    case PRINTABLE_STRING:
    case IA5_STRING:
    case VISIBLE_STRING:
    case TELETEX_STRING: // T.61 read as Latin-1, as OpenSSL does
      return Buffer.from(c).toString("latin1");
    case BMP_STRING: {
      if (c.length % 2 !== 0) return undefined;
      let s = "";
      for (let i = 0; i < c.length; i += 2) s += String.fromCharCode((c[i]! << 8) | c[i + 1]!);
      return s;
    }
    case UNIVERSAL_STRING: {
      if (c.length % 4 !== 0) return undefined;
      let s = "";
      for (let i = 0; i < c.length; i += 4) {
        const cp = ((c[i]! << 24) | (c[i + 1]! << 16) | (c[i + 2]! << 8) | c[i + 3]!) >>> 0;
        if (cp > 0x10ffff) return undefined;
        s += String.fromCodePoint(cp);
      }
      return s;
    }
    default:
      return undefined;
  }
}

/** RFC 4514 §2.4 escaping; control characters as \XX hex pairs. */
function escapeValue(v: string): string {
  let out = "";
  for (let i = 0; i < v.length; i++) {
    const ch = v[i]!;
    const code = ch.charCodeAt(0);
    if (`"+,;<>\\`.includes(ch) || (i === 0 && (ch === "#" || ch === " ")) || (i === v.length - 1 && ch === " ")) {
      out += `\\${ch}`;
    } else if (code < 0x20 || code === 0x7f) {
      out += `\\${code.toString(16).toUpperCase().padStart(2, "0")}`;
    } else {
      out += ch;
    }
  }
  return out;
}

function typeAndValue(der: Uint8Array, atv: DerElement): string {
  const [type, value] = childrenOf(der, expectElement(atv, Der.SEQUENCE, "AttributeTypeAndValue"));
  const oid = oidText(contentBytes(der, expectElement(type, Der.OID, "AttributeType")));
  if (value === undefined) return `${oid}=#`;
  const name = shortNames.get(oid);
  const text = name === undefined ? undefined : stringValue(der, value);
  if (name === undefined || text === undefined) return `${name ?? oid}=#${hex(der.subarray(value.start, value.end))}`;
  return `${name}=${escapeValue(text)}`;
}

function nameElementText(der: Uint8Array, name: DerElement): string {
  return childrenOf(der, expectElement(name, Der.SEQUENCE, "Name"))
    .reverse()
    .map((rdn) =>
      childrenOf(der, expectElement(rdn, Der.SET, "RelativeDistinguishedName"))
        .map((atv) => typeAndValue(der, atv))
        .join("+"),
    )
    .join(",");
}

/** RFC 4514 string of a DER Name ("CN=host,O=Example,C=US"); the empty Name gives "". */
export function nameText(nameDer: Uint8Array): string {
  return nameElementText(nameDer, readElement(nameDer, 0, nameDer.length));
}

function ipText(b: Uint8Array): string {
  if (b.length === 4) return [...b].join(".");
  if (b.length === 16) {
    const groups: string[] = [];
    for (let i = 0; i < 16; i += 2) groups.push(((b[i]! << 8) | b[i + 1]!).toString(16).toUpperCase());
    return groups.join(":");
  }
  return `#${hex(b)}`;
}

/**
 * Text of one DER GeneralName (RFC 5280 §4.2.1.6):
 *   GeneralName ::= CHOICE { otherName [0], rfc822Name [1] IA5String, dNSName [2] IA5String,
 *     x400Address [3], directoryName [4] Name, ediPartyName [5], uniformResourceIdentifier [6] IA5String,
 *     iPAddress [7] OCTET STRING, registeredID [8] OBJECT IDENTIFIER }
 */
export function generalNameText(gnDer: Uint8Array): string {
  const e = readElement(gnDer, 0, gnDer.length);
  const c = contentBytes(gnDer, e);
  const ascii = (): string => Buffer.from(c).toString("latin1");
  switch (e.tag) {
    case 0x81:
      return `email:${ascii()}`;
    case 0x82:
      return `DNS:${ascii()}`;
    case 0x86:
      return `URI:${ascii()}`;
    case 0x87:
      return `IP Address:${ipText(c)}`;
    case 0x88:
      return `Registered ID:${oidText(c)}`;
    case 0xa4:
      return `DirName:${nameElementText(gnDer, readElement(gnDer, e.contentStart, e.end))}`;
    case 0xa0:
      return `othername:#${hex(gnDer)}`;
    case 0xa3:
      return `X400Name:#${hex(gnDer)}`;
    case 0xa5:
      return `EdiPartyName:#${hex(gnDer)}`;
    default:
      return `#${hex(gnDer)}`;
  }
}
