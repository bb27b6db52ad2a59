// A provider's authentication service (digest §6; identity-05 §6: X.509 certificates with subjectAltName
// URIs for the client and its user): an X.509 certification authority for its own domain only, which
// issues each of its clients a certificate binding the client's mimi:// URI (and its user's) to the
// client's MLS signature public key. The MLS credential is then an `x509` credential (RFC 9420 §5.3): the
// chain of DER certificates, leaf first, here [client certificate, CA certificate].
// The CA's key is made when the authority is made (a throw-away key, never persisted). Certificates are
// Ed25519 like the MLS signature keys of suite 1, signed with Node's WebCrypto.
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import { webcrypto } from "node:crypto";
import type { Credential } from "ts-mls";
import { isMimiUri, providerUri, userOfClient } from "./mimi-uri.js";

const crypto = webcrypto as unknown as Crypto;
x509.cryptoProvider.set(crypto);

/** The signature algorithm of every certificate here: Ed25519, as MLS suite 1's signature keys. */
export const CERTIFICATE_ALGORITHM = { name: "Ed25519" } as const;

/** Seconds since the Unix epoch, the unit of every credential time here (as KeyPackage lifetimes). */
export type Seconds = bigint;

/**
 * The validity window of the certificates issued by default: a deployment's clock starts at
 * 1 700 000 000 s (the hub's start, impl/hub/hub.ts) and moves by milliseconds per event, so a window of
 * about a year around it covers every run; attacks ask for other windows explicitly.
 */
export const DEFAULT_VALIDITY: { readonly notBefore: Seconds; readonly notAfter: Seconds } = {
  notBefore: 1_690_000_000n,
  notAfter: 1_730_000_000n,
};

const dateOf = (s: Seconds) => new Date(Number(s) * 1000);

/** What one certificate is issued for. */
export interface CertificateRequest {
  /** The subject's mimi:// URI: a client URI (its user's URI is added beside it), or the provider's own. */
  readonly subject: string;
  /** The raw Ed25519 signature public key it binds (the MLS leaf's signature_key). */
  readonly signaturePublicKey: Uint8Array;
  readonly notBefore?: Seconds;
  readonly notAfter?: Seconds;
}

/** The subjectAltName URIs of a subject: a client's URI and its user's, or a provider's URI alone. */
function subjectAltNames(subject: string): { type: "url"; value: string }[] {
  const user = userOfClient(subject);
  return [{ type: "url", value: subject }, ...(user === undefined ? [] : [{ type: "url" as const, value: user }])];
}

export function importSignatureKey(raw: Uint8Array): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", new Uint8Array(raw), CERTIFICATE_ALGORITHM, true, ["verify"]);
}

/** The CA certificate's subject name for a domain: its CN is the domain, its subjectAltName the provider URI. */
export const caSubjectName = (domain: string) => `CN=${domain}, O=MIMI provider CA`;

/** One provider's certification authority. */
export class ProviderCertificateAuthority {
  private serial = 1;

  private constructor(
    readonly domain: string,
    private readonly keys: CryptoKeyPair,
    /** The CA certificate (self-signed): the trust anchor other parties configure for this domain. */
    readonly anchor: Uint8Array,
  ) {}

  /** A new authority for `domain`, with a fresh key and a self-signed CA certificate. */
  static async create(domain: string): Promise<ProviderCertificateAuthority> {
    const keys = (await crypto.subtle.generateKey(CERTIFICATE_ALGORITHM, true, ["sign", "verify"])) as CryptoKeyPair;
    const cert = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: "01",
      name: caSubjectName(domain),
      notBefore: dateOf(DEFAULT_VALIDITY.notBefore),
      notAfter: dateOf(DEFAULT_VALIDITY.notAfter + 10n * 365n * 86_400n),
      keys,
      signingAlgorithm: CERTIFICATE_ALGORITHM,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        new x509.SubjectAlternativeNameExtension([{ type: "url", value: providerUri(domain) }]),
      ],
    });
    return new ProviderCertificateAuthority(domain, keys, new Uint8Array(cert.rawData));
  }

  /**
   * A certificate for `request.subject` (DER). The authority signs whatever it is asked: that it issues only
   * for its own domain is the issuing provider's duty, and the validators refuse any other (so a compromised
   * provider's CA can be made to issue for another provider's user, attack X01).
   */
  async issue(request: CertificateRequest): Promise<Uint8Array> {
    if (!isMimiUri(request.subject)) throw new RangeError(`not a mimi URI: ${request.subject}`);
    const serialNumber = (this.serial++).toString(16).padStart(2, "0");
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: `1${serialNumber}`,
      subject: `CN=${request.subject}`,
      issuer: caSubjectName(this.domain),
      notBefore: dateOf(request.notBefore ?? DEFAULT_VALIDITY.notBefore),
      notAfter: dateOf(request.notAfter ?? DEFAULT_VALIDITY.notAfter),
      publicKey: await importSignatureKey(request.signaturePublicKey),
      signingKey: this.keys.privateKey,
      signingAlgorithm: CERTIFICATE_ALGORITHM,
      extensions: [new x509.BasicConstraintsExtension(false, undefined, true), new x509.SubjectAlternativeNameExtension(subjectAltNames(request.subject))],
    });
    return new Uint8Array(cert.rawData);
  }

  /** An MLS x509 credential for the subject: [its certificate, this CA's certificate]. */
  async credential(request: CertificateRequest): Promise<Credential> {
    return { credentialType: "x509", certificates: [await this.issue(request), this.anchor] };
  }
}

/**
 * A self-signed certificate for `subject` binding `signaturePublicKey`, signed by `signKey` (the raw
 * Ed25519 private key of MLS suite 1, PKCS#8-wrapped here): what a client makes for itself when no
 * authority vouches for it (attack X05).
 */
export async function selfSignedCredential(subject: string, keyPair: { publicKey: Uint8Array; signKey: Uint8Array }): Promise<Credential> {
  // PKCS#8 for Ed25519 (RFC 8410): a fixed 16-byte prefix, then the 32-byte seed.
  const pkcs8 = new Uint8Array([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20, ...(keyPair.signKey.length === 48 ? keyPair.signKey.slice(16) : keyPair.signKey.slice(0, 32))]);
  const privateKey = await crypto.subtle.importKey("pkcs8", pkcs8, CERTIFICATE_ALGORITHM, false, ["sign"]);
  const publicKey = await importSignatureKey(keyPair.publicKey);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: "01",
    name: `CN=${subject}`,
    notBefore: dateOf(DEFAULT_VALIDITY.notBefore),
    notAfter: dateOf(DEFAULT_VALIDITY.notAfter),
    keys: { privateKey, publicKey },
    signingAlgorithm: CERTIFICATE_ALGORITHM,
    extensions: [new x509.SubjectAlternativeNameExtension(subjectAltNames(subject))],
  });
  return { credentialType: "x509", certificates: [new Uint8Array(cert.rawData)] };
}
