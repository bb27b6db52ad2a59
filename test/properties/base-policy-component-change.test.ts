// base_room_policy and room_metadata are set at creation and change only by their AppDataUpdate (docs/rules.md
// R22, "Room-state changes"): a member's commit whose GroupContextExtensions proposal alters or drops either
// without one is refused by the hub (R13, as a change of another extension), on real MLS. With the hub's
// planted skipExternalSendersCheck the same commit goes through, so the check is what refuses it.
import { describe, expect, it } from "vitest";
import { groupContextExtensionsProposal, withRoomComponents, type RoomComponents } from "../../impl/mls/room-components.js";
import { roomIn, sendForgedCommit } from "../../properties/adversaries/forge-client-messages.js";
import { TraceRunner } from "../../properties/runner/run-trace.js";
import type { RunSetup } from "../../properties/runner/run-setup.js";
import { setupFor } from "./helpers.js";

const TIGHT: RunSetup["basePolicy"] = { fixedMembership: false, multiDevice: false, maxClients: 4 };

async function commitAltered(setup: RunSetup, alter: (room: RoomComponents) => RoomComponents): Promise<string> {
  const runner = await TraceRunner.start(setup);
  const impl = runner.impl;
  const state = impl.client("u0/d0").session(impl.roomId)!.state;
  const gce = groupContextExtensionsProposal(withRoomComponents(state.groupContext.extensions, alter(roomIn(state))));
  return sendForgedCommit(impl, "u0/d0", { proposals: [gce] });
}

describe("base_room_policy and room_metadata never change in a commit without their AppDataUpdate", () => {
  const setup = setupFor("same-commit/must-include", { basePolicy: TIGHT, compareWithModel: false });

  it("the room holds both components from creation", async () => {
    const runner = await TraceRunner.start(setup);
    const committed = runner.impl.system.hub.snapshot(runner.impl.roomId)!.committed;
    expect(committed.basePolicy).toMatchObject({ multiDevice: false, maxClients: 4, maxUsers: undefined, fixedMembership: false });
    expect(committed.metadata).toMatchObject({ roomUri: runner.impl.roomId, roomName: "property room" });
  });

  it.each([
    ["lifts multi_device", (r: RoomComponents) => ({ ...r, basePolicy: { ...r.basePolicy!, multiDevice: true } })],
    ["drops base_room_policy", (r: RoomComponents) => ({ ...r, basePolicy: undefined })],
    ["renames the room", (r: RoomComponents) => ({ ...r, metadata: { ...r.metadata!, roomName: "renamed" } })],
  ] as const)("a GCE that %s is refused; with skipExternalSendersCheck it is accepted", async (_what, alter) => {
    expect(await commitAltered(setup, alter)).toBe("notAllowed");
    expect(await commitAltered({ ...setup, hubFaults: { skipExternalSendersCheck: true } }, alter)).toBe("accepted");
  });
});
