// The compromised follower's catalogue (classes F01…). A follower speaks to the hub with its own `From`
// and delivers the hub's fanout to its own clients; it holds no other provider's keys. Towards the hub it
// speaks for users it does not host (the hub's sender binding, H0, refuses; the model predicts the room
// does not change). Towards its own clients it replays and duplicates fanout, or lets one of its clients
// claim another of its users: only the clients can tell, and the invariants judge the step.
import { applicationPayload } from "../../impl/client/message-content.js";
import { createApplicationMessage, encodeMlsMessage, type MLSMessage } from "ts-mls";
import { decodeUpdateRequest } from "../../impl/codec/update-request.js";
import type { MimiRequest } from "../../impl/transport/mimi-request.js";
import { verdictCode } from "../../impl/transport/outcomes.js";
import { abstractState, step, userOf, type ClientId, type UserId } from "../../model/index.js";
import { clientUriOf, domainOfUser, userUriOf } from "../world/room-world.js";
import { pickUser, type AttackClass, type AttackContext, type PlannedAttack } from "./attack-class.js";
import { CompromisedFollower, type KeyMaterialMode } from "./compromised-follower.js";

const utf8 = new TextEncoder();
const follower = (ctx: AttackContext) => CompromisedFollower.of(ctx.impl.system, ctx.attacker);
const users = (ctx: AttackContext) => abstractState(ctx.model).users;
const clientsOf = (ctx: AttackContext, user: UserId): readonly ClientId[] => users(ctx)[user]?.clients ?? [];
/** Users hosted by another provider than the attacking follower (the hub's own included). */
const foreignUsers = (ctx: AttackContext) => ctx.world.users.filter((u) => domainOfUser(u) !== ctx.attacker);
/** The attacking follower's own users. */
const ownUsers = (ctx: AttackContext) => ctx.world.users.filter((u) => domainOfUser(u) === ctx.attacker);
/** Member clients of the attacking follower's users, with a session of the room. */
const ownMemberClients = (ctx: AttackContext) =>
  ownUsers(ctx).flatMap((u) => clientsOf(ctx, u)).filter((c) => ctx.impl.client(c).session(ctx.impl.roomId) !== undefined);
const selfUpdate = (actor: ClientId) => ({ type: "commit", actor, includePending: true }) as const;

/** An application message from `client`'s current state whose signed claim names `claimed`. */
async function messageFrom(ctx: AttackContext, client: ClientId, text: string, claimed: string): Promise<MLSMessage> {
  const session = ctx.impl.client(client).session(ctx.impl.roomId)!;
  // MIMI content naming the claimed user as its sender too, franked: only the sender binding tells the lie.
  const payload = applicationPayload(text, claimed, ctx.impl.roomId, ctx.impl.system.hub.suite.rng.randomBytes(16));
  const r = await createApplicationMessage({ ...session.state, unappliedProposals: {} }, payload.plaintext, ctx.impl.system.hub.suite, payload.authenticatedData);
  session.state = { ...r.newState, unappliedProposals: session.state.unappliedProposals };
  // The sender's own echo is recognised and skipped, as for any message it sends.
  const message: MLSMessage = { version: "mls10", wireformat: "mls_private_message", privateMessage: r.privateMessage };
  session.sent.add(Buffer.from(encodeMlsMessage(message)).toString("hex"));
  return message;
}

const F01: AttackClass = {
  id: "F01",
  name: "message for another provider's user",
  party: "follower",
  attackerPool: "follower",
  clause: "protocol §4.1 (From), §5.4 (sendingUri is the sender's URI); docs/rules.md H0",
  defender: "hub",
  built:
    "one of the follower's member clients seals an ordinary message whose signed claim names an active user of another provider; the follower submits it with that user as sendingUri and its own From",
  judged: { kind: "refusal", codes: ["notAllowed"] },
  plan: (ctx) => {
    const sender = ownMemberClients(ctx)[ctx.variant % Math.max(1, ownMemberClients(ctx).length)];
    const claimed = pickUser(foreignUsers(ctx), ctx.target, (u) => clientsOf(ctx, u).length > 0);
    if (sender === undefined || claimed === undefined) return undefined;
    return {
      sent: `a message of ${sender} as ${claimed} (another provider's user)`,
      base: { type: "sendMessage", actor: sender, epochOffset: 0 },
      perform: async () => verdictCode(await follower(ctx).submitMessage(ctx.impl.roomId, await messageFrom(ctx, sender, "F01", userUriOf(claimed)), userUriOf(claimed))),
    };
  },
};

const F02: AttackClass = {
  id: "F02",
  name: "another provider's client's commit relayed as its own",
  party: "follower",
  attackerPool: "follower",
  clause: "protocol §4.1 (From), §5.3; docs/rules.md H0",
  defender: "hub",
  built:
    "a member client of another provider makes an honest self-update; the follower takes the /update off the wire before the hub sees it and sends the same bytes with its own From",
  judged: { kind: "refusal", codes: ["notAllowed"] },
  plan: (ctx) => {
    // The author must be able to commit at all (a blocked leaver's client makes no self-update to take).
    const committers = (u: UserId) => clientsOf(ctx, u).filter((c) => step(ctx.model, selfUpdate(c)).verdict.accepted);
    const author = pickUser(foreignUsers(ctx), ctx.target, (u) => committers(u).length > 0);
    const client = author === undefined ? undefined : committers(author)[ctx.variant % committers(author).length];
    if (client === undefined) return undefined;
    return {
      sent: `${client}'s self-update commit as its own /update`,
      base: selfUpdate(client),
      perform: async () => {
        let taken: MimiRequest | undefined;
        const stop = ctx.impl.system.network.addTap((_to, request) => {
          if (request.endpoint !== "update" || taken !== undefined) return request;
          taken = request;
          return undefined;
        });
        try {
          await ctx.impl.client(client).selfUpdate(ctx.impl.roomId, true);
        } finally {
          stop();
        }
        if (taken === undefined) return "skipped: no /update to take";
        return verdictCode(await follower(ctx).sendUpdate(ctx.impl.roomId, decodeUpdateRequest(taken.body).bundle));
      },
    };
  },
};

const F03: AttackClass = {
  id: "F03",
  name: "GroupInfo for a user it does not host",
  party: "follower",
  attackerPool: "follower",
  clause: "protocol §5.6, digest §7 D47 (GroupInfo only to authorised requesters); docs/rules.md H0",
  defender: "hub",
  built:
    "the follower signs a GroupInfoRequest with keys of its own and a credential naming a new client of another provider's user, preferably one whose role may add its own client",
  judged: { kind: "refusal", codes: ["notAuthorized"] },
  plan: (ctx) => {
    const user = pickUser(foreignUsers(ctx), ctx.target, (u) => (users(ctx)[u]?.role ?? 0) > 1) ?? pickUser(foreignUsers(ctx), ctx.target, () => true);
    if (user === undefined) return undefined;
    const device = clientUriOf(`${user}/forged${ctx.variant}`);
    return {
      sent: `a GroupInfoRequest for ${device}`,
      base: selfUpdate(`${user}/d0`),
      perform: async () => {
        const answer = await follower(ctx).requestGroupInfo(ctx.impl.roomId, device, userUriOf(user));
        return answer.code === "success" ? "accepted" : answer.code;
      },
    };
  },
};

const F04: AttackClass = {
  id: "F04",
  name: "key material requested in another provider's user's name",
  party: "follower",
  attackerPool: "follower",
  clause: "protocol §4.1 (From), §5.2; docs/rules.md H0",
  defender: "hub",
  built: "the follower signs a KeyMaterialRequest whose requestingUser is another provider's user, for any target user",
  judged: { kind: "refusal", codes: ["HTTP 403"] },
  plan: (ctx) => {
    const requester = pickUser(foreignUsers(ctx), ctx.target, () => true);
    const target = ctx.world.users[ctx.variant % ctx.world.users.length];
    if (requester === undefined || target === undefined) return undefined;
    return {
      sent: `a KeyMaterialRequest for ${target} in ${requester}'s name`,
      base: selfUpdate(`${requester}/d0`),
      perform: async () => {
        const answer = await follower(ctx).requestKeyMaterial(ctx.impl.roomId, clientUriOf(`${requester}/d0`), userUriOf(requester), userUriOf(target));
        return answer.code === "success" || answer.code === "partialSuccess" ? "accepted" : answer.code;
      },
    };
  },
};

/** A delivery attack: the follower hands its clients `pick(notified)` once more, bypassing de-duplication. */
function redeliver(pick: (ctx: AttackContext, count: number) => number | undefined, what: string) {
  return (ctx: AttackContext): PlannedAttack | undefined => {
    const party = follower(ctx);
    const own = ownMemberClients(ctx);
    const index = pick(ctx, party.notified.length);
    if (own.length === 0 || index === undefined) return undefined;
    return {
      sent: `${what} (/notify body ${index + 1} of ${party.notified.length}) to ${own.join(",")} again`,
      base: selfUpdate(own[0]!),
      perform: async () => {
        await party.deliverDirectly(party.notified[index]!);
        return "delivered";
      },
    };
  };
}

const F05: AttackClass = {
  id: "F05",
  name: "old /notify body replayed to its own clients",
  party: "follower",
  attackerPool: "follower",
  clause: "protocol §5.5 (D45: a /notify is processed once), §5.3 (one commit per epoch); RFC 9420 §6.3.2 (no key reuse)",
  defender: "clients",
  built: "the follower delivers one of the /notify bodies the hub sent it earlier to its member clients again, without its own de-duplication",
  judged: { kind: "invariants", invariants: ["P8", "P16"] },
  plan: redeliver((ctx, count) => (count < 2 ? undefined : ctx.target % (count - 1)), "an old fanout"),
};

const F06: AttackClass = {
  id: "F06",
  name: "latest /notify body duplicated to its own clients",
  party: "follower",
  attackerPool: "follower",
  clause: "protocol §5.5 (D45: a byte-identical re-delivery is processed at most once)",
  defender: "clients",
  built: "the follower delivers the last /notify body the hub sent it to its member clients a second time, without its own de-duplication",
  judged: { kind: "invariants", invariants: ["P8", "P16"] },
  plan: redeliver((_ctx, count) => (count === 0 ? undefined : count - 1), "the latest fanout"),
};

const F07: AttackClass = {
  id: "F07",
  name: "its client's message claiming another of its users",
  party: "follower",
  attackerPool: "follower",
  clause: "protocol §5.4 (sendingUri is the sender's URI); docs/rules.md H0 at the receiver",
  defender: "clients",
  built:
    "the follower has one of its member clients seal a message whose signed claim names another of its own users, and submits it with that user as sendingUri: the hub, which cannot decrypt, sees a bound, consistent request",
  judged: { kind: "invariants", invariants: ["P17r"] },
  plan: (ctx) => {
    const own = ownMemberClients(ctx);
    const sender = own[ctx.variant % Math.max(1, own.length)];
    const claimed = sender === undefined ? undefined : pickUser(ownUsers(ctx), ctx.target, (u) => !sender.startsWith(`${u}/`) && clientsOf(ctx, u).length > 0);
    if (sender === undefined || claimed === undefined) return undefined;
    return {
      sent: `a message of ${sender} as ${claimed}`,
      base: { type: "sendMessage", actor: sender, epochOffset: 0 },
      perform: async () => verdictCode(await follower(ctx).submitMessage(ctx.impl.roomId, await messageFrom(ctx, sender, "F07", userUriOf(claimed)), userUriOf(claimed))),
    };
  },
};

/**
 * A false /keyMaterial answer (F08–F10): an honest member of another provider asks, through the hub, for
 * the KeyPackages of one of the follower's unlisted users, which the follower answers as `mode` says;
 * with what it gets, the member commits the user's addition with those clients. The hub must not pass the
 * answer on (H24: HTTP 424) nor accept an Add of such a KeyPackage; nothing changes.
 */
function falseKeyMaterial(mode: Exclude<KeyMaterialMode, "honest">) {
  return (ctx: AttackContext): PlannedAttack | undefined => {
    const party = follower(ctx);
    const target = pickUser(ownUsers(ctx), ctx.target, (u) => (users(ctx)[u]?.role ?? 0) === 0);
    const adders = foreignUsers(ctx)
      .flatMap((u) => clientsOf(ctx, u))
      .filter((c) => ctx.impl.client(c).session(ctx.impl.roomId) !== undefined);
    const adder = adders[ctx.variant % Math.max(1, adders.length)];
    if (target === undefined || adder === undefined) return undefined;
    const targetClients = ctx.world.clients.filter((c) => userOf(c) === target);
    const role = ctx.world.assignableRoles.find((r) => r >= 2) ?? ctx.world.assignableRoles[0]!;
    const what = { reuse: "KeyPackages it handed out before", expired: "expired KeyPackages", otherUser: "KeyPackages of another user" }[mode];
    return {
      sent: `${what} for ${target}'s clients, asked for by ${adder} to add ${target}`,
      base: { type: "addParticipant", actor: adder, target, role, clients: targetClients },
      perform: async () => {
        const client = ctx.impl.client(adder);
        const uplink = ctx.impl.system.provider(domainOfUser(userOf(adder))).uplink;
        const ask = async () => uplink.fetchKeyPackages(ctx.impl.roomId, await client.requesterIdentity(), userUriOf(target));
        // To hand a KeyPackage out twice, it first hands it out once (an answer whose requester never used it).
        if (mode === "reuse" && targetClients.some((c) => !party.handedOut.has(clientUriOf(c)))) await ask();
        party.keyMaterial = mode;
        let fetched;
        try {
          fetched = await ask();
        } finally {
          party.keyMaterial = "honest";
        }
        if (fetched.code !== "success") return fetched.code;
        try {
          const plan = { list: { add: [{ user: userUriOf(target), roleIndex: role }] }, adds: fetched.keyPackages.map((k) => k.keyPackage) };
          return verdictCode(await client.commit(ctx.impl.roomId, plan));
        } catch (e) {
          // ts-mls checks a committer's own Adds against the wall clock: the adder's library saved the room.
          return `refused by ${adder}'s MLS library: ${(e as Error).message}`;
        }
      },
    };
  };
}

const F08: AttackClass = {
  id: "F08",
  name: "KeyPackage handed out twice",
  party: "follower",
  attackerPool: "follower",
  clause: "protocol §5.2 (a KeyPackage MUST NOT be returned twice), digest §7 E48, §2.6 H24",
  defender: "hub",
  built:
    "the follower hands out its user's clients' KeyPackages once (an answer nobody used), then answers an honest member's request to add that user with the same KeyPackages again; the member commits the Add",
  judged: { kind: "refusal", codes: ["HTTP 424"] },
  plan: falseKeyMaterial("reuse"),
};

const F09: AttackClass = {
  id: "F09",
  name: "expired KeyPackage handed out",
  party: "follower",
  attackerPool: "follower",
  clause: "protocol §5.2 (an expired KeyPackage MUST NOT be returned), RFC 9420 §7.2 (lifetime), digest §7 E49, §2.6 H24",
  defender: "hub",
  built: "the follower answers an honest member's request to add its user with KeyPackages of that user's clients whose lifetime ended in 2001",
  judged: { kind: "refusal", codes: ["HTTP 424"] },
  plan: falseKeyMaterial("expired"),
};

const F10: AttackClass = {
  id: "F10",
  name: "KeyPackage of another user handed out",
  party: "follower",
  attackerPool: "follower",
  clause: "protocol §5.2 (the KeyPackages of the target user's clients), digest §2.6 H24",
  defender: "hub",
  built:
    "the follower answers an honest member's request to add its user with fresh KeyPackages of a client of another of its users (or of a user it invents), listed as the requested user's clients",
  judged: { kind: "refusal", codes: ["HTTP 424"] },
  plan: falseKeyMaterial("otherUser"),
};

const F11: AttackClass = {
  id: "F11",
  name: "commit withheld from its own clients",
  party: "follower",
  attackerPool: "follower",
  clause: "protocol §5.5 (a success promises delivery; a follower delivers to its clients in hub order, digest §2.7, §7 D41–D42); RFC 9420 §14 (a member that misses a commit cannot follow the group)",
  defender: "clients",
  built:
    "the follower acknowledges the next commit's /notify and never hands it to its member clients (variant 0), or withholds every /notify until the next commit has gone by (1); then it delivers honestly again, so later traffic reaches clients that cannot read it",
  judged: { kind: "invariants", invariants: ["P8"] },
  // The withheld-from clients lag for good: the model, which has no follower, cannot follow them.
  aimedOnly: true,
  plan: (ctx) => {
    const party = follower(ctx);
    const own = ownMemberClients(ctx);
    if (own.length === 0 || party.withholding !== undefined) return undefined;
    const everything = ctx.variant % 2 === 1;
    return {
      sent: everything ? `nothing more to ${own.join(",")} until the next commit has gone by` : `the next commit to none of ${own.join(",")}`,
      base: selfUpdate(own[0]!),
      perform: async () => {
        party.withholding = { roomId: ctx.impl.roomId, commits: 1, everything };
        return "armed";
      },
    };
  },
};

/** Every compromised-follower class, in catalogue order. */
export const FOLLOWER_ATTACKS: readonly AttackClass[] = [F01, F02, F03, F04, F05, F06, F07, F08, F09, F10, F11];
