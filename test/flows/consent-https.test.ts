// The consent and identifier-query endpoints over HTTPS with mutual TLS (impl/transport/https-*): the
// same provider-to-provider requests as in-process, each on its own path (§5.7–5.8), with `From` bound
// to the sender's certificate. A revoke reaches the requester's provider, the fetch that follows is
// refused for this room, a request is recorded at the target's provider, and a query is answered.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cipherSuite } from "../../impl/mls/crypto/suite.js";
import { MimiSystem } from "../../impl/system/mimi-system.js";
import { HttpsNetwork } from "../../impl/transport/https-network.js";
import { decodeKeyMaterialResponse } from "../../impl/codec/key-material-response.js";
import { COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE, COOPERATIVE_ROLE } from "../../impl/room/fixtures/cooperatively-administered.js";

const ROOM = "mimi://a.example/r/clubhouse";
const ALICE = "mimi://a.example/u/alice";
const BOB = "mimi://b.example/u/bob";

let net: HttpsNetwork;
let system: MimiSystem;
beforeAll(async () => {
  net = await HttpsNetwork.start(["a.example", "b.example", "c.example"]);
  system = await MimiSystem.create({ hubDomain: "a.example", followerDomains: ["b.example", "c.example"], cs: await cipherSuite("node"), https: net });
  system.addClient("mimi://b.example/d/bob/phone");
  system.addClient("mimi://c.example/d/cathy/laptop");
  await system.createRoom(ROOM, system.addClient("mimi://a.example/d/alice/phone"), COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE);
});
afterAll(async () => {
  await net.close();
});

describe("consent over HTTPS", () => {
  it("revoke, refused fetch, request and identifier query cross the TLS links", async () => {
    const b = system.provider("b.example");
    expect(await b.giveConsent({ requesterUri: ALICE, targetUri: BOB, roomId: ROOM }, false)).toBe(201);
    expect([...system.provider("a.example").consent.told.values()].map((t) => [t.from, t.granted])).toEqual([["b.example", false]]);
    const answers: string[] = [];
    const stop = system.network.addObserver((_to, request) => (request.endpoint === "keyMaterial" && request.via !== undefined ? (r) => void answers.push(decodeKeyMaterialResponse(r.body).userStatus) : undefined));
    await system.client("mimi://a.example/d/alice/phone").addParticipant(ROOM, BOB, COOPERATIVE_ROLE.ordinaryUser, true);
    stop();
    expect(answers).toEqual(["noConsentForThisRoom"]);
    expect(await system.provider("c.example").sendConsent({ consentOperation: "request", requesterUri: "mimi://c.example/u/cathy", targetUri: BOB, roomId: undefined, consentExtensions: { componentData: [] } })).toBe(201);
    expect([...b.consent.pending.values()].map((p) => p.from)).toEqual(["c.example"]);
    b.directory.add({ uri: BOB, handle: "im:bob@b.example", nicks: ["bob"], claims: {}, searchable: "exact handle" });
    const found = await system.provider("c.example").queryIdentifier("b.example", { queryElements: [{ searchType: "handle", searchValue: "im:bob@b.example" }], idRequestExtensions: { componentData: [] } });
    expect(typeof found === "number" ? found : [found.responseCode, found.uri]).toEqual(["success", [BOB]]);
    expect(net.failures).toEqual([]);
  });
});
