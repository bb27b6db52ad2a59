// Flow 1 of draft-ietf-mimi-protocol §3 with the providers as HTTPS servers over mutual TLS: the requests
// between a.example (hub), b.example and c.example cross real loopback sockets, and the outcome is the
// in-process one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cipherSuite } from "../../impl/mls/crypto/suite.js";
import { MimiSystem } from "../../impl/system/mimi-system.js";
import { HttpsNetwork } from "../../impl/transport/https-network.js";
import { COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE, COOPERATIVE_ROLE } from "../../impl/room/fixtures/cooperatively-administered.js";

const ROOM = "mimi://a.example/r/clubhouse";
const DOMAINS = ["a.example", "b.example", "c.example"];

let https: HttpsNetwork;
beforeAll(async () => {
  https = await HttpsNetwork.start(DOMAINS);
});
afterAll(async () => {
  await https.close();
});

describe("flow 1 over HTTPS with mutual TLS", () => {
  it("Alice adds Bob, Bob adds Cathy, Cathy's message reaches every member; follower requests crossed sockets", async () => {
    const cs = await cipherSuite("node");
    const system = await MimiSystem.create({ hubDomain: "a.example", followerDomains: ["b.example", "c.example"], cs, https });
    const sockets: string[] = [];
    system.network.addObserver((to, request) => {
      if (request.from !== to) sockets.push(`${request.from}→${to} /${request.endpoint}`);
    });
    const alice = system.addClient("mimi://a.example/d/alice/phone");
    const bob = system.addClient("mimi://b.example/d/bob/phone");
    const cathy = system.addClient("mimi://c.example/d/cathy/laptop");
    await system.createRoom(ROOM, alice, COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE);
    expect(await alice.addParticipant(ROOM, "mimi://b.example/u/bob", COOPERATIVE_ROLE.ordinaryUser, true)).toMatchObject({ code: "success" });
    expect(await bob.addParticipant(ROOM, "mimi://c.example/u/cathy", COOPERATIVE_ROLE.ordinaryUser, true)).toMatchObject({ code: "success" });
    expect(await cathy.sendMessage(ROOM, "hello from c.example")).toMatchObject({ code: "accepted" });
    for (const c of [alice, bob]) expect(c.session(ROOM)!.received.map((m) => m.text)).toEqual(["hello from c.example"]);
    for (const c of [alice, bob, cathy]) expect(c.refusals).toEqual([]);
    expect(https.failures).toEqual([]);
    // Protocol §3.3: b.example's key-material request goes to the hub, which relays it to c.example.
    expect(sockets).toContain("b.example→a.example /keyMaterial");
    expect(sockets).toContain("b.example→a.example /update");
    expect(sockets).toContain("c.example→a.example /submitMessage");
    expect(sockets).toContain("a.example→b.example /notify");
    expect(sockets).toContain("a.example→c.example /notify");
  });
});
