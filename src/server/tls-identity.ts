/**
 * The identity of a KMIP client is taken from its TLS client certificate, not from the
 * optional Authentication structure of the request header (KMIP 1.4 §6.6): the subject
 * Common Name when there is exactly one, else the value of the first Subject Alternative
 * Name. The same string is an object's owner and what `admins` in the configuration
 * lists ("admin").
 */
import { X509Certificate } from "node:crypto";
import type { PeerCertificate } from "node:tls";

/**
 * Identity string for a peer certificate, or undefined when it names nobody (no
 * certificate, an empty subject and no SAN, or several CNs, which would be ambiguous).
 */
export function identityFromCertificate(cert: PeerCertificate | X509Certificate): string | undefined {
  const legacy: Partial<Pick<PeerCertificate, "subject" | "subjectaltname">> =
    cert instanceof X509Certificate ? cert.toLegacyObject() : cert;
  const cn: unknown = legacy.subject?.CN;
  if (Array.isArray(cn)) return undefined;
  if (typeof cn === "string" && cn !== "") return cn;
  const first = parseSubjectAltName(legacy.subjectaltname ?? "")[0];
  return first === undefined || first.value === "" ? undefined : first.value;
}

export interface AltName {
  /** As node prints it: "DNS", "IP Address", "email", "URI", "othername", ... */
  readonly type: string;
  readonly value: string;
}

/**
 * Splits node's subjectaltname string ("DNS:a.example, IP Address:127.0.0.1"). Values
 * holding a comma, quote or other special character are printed JSON-quoted by node
 * (since the fix for CVE-2021-44532) and are unquoted here.
 */
export function parseSubjectAltName(text: string): AltName[] {
  const names: AltName[] = [];
  const entry = /([^:,]+):("(?:[^"\\]|\\.)*"|[^,]*)(?:, |$)/y;
  while (entry.lastIndex < text.length) {
    const start = entry.lastIndex;
    const match = entry.exec(text);
    if (match === null || entry.lastIndex === start) break;
    const raw = match[2] ?? "";
    names.push({ type: (match[1] ?? "").trim(), value: raw.startsWith('"') ? unquote(raw) : raw });
  }
  return names;
}

function unquote(raw: string): string {
  try {
    return String(JSON.parse(raw));
  } catch {
    return raw;
  }
}
