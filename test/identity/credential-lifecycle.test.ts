// Revocation and expiry on a three-provider deployment under x509 credentials (docs/identity.md):
// a revoked or expired credential cannot join, by Add (its KeyPackage is not relayed: /keyMaterial 424)
// nor by external commit (its GroupInfo request is refused: notAuthorized); a member whose certificate
// expires stays, but cannot commit under it and a joiner refuses the tree holding it, until it renews its
// credential with an UpdatePath (RFC 9420 §5.3.1).
import { describe, expect, it } from "vitest";
import { defaultLifetime, generateKeyPackageWithKey, type Credential } from "ts-mls";
import type { KeyPackageSource } from "../../impl/client/key-package-source.js";
import { authorityOf } from "../../impl/identity/credential-authorities.js";
import { mimiCapabilities } from "../../impl/mls/member-capabilities.js";
import { cipherSuite } from "../../impl/mls/crypto/suite.js";
import { COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE, COOPERATIVE_ROLE } from "../../impl/room/fixtures/cooperatively-administered.js";
import { MimiSystem } from "../../impl/system/mimi-system.js";

const ROOM = "mimi://a.example/r/clubhouse";
const BOB = "mimi://b.example/u/bob";
const BOB_PHONE = "mimi://b.example/d/bob/phone";
const BOB_LAPTOP = "mimi://b.example/d/bob/laptop";
const CATHY = "mimi://c.example/u/cathy";

async function deployment() {
  const cs = await cipherSuite("node");
  const system = await MimiSystem.create({ hubDomain: "a.example", followerDomains: ["b.example", "c.example"], cs, credentials: "x509" });
  const statuses: { endpoint: string; status: number }[] = [];
  system.network.addObserver((_to, request) => (response) => void statuses.push({ endpoint: request.endpoint, status: response.status }));
  const alice = system.addClient("mimi://a.example/d/alice/phone");
  await system.createRoom(ROOM, alice, COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE);
  return { cs, system, alice, statuses };
}

/** KeyPackages that all carry one credential for one signature key (one certificate per device). */
async function oneCertificate(cs: Awaited<ReturnType<typeof cipherSuite>>, credentialFor: (key: Uint8Array) => Promise<Credential>): Promise<{ source: KeyPackageSource; credential: Credential }> {
  const keys = await cs.signature.keygen();
  const credential = await credentialFor(keys.publicKey);
  return { credential, source: () => generateKeyPackageWithKey(credential, mimiCapabilities(), defaultLifetime, [], keys, cs) };
}

describe("a revoked or expired credential cannot join", () => {
  const kinds = [
    { kind: "revoked", make: async (system: MimiSystem, key: Uint8Array, uri: string) => {
      const credential = await system.credentials.issuer(uri, key);
      system.credentials.revoke(credential);
      return credential;
    }, reason: /is revoked by b\.example$/ },
    { kind: "expired", make: async (system: MimiSystem, key: Uint8Array, uri: string) => {
      const now = system.credentialTime();
      return (await authorityOf("b.example")).credential({ subject: uri, signaturePublicKey: key, notBefore: now - 100n, notAfter: now - 1n });
    }, reason: /is not valid at \d+/ },
  ];

  it.each(kinds)("$kind: by Add — the hub does not relay its KeyPackage (424) and Bob is listed without a client", async ({ make }) => {
    const { cs, system, alice, statuses } = await deployment();
    const { source } = await oneCertificate(cs, (key) => make(system, key, BOB_PHONE));
    const bob = system.addClient(BOB_PHONE, undefined, source);
    const outcome = await alice.addParticipant(ROOM, BOB, COOPERATIVE_ROLE.ordinaryUser, true);
    expect(statuses.filter((s) => s.endpoint === "keyMaterial").map((s) => s.status)).toContain(424);
    expect(outcome.code).toBe("success");
    expect(bob.session(ROOM)).toBeUndefined();
    expect(system.hub.snapshot(ROOM)!.members).toEqual(["mimi://a.example/d/alice/phone"]);
  });

  it.each(kinds)("$kind: by external commit — its GroupInfo request is refused (notAuthorized, H23) and nothing changes", async ({ make, reason }) => {
    const { cs, system, alice } = await deployment();
    system.addClient(BOB_PHONE);
    expect((await alice.addParticipant(ROOM, BOB, COOPERATIVE_ROLE.ordinaryUser, true)).code).toBe("success");
    const { source } = await oneCertificate(cs, (key) => make(system, key, BOB_LAPTOP));
    const laptop = system.addClient(BOB_LAPTOP, undefined, source);
    const before = system.hub.snapshot(ROOM)!;
    const outcome = await laptop.joinByExternalCommit(ROOM);
    expect(outcome).toMatchObject({ code: "notAllowed", description: "groupInfo: notAuthorized" });
    expect(system.hub.lastDecision).toMatchObject({ endpoint: "groupInfo", code: "notAuthorized", rule: "H23" });
    expect(system.hub.lastDecision?.reason).toMatch(reason);
    expect(system.hub.snapshot(ROOM)).toEqual(before);
  });
});

describe("a member whose certificate expires", () => {
  it("stays, but its self-update under the expired certificate is refused and a joiner refuses the tree; once it renews its credential, both work", async () => {
    const { cs, system, alice } = await deployment();
    const now = system.credentialTime();
    const { source } = await oneCertificate(cs, async (key) => (await authorityOf("b.example")).credential({ subject: BOB_PHONE, signaturePublicKey: key, notBefore: now - 100n, notAfter: now + 100n }));
    const bob = system.addClient(BOB_PHONE, undefined, source);
    const cathy = system.addClient("mimi://c.example/d/cathy/laptop");
    expect((await alice.addParticipant(ROOM, BOB, COOPERATIVE_ROLE.ordinaryUser, true)).code).toBe("success");
    expect(bob.session(ROOM)).toBeDefined();

    system.advanceCredentialTime(200n);
    // Its leaf is still there; a commit whose new leaf carries the expired certificate is refused.
    expect(system.hub.snapshot(ROOM)!.members).toContain(BOB_PHONE);
    const stale = await bob.selfUpdate(ROOM);
    expect(stale.code).toBe("notAllowed");
    expect(system.hub.lastDecision?.reason).toMatch(/credential of the committer's new leaf invalid: the certificate CN=mimi:\/\/b\.example\/d\/bob\/phone is not valid at/);
    // A joiner validates every leaf of the tree it is given (ts-mls's authentication service) and refuses it.
    expect((await alice.addParticipant(ROOM, CATHY, COOPERATIVE_ROLE.ordinaryUser, true)).code).toBe("success");
    expect(cathy.session(ROOM)).toBeUndefined();
    expect(cathy.refusals.at(-1)).toMatchObject({ what: "welcome", rule: "MLS" });

    // Renewal: a fresh certificate from Bob's provider for the same key, in an UpdatePath.
    expect((await bob.renewCredential(ROOM)).code).toBe("success");
    const epoch = system.hub.snapshot(ROOM)!.epoch;
    for (const c of [alice, bob]) expect(c.roomView(ROOM)?.epoch).toBe(epoch);
    const cathyPhone = system.addClient("mimi://c.example/d/cathy/phone");
    expect((await cathyPhone.joinByExternalCommit(ROOM)).code).toBe("success");
    expect(cathyPhone.roomView(ROOM)?.epoch).toBe(system.hub.snapshot(ROOM)!.epoch);
  });
});
