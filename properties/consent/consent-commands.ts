// The consent property's world and commands (protocol §5.2, §5.7): three providers (the hub on
// a.example), four users with one client each, two rooms on the hub. A command is picked by index, so
// every generated command runs; it is one user's consent operation at its own provider, one user's
// key-material fetch for a room through the hub, or a compromised provider's consent message in the name
// of a user of another provider, or a key-material request sent to the target's provider around the
// room's hub (which the receiver must refuse).
import fc from "fast-check";
import type { ConsentEntry, ConsentOperationName } from "../../impl/codec/consent-entry.js";

export const DOMAINS = ["a.example", "b.example", "c.example"] as const;
export const USERS = ["mimi://a.example/u/alice", "mimi://b.example/u/bob", "mimi://c.example/u/cathy", "mimi://b.example/u/dan"] as const;
export const CLIENTS = ["mimi://a.example/d/alice/phone", "mimi://b.example/d/bob/phone", "mimi://c.example/d/cathy/laptop", "mimi://b.example/d/dan/phone"] as const;
export const ROOMS = ["mimi://a.example/r/one", "mimi://a.example/r/two"] as const;

/** A room by index; ROOMS.length stands for "any room" (no roomId in the scope). */
export type RoomChoice = number;

export type ConsentCommand =
  /** `target`'s user grants or withdraws consent for `requester` at its own provider, which tells the requester's. */
  | { readonly kind: "grant" | "revoke"; readonly target: number; readonly requester: number; readonly room: RoomChoice }
  /** `requester`'s provider asks `target`'s provider for consent, or cancels that request. */
  | { readonly kind: "request" | "cancel"; readonly requester: number; readonly target: number; readonly room: RoomChoice }
  /** `requester`'s client fetches `target`'s KeyPackages for a room, through the room's hub. */
  | { readonly kind: "fetch"; readonly requester: number; readonly target: number; readonly room: number }
  /** `requester`'s provider (compromised) asks `target`'s provider for key material directly, claiming to
   * relay it, instead of going through the room's hub. */
  | { readonly kind: "bypass"; readonly requester: number; readonly target: number; readonly room: number }
  /** A compromised provider sends a consent operation whose user on its side belongs to another provider. */
  | { readonly kind: "forge"; readonly sender: number; readonly op: ConsentOperationName; readonly requester: number; readonly target: number; readonly room: RoomChoice };

const user = fc.nat({ max: USERS.length - 1 });
// Honest operations pair a requester of a.example or c.example with bob of b.example (dan, also of
// b.example, only ever appears in forged messages), so that a sequence often revokes and then fetches, or
// requests and then cancels, the same scope.
const requester = fc.constantFrom(0, 2);
const target = fc.constant(1);
const scopeRoom = fc.nat({ max: ROOMS.length });

export const consentCommand: fc.Arbitrary<ConsentCommand> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom("grant" as const, "revoke" as const, "revoke" as const), target, requester, room: scopeRoom }) },
  // Requests and cancels name room one or any room: fewer scopes, so that a cancel often meets its request.
  { weight: 2, arbitrary: fc.record({ kind: fc.constantFrom("request" as const, "cancel" as const), requester, target, room: fc.constantFrom(0, ROOMS.length) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("fetch" as const), requester, target, room: fc.nat({ max: ROOMS.length - 1 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("bypass" as const), requester, target, room: fc.nat({ max: ROOMS.length - 1 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("forge" as const), sender: fc.nat({ max: DOMAINS.length - 1 }), op: fc.constantFrom<ConsentOperationName>("request", "cancel", "grant", "revoke"), requester: user, target: user, room: scopeRoom }) },
);

const short = (uri: string) => uri.replace(/^mimi:\/\/[^/]+\/[a-z]\//, "");
const roomText = (room: RoomChoice) => (room >= ROOMS.length ? "any room" : short(ROOMS[room]!));
export const roomIdOf = (room: RoomChoice): string | undefined => ROOMS[room];

/** The user of the sending side of a forged operation (the requester for request/cancel, the target otherwise). */
export const forgedSide = (c: Extract<ConsentCommand, { kind: "forge" }>) => (c.op === "request" || c.op === "cancel" ? USERS[c.requester]! : USERS[c.target]!);

/** The provider that sends a forged operation: `sender`, moved on when it is the honest sender. */
export function forgerOf(c: Extract<ConsentCommand, { kind: "forge" }>): string {
  const honest = new URL(forgedSide(c)).host;
  const d = DOMAINS[c.sender]!;
  return d === honest ? DOMAINS[(c.sender + 1) % DOMAINS.length]! : d;
}

export function forgedEntry(c: Extract<ConsentCommand, { kind: "forge" }>): ConsentEntry {
  const base = { requesterUri: USERS[c.requester]!, targetUri: USERS[c.target]!, roomId: roomIdOf(c.room), consentExtensions: { componentData: [] } };
  return c.op === "grant" ? { ...base, consentOperation: "grant", clientKeyPackages: [] } : { ...base, consentOperation: c.op };
}

/** The command in words. */
export function describeConsentCommand(c: ConsentCommand): string {
  switch (c.kind) {
    case "grant":
    case "revoke":
      return `${short(USERS[c.target]!)} ${c.kind === "grant" ? "grants" : "withdraws"} consent for ${short(USERS[c.requester]!)} (${roomText(c.room)})`;
    case "request":
    case "cancel":
      return `${short(USERS[c.requester]!)}'s provider ${c.kind === "request" ? "requests" : "cancels its request for"} ${short(USERS[c.target]!)}'s consent (${roomText(c.room)})`;
    case "fetch":
      return `${short(USERS[c.requester]!)} fetches ${short(USERS[c.target]!)}'s KeyPackages for ${roomText(c.room)}`;
    case "bypass":
      return `${new URL(USERS[c.requester]!).host} (compromised) asks ${new URL(USERS[c.target]!).host} for ${short(USERS[c.target]!)}'s KeyPackages for ${roomText(c.room)} directly, not through the hub`;
    case "forge":
      return `${forgerOf(c)} (compromised) sends a ${c.op} in ${short(forgedSide(c))}'s name (${short(USERS[c.requester]!)} → ${short(USERS[c.target]!)}, ${roomText(c.room)})`;
  }
}
