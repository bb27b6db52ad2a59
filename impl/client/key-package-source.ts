// Where a client's KeyPackages come from: fresh generation (the default), or a pool that makes each
// one once and hands the same sequence to every deployment that asks (property runs build hundreds of
// deployments with the same client names). A pooled KeyPackage's private keys are reused across those
// deployments, never within one: acceptable for independent test deployments, never for real use.
import { defaultLifetime, generateKeyPackageWithKey, type CiphersuiteImpl, type KeyPackage, type PrivateKeyPackage } from "ts-mls";
import { basicCredentials, type CredentialIssuer } from "../mls/client-credential.js";
import { mimiCapabilities } from "../mls/member-capabilities.js";

export interface OwnKeyPackage {
  publicPackage: KeyPackage;
  privatePackage: PrivateKeyPackage;
}

/** The next KeyPackage for a client. */
export type KeyPackageSource = (clientUri: string) => Promise<OwnKeyPackage>;

/** Fresh KeyPackages: a new signature key each, with the credential `issuer` makes for it (the client's
 * provider's certificate under x509). */
export function freshKeyPackages(cs: CiphersuiteImpl, issuer: CredentialIssuer = basicCredentials): KeyPackageSource {
  return async (clientUri) => {
    const keys = await cs.signature.keygen();
    return generateKeyPackageWithKey(await issuer(clientUri, keys.publicKey), mimiCapabilities(), defaultLifetime, [], keys, cs);
  };
}

export class KeyPackagePool {
  private readonly made = new Map<string, Promise<OwnKeyPackage>[]>();

  constructor(
    private readonly cs: CiphersuiteImpl,
    private readonly issuer: CredentialIssuer = basicCredentials,
  ) {}

  /** How many KeyPackages the pool holds (all clients). */
  get size(): number {
    return [...this.made.values()].reduce((n, list) => n + list.length, 0);
  }

  /** A source for one deployment: a client's i-th request gets the pool's i-th KeyPackage for it, made on first need. */
  lease(): KeyPackageSource {
    const taken = new Map<string, number>();
    const fresh = freshKeyPackages(this.cs, this.issuer);
    return (clientUri) => {
      const i = taken.get(clientUri) ?? 0;
      taken.set(clientUri, i + 1);
      const list = this.made.get(clientUri) ?? [];
      this.made.set(clientUri, list);
      while (list.length <= i) list.push(fresh(clientUri));
      return list[i]!;
    };
  }
}
