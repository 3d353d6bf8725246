import { X509Certificate } from "node:crypto";
import { attributeByName } from "../kmip/attribute-defs.js";
import type { Attr } from "../kmip/attributes/attribute.js";
import { kmipError } from "../kmip/kmip-error.js";
import { ttlv } from "../ttlv/item.js";

/** X.500 attribute keys as node prints them -> the KMIP 2.x attribute name suffix (2.1 §4.9-4.10). */
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

/**
 * The KMIP 2.x certificate attributes a server derives from an X.509 certificate: Certificate
 * Subject / Issuer CN, O, OU, Email, C, ST, L, UID, Serial Number, Title, DC, DN Qualifier
 * (KMIP 2.1 §4.9 "Certificate Subject", §4.8 "Certificate Issuer").
 */
export function x509Attributes(der: Uint8Array): Attr[] {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(der);
  } catch {
    throw kmipError.invalidField("Certificate Value is not a DER X.509 certificate");
  }
  return [...dnAttributes(cert.subject, "Certificate Subject"), ...dnAttributes(cert.issuer, "Certificate Issuer")];
}
