// P14: no honest client accepts a room change that no authorised participant signed, whatever the hub does
// (digest §7 B28, G65; RFC 9420 §16.6: a compromised delivery service cannot forge membership changes).
// Authorised is the model's reading of the step: the room the model's rules make of the operations of the
// participants who signed them (`StepFacts.authorised`). Judged on every client that held the room in the
// authorised state when the step began: if its participants or members changed during the step, they must
// now be the authorised room. A client already elsewhere (a side of a split, lagging behind a withheld
// commit) is P16's. The step's actor is not judged on an operation the model refuses: that change it signed
// itself, and the others must refuse it.
import type { AbstractState, AbstractUser, ClientId, ModelEvent, UserId } from "../../model/index.js";
import type { ImplementationInvariant } from "./implementation-invariants.js";

type Users = Readonly<Record<UserId, AbstractUser>>;

const actorOf = (event: ModelEvent): ClientId | undefined => ("actor" in event ? event.actor : event.type === "addOwnClient" ? event.client : undefined);
const same = (a: Users, b: Users) => JSON.stringify(a) === JSON.stringify(b);

/** The first user whose entry differs, in words. */
function difference(authorised: Users, taken: Users): string {
  const names = [...new Set([...Object.keys(authorised), ...Object.keys(taken)])].sort();
  const show = (u: AbstractUser | undefined) => (u === undefined ? "unlisted" : `role ${u.role}${u.clients.length > 0 ? ` with ${u.clients.join(",")}` : ""}`);
  const user = names.find((n) => JSON.stringify(authorised[n]) !== JSON.stringify(taken[n]))!;
  return `${user} is ${show(taken[user])}, authorised: ${show(authorised[user])}`;
}

/** Whether a client's room is the authorised one before the step. */
const inStep = (epoch: number, users: Users, authorised: AbstractState) => epoch === authorised.epoch && same(users, authorised.users);

export const NO_FORGED_ROOM_CHANGE: ImplementationInvariant = {
  id: "P14",
  name: "no room change without an authorised signer",
  rule: "digest §7 B28, G65 (room-policy §4, §8; RFC 9420 §16.6): no honest client takes a change of the participant list, roles or membership that no authorised participant signed, whatever the hub sends",
  check: ({ event, authorised, before, after }) => {
    if (authorised === undefined) return undefined;
    const actor = actorOf(event);
    for (const c of after.clients) {
      if (!authorised.accepted && c.client === actor) continue;
      const b = before.clients.find((x) => x.client === c.client);
      if (b === undefined || !inStep(b.epoch, b.users, authorised.before) || same(c.users, b.users)) continue;
      if (!same(c.users, authorised.after.users)) return `${c.client} took a room change no authorised participant signed: ${difference(authorised.after.users, c.users)}`;
    }
    return undefined;
  },
};

/** Whether some client in the authorised state before the step saw its room change (P14's premise). */
export function roomChangedInStep(facts: { authorised?: { before: AbstractState }; before: { clients: readonly { client: ClientId; epoch: number; users: Users }[] }; after: { clients: readonly { client: ClientId; users: Users }[] } }): boolean {
  const a = facts.authorised;
  if (a === undefined) return false;
  return facts.after.clients.some((c) => {
    const b = facts.before.clients.find((x) => x.client === c.client);
    return b !== undefined && inStep(b.epoch, b.users, a.before) && !same(c.users, b.users);
  });
}
