// Credential validation, step by step (impl/identity/credential-validation.ts): each rule of RFC 9420
// §5.3.1 and of the project's trust model (docs/identity.md: a provider's CA vouches for its own domain
// only) refuses its own bad credential, and each planted switch lets exactly that credential through.
// The expected reasons are written from those rules, not read off the validator.
import { beforeAll, describe, expect, it } from "vitest";
import type { CiphersuiteImpl, Credential } from "ts-mls";
import { cipherSuite } from "../../impl/mls/crypto/suite.js";
import { DeploymentCredentials, authorityOf } from "../../impl/identity/credential-authorities.js";
import { selfSignedCredential } from "../../impl/identity/provider-ca.js";
import type { CredentialCheckFaults } from "../../impl/identity/credential-validation.js";
import { clientUriOfCredential, credentialFor } from "../../impl/mls/client-credential.js";

const NOW = 1_700_000_000n;
const BOB = "mimi://b.example/d/bob/phone";
const CATHY = "mimi://c.example/d/cathy/laptop";

let cs: CiphersuiteImpl;
let deployment: DeploymentCredentials;
let bobKeys: { publicKey: Uint8Array; signKey: Uint8Array };
let otherKeys: { publicKey: Uint8Array; signKey: Uint8Array };
let bob: Credential;

const validator = (faults: CredentialCheckFaults = {}, cache = true) => deployment.validator(() => NOW, faults, cache);

beforeAll(async () => {
  cs = await cipherSuite("node");
  deployment = await DeploymentCredentials.create("x509", ["a.example", "b.example", "c.example"]);
  bobKeys = await cs.signature.keygen();
  otherKeys = await cs.signature.keygen();
  bob = await deployment.issuer(BOB, bobKeys.publicKey);
});

describe("an x509 credential issued by the client's own provider", () => {
  it("is a chain of two DER certificates, leaf first, naming the client URI; it validates", async () => {
    expect(bob.credentialType).toBe("x509");
    expect(bob.credentialType === "x509" && bob.certificates.length).toBe(2);
    expect(clientUriOfCredential(bob)).toBe(BOB);
    expect(await validator().refusal(bob, bobKeys.publicKey)).toBeUndefined();
  });

  it("the hub's credential names its provider URI and validates the same way", async () => {
    const hubKeys = await cs.signature.keygen();
    const hub = await deployment.issuer("mimi://a.example", hubKeys.publicKey);
    expect(clientUriOfCredential(hub)).toBe("mimi://a.example");
    expect(await validator().refusal(hub, hubKeys.publicKey)).toBeUndefined();
  });
});

describe("each bad credential is refused by its own step, and let through when that step is switched off", () => {
  it("a credential of type basic where X.509 ones are required", async () => {
    expect(await validator().refusal(credentialFor(BOB), bobKeys.publicKey)).toBe("a credential of type basic where X.509 ones are required");
  });

  it("key: the certificate binds another key than the leaf's", async () => {
    expect(await validator().refusal(bob, otherKeys.publicKey)).toBe(`the certificate for ${BOB} binds another key than the leaf's signature key`);
    expect(await validator({ skipCredentialKeyBinding: true }).refusal(bob, otherKeys.publicKey)).toBeUndefined();
  });

  it("domain: b.example's CA certifies a client of c.example (the chain itself verifies under b.example)", async () => {
    const ca = await authorityOf("b.example");
    const forged = await ca.credential({ subject: CATHY, signaturePublicKey: otherKeys.publicKey });
    expect(await validator().refusal(forged, otherKeys.publicKey)).toBe(`${CATHY} is certified by b.example, not by its own provider c.example`);
    expect(await validator({ skipCredentialDomain: true }).refusal(forged, otherKeys.publicKey)).toBeUndefined();
  });

  it("validity: expired at the party's time, and not yet valid", async () => {
    const ca = await authorityOf("b.example");
    const expired = await ca.credential({ subject: BOB, signaturePublicKey: bobKeys.publicKey, notBefore: NOW - 1000n, notAfter: NOW - 1n });
    expect(await validator().refusal(expired, bobKeys.publicKey)).toMatch(/^the certificate CN=mimi:\/\/b\.example\/d\/bob\/phone is not valid at 1700000000 \(valid 1699999000–1699999999\)$/);
    expect(await validator({ skipCredentialExpiry: true }).refusal(expired, bobKeys.publicKey)).toBeUndefined();
    const early = await ca.credential({ subject: BOB, signaturePublicKey: bobKeys.publicKey, notBefore: NOW + 1n, notAfter: NOW + 1000n });
    expect(await validator().refusal(early, bobKeys.publicKey)).toContain("is not valid at 1700000000");
  });

  it("chain: a self-signed certificate ends at no trust anchor", async () => {
    const self = await selfSignedCredential(BOB, otherKeys);
    expect(clientUriOfCredential(self)).toBe(BOB);
    expect(await validator().refusal(self, otherKeys.publicKey)).toBe(`the chain for ${BOB} ends at no trust anchor (CN=${BOB})`);
    expect(await validator({ skipCredentialChain: true }).refusal(self, otherKeys.publicKey)).toBeUndefined();
  });

  it("chain: a leaf whose signature was altered does not verify under its issuer", async () => {
    if (bob.credentialType !== "x509") throw new Error("x509 expected");
    const leaf = Uint8Array.from(bob.certificates[0]!);
    leaf[leaf.length - 1]! ^= 1; // the last byte of the signature value
    const altered: Credential = { credentialType: "x509", certificates: [leaf, bob.certificates[1]!] };
    expect(await validator().refusal(altered, bobKeys.publicKey)).toBe(`the signature on CN=${BOB} does not verify`);
  });

  it("chain: a CA no party is configured with (another deployment's provider) is no anchor", async () => {
    const stranger = await authorityOf("d.example");
    const foreign = await stranger.credential({ subject: "mimi://d.example/d/dan/phone", signaturePublicKey: otherKeys.publicKey });
    expect(await validator().refusal(foreign, otherKeys.publicKey)).toBe("the chain for mimi://d.example/d/dan/phone ends at no trust anchor (CN=d.example, O=MIMI provider CA)");
  });

  it("revocation: once b.example revokes it, every party refuses it at once (the cache included)", async () => {
    const keys = await cs.signature.keygen();
    const credential = await deployment.issuer("mimi://b.example/d/bob/tablet", keys.publicKey);
    const v = validator();
    expect(await v.refusal(credential, keys.publicKey)).toBeUndefined();
    deployment.revoke(credential);
    expect(await v.refusal(credential, keys.publicKey)).toMatch(/^the certificate CN=mimi:\/\/b\.example\/d\/bob\/tablet \(serial [0-9a-f]+\) is revoked by b\.example$/);
    expect(await validator({ skipCredentialRevocation: true }).refusal(credential, keys.publicKey)).toBeUndefined();
    // The others' credentials are unaffected.
    expect(await v.refusal(bob, bobKeys.publicKey)).toBeUndefined();
  });
});

describe("the cache", () => {
  it("answers a chain met again at the same time without validating it again; without the cache every meeting validates", async () => {
    const cached = validator();
    for (let i = 0; i < 5; i++) expect(await cached.refusal(bob, bobKeys.publicKey)).toBeUndefined();
    expect(cached.counts).toEqual({ full: 1, cached: 4 });
    const uncached = validator({}, false);
    for (let i = 0; i < 5; i++) expect(await uncached.refusal(bob, bobKeys.publicKey)).toBeUndefined();
    expect(uncached.counts).toEqual({ full: 5, cached: 0 });
  });

  it("keys verdicts by time: the same chain judged later, after expiry, is refused", async () => {
    const ca = await authorityOf("b.example");
    const short = await ca.credential({ subject: BOB, signaturePublicKey: bobKeys.publicKey, notBefore: NOW - 10n, notAfter: NOW + 10n });
    let now = NOW;
    const v = deployment.validator(() => now);
    expect(await v.refusal(short, bobKeys.publicKey)).toBeUndefined();
    now = NOW + 11n;
    expect(await v.refusal(short, bobKeys.publicKey)).toContain("is not valid at 1700000011");
  });
});

describe("basic mode (insecure)", () => {
  it("accepts a basic credential naming a mimi URI, whatever key it comes with, and refuses x509 ones", async () => {
    const basic = await DeploymentCredentials.create("basic", ["a.example", "b.example"]);
    const v = basic.validator(() => NOW);
    expect(await v.refusal(credentialFor(BOB), otherKeys.publicKey)).toBeUndefined();
    expect(await v.refusal(bob, bobKeys.publicKey)).toBe("a credential of type x509 where basic ones are used");
  });
});
