// What each party of a deployment sees of one room, in words a person reads: the hub's committed state,
// and each client's epoch, participant list and the messages it received.
import type { MimiSystem } from "../system/mimi-system.js";

/** One party's view of a room. */
export interface PartyView {
  /** "hub a.example" or a client URI. */
  readonly party: string;
  /** The epoch it is in, or undefined when it holds no state of the room. */
  readonly epoch: string | undefined;
  /** Participants as `user (role n)`. */
  readonly participants: readonly string[];
  /** MLS members (clients), hub only. */
  readonly members?: readonly string[];
  /** Application messages it received, oldest first. */
  readonly received?: readonly string[];
  /** What it refused of the hub's fanout, if anything. */
  readonly refusals?: readonly string[];
}

export function partyViews(system: MimiSystem, roomId: string): PartyView[] {
  const hub = system.hub.snapshot(roomId);
  const views: PartyView[] = [
    {
      party: `hub ${system.hub.domain}`,
      epoch: hub?.epoch.toString(),
      participants: hub?.committed.participants.participants.map((p) => `${p.user} (role ${p.roleIndex})`) ?? [],
      members: hub?.members ?? [],
    },
  ];
  for (const client of system.allClients()) {
    const view = client.roomView(roomId);
    const session = client.session(roomId);
    views.push({
      party: client.uri,
      epoch: view?.epoch.toString(),
      participants: view?.participants.map((p) => `${p.user} (role ${p.roleIndex})`) ?? [],
      received: session?.received.map((m) => `[epoch ${m.epoch}]${m.sender !== undefined ? ` ${m.sender}:` : ""} ${m.text}`) ?? [],
      refusals: client.refusals.map((r) => `${r.what} in epoch ${r.epoch}: ${r.code} (${r.rule}) ${r.reason}`),
    });
  }
  return views;
}

/** The views as indented lines. */
export function formatViews(views: readonly PartyView[]): string[] {
  const lines: string[] = [];
  for (const v of views) {
    if (v.epoch === undefined) {
      lines.push(`  ${v.party}: not in the room`);
      continue;
    }
    lines.push(`  ${v.party}: epoch ${v.epoch}, participants ${v.participants.join(", ") || "none"}`);
    if (v.members !== undefined) lines.push(`    members: ${v.members.join(", ")}`);
    for (const m of v.received ?? []) lines.push(`    received ${m}`);
    for (const r of v.refusals ?? []) lines.push(`    refused ${r}`);
  }
  return lines;
}
