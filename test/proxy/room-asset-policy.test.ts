// The room's asset_policy (room-policy §6–§7, 0x002C) as the room carries it and the hub's /proxyDownload
// reads it: set at creation from the deployment, the same at the hub and every member, and no commit may
// change it (no capability of the registry allows it; R13 refuses a GroupContextExtensions that alters it).
// The proxy, configured with no origin at all, fetches what the room allows for a provider with a
// participant in it, and nothing for one without; the planted ignoreAssetPolicy and configuredAssetsOnly
// show what these expectations catch.
import { createCommit, createGroupInfoWithExternalPub } from "ts-mls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AssetPolicyData } from "../../impl/codec/asset-policy.js";
import { defaultHubConfig, type HubFaults } from "../../impl/hub/hub-config.js";
import { cipherSuite } from "../../impl/mls/crypto/suite.js";
import { groupContextExtensionsProposal, roomComponentsOf, withRoomComponents, type RoomComponents } from "../../impl/mls/room-components.js";
import { DownloadProxy } from "../../impl/proxy/download-proxy.js";
import { COOPERATIVE_CREATOR_ROLE, COOPERATIVELY_ADMINISTERED_ROLES } from "../../impl/room/fixtures/cooperatively-administered.js";
import { MimiSystem } from "../../impl/system/mimi-system.js";
import { EMPTY } from "../../impl/transport/mimi-request.js";
import { BOB, ROLE, ROOM } from "../flows/helpers.js";
import { ASSET, SECRET, startAssetServer, type AssetServer } from "./asset-server.js";

let server: AssetServer;
beforeAll(async () => {
  server = await startAssetServer(8192);
});
afterAll(() => server.close());

const policyFor = (port: number): AssetPolicyData => ({
  uploadLocation: "localProvider",
  uploadDomains: [
    { provider: "a.example", origin: `http://assets.a.example:${port}` },
    { provider: "b.example", origin: `http://assets.b.example:${port}` },
  ],
  allowedDownloadPrivacy: ["hubProxy"],
  forbiddenDownloadPrivacy: ["direct"],
  defaultDownloadPrivacy: "hubProxy",
  maxSize: 4096n,
  permittedMediaTypes: [],
  forbiddenMediaTypes: [],
});

/** Alice (a.example, the hub's) creates a room carrying the asset_policy and adds Bob (b.example); Cathy's
 * provider, c.example, has nobody in it. The proxy is configured with no origin. */
async function deployment(faults: HubFaults = {}) {
  const cs = await cipherSuite("node");
  const proxy = new DownloadProxy({ policy: new Map(), hosts: new Map([["assets.a.example", "127.0.0.1"], ["assets.b.example", "127.0.0.1"], ["internal.test", "127.0.0.1"]]), timeoutMs: 500 });
  const system = await MimiSystem.create({ hubDomain: "a.example", followerDomains: ["b.example", "c.example"], cs, hubConfig: { ...defaultHubConfig, faults, downloadProxy: proxy } });
  system.roomAssetPolicy = policyFor(server.port);
  const alice = system.addClient("mimi://a.example/d/alice/phone");
  const bob = system.addClient("mimi://b.example/d/bob/phone");
  expect(await system.createRoom(ROOM, alice, COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE)).toBeUndefined();
  expect(await alice.addParticipant(ROOM, BOB, ROLE.ordinaryUser, true)).toMatchObject({ code: "success" });
  return { system, alice, bob, proxy };
}

describe("the room carries its asset_policy", () => {
  it("set at creation, the same at the hub and at every member", async () => {
    const { system, alice, bob } = await deployment();
    const expected = policyFor(server.port);
    expect(system.hub.snapshot(ROOM)!.committed.assetPolicy).toEqual(expected);
    for (const c of [alice, bob]) expect(roomComponentsOf(c.session(ROOM)!.state.groupContext.extensions)!.assetPolicy).toEqual(expected);
  });

  const changes: [string, (room: RoomComponents) => RoomComponents][] = [
    ["dropped", ({ assetPolicy: _dropped, ...rest }) => rest],
    ["pointed at another storage", (room) => ({ ...room, assetPolicy: { ...room.assetPolicy!, uploadDomains: [{ provider: "a.example", origin: "http://internal.test" }] } })],
  ];
  for (const [what, change] of changes) {
    it(`${what} in a member's commit: the hub refuses it (R13) and the room keeps its policy`, async () => {
      const { system, alice, bob } = await deployment();
      const access = alice.compromisedAccess();
      const state = access.session(ROOM)!.state;
      const room = roomComponentsOf(state.groupContext.extensions)!;
      const gce = groupContextExtensionsProposal(withRoomComponents(state.groupContext.extensions, change(room)));
      const r = await createCommit({ state, cipherSuite: access.suite }, { wireAsPublicMessage: true, extraProposals: [gce], ratchetTreeExtension: false });
      const groupInfo = await createGroupInfoWithExternalPub(r.newState, [], access.suite);
      const outcome = await access.sendOwnCommit(ROOM, { kind: "commit", proposalOrCommit: r.commit, welcome: undefined, groupInfoOption: { representation: "full", groupInfo }, ratchetTreeOption: { representation: "full", ratchetTree: r.newState.ratchetTree } }, r.newState);
      expect(outcome.code).toBe("notAllowed");
      expect(system.hub.lastDecision).toMatchObject({ endpoint: "update", rule: "R13" });
      expect(system.hub.snapshot(ROOM)!.committed.assetPolicy).toEqual(policyFor(server.port));
      expect(roomComponentsOf(bob.session(ROOM)!.state.groupContext.extensions)!.assetPolicy).toEqual(policyFor(server.port));
    });
  }
});

describe("/proxyDownload reads the rooms' asset_policy", () => {
  it("fetches the room's storage for a provider with a participant in it; nothing for one without, nor outside the policy", async () => {
    const { system, proxy } = await deployment();
    const asset = `http://assets.b.example:${server.port}/asset`;
    expect(await system.provider("a.example").proxyDownload(ROOM, asset)).toEqual({ status: 200, body: ASSET });
    expect(await system.provider("b.example").proxyDownload(ROOM, asset)).toEqual({ status: 200, body: ASSET });
    // c.example has nobody in any room: the hub's own configuration, empty here, is all it may use.
    expect(await system.provider("c.example").proxyDownload(ROOM, asset)).toEqual({ status: 403, body: EMPTY });
    expect(await system.provider("b.example").proxyDownload(ROOM, `http://internal.test:${server.port}/secret`)).toEqual({ status: 403, body: EMPTY });
    // The room's max_size (4096 octets), under the proxy's own limit (16 MiB), bounds the answer.
    expect(await system.provider("b.example").proxyDownload(ROOM, `http://assets.b.example:${server.port}/big`)).toEqual({ status: 502, body: EMPTY });
    expect(proxy.fetches.map((f) => f.outcome)).toEqual(["ok", "ok", "tooLarge"]);
  });

  it("planted ignoreAssetPolicy: a host no policy names is fetched (the strict reading still refuses an address)", async () => {
    const { system, proxy } = await deployment({ ignoreAssetPolicy: true });
    expect(await system.provider("b.example").proxyDownload(ROOM, `http://internal.test:${server.port}/secret`)).toEqual({ status: 200, body: SECRET });
    expect(await system.provider("b.example").proxyDownload(ROOM, `http://127.0.0.1:${server.port}/secret`)).toEqual({ status: 403, body: EMPTY });
    expect(proxy.fetches).toHaveLength(1);
  });

  it("planted configuredAssetsOnly: what the room allows is refused", async () => {
    const { system } = await deployment({ configuredAssetsOnly: true });
    expect(await system.provider("b.example").proxyDownload(ROOM, `http://assets.b.example:${server.port}/asset`)).toEqual({ status: 403, body: EMPTY });
  });
});
