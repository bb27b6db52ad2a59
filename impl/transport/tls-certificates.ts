// The certificates of mutual TLS between providers (protocol §4.1: "the certificates presented in the TLS
// handshake MUST authenticate the source and target provider domains"). A throw-away CA, made at start,
// issues each provider one certificate naming its domain as a subjectAltName dNSName, usable as TLS server
// and TLS client alike. ECDSA P-256 with SHA-256: what every TLS stack (Node's OpenSSL, curl) accepts.
// These are transport certificates only; MLS credentials are another matter (impl/identity, impl/mls).
import "reflect-metadata";
import { webcrypto, X509Certificate as NodeX509Certificate } from "node:crypto";
import * as x509 from "@peculiar/x509";

const ALGORITHM = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" } as const;
const SIGNING = { name: "ECDSA", hash: "SHA-256" } as const;
const crypto = webcrypto as unknown as Crypto;
x509.cryptoProvider.set(crypto);

/** One certificate with its private key, both PEM. */
export interface PemIdentity {
  readonly certPem: string;
  readonly keyPem: string;
}

/** A certificate authority: its certificate (PEM) and what it needs to issue more. */
export interface CertificateAuthority extends PemIdentity {
  readonly name: string;
  readonly keys: CryptoKeyPair;
  readonly certificate: x509.X509Certificate;
}

const DAY_MS = 86_400_000;

async function keyPem(key: CryptoKey): Promise<string> {
  const der = await crypto.subtle.exportKey("pkcs8", key);
  const b64 = Buffer.from(der).toString("base64").replace(/(.{64})/g, "$1\n").trimEnd();
  return `-----BEGIN PRIVATE KEY-----\n${b64}\n-----END PRIVATE KEY-----\n`;
}

function serial(): string {
  // Positive, 16 random bytes (RFC 5280 §4.1.2.2 allows up to 20).
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] = bytes[0]! & 0x7f;
  return Buffer.from(bytes).toString("hex");
}

/** A fresh CA named `name`, valid from a day ago for `days` days. */
export async function createCertificateAuthority(name: string, days = 365): Promise<CertificateAuthority> {
  const keys = (await crypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"])) as CryptoKeyPair;
  const now = Date.now();
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${name}`,
    notBefore: new Date(now - DAY_MS),
    notAfter: new Date(now + days * DAY_MS),
    signingAlgorithm: SIGNING,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { name, keys, certificate, certPem: certificate.toString("pem") + "\n", keyPem: await keyPem(keys.privateKey) };
}

/** When a provider certificate is valid: by default from a day ago for a year; tests ask for expired ones. */
export interface Validity {
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/** A certificate for provider `domain` (subjectAltName dNSName = domain, CN = domain), issued by `ca`,
 * for both TLS server and TLS client authentication. */
export async function issueProviderCertificate(ca: CertificateAuthority, domain: string, validity?: Validity): Promise<PemIdentity> {
  const keys = (await crypto.subtle.generateKey(ALGORITHM, true, ["sign", "verify"])) as CryptoKeyPair;
  const now = Date.now();
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: serial(),
    subject: `CN=${domain}`,
    issuer: ca.certificate.subject,
    notBefore: validity?.notBefore ?? new Date(now - DAY_MS),
    notAfter: validity?.notAfter ?? new Date(now + 365 * DAY_MS),
    signingAlgorithm: SIGNING,
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
      new x509.SubjectAlternativeNameExtension([{ type: "dns", value: domain }]),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(ca.keys.publicKey),
    ],
  });
  return { certPem: certificate.toString("pem") + "\n", keyPem: await keyPem(keys.privateKey) };
}

/**
 * The provider domains a peer certificate authenticates: its subjectAltName dNSNames (RFC 6125 §6.4.4:
 * when a subjectAltName of type DNS is present, the CN is not consulted). `raw` is the DER the TLS socket
 * hands over.
 */
export function certificateDomains(raw: Uint8Array): string[] {
  const san = new NodeX509Certificate(raw).subjectAltName;
  if (san === undefined) return [];
  return san
    .split(", ")
    .filter((entry) => entry.startsWith("DNS:"))
    .map((entry) => entry.slice(4).toLowerCase());
}

/** Everything a deployment's providers need for mutual TLS: the CA that every party trusts, and each
 * provider's certificate. */
export interface ProviderCertificates {
  readonly ca: CertificateAuthority;
  readonly providers: ReadonlyMap<string, PemIdentity>;
}

/** A throw-away CA and one certificate per domain. */
export async function createProviderCertificates(domains: readonly string[], caName = "MIMI providers' test CA"): Promise<ProviderCertificates> {
  const ca = await createCertificateAuthority(caName);
  const providers = new Map<string, PemIdentity>();
  for (const d of domains) providers.set(d, await issueProviderCertificate(ca, d));
  return { ca, providers };
}
