// Flow 1 of the protocol draft (§3.2–3.4) on the real stack, narrated: what each party sees after each step.
import { cipherSuite, type ProviderKind } from "../../impl/mls/crypto/suite.js";
import { MimiSystem } from "../../impl/system/mimi-system.js";
import { COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE, COOPERATIVE_ROLE } from "../../impl/room/fixtures/cooperatively-administered.js";

const ROOM = "mimi://a.example/r/clubhouse";

function describeParties(system: MimiSystem): string[] {
  const hub = system.hub.snapshot(ROOM)!;
  const lines = [
    `  hub a.example   epoch ${hub.epoch}  participants ${hub.committed.participants.participants.map((p) => `${p.user}(role ${p.roleIndex})`).join(", ")}  members ${hub.members.length}`,
  ];
  for (const c of system.allClients()) {
    const v = c.roomView(ROOM);
    const received = c.session(ROOM)?.received.map((m) => JSON.stringify(m.text)).join(", ") ?? "";
    lines.push(
      v === undefined
        ? `  ${c.uri.padEnd(34)} not in the room`
        : `  ${c.uri.padEnd(34)} epoch ${v.epoch}  authenticator ${Buffer.from(v.epochAuthenticator).toString("hex").slice(0, 12)}…  received [${received}]  refusals ${c.refusals.length}`,
    );
  }
  return lines;
}

/** Runs flow 1 and returns the narration and whether every party ended in agreement. */
export async function runFlowOne(provider: ProviderKind = "node"): Promise<{ lines: string[]; agreed: boolean }> {
  const cs = await cipherSuite(provider);
  const system = await MimiSystem.create({ hubDomain: "a.example", followerDomains: ["b.example", "c.example"], cs });
  const alice = system.addClient("mimi://a.example/d/alice/phone");
  const bob = system.addClient("mimi://b.example/d/bob/phone");
  const cathy = system.addClient("mimi://c.example/d/cathy/laptop");
  const lines: string[] = [];
  const step = (title: string, outcome?: { code: string }) => {
    lines.push(`${title}${outcome === undefined ? "" : ` → ${outcome.code}`}`, ...describeParties(system));
  };
  await system.createRoom(ROOM, alice, COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE);
  step("1. alice creates mimi://a.example/r/clubhouse on hub a.example");
  step("2. alice adds bob (b.example) with his client", await alice.addParticipant(ROOM, "mimi://b.example/u/bob", COOPERATIVE_ROLE.ordinaryUser, true));
  step("3. bob adds cathy (c.example) with her client", await bob.addParticipant(ROOM, "mimi://c.example/u/cathy", COOPERATIVE_ROLE.ordinaryUser, true));
  step("4. cathy sends a message", await cathy.sendMessage(ROOM, "hello from c.example"));
  const auths = new Set(system.allClients().map((c) => Buffer.from(c.roomView(ROOM)?.epochAuthenticator ?? []).toString("hex")));
  const agreed = auths.size === 1 && system.allClients().every((c) => c.refusals.length === 0);
  return { lines, agreed };
}
