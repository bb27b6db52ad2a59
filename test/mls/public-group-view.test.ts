// The hub's non-member view must follow the group exactly: after every commit its GroupContext equals
// every member's, and it refuses a GroupInfo that does not match what the commit produces.
import { describe, expect, it } from "vitest";
import {
  createCommit, createGroup, createGroupInfoWithExternalPub, decodeMlsMessage, encodeMlsMessage, generateKeyPackage,
  defaultLifetime, getCiphersuiteFromName, getCiphersuiteImpl, joinGroup, joinGroupExternal, emptyPskIndex,
  processMessage, acceptAll, createProposal, type ClientState, type MLSMessage, type CiphersuiteImpl,
} from "ts-mls";
import { encodeGroupContext } from "ts-mls/groupContext.js";
import { applyCommitToView, proposalRef, verifyPublicMessage, viewFromGroupInfo, PublicViewError, type PublicGroupView } from "../../impl/mls/public-group-view.js";
import { credentialFor } from "../../impl/mls/client-credential.js";
import { mimiCapabilities } from "../../impl/mls/member-capabilities.js";

const roundTrip = (m: MLSMessage) => decodeMlsMessage(encodeMlsMessage(m), 0)![0];

async function kp(cs: CiphersuiteImpl, client: string) {
  return generateKeyPackage(credentialFor(client), mimiCapabilities(), defaultLifetime, [], cs);
}

async function hubApply(view: PublicGroupView, commit: MLSMessage, newState: ClientState, cs: CiphersuiteImpl, known = {}) {
  const m = roundTrip(commit);
  if (m.wireformat !== "mls_public_message") throw new Error("not public");
  const content = await verifyPublicMessage(view, m.publicMessage, cs);
  const gi = await createGroupInfoWithExternalPub(newState, [], cs);
  return applyCommitToView(view, content as never, known, gi, cs);
}

describe("hub public view of the group (RFC 9420 §8.2 transcript, §7.8 tree hash)", () => {
  it("tracks adds, proposals by reference, external joins and removals exactly like members", async () => {
    const cs = await getCiphersuiteImpl(getCiphersuiteFromName("MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519"));
    const alice = await kp(cs, "mimi://a.example/d/alice/1");
    let a = await createGroup(new TextEncoder().encode("room"), alice.publicPackage, alice.privatePackage, [], cs);
    let view = await viewFromGroupInfo(await createGroupInfoWithExternalPub(a, [], cs), a.ratchetTree, cs);

    const bob = await kp(cs, "mimi://b.example/d/bob/1");
    const c1 = await createCommit({ state: a, cipherSuite: cs }, { wireAsPublicMessage: true, extraProposals: [{ proposalType: "add", add: { keyPackage: bob.publicPackage } }] });
    a = c1.newState;
    view = (await hubApply(view, c1.commit, a, cs)).view;
    expect(encodeGroupContext(view.groupContext)).toEqual(encodeGroupContext(a.groupContext));
    let b = await joinGroup(c1.welcome!, bob.publicPackage, bob.privatePackage, emptyPskIndex, cs, view.tree);

    // Bob proposes to remove himself; the hub records the proposal by its reference; Alice commits it.
    const p = await createProposal(b, true, { proposalType: "remove", remove: { removed: 1 } }, cs);
    const pm = roundTrip(p.message);
    if (pm.wireformat !== "mls_public_message") throw new Error("not public");
    const pc = await verifyPublicMessage(view, pm.publicMessage, cs);
    const ref = await proposalRef(pc, cs);
    a = (await processMessage(pm, a, emptyPskIndex, acceptAll, cs)).newState;
    const c2 = await createCommit({ state: a, cipherSuite: cs }, { wireAsPublicMessage: true });
    a = c2.newState;
    const { bytesToBase64 } = await import("ts-mls");
    view = (await hubApply(view, c2.commit, a, cs, { [bytesToBase64(ref)]: { proposal: { proposalType: "remove", remove: { removed: 1 } }, senderLeafIndex: 1 } })).view;
    expect(encodeGroupContext(view.groupContext)).toEqual(encodeGroupContext(a.groupContext));

    // A second device of Alice joins by external commit from the hub's GroupInfo and tree.
    const alice2 = await kp(cs, "mimi://a.example/d/alice/2");
    const ext = await joinGroupExternal(view.groupInfo, alice2.publicPackage, alice2.privatePackage, false, cs, view.tree);
    const extMsg: MLSMessage = { version: "mls10", wireformat: "mls_public_message", publicMessage: ext.publicMessage };
    view = (await hubApply(view, extMsg, ext.newState, cs)).view;
    a = (await processMessage(roundTrip(extMsg) as never, a, emptyPskIndex, acceptAll, cs)).newState;
    expect(encodeGroupContext(view.groupContext)).toEqual(encodeGroupContext(a.groupContext));
    expect(encodeGroupContext(view.groupContext)).toEqual(encodeGroupContext(ext.newState.groupContext));
    void b;
  });

  it("refuses a GroupInfo that does not match the commit", async () => {
    const cs = await getCiphersuiteImpl(getCiphersuiteFromName("MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519"));
    const alice = await kp(cs, "mimi://a.example/d/alice/1");
    const a = await createGroup(new TextEncoder().encode("room"), alice.publicPackage, alice.privatePackage, [], cs);
    const view = await viewFromGroupInfo(await createGroupInfoWithExternalPub(a, [], cs), a.ratchetTree, cs);
    const c1 = await createCommit({ state: a, cipherSuite: cs }, { wireAsPublicMessage: true });
    // Hand in the *old* epoch's GroupInfo instead of the new one.
    const m = roundTrip(c1.commit);
    if (m.wireformat !== "mls_public_message") throw new Error("not public");
    const content = await verifyPublicMessage(view, m.publicMessage, cs);
    await expect(applyCommitToView(view, content as never, {}, view.groupInfo, cs)).rejects.toBeInstanceOf(PublicViewError);
  });
});
