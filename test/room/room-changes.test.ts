// R22, changes of the room's own state, in the room brick the hub and every client run. Expected verdicts
// are the drafts': "RoomMetaUpdate replaces the whole value; at most one per commit" and each changed field
// needs its canChangeRoom* capability (protocol §7.6, room-policy §8.2), room_uri having none;
// canChangeRoomMembershipStyle changes base_room_policy (§8.6), and a policy must hold for the room (§5:
// multi_device false means at most one client per user). Appendix A.1: ordinary_user holds
// canChangeRoomName, Avatar, Subject and Mood; group_admin adds canChangeRoomDescription; super_admin adds
// canChangeRoomMembershipStyle.
import { describe, expect, it } from "vitest";
import { PERMISSIVE_BASE_ROOM_POLICY, type BaseRoomPolicy } from "../../impl/codec/base-room-policy.js";
import type { RoomMetaData } from "../../impl/codec/room-metadata.js";
import { checkCommit } from "../../impl/room/commit-check.js";
import type { Actor, CommitItem } from "../../impl/room/commit-item.js";
import { checkProposalBundle } from "../../impl/room/proposal-bundle-check.js";
import type { RoomState } from "../../impl/room/room-state.js";
import { ALICE, BOB, client, context, cooperativeRoom, COOPERATIVE_MEMBERS, memberActor } from "./helpers.js";

const META: RoomMetaData = { roomUri: "mimi://a.example/r/room", roomName: "room", roomDescriptions: [], roomAvatar: "", roomSubject: "", roomMood: "" };
const ROOM: RoomState = { ...cooperativeRoom(), metadata: META, basePolicy: PERMISSIVE_BASE_ROOM_POLICY };
const alice = memberActor(client("alice"));
const bob = memberActor(client("bob"));

type Gce = Extract<CommitItem, { kind: "groupContextExtensions" }>;
const gce = (room: RoomState, proposer: Actor, parts: Partial<Gce> = {}): Gce => ({
  kind: "groupContextExtensions", participantList: room.participants, roles: room.roles, metadata: room.metadata, basePolicy: room.basePolicy, otherExtensionsChanged: false, proposer, ...parts,
});
const metaItem = (proposer: Actor, metadata: RoomMetaData): CommitItem => ({ kind: "metadataUpdate", metadata, proposer, byReference: false });
const policyItem = (proposer: Actor, basePolicy: BaseRoomPolicy): CommitItem => ({ kind: "basePolicyUpdate", basePolicy, proposer, byReference: false });
/** An honest commit by `proposer` of a new metadata value: its AppDataUpdate and the GCE carrying it. */
const renameCommit = (room: RoomState, proposer: Actor, metadata: RoomMetaData) => ({ committer: proposer, items: [metaItem(proposer, metadata), gce(room, proposer, { metadata })] });
const policyCommit = (room: RoomState, proposer: Actor, basePolicy: BaseRoomPolicy) => ({ committer: proposer, items: [policyItem(proposer, basePolicy), gce(room, proposer, { basePolicy })] });
const ctx = (room = ROOM) => context(room, COOPERATIVE_MEMBERS);

describe("R22 room_metadata", () => {
  it("an ordinary_user renames the room; its description needs canChangeRoomDescription, which group_admin holds", () => {
    expect(checkCommit(ctx(), renameCommit(ROOM, bob, { ...META, roomName: "renamed", roomSubject: "s" }))).toMatchObject({ ok: true });
    const described = { ...META, roomDescriptions: [{ mediaType: "", languageTag: "en", descriptionContent: new Uint8Array([104, 105]) }] };
    expect(checkCommit(ctx(), renameCommit(ROOM, bob, described))).toMatchObject({ ok: false, code: "notAllowed", rule: "R22", reason: expect.stringMatching(/^missingCanChangeRoomDescription/) });
    expect(checkCommit(ctx(), renameCommit(ROOM, alice, described))).toMatchObject({ ok: true });
  });

  it("room_uri changes for nobody; two RoomMetaUpdates in one commit are malformed", () => {
    expect(checkCommit(ctx(), renameCommit(ROOM, alice, { ...META, roomUri: "mimi://a.example/r/other" }))).toMatchObject({ ok: false, code: "invalidProposal", rule: "R22" });
    const renamed = { ...META, roomName: "renamed" };
    expect(checkCommit(ctx(), { committer: alice, items: [metaItem(alice, renamed), metaItem(alice, renamed), gce(ROOM, alice, { metadata: renamed })] })).toMatchObject({ ok: false, code: "invalidProposal", rule: "R22" });
  });

  it("the GCE carries exactly the update's value: none without it, another, or a change without an update, are refused", () => {
    const renamed = { ...META, roomName: "renamed" };
    expect(checkCommit(ctx(), { committer: alice, items: [metaItem(alice, renamed)] })).toMatchObject({ ok: false, code: "invalidProposal", rule: "R13" });
    expect(checkCommit(ctx(), { committer: alice, items: [metaItem(alice, renamed), gce(ROOM, alice)] })).toMatchObject({ ok: false, code: "invalidProposal", rule: "R13" });
    expect(checkCommit(ctx(), { committer: alice, items: [gce(ROOM, alice, { metadata: renamed })] })).toMatchObject({ ok: false, code: "notAllowed", rule: "R13" });
  });

  it("is never a standalone proposal (it changes only by value, in a commit)", () => {
    const verdict = checkProposalBundle(ctx(), bob, [metaItem(bob, { ...META, roomName: "renamed" })]);
    expect(verdict).toMatchObject({ ok: false, code: "notAllowed", rule: "R22" });
  });

  it("the planted skip (roomChange) lets a description through from an ordinary_user", () => {
    const described = { ...META, roomDescriptions: [{ mediaType: "", languageTag: "en", descriptionContent: new Uint8Array([104]) }] };
    expect(checkCommit({ ...ctx(), skip: new Set(["roomChange"]) }, renameCommit(ROOM, bob, described))).toMatchObject({ ok: true });
  });
});

describe("R22 base_room_policy", () => {
  const asSuperAdmin: RoomState = { ...ROOM, participants: { participants: ROOM.participants.participants.map((p) => (p.user === ALICE ? { ...p, roleIndex: 4 } : p)) } };

  it("needs canChangeRoomMembershipStyle: group_admin lacks it, super_admin holds it", () => {
    const capped = { ...PERMISSIVE_BASE_ROOM_POLICY, maxUsers: 10 };
    expect(checkCommit(ctx(), policyCommit(ROOM, alice, capped))).toMatchObject({ ok: false, code: "notAllowed", rule: "R22", reason: expect.stringMatching(/^missingCanChangeRoomMembershipStyle/) });
    expect(checkCommit(ctx(asSuperAdmin), policyCommit(asSuperAdmin, alice, capped))).toMatchObject({ ok: true });
  });

  it("must hold for the room: multi_device false while alice has two clients, max_users below the list, fixed_membership beside adders", () => {
    expect(checkCommit(ctx(asSuperAdmin), policyCommit(asSuperAdmin, alice, { ...PERMISSIVE_BASE_ROOM_POLICY, multiDevice: false }))).toMatchObject({ ok: false, code: "notAllowed", rule: "R22", reason: expect.stringMatching(/^multiDevice/) });
    expect(checkCommit(ctx(asSuperAdmin), policyCommit(asSuperAdmin, alice, { ...PERMISSIVE_BASE_ROOM_POLICY, maxUsers: 3 }))).toMatchObject({ ok: false, code: "notAllowed", rule: "R22", reason: expect.stringMatching(/^maxUsers/) });
    expect(checkCommit(ctx(asSuperAdmin), policyCommit(asSuperAdmin, alice, { ...PERMISSIVE_BASE_ROOM_POLICY, fixedMembership: true }))).toMatchObject({ ok: false, code: "invalidProposal", rule: "R22", reason: expect.stringMatching(/^fixedMembershipAdder/) });
  });

  it("a GCE that drops or alters the policy without its update is refused", () => {
    expect(checkCommit(ctx(), { committer: alice, items: [gce(ROOM, alice, { basePolicy: undefined })] })).toMatchObject({ ok: false, code: "notAllowed", rule: "R13" });
  });
});
