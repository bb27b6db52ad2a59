// Credential validation (RFC 9420 §5.3.1: every credential a party meets is validated by its
// authentication service; digest §6, §8 questions 1–2): one implementation, run by every honest client
// through ts-mls's AuthenticationService hook and by the hub's public view of each group.
//
// Under `x509` a credential is valid at time t when
// - chain: it is a chain of DER certificates, leaf first, each issued (name and signature) by the next,
//   ending at (or issued by) one configured trust anchor;
// - validity: every certificate's notBefore ≤ t ≤ notAfter;
// - domain: the anchor it ends at is the anchor configured for the domain of the client URI the leaf
//   certificate names (subjectAltName): a provider vouches for its own domain only;
// - key: the leaf certificate's public key is the MLS leaf's signature key;
// - revocation: no certificate of the chain is on its issuer's revocation list.
// Under `basic` (insecure, for speed) a credential is valid when it is a basic credential naming a mimi
// URI; its signature key is then its only proof (docs/identity.md).
// Validated chains are cached per party by chain bytes, signature key and time, so a credential met at
// every commit is checked once; certificates read and signatures verified are remembered for every party
// (pure functions of the bytes). A validator made without the cache does all of it afresh.
import "reflect-metadata";
import * as x509 from "@peculiar/x509";
import type { AuthenticationService, Credential } from "ts-mls";
import { domainOf, isMimiUri, userOfClient } from "./mimi-uri.js";
import type { Seconds } from "./provider-ca.js";

/** Which credentials a deployment uses: provider-issued X.509 (the default) or basic (insecure, faster). */
export type CredentialMode = "basic" | "x509";

/** Every credential mode, with one line on what it is: the command line's `--credentials` accepts these. */
export const CREDENTIAL_MODES = {
  x509: "provider-issued X.509 certificates binding each client URI to its signature key, validated by every party",
  basic: "basic credentials naming the client URI, accepted as they come (insecure: the signature key is the only proof)",
} as const satisfies Record<CredentialMode, string>;

/** What a party trusts of one provider: its CA certificate and its revocation list (serial numbers, hex). */
export interface ProviderTrust {
  readonly anchor: Uint8Array;
  /** Read at each validation: a provider's list is shared with every party it is configured at. */
  readonly revoked: ReadonlySet<string>;
}

/**
 * Planted defects: each switches one validation step off (for tests and campaigns, never defaults). The
 * hub and the clients have switches of the same names (HubFaults, ClientFaults).
 */
export interface CredentialCheckFaults {
  /** Accept any chain: signatures and anchors are not checked, the issuer is taken at its word. */
  skipCredentialChain?: boolean;
  /** Accept certificates outside their validity period. */
  skipCredentialExpiry?: boolean;
  /** Accept a certificate whose client URI is of another domain than the provider that issued it. */
  skipCredentialDomain?: boolean;
  /** Accept a certificate whose public key is not the leaf's signature key. */
  skipCredentialKeyBinding?: boolean;
  /** Accept revoked certificates. */
  skipCredentialRevocation?: boolean;
}

/** The names of CredentialCheckFaults with one line each (for HUB_FAULTS and CLIENT_FAULT_NAMES). */
export const CREDENTIAL_CHECK_FAULTS = {
  skipCredentialChain: "accept any certificate chain: no signature or trust-anchor check (RFC 9420 §5.3.1)",
  skipCredentialExpiry: "accept certificates outside their validity period",
  skipCredentialDomain: "accept a certificate for a client of another domain than its issuing provider's",
  skipCredentialKeyBinding: "accept a certificate whose key is not the leaf's signature key",
  skipCredentialRevocation: "accept revoked certificates",
} as const satisfies Record<keyof CredentialCheckFaults, string>;

/** The credential-check faults among a party's fault switches. */
export function credentialCheckFaults(faults: CredentialCheckFaults): CredentialCheckFaults {
  const picked: Record<string, boolean> = {};
  for (const k of Object.keys(CREDENTIAL_CHECK_FAULTS) as (keyof CredentialCheckFaults)[]) if (faults[k] === true) picked[k] = true;
  return picked;
}

// ---------------------------------------------------------------- reading a certificate

interface ParsedCertificate {
  readonly cert: x509.X509Certificate;
  readonly uris: readonly string[];
  /** The raw Ed25519 public key, or undefined for another algorithm. */
  readonly rawKey: Uint8Array | undefined;
  readonly isCa: boolean;
}

const ED25519_SPKI_PREFIX = Uint8Array.from([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);
const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
const b64 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("base64");

/** A bounded memo (oldest dropped first): parsing and verifying are the expensive part of validation. */
class Memo<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly limit: number) {}
  get(key: string): V | undefined {
    return this.map.get(key);
  }
  set(key: string, value: V): void {
    if (this.map.size >= this.limit) this.map.delete(this.map.keys().next().value as string);
    this.map.set(key, value);
  }
}

const parsedCertificates = new Memo<ParsedCertificate | null>(4096);

/** Whether a certificate's signature verifies under an issuer's key: a pure function of the two
 * certificates' bytes, so remembered for every party (a deployment's parties meet the same chains). */
const verifiedSignatures = new Memo<boolean>(8192);

async function signatureVerifies(child: ParsedCertificate, parent: ParsedCertificate, memo: boolean): Promise<boolean> {
  const key = `${b64(new Uint8Array(child.cert.rawData))}|${b64(new Uint8Array(parent.cert.rawData))}`;
  const known = memo ? verifiedSignatures.get(key) : undefined;
  if (known !== undefined) return known;
  const ok = await child.cert.verify({ publicKey: parent.cert.publicKey, signatureOnly: true });
  if (memo) verifiedSignatures.set(key, ok);
  return ok;
}

/** A certificate read from DER, remembered (unless `memo` is false: an uncached validator reads afresh). */
function parseCertificate(der: Uint8Array, memo = true): ParsedCertificate | undefined {
  const key = b64(der);
  const known = memo ? parsedCertificates.get(key) : undefined;
  if (known !== undefined) return known ?? undefined;
  let parsed: ParsedCertificate | null = null;
  try {
    const cert = new x509.X509Certificate(new Uint8Array(der));
    const san = cert.getExtension(x509.SubjectAlternativeNameExtension);
    const uris = san?.names.items.filter((n) => n.type === "url").map((n) => n.value) ?? [];
    const spki = new Uint8Array(cert.publicKey.rawData);
    const rawKey = spki.length === 44 && sameBytes(spki.slice(0, 12), ED25519_SPKI_PREFIX) ? spki.slice(12) : undefined;
    parsed = { cert, uris, rawKey, isCa: cert.getExtension(x509.BasicConstraintsExtension)?.ca === true };
  } catch {
    parsed = null;
  }
  parsedCertificates.set(key, parsed);
  return parsed ?? undefined;
}

/** The mimi:// URI a certificate names as its subject: its one subjectAltName URI that is not a user's. */
function subjectUriOf(parsed: ParsedCertificate): string | undefined {
  const subjects = parsed.uris.filter((u) => isMimiUri(u, "client") || isMimiUri(u, "provider"));
  return subjects.length === 1 ? subjects[0] : undefined;
}

/** Names already read, by the certificate bytes' object: a tree's leaves are read over and over. */
const namesRead = new WeakMap<Uint8Array, string | null>();

/** The client (or provider) URI an x509 credential's leaf certificate names, or undefined when none. */
export function uriOfX509Credential(certificates: readonly Uint8Array[]): string | undefined {
  const leaf = certificates[0];
  if (leaf === undefined) return undefined;
  const known = namesRead.get(leaf);
  if (known !== undefined) return known ?? undefined;
  const parsed = parseCertificate(leaf);
  const uri = parsed === undefined ? undefined : subjectUriOf(parsed);
  namesRead.set(leaf, uri ?? null);
  return uri;
}

/** The serial number (hex, lowercase, as @peculiar/x509 prints it) of a certificate, for revocation lists. */
export function serialOf(der: Uint8Array): string | undefined {
  return parseCertificate(der)?.cert.serialNumber.toLowerCase();
}

/** The domain an issuer name stands for: its CN, a domain as a provider CA writes it (provider-ca.ts), or
 * a mimi URI's domain (a self-signed certificate's issuer is its own subject). */
function domainOfIssuerName(name: string): string | undefined {
  const cn = /^CN=([^,]+)/.exec(name)?.[1];
  return cn === undefined ? undefined : cn.startsWith("mimi://") ? domainOf(cn) : cn;
}

// ---------------------------------------------------------------- the validator

/** A chain's bytes as one string, by the chain's array object. */
const chainKeys = new WeakMap<readonly Uint8Array[], string>();

export interface CredentialValidatorOptions {
  readonly mode: CredentialMode;
  /** Trust anchors and revocation lists per provider domain. */
  readonly trust: ReadonlyMap<string, ProviderTrust>;
  /** The time credentials are judged at, in seconds. */
  readonly now: () => Seconds;
  readonly faults?: CredentialCheckFaults;
  /** Cache validated chains (default true). */
  readonly cache?: boolean;
}

/** One party's credential validation: its trust configuration, clock and (planted) faults. */
export class CredentialValidator {
  private readonly verdicts = new Memo<string | null>(8192);
  private readonly faults: CredentialCheckFaults;
  /** How many validations ran in full, and how many the cache answered (for the benchmark). */
  readonly counts = { full: 0, cached: 0 };

  constructor(private readonly options: CredentialValidatorOptions) {
    this.faults = options.faults ?? {};
  }

  get mode(): CredentialMode {
    return this.options.mode;
  }

  /** Why `credential`, carried by a leaf (or request, or external sender) with `signaturePublicKey`, is not
   * valid now, or undefined when it is. Never throws. */
  async refusal(credential: Credential, signaturePublicKey: Uint8Array): Promise<string | undefined> {
    if (this.options.mode === "basic") {
      if (credential.credentialType !== "basic") return `a credential of type ${credential.credentialType} where basic ones are used`;
      return isMimiUri(new TextDecoder().decode(credential.identity)) ? undefined : "the basic credential names no mimi URI";
    }
    if (credential.credentialType !== "x509") return `a credential of type ${credential.credentialType} where X.509 ones are required`;
    const now = this.options.now();
    // Revocation lists change during a run: a cached verdict is keyed by their sizes too.
    const revokedCount = [...this.options.trust.values()].reduce((n, t) => n + t.revoked.size, 0);
    // The chain's bytes, read once per credential object (the same object is met at every commit).
    let chainKey = chainKeys.get(credential.certificates);
    if (chainKey === undefined) chainKeys.set(credential.certificates, (chainKey = credential.certificates.map(b64).join(".")));
    const key = `${chainKey}|${b64(signaturePublicKey)}|${now}|${revokedCount}`;
    if (this.options.cache !== false) {
      const known = this.verdicts.get(key);
      if (known !== undefined) {
        this.counts.cached++;
        return known ?? undefined;
      }
    }
    this.counts.full++;
    let verdict: string | undefined;
    try {
      verdict = await this.validateChain(credential.certificates, signaturePublicKey, now);
    } catch (e) {
      verdict = `certificate chain unreadable: ${(e as Error).message}`;
    }
    if (this.options.cache !== false) this.verdicts.set(key, verdict ?? null);
    return verdict;
  }

  private async validateChain(certificates: readonly Uint8Array[], signaturePublicKey: Uint8Array, now: Seconds): Promise<string | undefined> {
    const faults = this.faults;
    if (certificates.length === 0) return "empty certificate chain";
    const memo = this.options.cache !== false;
    const chain = certificates.map((der) => parseCertificate(der, memo));
    if (chain.some((c) => c === undefined)) return "a certificate of the chain is not DER X.509";
    const certs = chain as ParsedCertificate[];
    const leaf = certs[0]!;
    const subject = subjectUriOf(leaf);
    if (subject === undefined) return "the leaf certificate names no client or provider URI";
    // identity-05 §6: the user's URI, when present, is the client's own user.
    const user = userOfClient(subject);
    if (leaf.uris.some((u) => isMimiUri(u, "user") && u !== user)) return `the certificate for ${subject} names another user`;
    if (!faults.skipCredentialKeyBinding && (leaf.rawKey === undefined || !sameBytes(leaf.rawKey, signaturePublicKey)))
      return `the certificate for ${subject} binds another key than the leaf's signature key`;
    if (!faults.skipCredentialExpiry)
      for (const c of certs) {
        const notBefore = BigInt(Math.floor(c.cert.notBefore.getTime() / 1000));
        const notAfter = BigInt(Math.floor(c.cert.notAfter.getTime() / 1000));
        if (now < notBefore || now > notAfter) return `the certificate ${c.cert.subject} is not valid at ${now} (valid ${notBefore}–${notAfter})`;
      }
    // The anchor: the last certificate is one, or is issued by one (matched by name, then signature).
    const last = certs[certs.length - 1]!;
    const anchorDomain = this.anchorDomainOf(last);
    if (!faults.skipCredentialChain) {
      for (let i = 0; i + 1 < certs.length; i++) {
        const [child, parent] = [certs[i]!, certs[i + 1]!];
        if (child.cert.issuer !== parent.cert.subject || !parent.isCa) return `${child.cert.subject} is not issued by ${parent.cert.subject}`;
        if (!(await signatureVerifies(child, parent, memo))) return `the signature on ${child.cert.subject} does not verify`;
      }
      if (anchorDomain === undefined) return `the chain for ${subject} ends at no trust anchor (${last.cert.issuer})`;
      const anchor = parseCertificate(this.options.trust.get(anchorDomain)!.anchor, memo)!;
      const isAnchor = sameBytes(new Uint8Array(last.cert.rawData), new Uint8Array(anchor.cert.rawData));
      if (!isAnchor && !(await signatureVerifies(last, anchor, memo)))
        return `the chain for ${subject} does not verify under ${anchorDomain}'s anchor`;
    }
    // The issuing provider: the anchor's domain, or (chain unchecked) the domain its issuer name claims.
    const issuerDomain = anchorDomain ?? domainOfIssuerName(last.cert.issuer);
    if (!faults.skipCredentialDomain && issuerDomain !== domainOf(subject))
      return `${subject} is certified by ${issuerDomain ?? "an unknown issuer"}, not by its own provider ${domainOf(subject)}`;
    if (!faults.skipCredentialRevocation && issuerDomain !== undefined) {
      const revoked = this.options.trust.get(issuerDomain)?.revoked;
      const hit = revoked === undefined ? undefined : certs.find((c) => revoked.has(c.cert.serialNumber.toLowerCase()));
      if (hit !== undefined) return `the certificate ${hit.cert.subject} (serial ${hit.cert.serialNumber}) is revoked by ${issuerDomain}`;
    }
    return undefined;
  }

  /** The configured domain whose anchor is `last` or issued `last`, by name. */
  private anchorDomainOf(last: ParsedCertificate): string | undefined {
    for (const [domain, trust] of this.options.trust) {
      const anchor = parseCertificate(trust.anchor);
      if (anchor === undefined) continue;
      if (last.cert.issuer === anchor.cert.subject) return domain;
    }
    return undefined;
  }

  /** The hook ts-mls calls on every credential it meets (RFC 9420 §5.3.1). */
  authService(): AuthenticationService {
    return { validateCredential: async (credential, key) => (await this.refusal(credential, key)) === undefined };
  }

  /** The same validator with other faults (the trust, clock and mode shared). */
  withFaults(faults: CredentialCheckFaults): CredentialValidator {
    return new CredentialValidator({ ...this.options, faults });
  }
}
