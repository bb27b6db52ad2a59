// The compromised hub's catalogue (classes M01…). The hub orders and fans out everything, so it can split
// the room (two commits for one epoch, one per side), withhold a commit, a message or a Welcome from one
// provider, reorder what a provider receives, serve a joiner a stale GroupInfo, stop enforcing its rules,
// forget a leave it accepted, and propose room changes as the room's external sender. It cannot sign as a
// member. The honest clients are the defenders: they must refuse every change no authorised participant
// signed (M06–M09, M13: the model predicts a refusal, and every client that received the proposals must
// refuse them), and notice a split as soon as traffic from the other side reaches them (P16). The rest are
// the hub's powers: judged by the invariants, each with its symptom at the clients in docs/attacks.md.
import type { KeyPackage, Proposal } from "ts-mls";
import { encodeRatchetTree } from "ts-mls/ratchetTree.js";
import { clientUri, userOfClient } from "../../impl/identity/mimi-uri.js";
import { treeMembers } from "../../impl/mls/client-credential.js";
import { participantListUpdateProposal, roomComponentsOf } from "../../impl/mls/room-components.js";
import { HUB_FAULT_NAMES, type HubFaults } from "../../impl/hub/hub-config.js";
import { verdictCode } from "../../impl/transport/outcomes.js";
import { abstractState, ENFORCER_ACTOR, hasCapability, openJoinRole, step, type ClientId, type ModelEvent } from "../../model/index.js";
import { memberClients } from "../commands/resolve-command.js";
import { domainOfUser, HUB_DOMAIN, userUriOf } from "../world/room-world.js";
import { pickUser, type AttackClass, type AttackContext, type PlannedAttack } from "./attack-class.js";
import { CompromisedHub } from "./compromised-hub.js";

const BANNED_ROLE = 1;
const compromised = (ctx: AttackContext) => CompromisedHub.of(ctx.impl.system);
const users = (ctx: AttackContext) => abstractState(ctx.model).users;
const blocked = (ctx: AttackContext) => new Set(abstractState(ctx.model).blocked);
/** Member clients (the model's) holding a session of the room, whose user has no leave pending. */
const staying = (ctx: AttackContext): ClientId[] =>
  memberClients(ctx.model).filter((c) => !blocked(ctx).has(c.split("/")[0]!) && ctx.impl.client(c).session(ctx.impl.roomId) !== undefined);
const domainOfClient = (c: ClientId) => domainOfUser(c.split("/")[0]!);
const pick = <T>(items: readonly T[], index: number): T | undefined => (items.length === 0 ? undefined : items[index % items.length]);
/** The base operation, when the model accepts it in this room. */
const acceptedByModel = (ctx: AttackContext, event: ModelEvent): ModelEvent | undefined => (step(ctx.model, event).verdict.accepted ? event : undefined);
const selfUpdate = (actor: ClientId): ModelEvent => ({ type: "commit", actor, includePending: true });
/** The event an external proposal's step is read as: nobody's operation, so a self-update of the first member. */
const noOperation = (ctx: AttackContext): ModelEvent | undefined => {
  const first = memberClients(ctx.model)[0];
  return first === undefined ? undefined : selfUpdate(first);
};

/** The hub's committed participant list and tree, where its proposals' indexes point. */
function hubRoom(ctx: AttackContext) {
  const r = ctx.impl.system.hub.room(ctx.impl.roomId)!;
  return { participants: roomComponentsOf(r.view.groupContext.extensions)!.participants.participants, members: treeMembers(r.view.tree) };
}

/** A committer and a second member on another provider, both staying, for a split or a withheld commit. */
function twoSides(ctx: AttackContext): { committer: ClientId; other: ClientId } | undefined {
  const committer = pick(staying(ctx), ctx.target);
  if (committer === undefined) return undefined;
  const other = pick(staying(ctx).filter((c) => domainOfClient(c) !== domainOfClient(committer)), ctx.variant);
  return other === undefined ? undefined : { committer, other };
}

/** Two sides (see twoSides) and the committer's operation `of` it, when the model accepts that operation;
 * `otherDomain` is the other side's provider. */
function sidesWith(ctx: AttackContext, of: (committer: ClientId) => ModelEvent): { committer: ClientId; other: ClientId; base: ModelEvent; otherDomain: string } | undefined {
  const sides = twoSides(ctx);
  const base = sides === undefined ? undefined : acceptedByModel(ctx, of(sides.committer));
  return sides === undefined || base === undefined ? undefined : { ...sides, base, otherDomain: domainOfClient(sides.other) };
}

const M01: AttackClass = {
  id: "M01",
  name: "split: two commits for one epoch",
  party: "hub",
  attackerPool: "hub",
  clause: "RFC 9420 §16.6 (a delivery service may fork the group); protocol §5.3 (one commit per epoch), digest §7 D39, D41, G63",
  defender: "clients",
  built:
    "two staying members on different providers each make a self-update for the same epoch; the hub accepts the second one's and fans it out only to that member's provider, forgets it, then accepts the first one's and fans it out to every other provider",
  judged: { kind: "invariants", invariants: ["P14", "P15", "P16"] },
  plan: (ctx) => {
    const sides = sidesWith(ctx, selfUpdate);
    if (sides === undefined) return undefined;
    const { base, otherDomain: split } = sides;
    return {
      sent: `${sides.other}'s self-update to ${split} only and ${sides.committer}'s, for the same epoch, to every other provider`,
      base,
      modelTakes: true,
      perform: async () => {
        const hub = compromised(ctx);
        const room = ctx.impl.roomId;
        const before = hub.record(room);
        await hub.routing((domain) => (domain === split ? "deliver" : "withhold"), () => ctx.impl.client(sides.other).selfUpdate(room, true));
        hub.forget(room, before);
        return hub.routing((domain) => (domain === split ? "withhold" : "deliver"), async () => verdictCode(await ctx.impl.client(sides.committer).selfUpdate(room, true)));
      },
    };
  },
};

const M02: AttackClass = {
  id: "M02",
  name: "commit withheld from one provider",
  party: "hub",
  attackerPool: "hub",
  clause: "protocol §5.5 (success is a promise to deliver to every provider with members), digest §7 D41–D42",
  defender: "clients",
  built: "a staying member's self-update, accepted and fanned out to every provider but one, a provider of another member",
  judged: { kind: "invariants", invariants: ["P14", "P16"] },
  plan: (ctx) => {
    const sides = sidesWith(ctx, selfUpdate);
    if (sides === undefined) return undefined;
    const { base, otherDomain: victim } = sides;
    return {
      sent: `${sides.committer}'s accepted self-update to every provider but ${victim}`,
      base,
      modelTakes: true,
      perform: async () =>
        compromised(ctx).routing((domain) => (domain === victim ? "withhold" : "deliver"), async () => verdictCode(await ctx.impl.client(sides.committer).selfUpdate(ctx.impl.roomId, true))),
    };
  },
};

const M03: AttackClass = {
  id: "M03",
  name: "message withheld from one provider",
  party: "hub",
  attackerPool: "hub",
  clause: "protocol §5.4–5.5 (an accepted message reaches every provider with members), digest §7 D42",
  defender: "clients",
  built: "a staying member's message, accepted and fanned out to every provider but one, a provider of another member",
  judged: { kind: "invariants", invariants: ["P14"] },
  plan: (ctx) => {
    const sides = sidesWith(ctx, (c) => ({ type: "sendMessage", actor: c, epochOffset: 0 }));
    if (sides === undefined) return undefined;
    const { base, otherDomain: victim } = sides;
    return {
      sent: `${sides.committer}'s accepted message to every provider but ${victim}`,
      base,
      modelTakes: true,
      perform: async () =>
        compromised(ctx).routing((domain) => (domain === victim ? "withhold" : "deliver"), async () => verdictCode(await ctx.impl.client(sides.committer).sendMessage(ctx.impl.roomId, `M03 ${ctx.variant}`))),
    };
  },
};

/** An addition of an unlisted user with its clients that the model accepts, tried from the indexes on. */
function acceptedAddition(ctx: AttackContext): Extract<ModelEvent, { type: "addParticipant" }> | undefined {
  const actors = staying(ctx);
  const unlisted = ctx.world.users.filter((u) => users(ctx)[u] === undefined);
  const roles = ctx.world.assignableRoles.filter((r) => r !== BANNED_ROLE);
  for (let a = 0; a < actors.length; a += 1)
    for (let t = 0; t < unlisted.length; t += 1)
      for (let r = 0; r < roles.length; r += 1) {
        const target = unlisted[(ctx.target + t) % unlisted.length]!;
        const event = { type: "addParticipant", actor: actors[(ctx.variant + a) % actors.length]!, target, role: roles[(ctx.variant + r) % roles.length]!, clients: [...ctx.world.clientsOf[target]!] } as const;
        if (step(ctx.model, event).verdict.accepted) return event;
      }
  return undefined;
}

const M04: AttackClass = {
  id: "M04",
  name: "Welcome withheld",
  party: "hub",
  attackerPool: "hub",
  clause: "protocol §5.5 (the Welcome goes to the providers of its KeyPackages), digest §7 D43",
  defender: "clients",
  built: "an addition of a user with its clients that the model accepts; the hub accepts the commit, fans it out, and never sends its Welcome",
  judged: { kind: "invariants", invariants: ["P14", "P15"] },
  plan: (ctx) => {
    const base = acceptedAddition(ctx);
    if (base === undefined) return undefined;
    return {
      sent: `${base.actor}'s addition of ${base.target} with ${base.clients.join(", ")}, without its Welcome`,
      base,
      modelTakes: true,
      perform: () => compromised(ctx).routing((_domain, items) => (items.some((i) => i.kind === "welcome") ? "withhold" : "deliver"), () => ctx.impl.apply(base)),
    };
  },
};

const M05: AttackClass = {
  id: "M05",
  name: "fanout reordered for one provider",
  party: "hub",
  attackerPool: "hub",
  clause: "room-policy §7, arch §5.2: one total order to every follower; a commit before any message of its epoch (digest §7 D41)",
  defender: "clients",
  built: "a staying member's self-update and then its message, both accepted; one provider of another member gets the message first and the commit after it",
  judged: { kind: "invariants", invariants: ["P14", "P16"] },
  plan: (ctx) => {
    const sides = sidesWith(ctx, selfUpdate);
    if (sides === undefined) return undefined;
    const { base, otherDomain: victim } = sides;
    return {
      sent: `${sides.committer}'s self-update and its next message to ${victim} in reverse order`,
      base,
      modelTakes: true,
      perform: () =>
        compromised(ctx).routing(
          (domain, items) => (domain === victim && items.some((i) => i.kind === "commit") ? "hold" : "deliver"),
          async () => {
            const code = verdictCode(await ctx.impl.client(sides.committer).selfUpdate(ctx.impl.roomId, true));
            if (code === "accepted") await ctx.impl.client(sides.committer).sendMessage(ctx.impl.roomId, `M05 ${ctx.variant}`);
            return code;
          },
        ),
    };
  },
};

/** What the hub proposes in this room: in words, and how it makes the MLS proposals when the step runs. */
export interface HubProposal {
  readonly sent: string;
  /** The same change as the hub's policy enforcer's own (R18), when it is one: where the model accepts that
   * enforcement, the enforcer's role allows the change and the proposal is no attack (the class passes). */
  readonly asEnforcement?: ModelEvent;
  make(ctx: AttackContext): Promise<{ readonly proposals: readonly Proposal[]; readonly adds?: readonly { keyPackage: KeyPackage; user: string }[] }>;
}

export function externalProposalClass(
  id: string,
  name: string,
  clause: string,
  built: string,
  propose: (ctx: AttackContext) => HubProposal | undefined,
): AttackClass {
  return {
    id,
    name,
    party: "hub",
    attackerPool: "hub",
    clause,
    defender: "clients",
    built,
    judged: { kind: "refusal", codes: ["notAllowed"] },
    plan: (ctx): PlannedAttack | undefined => {
      const proposal = propose(ctx);
      const base = noOperation(ctx);
      if (proposal === undefined || base === undefined) return undefined;
      if (proposal.asEnforcement !== undefined && step(ctx.model, proposal.asEnforcement).verdict.accepted) return undefined;
      return {
        sent: `${proposal.sent}, as its own external proposal`,
        base,
        perform: async () => {
          const made = await proposal.make(ctx);
          await compromised(ctx).propose(ctx.impl.roomId, made.proposals, made.adds ?? []);
          return "accepted";
        },
      };
    },
  };
}

const listAdd = (user: string, roleIndex: number): Proposal => participantListUpdateProposal({ changedRoleParticipants: [], removedIndices: [], addedParticipants: [{ user, roleIndex }] });
const nonBannedRole = (ctx: AttackContext, index: number) => pick(ctx.world.assignableRoles.filter((r) => r !== BANNED_ROLE), index)!;

const M06 = externalProposalClass(
  "M06",
  "hub lists a user",
  "room-policy §4, §8 intro (an external sender acts with its role's rights; the room gives the hub none), digest §7 B28, B12",
  "the hub's external proposal of a participant-list addition of an unlisted user, in a role of the variant's choice, without clients",
  (ctx) => {
    const target = pickUser(ctx.world.users, ctx.target, (u) => users(ctx)[u] === undefined);
    if (target === undefined) return undefined;
    // Where role 0 has canOpenJoin, the hub's listing in the open-join role is exactly what an honest open
    // join sends (docs/rules.md "Open join"): no client can tell whether the user asked, a limit stated in
    // docs/attacks.md. The attack lists the user in any other role.
    const config = ctx.model.context.config;
    const openRole = hasCapability(config, 0, "canOpenJoin") ? openJoinRole(config) : undefined;
    // Where role 0 holds canUseJoinCode, a listing in any joinable role with room is what an honest code
    // join sends, and only the hub holds the codes (docs/attacks.md): no client can refuse it, so no attack.
    if (hasCapability(config, 0, "canUseJoinCode")) return undefined;
    // Likewise where the room has a preauth list: a listing in a user's first preauthorised role is what an
    // honest preauthorised join sends, and the list may be replaced (R20), so no listing is surely refusable.
    if (config.preauth !== undefined) return undefined;
    const role = [nonBannedRole(ctx, ctx.variant), nonBannedRole(ctx, ctx.variant + 1)].find((r) => r !== openRole);
    if (role === undefined) return undefined;
    return { sent: `a listing of ${target} in role ${role}`, asEnforcement: { type: "enforce", actor: ENFORCER_ACTOR, action: "add", target, role }, make: async () => ({ proposals: [listAdd(userUriOf(target), role)] }) };
  },
);

const M07 = externalProposalClass(
  "M07",
  "hub adds a client of its own",
  "room-policy §8.1.1, §4 (B28); protocol §5.3 (Adds only by authorised participants); digest §7 A5, B12–B13, P15",
  "the hub makes a KeyPackage of a new device of a user of its own provider and proposes, as external sender, its Add: with the user's listing when it is unlisted (v0), for a listed user as an extra device (v1)",
  (ctx) => {
    const own = ctx.world.users.filter((u) => domainOfUser(u) === HUB_DOMAIN);
    const listed = ctx.variant % 2 === 1;
    const user = pickUser(own, ctx.target, (u) => (listed ? (users(ctx)[u]?.role ?? 0) > BANNED_ROLE : users(ctx)[u] === undefined));
    if (user === undefined) return undefined;
    const device = `hub${ctx.variant % 4}`;
    const role = nonBannedRole(ctx, ctx.variant >> 1);
    return {
      sent: listed ? `an Add of ${user}/${device}, a device it made for ${user}` : `a listing of ${user} in role ${role} with an Add of ${user}/${device}, a device it made`,
      make: async (c) => {
        const keyPackage = await compromised(c).ownKeyPackage(clientUri(HUB_DOMAIN, user, device));
        const add: Proposal = { proposalType: "add", add: { keyPackage } };
        return { proposals: listed ? [add] : [listAdd(userUriOf(user), role), add], adds: [{ keyPackage, user: userUriOf(user) }] };
      },
    };
  },
);

const M08 = externalProposalClass(
  "M08",
  "hub changes a role",
  "room-policy §8.1.3 (canChangeUserRole, authorized_role_changes), §4 (B28); digest §7 B21, B23",
  "the hub's external proposal of a participant-list role change of a listed user to another role of the variant's choice (role 1 is a ban; then without the Removes)",
  (ctx) => {
    const target = pickUser(ctx.world.users, ctx.target, (u) => users(ctx)[u] !== undefined);
    if (target === undefined) return undefined;
    const current = users(ctx)[target]!.role;
    const role = pick(ctx.world.assignableRoles.filter((r) => r !== current), ctx.variant);
    if (role === undefined) return undefined;
    return {
      sent: `a role change of ${target} from role ${current} to ${role}`,
      asEnforcement: { type: "enforce", actor: ENFORCER_ACTOR, action: "changeRole", target, role },
      make: async (c) => {
        const index = hubRoom(c).participants.findIndex((p) => p.user === userUriOf(target));
        if (index < 0) throw new Error(`${target} is not in the hub's list`);
        return { proposals: [participantListUpdateProposal({ changedRoleParticipants: [{ userIndex: index, roleIndex: role }], removedIndices: [], addedParticipants: [] })] };
      },
    };
  },
);

const M09 = externalProposalClass(
  "M09",
  "hub removes a participant",
  "room-policy §8.1.2 (canRemoveParticipant, canKick), §4 (B28); digest §7 B17–B18",
  "the hub's external proposals removing a listed user with clients: its delisting and the Remove of each of its clients (v0), or the Removes alone, a kick (v1)",
  (ctx) => {
    const target = pickUser(ctx.world.users, ctx.target, (u) => (users(ctx)[u]?.clients.length ?? 0) > 0 && !blocked(ctx).has(u));
    if (target === undefined) return undefined;
    const kick = ctx.variant % 2 === 1;
    return {
      sent: kick ? `a kick of ${target} (the Remove of each of its clients)` : `a removal of ${target} (its delisting and the Remove of each of its clients)`,
      // The enforcer may remove (R18), but kicks by no role of Appendix A's: a kick stays an attack.
      ...(kick ? {} : { asEnforcement: { type: "enforce", actor: ENFORCER_ACTOR, action: "remove", target } as const }),
      make: async (c) => {
        const { participants, members } = hubRoom(c);
        const removes: Proposal[] = members.filter((m) => userOfClient(m.client) === userUriOf(target)).map((m) => ({ proposalType: "remove", remove: { removed: m.leafIndex } }));
        const index = participants.findIndex((p) => p.user === userUriOf(target));
        const delisting = participantListUpdateProposal({ changedRoleParticipants: [], removedIndices: [index], addedParticipants: [] });
        return { proposals: kick ? removes : [delisting, ...removes] };
      },
    };
  },
);

/**
 * Was a finding (R12's allowance read "a user whose clients are gone", not "a leaver whose clients are gone");
 * now refused: a client takes the hub's delisting only of a leaver it holds blocked. A client that joined in
 * this epoch never saw the leave and can only keep the hub from undoing a ban (docs/attacks.md, limits):
 * while one is in the room, only a banned user is a target. Planted defect: `ClientFaults.looseHubDelisting`.
 */
const M13 = externalProposalClass(
  "M13",
  "hub delists an inactive participant",
  "room-policy §8.1.2 (canRemoveParticipant), §4 (B28); docs/rules.md R12 (the hub delists only a leaver whose clients are gone)",
  "the hub's external proposal of the delisting of a listed user that has no client in the group and has not left (a banned user included; only a banned one while a client that joined in this epoch is in the room)",
  (ctx) => {
    const joinerPresent = memberClients(ctx.model).some((c) => ctx.impl.client(c).session(ctx.impl.roomId)?.joinedThisEpoch === true);
    const target = pickUser(ctx.world.users, ctx.target, (u) => {
      const entry = users(ctx)[u];
      return entry !== undefined && entry.clients.length === 0 && !blocked(ctx).has(u) && (!joinerPresent || entry.role === BANNED_ROLE);
    });
    if (target === undefined) return undefined;
    return {
      sent: `a delisting of ${target}, listed${users(ctx)[target]!.role === BANNED_ROLE ? " as banned" : ""} without clients`,
      asEnforcement: { type: "enforce", actor: ENFORCER_ACTOR, action: "remove", target },
      make: async (c) => {
        const index = hubRoom(c).participants.findIndex((p) => p.user === userUriOf(target));
        return { proposals: [participantListUpdateProposal({ changedRoleParticipants: [], removedIndices: [index], addedParticipants: [] })] };
      },
    };
  },
);

const M10: AttackClass = {
  id: "M10",
  name: "stale or mismatched GroupInfo served to a joiner",
  party: "hub",
  attackerPool: "hub",
  clause: "protocol §5.3, §5.6 (the GroupInfo of the current epoch), digest §7 C38, D47",
  defender: "clients",
  built:
    "a client of a listed user that may add its own clients asks for the GroupInfo to join; the hub serves the previous epoch's (even variants), or the current GroupInfo with the previous epoch's tree (odd variants)",
  judged: { kind: "invariants", invariants: ["P14", "P15"] },
  plan: (ctx) => {
    if (abstractState(ctx.model).epoch < 1) return undefined;
    const joiners = ctx.world.clients.filter((c) => ctx.impl.client(c).session(ctx.impl.roomId) === undefined && step(ctx.model, { type: "addOwnClient", client: c, user: c.split("/")[0]! }).verdict.accepted);
    const joiner = pick(joiners, ctx.target);
    if (joiner === undefined) return undefined;
    // A commit without an UpdatePath (a participant-list change alone) leaves the tree as it was: the previous
    // epoch's tree is then the current one, and serving it with the current GroupInfo is no attack at all.
    const mismatched = ctx.variant % 2 === 1 && !previousTreeIsCurrent(ctx);
    return {
      sent: mismatched ? `the current GroupInfo with the previous epoch's tree to ${joiner}, which joins with it` : `the previous epoch's GroupInfo to ${joiner}, which joins with it`,
      base: { type: "addOwnClient", client: joiner, user: joiner.split("/")[0]! },
      perform: async () => {
        const hub = ctx.impl.system.hub;
        const faults = hub.config.faults;
        hub.config.faults = { ...faults, serveStaleGroupInfo: true };
        const stale = hub.servedGroupInfo(ctx.impl.roomId)!;
        const current = hub.groupInfoOf(ctx.impl.roomId)!;
        // What /groupInfo serves this once: the previous epoch's whole, or the current GroupInfo with the previous tree.
        if (mismatched) {
          hub.config.faults = faults;
          hub.servedGroupInfo = () => ({ groupInfo: current.groupInfo, ratchetTree: stale.ratchetTree });
        }
        try {
          return verdictCode(await ctx.impl.client(joiner).joinByExternalCommit(ctx.impl.roomId));
        } finally {
          hub.config.faults = faults;
          delete (hub as { servedGroupInfo?: unknown }).servedGroupInfo;
        }
      },
    };
  },
};

/** Whether the tree of the hub's previous epoch is byte for byte the current one. */
function previousTreeIsCurrent(ctx: AttackContext): boolean {
  const hub = ctx.impl.system.hub;
  const faults = hub.config.faults;
  try {
    hub.config.faults = { ...faults, serveStaleGroupInfo: true };
    const stale = hub.servedGroupInfo(ctx.impl.roomId);
    hub.config.faults = faults;
    const current = hub.groupInfoOf(ctx.impl.roomId);
    if (stale === undefined || current === undefined) return false;
    const a = encodeRatchetTree(stale.ratchetTree);
    const b = encodeRatchetTree(current.ratchetTree);
    return a.length === b.length && a.every((byte, i) => byte === b[i]);
  } finally {
    hub.config.faults = faults;
  }
}

/** Every one of the hub's rule switches (HubFaults "skip…"), on. */
const NO_RULES: HubFaults = Object.fromEntries(HUB_FAULT_NAMES.filter((f) => f.startsWith("skip")).map((f) => [f, true]));

const M11: AttackClass = {
  id: "M11",
  name: "hub stops enforcing",
  party: "hub",
  attackerPool: "hub",
  clause: "DESIGN §2.3 (honest clients do not trust the hub with the room); arch §4.4 (every honest party discards a policy violation), digest §7 G65",
  defender: "clients",
  built: "from this step on the hub accepts whatever it is sent: every rule switch of HubFaults named skip… is on",
  judged: { kind: "invariants", invariants: ["P14", "P15"] },
  plan: (ctx) => {
    const base = noOperation(ctx);
    if (base === undefined) return undefined;
    return {
      sent: "nothing yet: from now on it accepts every request unchecked",
      base,
      perform: async () => {
        const hub = ctx.impl.system.hub;
        hub.config.faults = { ...hub.config.faults, ...NO_RULES };
        return "accepted";
      },
    };
  },
};

const M12: AttackClass = {
  id: "M12",
  name: "accepted leave dropped",
  party: "hub",
  attackerPool: "hub",
  clause: "protocol §3.5, §5.3 (the hub caches an accepted leave and requires the next committer to include it), digest §7 C35, D40",
  defender: "clients",
  built: "a member's leave that the model accepts: the hub answers success, never fans the bundle out, and forgets it (the user is no longer blocked, no commit has to include it)",
  judged: { kind: "invariants", invariants: ["P14"] },
  plan: (ctx) => {
    const leavers = staying(ctx).filter((c) => acceptedByModel(ctx, { type: "leave", actor: c }) !== undefined);
    const leaver = pick(leavers, ctx.target);
    if (leaver === undefined) return undefined;
    const base: ModelEvent = { type: "leave", actor: leaver };
    return {
      sent: `success to ${leaver}'s leave, which it then drops`,
      base,
      perform: async () => {
        const hub = compromised(ctx);
        const room = ctx.impl.roomId;
        const before = hub.record(room);
        const code = await hub.routing(
          (_domain, items) => (items.some((i) => i.kind === "proposal") ? "withhold" : "deliver"),
          async () => verdictCode(await ctx.impl.client(leaver).proposeLeave(room, ctx.impl.options.variants.leaveOrder === "same-commit")),
        );
        hub.forget(room, before);
        return code;
      },
    };
  },
};

/** The compromised hub's classes, in catalogue order. */
export const HUB_ATTACKS: readonly AttackClass[] = [M01, M02, M03, M04, M05, M06, M07, M08, M09, M10, M11, M12, M13];
