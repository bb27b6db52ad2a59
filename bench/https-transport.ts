// (f) The HTTPS transport's cost: the same MIMI operations in the same three-provider room (hub a.example,
// followers b.example and c.example, one device each) over in-process calls and over HTTPS with mutual TLS
// on loopback. Timed per operation, median: a follower's message (/submitMessage to the hub, /notify to
// both followers), a follower's self-update commit (/update, /notify ×2, the hub-local device's notify
// being provider-internal), and a bare transport round trip (a 1-byte /groupInfo body, answered 400
// without touching the room). Also: the one-time set-up (CA, four certificates, three servers) and the
// first request to a provider on a new connection (TLS handshake and directory fetch) against a request
// on a kept-alive one.
import { cipherSuite } from "../impl/mls/crypto/suite.js";
import { COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE, COOPERATIVE_ROLE } from "../impl/room/fixtures/cooperatively-administered.js";
import { MimiSystem } from "../impl/system/mimi-system.js";
import { HttpsNetwork } from "../impl/transport/https-network.js";
import { HttpsTransport } from "../impl/transport/https-transport.js";
import { median, ms, ratio, repeat, timingOf, type BenchOptions, type Section, type SectionResult } from "./report.js";

const ROOM = "mimi://a.example/r/bench";
const DOMAINS = ["a.example", "b.example", "c.example"];

async function room(https: HttpsNetwork | undefined) {
  const cs = await cipherSuite("node");
  const system = await MimiSystem.create({ hubDomain: "a.example", followerDomains: ["b.example", "c.example"], cs, ...(https !== undefined ? { https } : {}) });
  const alice = system.addClient("mimi://a.example/d/alice/phone");
  const bob = system.addClient("mimi://b.example/d/bob/phone");
  const cathy = system.addClient("mimi://c.example/d/cathy/phone");
  await system.createRoom(ROOM, alice, COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE);
  for (const [actor, user] of [[alice, "mimi://b.example/u/bob"], [bob, "mimi://c.example/u/cathy"]] as const)
    if ((await actor.addParticipant(ROOM, user, COOPERATIVE_ROLE.ordinaryUser, true)).code !== "success") throw new Error(`could not add ${user}`);
  return { system, bob, cathy };
}

export const httpsTransport: Section = {
  name: "(f) HTTPS transport with mutual TLS beside in-process calls",
  async run(options: BenchOptions): Promise<SectionResult> {
    const counts = options.quick ? { warmup: 5, repeats: 20 } : { warmup: 20, repeats: 80 };
    const t0 = performance.now();
    const https = await HttpsNetwork.start(DOMAINS);
    const setupMs = performance.now() - t0;
    const results = new Map<string, Map<string, number>>();
    try {
      for (const kind of ["in-process", "https"] as const) {
        const { system, bob, cathy } = await room(kind === "https" ? https : undefined);
        let n = 0;
        const timings = await repeat(counts, async (watch) => {
          await watch.time("message", async () => {
            if ((await cathy.sendMessage(ROOM, `message ${++n}`)).code !== "accepted") throw new Error("message refused");
          });
          await watch.time("commit", async () => {
            if ((await bob.selfUpdate(ROOM, true)).code !== "success") throw new Error("commit refused");
          });
          await watch.time("round trip", async () => {
            const answer = await system.network.send("a.example", { endpoint: "groupInfo", from: "b.example", target: ROOM, body: new Uint8Array([0]) });
            if (answer.status !== 400) throw new Error(`round trip answered ${answer.status}`);
          });
        });
        results.set(kind, new Map(["message", "commit", "round trip"].map((l) => [l, timingOf(timings, l).medianMs])));
      }
      // A new connection: a fresh client side (its TLS session and the directory are not cached).
      const fresh: number[] = [];
      const kept: number[] = [];
      const certificates = https.certificates;
      for (let i = 0; i < (options.quick ? 10 : 40); i++) {
        const transport = new HttpsTransport({ domain: "b.example", identity: certificates.providers.get("b.example")!, caPem: certificates.ca.certPem, resolve: (d) => https.addressOf(d) });
        const request = { endpoint: "groupInfo" as const, from: "b.example", target: ROOM, body: new Uint8Array([0]) };
        let t = performance.now();
        await transport.send("a.example", request);
        fresh.push(performance.now() - t);
        t = performance.now();
        await transport.send("a.example", request);
        kept.push(performance.now() - t);
        transport.close();
      }
      const get = (kind: string, label: string) => results.get(kind)!.get(label)!;
      const rows = (["message", "commit", "round trip"] as const).map((label) => {
        const a = get("in-process", label);
        const b = get("https", label);
        return [
          label === "message" ? "follower's message (submit + 2 notify)" : label === "commit" ? "follower's commit (update + 2 notify)" : "bare round trip (1-byte body → 400)",
          ms(a),
          ms(b),
          ms(b - a),
          ratio(b / a),
        ];
      });
      return {
        tables: [
          {
            title: `median of ${counts.repeats} (after ${counts.warmup} warm-up), ms; 3 members on 3 providers`,
            columns: ["operation", "in-process", "https", "https − in-process", "https / in-process"],
            rows,
          },
          {
            title: "connections, ms (median)",
            columns: ["what", "ms"],
            rows: [
              ["set-up: CA, 4 certificates, 3 servers (once)", ms(setupMs)],
              ["first request on a new connection (handshake + directory)", ms(median(fresh))],
              ["next request on the kept-alive connection", ms(median(kept))],
            ],
          },
        ],
        targets: [],
        notes: [
          "Over HTTPS every request between different providers crosses a loopback TLS 1.3 connection (ECDSA P-256), kept alive per sender; the hub's own device's requests are provider-internal in both.",
        ],
        data: {
          setupMs,
          firstRequestMs: median(fresh),
          keptAliveRequestMs: median(kept),
          perOperationMs: Object.fromEntries([...results].map(([k, m]) => [k, Object.fromEntries(m)])),
        },
      };
    } finally {
      await https.close();
    }
  },
};
