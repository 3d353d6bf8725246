/**
 * Certificates of the development PKI (RFC 5280 profiles), built with @peculiar/x509
 * over node's WebCrypto: a self-signed CA and the TLS server and client certificates it
 * signs. ECDSA P-256 keys, ecdsa-with-SHA256 signatures, PKCS#8 PEM private keys.
 */
import "reflect-metadata"; // @peculiar/x509 uses tsyringe, which needs the Reflect metadata API.
import { createPrivateKey, randomBytes, webcrypto } from "node:crypto";
import { isIP } from "node:net";
import * as x509 from "@peculiar/x509";

/** WebCrypto as @peculiar/x509 types it; passed explicitly so no global provider is set. */
type X509Crypto = Parameters<typeof x509.X509CertificateGenerator.create>[1];
const crypto = webcrypto as unknown as X509Crypto;

type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;

const EC_P256 = { name: "ECDSA", namedCurve: "P-256" } as const;
const ECDSA_SHA256 = { name: "ECDSA", hash: "SHA-256" } as const;

/** Validity of the CA certificate, in years. */
export const CA_VALIDITY_YEARS = 10;
/** Validity of server and client certificates, in years. */
export const LEAF_VALIDITY_YEARS = 2;
/** notBefore is backdated this much so a peer whose clock runs slightly behind accepts the certificate. */
const BACKDATE_MS = 5 * 60 * 1000;

export interface PemPair {
  /** The certificate, PEM "CERTIFICATE". */
  readonly certPem: string;
  /** The private key, PEM "PRIVATE KEY" (PKCS#8). */
  readonly keyPem: string;
}

/** A CA able to sign: its certificate and private key. */
export interface DevAuthority {
  readonly cert: x509.X509Certificate;
  readonly privateKey: CryptoKey;
  readonly signingAlgorithm: webcrypto.EcdsaParams | webcrypto.Algorithm;
}

export type LeafUsage = "server" | "client";

export interface LeafProfile {
  /** Subject Common Name. */
  readonly commonName: string;
  /** serverAuth or clientAuth Extended Key Usage. */
  readonly usage: LeafUsage;
  /** subjectAltName entries: IP literals become iPAddress, anything else dNSName. */
  readonly hosts?: readonly string[];
}

/**
 * A self-signed CA:
 *   BasicConstraints ::= SEQUENCE { cA TRUE, pathLenConstraint 0 }   (critical)
 *   KeyUsage: keyCertSign, cRLSign                                     (critical)
 *   SubjectKeyIdentifier (RFC 5280 §4.2.1.2 method 1)
 */
export async function createDevCa(commonName: string, now: Date): Promise<{ pem: PemPair; authority: DevAuthority }> {
  const keys = await generateKeys();
  const cert = await x509.X509CertificateGenerator.createSelfSigned(
    {
      serialNumber: randomSerial(),
      name: subject(commonName),
      notBefore: new Date(now.getTime() - BACKDATE_MS),
      notAfter: addYears(now, CA_VALIDITY_YEARS),
      keys,
      signingAlgorithm: ECDSA_SHA256,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  return {
    pem: { certPem: cert.toString("pem"), keyPem: await exportKeyPem(keys.privateKey) },
    authority: { cert, privateKey: keys.privateKey, signingAlgorithm: ECDSA_SHA256 },
  };
}

/**
 * An end-entity certificate signed by `authority`:
 *   BasicConstraints cA FALSE (critical), KeyUsage digitalSignature (critical),
 *   ExtendedKeyUsage id-kp-serverAuth or id-kp-clientAuth, subjectAltName (server),
 *   AuthorityKeyIdentifier, SubjectKeyIdentifier.
 */
export async function issueDevLeaf(authority: DevAuthority, profile: LeafProfile, now: Date): Promise<PemPair> {
  const keys = await generateKeys();
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
    new x509.ExtendedKeyUsageExtension(
      [profile.usage === "server" ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth],
      false,
    ),
    await authorityKeyIdentifier(authority.cert),
    await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
  ];
  if (profile.hosts !== undefined && profile.hosts.length > 0) {
    extensions.push(
      new x509.SubjectAlternativeNameExtension(
        profile.hosts.map((h) => ({ type: isIP(h) === 0 ? ("dns" as const) : ("ip" as const), value: h })),
        false,
      ),
    );
  }
  const cert = await x509.X509CertificateGenerator.create(
    {
      serialNumber: randomSerial(),
      subject: subject(profile.commonName),
      issuer: authority.cert.subjectName,
      notBefore: new Date(now.getTime() - BACKDATE_MS),
      notAfter: minDate(addYears(now, LEAF_VALIDITY_YEARS), authority.cert.notAfter),
      publicKey: keys.publicKey,
      signingKey: authority.privateKey,
      signingAlgorithm: authority.signingAlgorithm,
      extensions,
    },
    crypto,
  );
  return { certPem: cert.toString("pem"), keyPem: await exportKeyPem(keys.privateKey) };
}

/** Loads an existing CA (PEM certificate + PKCS#8 or traditional PEM key; EC P-256/384/521 or RSA). */
export async function loadDevAuthority(certPem: string, keyPem: string): Promise<DevAuthority> {
  const cert = new x509.X509Certificate(certPem);
  const keyObject = createPrivateKey(keyPem);
  const pkcs8 = keyObject.export({ type: "pkcs8", format: "der" });
  const details = keyObject.asymmetricKeyDetails;
  if (keyObject.asymmetricKeyType === "ec") {
    const curve = EC_CURVES[details?.namedCurve ?? ""];
    if (curve === undefined) throw new Error(`unsupported CA key curve ${details?.namedCurve ?? "(unknown)"}`);
    const privateKey = await webcrypto.subtle.importKey(
      "pkcs8",
      pkcs8,
      { name: "ECDSA", namedCurve: curve.name },
      false,
      ["sign"],
    );
    return { cert, privateKey, signingAlgorithm: { name: "ECDSA", hash: curve.hash } };
  }
  if (keyObject.asymmetricKeyType === "rsa") {
    const algorithm = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
    const privateKey = await webcrypto.subtle.importKey("pkcs8", pkcs8, algorithm, false, ["sign"]);
    return { cert, privateKey, signingAlgorithm: algorithm };
  }
  throw new Error(`unsupported CA key type ${keyObject.asymmetricKeyType ?? "(unknown)"}`);
}

/** OpenSSL curve names to WebCrypto names and the hash conventionally paired with them. */
const EC_CURVES: Readonly<Record<string, { name: string; hash: string }>> = {
  prime256v1: { name: "P-256", hash: "SHA-256" },
  secp384r1: { name: "P-384", hash: "SHA-384" },
  secp521r1: { name: "P-521", hash: "SHA-512" },
};

async function generateKeys(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(EC_P256, true, ["sign", "verify"])) as CryptoKeyPair;
}

async function exportKeyPem(key: CryptoKey): Promise<string> {
  const der = new Uint8Array(await webcrypto.subtle.exportKey("pkcs8", key));
  return x509.PemConverter.encode(der, "PRIVATE KEY");
}

/** RFC 5280 §4.1.2.2: a positive integer of at most 20 octets; 16 random octets, high bit clear, never shorter. */
export function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x40;
  return bytes.toString("hex");
}

/** A subject with one Common Name, encoded as UTF8String (RFC 5280 §4.1.2.6). */
function subject(commonName: string): x509.Name {
  return new x509.Name([{ CN: [{ utf8String: commonName }] }]);
}

async function authorityKeyIdentifier(ca: x509.X509Certificate): Promise<x509.AuthorityKeyIdentifierExtension> {
  const ski = ca.getExtension(x509.SubjectKeyIdentifierExtension);
  return ski === null
    ? x509.AuthorityKeyIdentifierExtension.create(ca.publicKey, false, crypto)
    : new x509.AuthorityKeyIdentifierExtension(ski.keyId, false);
}

function addYears(date: Date, years: number): Date {
  const out = new Date(date.getTime());
  out.setUTCFullYear(out.getUTCFullYear() + years);
  return out;
}

function minDate(a: Date, b: Date): Date {
  return a.getTime() <= b.getTime() ? a : b;
}
