// The credential set-up of one deployment: its mode, each provider's authentication service (a CA for
// its own domain, impl/identity/provider-ca.ts), and the trust every party is configured with at start.
//
// Trust (docs/identity.md): every party is configured, when the deployment starts, with each provider's
// CA certificate as that provider's trust anchor and with that provider's revocation list, for that
// provider's domain only. The list is one object per provider, read by every party at each validation:
// in-process, that is the list "distributed like the anchors".
//
// The CAs themselves are made once per process (throw-away keys), so KeyPackages pooled across property
// runs (impl/client/key-package-source.ts) stay valid in every deployment; revocation lists are per
// deployment, so what one run revokes no other run sees.
import type { Credential } from "ts-mls";
import { basicCredentials, type CredentialIssuer } from "../mls/client-credential.js";
import { CredentialValidator, serialOf, type CredentialCheckFaults, type CredentialMode, type ProviderTrust } from "./credential-validation.js";
import { domainOf } from "./mimi-uri.js";
import { ProviderCertificateAuthority, type Seconds } from "./provider-ca.js";

const authorities = new Map<string, Promise<ProviderCertificateAuthority>>();

/** The process's certification authority of `domain` (made on first use). */
export function authorityOf(domain: string): Promise<ProviderCertificateAuthority> {
  if (!authorities.has(domain)) authorities.set(domain, ProviderCertificateAuthority.create(domain));
  return authorities.get(domain)!;
}

/** A provider's revocation list: serial numbers (hex) of certificates it revoked. */
type RevocationList = Set<string>;

export class DeploymentCredentials {
  private constructor(
    readonly mode: CredentialMode,
    /** Per provider domain: its anchor and its revocation list. */
    readonly trust: ReadonlyMap<string, ProviderTrust & { readonly revoked: RevocationList }>,
    private readonly cas: ReadonlyMap<string, ProviderCertificateAuthority>,
  ) {}

  static async create(mode: CredentialMode, domains: readonly string[]): Promise<DeploymentCredentials> {
    const cas = new Map<string, ProviderCertificateAuthority>();
    const trust = new Map<string, ProviderTrust & { revoked: RevocationList }>();
    if (mode === "x509")
      for (const d of domains) {
        const ca = await authorityOf(d);
        cas.set(d, ca);
        trust.set(d, { anchor: ca.anchor, revoked: new Set() });
      }
    return new DeploymentCredentials(mode, trust, cas);
  }

  /** How a subject's provider issues credentials: its CA under x509 (for its own domain only), else basic. */
  readonly issuer: CredentialIssuer = async (subjectUri, signaturePublicKey) => {
    if (this.mode === "basic") return basicCredentials(subjectUri, signaturePublicKey);
    const ca = this.cas.get(domainOf(subjectUri) ?? "");
    if (ca === undefined) throw new Error(`no provider issues credentials for ${subjectUri}`);
    return ca.credential({ subject: subjectUri, signaturePublicKey });
  };

  /** A party's validator: this deployment's trust, judged at `now`, with the party's planted faults. */
  validator(now: () => Seconds, faults: CredentialCheckFaults = {}, cache = true): CredentialValidator {
    return new CredentialValidator({ mode: this.mode, trust: this.trust, now, faults, cache });
  }

  /** The issuing provider revokes the credential's leaf certificate (its list is every party's). */
  revoke(credential: Credential): void {
    if (credential.credentialType !== "x509") throw new Error("only x509 credentials can be revoked");
    const leaf = credential.certificates[0];
    const serial = leaf === undefined ? undefined : serialOf(leaf);
    const issuer = credential.certificates.length > 1 ? this.domainOfAnchor(credential.certificates.at(-1)!) : undefined;
    if (serial === undefined || issuer === undefined) throw new Error("not a credential issued in this deployment");
    this.trust.get(issuer)!.revoked.add(serial);
  }

  private domainOfAnchor(der: Uint8Array): string | undefined {
    for (const [d, t] of this.trust) if (t.anchor.length === der.length && t.anchor.every((x, i) => x === der[i])) return d;
    return undefined;
  }

  /** The CA of a provider of this deployment (a compromised provider's, for the adversary layer). */
  authority(domain: string): ProviderCertificateAuthority | undefined {
    return this.cas.get(domain);
  }
}
