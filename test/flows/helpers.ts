// A three-provider deployment for the end-to-end flows: a.example hosts the hub, b.example and c.example follow.
import { cipherSuite } from "../../impl/mls/crypto/suite.js";
import { MimiSystem } from "../../impl/system/mimi-system.js";
import { COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE, COOPERATIVE_ROLE } from "../../impl/room/fixtures/cooperatively-administered.js";
import type { HubConfig } from "../../impl/hub/hub-config.js";
import type { ClientFaults } from "../../impl/client/client-faults.js";

export const ROOM = "mimi://a.example/r/clubhouse";
export const ALICE = "mimi://a.example/u/alice";
export const BOB = "mimi://b.example/u/bob";
export const CATHY = "mimi://c.example/u/cathy";
export const ROLE = COOPERATIVE_ROLE;

/** `aliceFaults`: planted defects in Alice's client (the room's creator and first admin). */
export async function threeProviders(hubConfig?: HubConfig, aliceFaults?: ClientFaults) {
  const cs = await cipherSuite(process.env.MIMI_PROVIDER === "default" ? "default" : "node");
  const system = await MimiSystem.create({ hubDomain: "a.example", followerDomains: ["b.example", "c.example"], cs, hubConfig });
  const alice = system.addClient("mimi://a.example/d/alice/phone", undefined, undefined, aliceFaults);
  const bob = system.addClient("mimi://b.example/d/bob/phone");
  const cathy = system.addClient("mimi://c.example/d/cathy/laptop");
  await system.createRoom(ROOM, alice, COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE);
  return { system, alice, bob, cathy };
}

/** Every member client and the hub agree on epoch, tree, and room state. */
export function agreement(system: MimiSystem) {
  const hub = system.hub.snapshot(ROOM)!;
  const views = system.allClients().flatMap((c) => {
    const v = c.roomView(ROOM);
    return v === undefined ? [] : [{ client: c.uri, ...v }];
  });
  return { hub, views };
}
