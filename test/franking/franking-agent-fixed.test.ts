// The room's franking agent (franking_signature_key, 0x0021) is set at creation and no commit changes it
// (protocol §5.4.1: its update is recommended only to add an agent, rotation is by ReInit): a member's
// commit whose GroupContextExtensions drop or replace it is refused by the hub (R13, other extensions),
// and the room keeps its agent.
import { createCommit, createGroupInfoWithExternalPub } from "ts-mls";
import { describe, expect, it } from "vitest";
import { groupContextExtensionsProposal, roomComponentsOf, withRoomComponents, type RoomComponents } from "../../impl/mls/room-components.js";
import { BOB, ROLE, ROOM, threeProviders } from "../flows/helpers.js";

describe("the franking agent cannot change in a commit", () => {
  const variants: [string, (room: RoomComponents) => RoomComponents][] = [
    ["dropped", ({ participants, roles }) => ({ participants, roles })],
    ["replaced by another key", (room) => ({ ...room, frankingAgent: { ...room.frankingAgent!, frankingSignatureKey: new Uint8Array(32).fill(9) } })],
  ];
  for (const [what, change] of variants) {
    it(`${what}: the hub refuses the commit (R13) and the room keeps its agent`, async () => {
      const { system, alice, bob } = await threeProviders();
      await alice.addParticipant(ROOM, BOB, ROLE.ordinaryUser, true);
      const access = alice.compromisedAccess();
      const state = access.session(ROOM)!.state;
      const room = roomComponentsOf(state.groupContext.extensions)!;
      expect(room.frankingAgent).toBeDefined();
      const gce = groupContextExtensionsProposal(withRoomComponents(state.groupContext.extensions, change(room)));
      const r = await createCommit({ state, cipherSuite: access.suite }, { wireAsPublicMessage: true, extraProposals: [gce], ratchetTreeExtension: false });
      const groupInfo = await createGroupInfoWithExternalPub(r.newState, [], access.suite);
      const outcome = await access.sendOwnCommit(ROOM, { kind: "commit", proposalOrCommit: r.commit, welcome: undefined, groupInfoOption: { representation: "full", groupInfo }, ratchetTreeOption: { representation: "full", ratchetTree: r.newState.ratchetTree } }, r.newState);
      expect(outcome.code).toBe("notAllowed");
      expect(system.hub.lastDecision).toMatchObject({ endpoint: "update", rule: "R13", reason: "this room allows no change to other GroupContext extensions" });
      expect(system.hub.snapshot(ROOM)!.committed.frankingAgent).toEqual(room.frankingAgent);
      expect(roomComponentsOf(bob.session(ROOM)!.state.groupContext.extensions)!.frankingAgent).toEqual(room.frankingAgent);
    });
  }
});
