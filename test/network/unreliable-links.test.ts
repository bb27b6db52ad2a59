// The mechanism on its own, with recording servers in place of providers: what each fault does to one
// exchange, how time passes, and the hub's outbox (protocol §5.5: the hub retries until it gets a 201; a
// `success` is a delivery promise, digest §7 D42).
import { describe, expect, it } from "vitest";
import { InProcessNetwork } from "../../impl/transport/in-process-network.js";
import type { MimiRequest, MimiResponse } from "../../impl/transport/mimi-request.js";
import { NotifyOutbox } from "../../impl/transport/unreliable-delivery.js";
import { NO_ANSWER, UnreliableNetwork } from "../../impl/transport/unreliable-network.js";

const HUB = "a.example";
const B = "b.example";

/** A network with a hub and a follower that record what reaches them and answer /notify 201, the rest 200. */
function deployment() {
  const network = new InProcessNetwork();
  const links = new UnreliableNetwork(HUB);
  network.links = links;
  const seen: { to: string; endpoint: string; body: string }[] = [];
  for (const domain of [HUB, B])
    network.register(domain, {
      handle: async (r: MimiRequest): Promise<MimiResponse> => {
        seen.push({ to: domain, endpoint: r.endpoint, body: Buffer.from(r.body).toString() });
        return { status: r.endpoint === "notify" ? 201 : 200, body: new Uint8Array(0) };
      },
    });
  const notify = (text: string): MimiRequest => ({ endpoint: "notify", from: HUB, target: "room", body: Buffer.from(text) });
  const update = (text: string): MimiRequest => ({ endpoint: "update", from: B, target: "room", body: Buffer.from(text) });
  return { network, links, seen, notify, update };
}

describe("unreliable links", () => {
  it("duplicate: the follower gets the same bytes twice, the hub one answer", async () => {
    const { network, links, seen, notify } = deployment();
    links.arm({ kind: "duplicate", to: B });
    expect((await network.send(B, notify("n1"))).status).toBe(201);
    expect(seen.map((s) => s.body)).toEqual(["n1", "n1"]);
  });

  it("delay: the hub hears nothing; the original arrives after the later requests it waits for", async () => {
    const { network, links, seen, notify } = deployment();
    links.arm({ kind: "delay", to: B, overtakenBy: 2 });
    expect((await network.send(B, notify("n1"))).status).toBe(NO_ANSWER);
    expect(seen).toEqual([]);
    await network.send(B, notify("n1 again"));
    await network.send(B, notify("n2"));
    expect(seen.map((s) => s.body)).toEqual(["n1 again", "n2", "n1"]);
  });

  it("a lost request never reaches the hub; a lost answer does, and its sender hears nothing", async () => {
    const { network, links, seen, update } = deployment();
    links.arm({ kind: "loseRequest", follower: B });
    expect((await network.send(HUB, update("u1"))).status).toBe(NO_ANSWER);
    expect(seen).toEqual([]);
    links.arm({ kind: "loseAnswer", follower: B });
    expect((await network.send(HUB, update("u2"))).status).toBe(NO_ANSWER);
    expect(seen.map((s) => s.body)).toEqual(["u2"]);
    expect((await network.send(HUB, update("u3"))).status).toBe(200);
  });

  it("an armed fault waits two ticks (the two commands after the one arming it) and lapses at the third", async () => {
    const { network, links, seen, notify } = deployment();
    links.arm({ kind: "duplicate", to: B });
    await network.tick();
    await network.tick();
    await network.send(B, notify("n0"));
    expect(seen).toHaveLength(2);
    links.arm({ kind: "duplicate", to: B });
    await network.tick();
    await network.tick();
    await network.tick();
    await network.send(B, notify("n1"));
    expect(seen).toHaveLength(3);
  });

  it("an outage cuts both directions for its ticks, then ends: the network is calm again from that tick on", async () => {
    const { network, links, seen, notify, update } = deployment();
    links.arm({ kind: "down", domain: B, ticks: 2 });
    expect(links.calm).toBe(false);
    expect((await network.send(B, notify("n1"))).status).toBe(NO_ANSWER);
    expect((await network.send(HUB, update("u1"))).status).toBe(NO_ANSWER);
    expect(await network.tick()).toEqual([]);
    expect(await network.tick()).toEqual([B]);
    expect(links.ticksSinceCalm).toBe(0);
    expect(links.lastReturned).toEqual([B]);
    expect((await network.send(B, notify("n2"))).status).toBe(201);
    expect(seen.map((s) => s.body)).toEqual(["n2"]);
    await network.tick();
    expect(links.ticksSinceCalm).toBe(1);
  });
});

describe("the hub's outbox", () => {
  it("keeps what an unreachable follower cannot take, in order, and delivers it as one body when it answers again", async () => {
    const { network, links, seen } = deployment();
    const outbox = new NotifyOutbox(HUB, (to, r) => network.send(to, r));
    links.arm({ kind: "down", domain: B, ticks: 1 });
    await outbox.post(B, "room", Buffer.from("n1"));
    await outbox.post(B, "room", Buffer.from("n2"));
    expect(outbox.backlog(B)).toBe(2);
    expect(seen).toEqual([]);
    await network.tick();
    expect(await outbox.drainAll()).toBe(2);
    expect(seen.map((s) => s.body)).toEqual(["n1n2"]);
    expect(outbox.backlog(B)).toBe(0);
  });

  it("retries a lost notification at once, and sends nothing later before it is acknowledged", async () => {
    const { network, links, seen } = deployment();
    const outbox = new NotifyOutbox(HUB, (to, r) => network.send(to, r));
    links.arm({ kind: "loseRequest", follower: B });
    await outbox.post(B, "room", Buffer.from("n1"));
    await outbox.post(B, "room", Buffer.from("n2"));
    expect(seen.map((s) => s.body)).toEqual(["n1", "n2"]);
  });

  it("with the planted noRecovery, drops what it could not deliver", async () => {
    const { network, links, seen } = deployment();
    const outbox = new NotifyOutbox(HUB, (to, r) => network.send(to, r));
    outbox.faults = { noRecovery: true };
    links.arm({ kind: "down", domain: B, ticks: 1 });
    await outbox.post(B, "room", Buffer.from("n1"));
    await network.tick();
    expect(await outbox.drainAll()).toBe(0);
    expect(seen).toEqual([]);
    expect(outbox.dropped.get(B)).toBe(1);
  });
});
