// The compromised client's catalogue. Each class starts from an honest operation of a member (or a
// former member) and mutates it so that the MLS stays well formed and signed with the client's real key,
// and only a MIMI rule is broken. The model predicts each verdict: the room does not change and the hub
// answers the draft's code.
import {
  createGroupInfoWithExternalPub, createCommit, createProposal, decodeMlsMessage, defaultLifetime, encodeExternalSender,
  generateKeyPackageWithKey, joinGroupExternal, type ClientState, type Credential, type KeyPackage, type LeafNode, type MLSMessage,
} from "ts-mls";
import { defaultClientConfig } from "ts-mls/clientConfig.js";
import { domainOf } from "../../impl/identity/mimi-uri.js";
import { COMPONENT_ROLES_LIST } from "../../impl/codec/code-points.js";
import { encodeAppDataUpdate } from "../../impl/codec/app-data-update.js";
import { PROPOSAL_APP_DATA_UPDATE } from "../../impl/codec/code-points.js";
import { clientUriOfCredential, credentialFor } from "../../impl/mls/client-credential.js";
import { mimiCapabilities } from "../../impl/mls/member-capabilities.js";
import { groupContextExtensionsProposal, participantListUpdateProposal, withRoomComponents } from "../../impl/mls/room-components.js";
import { verdictCode } from "../../impl/transport/outcomes.js";
import { abstractState, userOf, type ClientId, type UserId } from "../../model/index.js";
import { clientUriOf, userUriOf } from "../world/room-world.js";
import { pickUser, type AttackClass, type AttackContext, type PlannedAttack } from "./attack-class.js";
import {
  compromised, indexOfUser, leavesOf, listChange, removeProposal, roomIn, sendForgedCommit, sendForgedMessage, sendForgedProposals,
} from "./forge-client-messages.js";

const BANNED = 1;
/** Codes the draft allows for a refused room change (digest §2.6 H5: notAllowed, or invalidProposal naming the proposals). */
const POLICY_REFUSAL = ["notAllowed", "invalidProposal"] as const;
/** An MLS-invalid handshake (H1): the draft names no code; either refusal of /update. */
const MLS_REFUSAL = ["notAllowed", "invalidProposal"] as const;

const sessionState = (ctx: AttackContext): ClientState | undefined => compromised(ctx.impl, ctx.attacker).session(ctx.impl.roomId)?.state;
const usersOf = (ctx: AttackContext) => abstractState(ctx.model).users;
const roleOf = (ctx: AttackContext, user: UserId) => usersOf(ctx)[user]?.role ?? 0;
const clientsOf = (ctx: AttackContext, user: UserId) => usersOf(ctx)[user]?.clients ?? [];
const others = (ctx: AttackContext) => ctx.world.users.filter((u) => u !== userOf(ctx.attacker));
const selfUpdate = (actor: ClientId) => ({ type: "commit", actor, includePending: true }) as const;

/** An Add, without any participant-list change, of a client of a user the fitness test picks. */
function addClientOf(fits: (ctx: AttackContext, user: UserId) => boolean, what: string) {
  return (ctx: AttackContext): PlannedAttack | undefined => {
    const target = pickUser(others(ctx), ctx.target, (u) => fits(ctx, u) && clientsOf(ctx, u).length === 0);
    if (target === undefined) return undefined;
    return {
      sent: `an Add of a client of ${target} (${what}), with no participant-list change`,
      base: selfUpdate(ctx.attacker),
      perform: async () => {
        const access = compromised(ctx.impl, ctx.attacker);
        const material = await access.uplink.fetchKeyPackages(ctx.impl.roomId, await access.requesterIdentity(), userUriOf(target));
        const adds = material.keyPackages.slice(0, 1 + (ctx.variant % 2)).map((k) => ({ proposalType: "add" as const, add: { keyPackage: k.keyPackage } }));
        if (adds.length === 0) return "skipped: no key material";
        return sendForgedCommit(ctx.impl, ctx.attacker, { proposals: adds });
      },
    };
  };
}

/** A removal-like change of a target with clients, whose Removes leave some of them in the group. */
function keepsClient(kind: "removal" | "ban" | "delisting" | "kick"): (ctx: AttackContext) => PlannedAttack | undefined {
  return (ctx) => {
    if (kind === "kick") return kickKeepsClient(ctx);
    const need = kind === "delisting" ? 1 : 2;
    const target = pickUser(others(ctx), ctx.target, (u) => roleOf(ctx, u) > BANNED && clientsOf(ctx, u).length >= need);
    const state = sessionState(ctx);
    if (target === undefined || state === undefined) return undefined;
    const leaves = leavesOf(state, target);
    const removed = kind === "delisting" ? [] : leaves.slice(0, 1);
    const kept = leaves.filter((l) => !removed.includes(l)).map((l) => l.client);
    const index = indexOfUser(roomIn(state).participants, target);
    const update = kind === "ban"
      ? { changedRoleParticipants: [{ userIndex: index, roleIndex: BANNED }], removedIndices: [], addedParticipants: [] }
      : { changedRoleParticipants: [], removedIndices: [index], addedParticipants: [] };
    return {
      sent: `a ${kind} of ${target} that keeps ${kept.join(",")}`,
      base: { type: kind === "ban" ? "ban" : "removeParticipant", actor: ctx.attacker, target },
      perform: () => sendForgedCommit(ctx.impl, ctx.attacker, { proposals: [...listChange(state, update), ...removed.map((l) => removeProposal(l.leafIndex))] }),
    };
  };
}

/** The Removes of only the first of a target's clients, with no list change: a kick of a subset (R6, D12). */
function kickKeepsClient(ctx: AttackContext): PlannedAttack | undefined {
  const target = pickUser(others(ctx), ctx.target, (u) => roleOf(ctx, u) > BANNED && clientsOf(ctx, u).length >= 2);
  const state = sessionState(ctx);
  if (target === undefined || state === undefined) return undefined;
  const [first, ...kept] = leavesOf(state, target);
  if (first === undefined) return undefined;
  return {
    sent: `a kick of ${target} that keeps ${kept.map((l) => l.client).join(",")}`,
    base: { type: "kick", actor: ctx.attacker, target },
    perform: () => sendForgedCommit(ctx.impl, ctx.attacker, { proposals: [removeProposal(first.leafIndex)] }),
  };
}

/** The first role index in the world other than `role` that a list may name. */
const anotherRole = (ctx: AttackContext, role: number) => ctx.world.assignableRoles.find((r) => r !== role && r !== BANNED) ?? role;

/** An empty commit from a member whose state the attack reshapes (framing, signature, attachments). */
function malformedCommit(sent: string, forged: (state: ClientState) => Parameters<typeof sendForgedCommit>[2]) {
  return (ctx: AttackContext): PlannedAttack | undefined => {
    const state = sessionState(ctx);
    if (state === undefined) return undefined;
    return { sent, base: selfUpdate(ctx.attacker), perform: () => sendForgedCommit(ctx.impl, ctx.attacker, forged(state)) };
  };
}

const flipLastByte = (bytes: Uint8Array) => {
  const copy = new Uint8Array(bytes);
  copy[copy.length - 1] = copy[copy.length - 1]! ^ 0x01;
  return copy;
};

function tamperPublic(m: MLSMessage, change: (pm: Extract<MLSMessage, { wireformat: "mls_public_message" }>["publicMessage"]) => object): MLSMessage {
  if (m.wireformat !== "mls_public_message") return m;
  return { ...m, publicMessage: change(m.publicMessage) } as MLSMessage;
}

/** The compromised client's attack classes. */
export const CLIENT_ATTACKS: readonly AttackClass[] = [
  {
    id: "A01", name: "Add of an unlisted user's client", party: "client", attackerPool: "member",
    clause: "H6; §7 A5 (protocol §5.3 MUST)", defender: "both",
    built: "KeyPackages of an unlisted user fetched through the hub, committed as Adds without listing the user",
    judged: { kind: "refusal", codes: POLICY_REFUSAL },
    plan: addClientOf((ctx, u) => roleOf(ctx, u) === 0, "unlisted"),
  },
  {
    id: "A02", name: "Add of a banned user's client", party: "client", attackerPool: "member",
    clause: "H6, H14; §7 A1, B16 (room-policy §8.1.3)", defender: "both",
    built: "KeyPackages of a banned user committed as Adds",
    judged: { kind: "refusal", codes: POLICY_REFUSAL },
    plan: addClientOf((ctx, u) => roleOf(ctx, u) === BANNED, "banned"),
  },
  {
    id: "A03", name: "Add of a client for a role with max_active 0", party: "client", attackerPool: "member",
    clause: "H6; §7 A1, A4 (room-policy §3 max_active)", defender: "both",
    built: "KeyPackages of a user listed in a role whose max_active is 0 (other than banned) committed as Adds",
    judged: { kind: "refusal", codes: POLICY_REFUSAL },
    plan: addClientOf((ctx, u) => {
      const role = roleOf(ctx, u);
      return role > BANNED && ctx.world.config.roles.find((r) => r.index === role)?.maxActive === 0;
    }, "in a role with max_active 0"),
  },
  {
    id: "A04", name: "removal keeps a client", party: "client", attackerPool: "member",
    clause: "H7; §7 A6 (room-policy §8.1.2 MUST NOT)", defender: "both",
    built: "the honest removal's delisting with a Remove of only the first of the target's clients",
    judged: { kind: "refusal", codes: POLICY_REFUSAL },
    plan: keepsClient("removal"),
  },
  {
    id: "A05", name: "ban keeps a client", party: "client", attackerPool: "member",
    clause: "H7; §7 A6, B23 (room-policy §8.1.3)", defender: "both",
    built: "the honest ban's role change to banned with a Remove of only the first of the target's clients",
    judged: { kind: "refusal", codes: POLICY_REFUSAL },
    plan: keepsClient("ban"),
  },
  {
    id: "A06", name: "delisting keeps every client", party: "client", attackerPool: "member",
    clause: "H7; §7 A1, A6 (protocol §5.3)", defender: "both",
    built: "a participant-list removal of a user with clients in the group, and no Remove",
    judged: { kind: "refusal", codes: POLICY_REFUSAL },
    plan: keepsClient("delisting"),
  },
  {
    id: "A07", name: "a user touched twice in one commit", party: "client", attackerPool: "member",
    clause: "H8; §7 C29 (protocol §7.5)", defender: "both",
    built: "two role changes of one listed user (variant 0: in one ParticipantListUpdate; 1: in two)",
    judged: { kind: "refusal", codes: POLICY_REFUSAL },
    plan: (ctx) => {
      const target = pickUser(others(ctx), ctx.target, (u) => roleOf(ctx, u) > BANNED);
      const state = sessionState(ctx);
      if (target === undefined || state === undefined) return undefined;
      const index = indexOfUser(roomIn(state).participants, target);
      const role = anotherRole(ctx, roleOf(ctx, target));
      const change = (roleIndex: number) => ({ userIndex: index, roleIndex });
      const twice = { changedRoleParticipants: [change(role), change(roleOf(ctx, target))], removedIndices: [], addedParticipants: [] };
      const once = { changedRoleParticipants: [change(role)], removedIndices: [], addedParticipants: [] };
      const proposals = ctx.variant % 2 === 0
        ? listChange(state, twice)
        : [participantListUpdateProposal(once), ...listChange(state, { ...once, changedRoleParticipants: [change(roleOf(ctx, target))] })];
      return {
        sent: `a commit that changes ${target}'s role twice`,
        base: { type: "changeRole", actor: ctx.attacker, target, role },
        perform: () => sendForgedCommit(ctx.impl, ctx.attacker, { proposals }),
      };
    },
  },
  {
    id: "A08", name: "roles_list change beside a participant-list change", party: "client", attackerPool: "member",
    clause: "H9; §7 C31 (room-policy §3)", defender: "both",
    built: "an honest role change whose GroupContextExtensions also renames a role in roles_list (the codec carries roles_list only in the GCE's dictionary)",
    judged: { kind: "refusal", codes: POLICY_REFUSAL },
    plan: (ctx) => {
      const target = pickUser(others(ctx), ctx.target, (u) => roleOf(ctx, u) > BANNED);
      const state = sessionState(ctx);
      if (target === undefined || state === undefined) return undefined;
      const role = anotherRole(ctx, roleOf(ctx, target));
      const update = { changedRoleParticipants: [{ userIndex: indexOfUser(roomIn(state).participants, target), roleIndex: role }], removedIndices: [], addedParticipants: [] };
      const proposals = listChange(state, update, (next) => ({
        ...next,
        roles: { roles: next.roles.roles.map((r) => (r.roleIndex === role ? { ...r, roleName: `${r.roleName}-renamed` } : r)) },
      }));
      return { sent: `a role change of ${target} whose GCE also changes roles_list`, base: { type: "changeRole", actor: ctx.attacker, target, role }, perform: () => sendForgedCommit(ctx.impl, ctx.attacker, { proposals }) };
    },
  },
  {
    id: "A09", name: "forged room state", party: "client", attackerPool: "member",
    clause: "mls-ext §4.7 via DESIGN §3; §7 C32, G64 (the dictionary is what the AppDataUpdates produce)", defender: "both",
    built: "a GroupContextExtensions whose participant list moves the committer's own user to the highest role but its own (variant 0: with no AppDataUpdate; 1: beside an honest role change of another user), or, alone, lists it twice (2) or in a role roles_list lacks (3)",
    judged: { kind: "refusal", codes: POLICY_REFUSAL },
    plan: (ctx) => {
      const state = sessionState(ctx);
      if (state === undefined) return undefined;
      const own = userUriOf(userOf(ctx.attacker));
      // The highest role other than its own: a list that keeps the attacker's role forges nothing (a
      // generated role set may make the attacker's role the highest).
      const current = roleOf(ctx, userOf(ctx.attacker));
      const top = Math.max(...ctx.world.assignableRoles.filter((r) => r !== current));
      const promote = (list: ReturnType<typeof roomIn>) => ({ ...list, participants: { participants: list.participants.participants.map((p) => (p.user === own ? { ...p, roleIndex: top } : p)) } });
      const target = pickUser(others(ctx), ctx.target, (u) => roleOf(ctx, u) > BANNED);
      if (ctx.variant % 4 === 1 && target !== undefined) {
        const role = anotherRole(ctx, roleOf(ctx, target));
        const update = { changedRoleParticipants: [{ userIndex: indexOfUser(roomIn(state).participants, target), roleIndex: role }], removedIndices: [], addedParticipants: [] };
        return { sent: `a role change of ${target} whose GCE also makes ${userOf(ctx.attacker)} role ${top}`, base: { type: "changeRole", actor: ctx.attacker, target, role }, perform: () => sendForgedCommit(ctx.impl, ctx.attacker, { proposals: listChange(state, update, promote) }) };
      }
      // Variants 2 and 3 forge a list that is not even well formed: its own user twice, or in a role roles_list lacks.
      const room = roomIn(state);
      const entries = room.participants.participants;
      const forged = ctx.variant % 4 === 2
        ? { room: { ...room, participants: { participants: [...entries, ...entries.filter((p) => p.user === own)] } }, what: `lists ${userOf(ctx.attacker)} twice` }
        : ctx.variant % 4 === 3
          ? { room: { ...room, participants: { participants: entries.map((p) => (p.user === own ? { ...p, roleIndex: 99 } : p)) } }, what: `gives ${userOf(ctx.attacker)} role 99, which roles_list lacks` }
          : { room: promote(room), what: `makes ${userOf(ctx.attacker)} role ${top}` };
      const gce = groupContextExtensionsProposal(withRoomComponents(state.groupContext.extensions, forged.room));
      return { sent: `a GCE alone that ${forged.what}`, base: selfUpdate(ctx.attacker), perform: () => sendForgedCommit(ctx.impl, ctx.attacker, { proposals: [gce] }) };
    },
  },
  {
    id: "A10", name: "the hub dropped from external_senders", party: "client", attackerPool: "member",
    clause: "H12; §7 C37 (protocol §7.4 MUST)", defender: "both",
    built: "a GroupContextExtensions without external_senders (variant 0) or naming the committer's own key in the hub's place (1)",
    judged: { kind: "refusal", codes: POLICY_REFUSAL },
    plan: (ctx) => {
      const state = sessionState(ctx);
      if (state === undefined) return undefined;
      const replace = ctx.variant % 2 === 1;
      return {
        sent: replace ? "a GCE naming itself as the room's external sender instead of the hub" : "a GCE without external_senders",
        base: selfUpdate(ctx.attacker),
        perform: async () => {
          const exts = state.groupContext.extensions.flatMap((e) => {
            if (e.extensionType !== "external_senders") return [e];
            if (!replace) return [];
            // The committer's own leaf key and credential take the hub's place: it could then propose as "the hub".
            const ownLeaf = state.ratchetTree[state.privatePath.leafIndex * 2] as { leaf: { signaturePublicKey: Uint8Array; credential: Credential } } | undefined;
            const signaturePublicKey = ownLeaf?.leaf.signaturePublicKey ?? new Uint8Array(32);
            const credential = ownLeaf?.leaf.credential ?? credentialFor(clientUriOf(ctx.attacker));
            return [{ extensionType: "external_senders" as const, extensionData: encodeExternalSender({ signaturePublicKey, credential }) }];
          });
          return sendForgedCommit(ctx.impl, ctx.attacker, { proposals: [groupContextExtensionsProposal(exts)] });
        },
      };
    },
  },
  {
    id: "A11", name: "AppDataUpdate for an unknown component", party: "client", attackerPool: "member",
    clause: "H10; §7 C32 (mls-ext §4.7)", defender: "both",
    built: "an AppDataUpdate for component 0x7f01, which no room knows (variant 1: a remove of roles_list)",
    judged: { kind: "refusal", codes: POLICY_REFUSAL },
    plan: (ctx) => {
      if (sessionState(ctx) === undefined) return undefined;
      const unknown = ctx.variant % 2 === 0;
      const data = unknown ? encodeAppDataUpdate({ componentId: 0x7f01, op: "update", update: new Uint8Array([1, 2, 3]) }) : encodeAppDataUpdate({ componentId: COMPONENT_ROLES_LIST, op: "remove" });
      return {
        sent: unknown ? "an AppDataUpdate for unknown component 0x7f01" : "an AppDataUpdate removing roles_list",
        base: selfUpdate(ctx.attacker),
        perform: () => sendForgedCommit(ctx.impl, ctx.attacker, { proposals: [{ proposalType: PROPOSAL_APP_DATA_UPDATE, proposalData: data }] }),
      };
    },
  },
  {
    id: "A12", name: "proposal by reference the hub never accepted", party: "client", attackerPool: "member",
    clause: "H1, H4; §7 D41 (protocol §3.5, §5.3)", defender: "both",
    built: "a Remove of another user's client proposed only in the committer's own state, committed by reference",
    judged: { kind: "refusal", codes: ["invalidProposal", "notAllowed"] },
    plan: (ctx) => {
      const state = sessionState(ctx);
      const target = pickUser(others(ctx), ctx.target, (u) => clientsOf(ctx, u).length > 0);
      if (state === undefined || target === undefined) return undefined;
      const leaf = leavesOf(state, target)[0];
      if (leaf === undefined) return undefined;
      return {
        sent: `a commit referencing a Remove of ${leaf.client} it never sent to the hub`,
        base: { type: "kick", actor: ctx.attacker, target },
        perform: async () => {
          const access = compromised(ctx.impl, ctx.attacker);
          const proposed = await createProposal(state, true, removeProposal(leaf.leafIndex), access.suite);
          return sendForgedCommit(ctx.impl, ctx.attacker, { proposals: [], fromState: proposed.newState });
        },
      };
    },
  },
  {
    id: "A13", name: "proposal from an earlier epoch", party: "client", attackerPool: "member",
    clause: "H2, H16; §7 D39 (protocol §5.3)", defender: "hub",
    built: "a Remove of another user's client proposed from the state of the epoch before",
    judged: { kind: "refusal", codes: ["wrongEpoch"] },
    plan: (ctx) => {
      const session = compromised(ctx.impl, ctx.attacker).session(ctx.impl.roomId);
      const previous = session?.previousState;
      // A joiner's kept "previous" state can be its current epoch's (its own external commit adopted): not earlier.
      if (previous === undefined || previous.groupContext.epoch >= session!.state.groupContext.epoch) return undefined;
      const leaf = leavesOf(previous, userOf(ctx.attacker))[0];
      if (leaf === undefined) return undefined;
      return { sent: "a proposal bundle for the previous epoch", base: { type: "leave", actor: ctx.attacker }, perform: () => sendForgedProposals(ctx.impl, ctx.attacker, [removeProposal(leaf.leafIndex)], previous) };
    },
  },
  {
    id: "A14", name: "commit by a blocked client", party: "client", attackerPool: "member",
    clause: "H3; §7 D40 (protocol §5.3 MUST)", defender: "both",
    built: "an empty commit, leaving out the pending proposals that remove it, by a client whose user's leave is pending",
    judged: { kind: "refusal", codes: ["notAllowed"] },
    plan: (ctx) => {
      if (!abstractState(ctx.model).blocked.includes(userOf(ctx.attacker)) || sessionState(ctx) === undefined) return undefined;
      return { sent: "a commit while its user is blocked", base: { type: "commit", actor: ctx.attacker, includePending: false }, perform: () => sendForgedCommit(ctx.impl, ctx.attacker, { proposals: [], includePending: false }) };
    },
  },
  {
    id: "A15", name: "proposal by a blocked client", party: "client", attackerPool: "member",
    clause: "H17; §7 D40 (protocol §5.3 MUST)", defender: "both",
    built: "a role change of another user proposed by a client whose user's leave is pending",
    judged: { kind: "refusal", codes: ["notAllowed"] },
    plan: (ctx) => {
      const state = sessionState(ctx);
      const target = pickUser(others(ctx), ctx.target, (u) => roleOf(ctx, u) > BANNED);
      if (!abstractState(ctx.model).blocked.includes(userOf(ctx.attacker)) || state === undefined || target === undefined) return undefined;
      const update = { changedRoleParticipants: [{ userIndex: indexOfUser(roomIn(state).participants, target), roleIndex: anotherRole(ctx, roleOf(ctx, target)) }], removedIndices: [], addedParticipants: [] };
      return { sent: `a proposal changing ${target}'s role while its own user is blocked`, base: { type: "leave", actor: ctx.attacker }, perform: () => sendForgedProposals(ctx.impl, ctx.attacker, [participantListUpdateProposal(update)]) };
    },
  },
  ...formerMemberAttacks(),
  {
    id: "A19", name: "external commit by a user who may not join", party: "client", attackerPool: "member",
    clause: "H14, H23; §7 B14, B16 (room-policy §8.1.1)", defender: "both",
    built: "a member leaks its own GroupInfo; a client of an unlisted (variant 0) or banned (1) user joins with it by external commit",
    judged: { kind: "refusal", codes: ["notAllowed"] },
    plan: (ctx) => {
      const state = sessionState(ctx);
      const wantBanned = ctx.variant % 2 === 1;
      const target = pickUser(others(ctx), ctx.target, (u) => clientsOf(ctx, u).length === 0 && (wantBanned ? roleOf(ctx, u) === BANNED : roleOf(ctx, u) === 0));
      if (state === undefined || target === undefined) return undefined;
      const joiner = ctx.world.clientsOf[target]![0]!;
      return {
        sent: `its GroupInfo to ${joiner}, which joins by external commit though ${target} is ${wantBanned ? "banned" : "unlisted"}`,
        base: { type: "addOwnClient", client: joiner, user: target },
        perform: async () => {
          const cs = compromised(ctx.impl, ctx.attacker).suite;
          const groupInfo = await createGroupInfoWithExternalPub(state, [], cs);
          // The joiner's provider certifies its key as for any of its clients (basic: names it).
          const keys = await cs.signature.keygen();
          const kp = await generateKeyPackageWithKey(await ctx.impl.system.credentials.issuer(clientUriOf(joiner), keys.publicKey), mimiCapabilities(), defaultLifetime, [], keys, cs);
          const joined = await joinGroupExternal(groupInfo, kp.publicPackage, kp.privatePackage, false, cs, state.ratchetTree);
          const commit: MLSMessage = { version: "mls10", wireformat: "mls_public_message", publicMessage: joined.publicMessage };
          const info = await createGroupInfoWithExternalPub(joined.newState, [], cs);
          const outcome = await compromised(ctx.impl, joiner).uplink.sendCommit(ctx.impl.roomId, {
            kind: "commit", proposalOrCommit: commit, welcome: undefined,
            groupInfoOption: { representation: "full", groupInfo: info }, ratchetTreeOption: { representation: "full", ratchetTree: joined.newState.ratchetTree },
          });
          return verdictCode(outcome);
        },
      };
    },
  },
  {
    id: "A20", name: "commit as a PrivateMessage", party: "client", attackerPool: "member",
    clause: "H1 (protocol §5.3: handshakes are PublicMessages)", defender: "hub",
    built: "an empty commit framed as a PrivateMessage",
    judged: { kind: "refusal", codes: MLS_REFUSAL },
    plan: malformedCommit("a commit as a PrivateMessage", () => ({ proposals: [], asPrivateMessage: true })),
  },
  {
    id: "A21", name: "commit with a wrong group id", party: "client", attackerPool: "member",
    clause: "H1 (RFC 9420 §6)", defender: "hub",
    built: "an empty commit whose group id is rewritten after signing",
    judged: { kind: "refusal", codes: MLS_REFUSAL },
    plan: malformedCommit("a commit naming another group", () => ({
      proposals: [],
      tamper: (m) => tamperPublic(m, (pm) => ({ ...pm, content: { ...pm.content, groupId: new TextEncoder().encode("mimi://a.example/r/another-room") } })),
    })),
  },
  {
    id: "A22", name: "commit with a bad signature", party: "client", attackerPool: "member",
    clause: "H1 (RFC 9420 §6.1)", defender: "hub",
    built: "an empty commit whose signature has its last bit flipped",
    judged: { kind: "refusal", codes: MLS_REFUSAL },
    plan: malformedCommit("a commit with a bad signature", () => ({
      proposals: [],
      tamper: (m) => tamperPublic(m, (pm) => ({ ...pm, auth: { ...pm.auth, signature: flipLastByte(pm.auth.signature) } })),
    })),
  },
  {
    id: "A23", name: "GroupInfo that does not match the commit", party: "client", attackerPool: "member",
    clause: "H13; §7 C38 (protocol §5.3)", defender: "hub",
    built: "an empty commit bundled with the GroupInfo of the epoch it was made in",
    judged: { kind: "refusal", codes: MLS_REFUSAL },
    plan: malformedCommit("a commit with a GroupInfo of the epoch before it", () => ({ proposals: [], staleGroupInfo: true })),
  },
  {
    id: "A24", name: "replay of an accepted commit", party: "client", attackerPool: "member",
    clause: "H2; §7 D39 (protocol §5.3)", defender: "hub",
    built: "the last commit the hub accepted (as fanned out to every member), sent again with the current GroupInfo and tree",
    judged: { kind: "refusal", codes: ["wrongEpoch"] },
    plan: (ctx) => {
      const state = sessionState(ctx);
      const last = ctx.impl.system.hub.room(ctx.impl.roomId)?.history.at(-1);
      if (state === undefined || last === undefined) return undefined;
      return {
        sent: `the accepted commit of epoch ${last.epoch} again`,
        base: { type: "staleCommit", actor: ctx.attacker },
        perform: async () => {
          const message = decodeMlsMessage(last.commitBytes, 0)?.[0];
          if (message === undefined) return "skipped: undecodable";
          const info = await createGroupInfoWithExternalPub(state, [], compromised(ctx.impl, ctx.attacker).suite);
          return verdictCode(await compromised(ctx.impl, ctx.attacker).uplink.sendCommit(ctx.impl.roomId, {
            kind: "commit", proposalOrCommit: message as MLSMessage, welcome: undefined,
            groupInfoOption: { representation: "full", groupInfo: info }, ratchetTreeOption: { representation: "full", ratchetTree: state.ratchetTree },
          }));
        },
      };
    },
  },
  {
    id: "A25", name: "replay of an accepted proposal bundle", party: "client", attackerPool: "member",
    clause: "H1, H18 (protocol §3.5: each proposal accepted once)", defender: "hub",
    built: "a proposal the hub accepted in this epoch (as fanned out to every member; one of its own provider's clients' when there is one), sent again",
    judged: { kind: "refusal", codes: MLS_REFUSAL },
    plan: (ctx) => {
      const pending = ctx.impl.system.hub.room(ctx.impl.roomId)?.pending.filter((p) => p.proposer.kind === "member") ?? [];
      // Its own provider's proposals first: another provider's the hub refuses by H0 before it looks for a replay.
      const own = pending.filter((p) => p.proposer.kind === "member" && domainOf(p.proposer.client) === domainOf(clientUriOf(ctx.attacker)));
      const pool = own.length > 0 ? own : pending;
      const replayed = pool[ctx.target % Math.max(1, pool.length)];
      if (replayed === undefined || sessionState(ctx) === undefined) return undefined;
      return {
        sent: "an accepted proposal again",
        base: { type: "leave", actor: ctx.attacker },
        perform: async () => verdictCode(await compromised(ctx.impl, ctx.attacker).uplink.sendProposals(ctx.impl.roomId, { kind: "proposal", proposalOrCommit: replayed.message, moreProposals: [] })),
      };
    },
  },
  {
    id: "A26", name: "impostor join", party: "client", attackerPool: "member",
    clause: "H14 (the joiner's credential matches its GroupInfoRequest, protocol §5.6); RFC 9420 §5.3.3 (a replaced credential's successor); digest §6", defender: "both",
    built: "a device of the attacker's user (one outside the group if it has one, else the attacker) fetches the GroupInfo under its own name and key, then joins by external commit with a leaf carrying the credential of another member client of the same provider (copied from the tree: under x509 its certificate, for the victim's key) (another user's first), removing that client's leaf as a resync",
    judged: { kind: "refusal", codes: ["notAllowed"] },
    plan: (ctx) => {
      const user = userOf(ctx.attacker);
      const members = new Set(Object.values(usersOf(ctx)).flatMap((u) => u.clients));
      const device = ctx.world.clientsOf[user]!.find((c) => !members.has(c)) ?? ctx.attacker;
      const domain = domainOf(clientUriOf(device));
      // H0 binds the external commit's joiner to the provider that sends it: the victim shares the impostor's.
      const candidates = [...members].filter((c) => c !== device && domainOf(clientUriOf(c)) === domain);
      const ordered = [...candidates.filter((c) => userOf(c) !== user), ...candidates.filter((c) => userOf(c) === user)];
      const victim = ordered.length === 0 ? undefined : ordered[ctx.target % ordered.length];
      if (victim === undefined) return undefined;
      return {
        sent: `${device} fetches the GroupInfo as itself, then joins as ${victim} and removes ${victim}'s leaf as a resync`,
        base: { type: "addOwnClient", client: device, user },
        perform: async () => {
          const access = compromised(ctx.impl, device);
          const cs = access.suite;
          const own = await access.requesterIdentity();
          const hpke = await cs.hpke.generateKeyPair();
          const info = await access.uplink.fetchGroupInfo(ctx.impl.roomId, own, await cs.hpke.exportPublicKey(hpke.publicKey), await cs.hpke.exportPrivateKey(hpke.privateKey));
          if (info.code !== "success") return info.code === "notAuthorized" ? "notAllowed" : `skipped: groupInfo ${info.code}`;
          // Its own key, another client's name: the victim's own credential, copied from the tree (under x509 its
          // certificate, which binds the victim's key); ts-mls's resync finds the leaf to replace by that name.
          const victimLeaf = info.ratchetTree.find((n) => n?.nodeType === "leaf" && clientUriOfCredential(n.leaf.credential) === clientUriOf(victim));
          const victimCredential = victimLeaf?.nodeType === "leaf" ? victimLeaf.leaf.credential : credentialFor(clientUriOf(victim));
          const kp = await generateKeyPackageWithKey(victimCredential, mimiCapabilities(), defaultLifetime, [], { publicKey: own.signaturePublicKey, signKey: own.signaturePrivateKey }, cs);
          const byName = { ...defaultClientConfig, keyPackageEqualityConfig: { ...defaultClientConfig.keyPackageEqualityConfig, compareKeyPackageToLeafNode: (a: KeyPackage, b: LeafNode) => clientUriOfCredential(a.leafNode.credential) === clientUriOfCredential(b.credential) } };
          const joined = await joinGroupExternal(info.groupInfo, kp.publicPackage, kp.privatePackage, true, cs, info.ratchetTree, byName);
          const commit: MLSMessage = { version: "mls10", wireformat: "mls_public_message", publicMessage: joined.publicMessage };
          const groupInfo = await createGroupInfoWithExternalPub(joined.newState, [], cs);
          impostorStates.set(ctx.impl, joined.newState);
          return verdictCode(await access.uplink.sendCommit(ctx.impl.roomId, {
            kind: "commit", proposalOrCommit: commit, welcome: undefined,
            groupInfoOption: { representation: "full", groupInfo }, ratchetTreeOption: { representation: "full", ratchetTree: joined.newState.ratchetTree },
          }));
        },
      };
    },
  },
  {
    id: "A27", name: "kick keeps a client", party: "client", attackerPool: "member",
    clause: "R6 (docs/rules.md D12: a kick removes every client of its target; room-policy §8.1.2 is silent on a subset)", defender: "both",
    built: "the honest kick's Removes cut to the first of the target's clients, with no list change",
    judged: { kind: "refusal", codes: POLICY_REFUSAL },
    plan: keepsClient("kick"),
  },
];

/** The state an A26 impostor holds after its external commit, per deployment (what it can read if accepted). */
export const impostorStates = new WeakMap<object, ClientState>();

/** A removed, kicked, banned or departed client acting with the last state it kept. */
function formerMemberAttacks(): AttackClass[] {
  const lastState = (ctx: AttackContext) => compromised(ctx.impl, ctx.attacker).formerState(ctx.impl.roomId);
  return [
    {
      id: "A16", name: "commit by a former member", party: "client", attackerPool: "former",
      clause: "H2, H3; §7 D40 (protocol §5.3)", defender: "hub",
      built: "an empty commit from the last state a removed client kept",
      judged: { kind: "refusal", codes: ["wrongEpoch"] },
      plan: (ctx) => {
        const state = lastState(ctx);
        if (state === undefined) return undefined;
        return {
          sent: `a commit from its last state (epoch ${state.groupContext.epoch})`,
          base: { type: "staleCommit", actor: ctx.attacker },
          perform: async () => {
            const cs = compromised(ctx.impl, ctx.attacker).suite;
            const r = await createCommit({ state: { ...state, unappliedProposals: {} }, cipherSuite: cs }, { wireAsPublicMessage: true, ratchetTreeExtension: false });
            const info = await createGroupInfoWithExternalPub(r.newState, [], cs);
            return verdictCode(await compromised(ctx.impl, ctx.attacker).uplink.sendCommit(ctx.impl.roomId, {
              kind: "commit", proposalOrCommit: r.commit, welcome: r.welcome,
              groupInfoOption: { representation: "full", groupInfo: info }, ratchetTreeOption: { representation: "full", ratchetTree: r.newState.ratchetTree },
            }));
          },
        };
      },
    },
    {
      id: "A17", name: "proposal by a former member", party: "client", attackerPool: "former",
      clause: "H2, H17; §7 D40 (protocol §5.3)", defender: "hub",
      built: "a participant-list update re-listing its own user as its old role, proposed from the last state a removed client kept",
      judged: { kind: "refusal", codes: ["wrongEpoch"] },
      plan: (ctx) => {
        const state = lastState(ctx);
        if (state === undefined) return undefined;
        const role = Math.max(...ctx.world.assignableRoles);
        const list = roomIn(state).participants;
        const index = indexOfUser(list, userOf(ctx.attacker));
        const update = index < list.participants.length
          ? { changedRoleParticipants: [{ userIndex: index, roleIndex: role }], removedIndices: [], addedParticipants: [] }
          : { changedRoleParticipants: [], removedIndices: [], addedParticipants: [{ user: userUriOf(userOf(ctx.attacker)), roleIndex: role }] };
        return {
          sent: `a proposal from its last state (epoch ${state.groupContext.epoch}) giving its user role ${role}`,
          base: { type: "leave", actor: ctx.attacker },
          perform: () => sendForgedProposals(ctx.impl, ctx.attacker, [participantListUpdateProposal(update)], state),
        };
      },
    },
    {
      id: "A18", name: "message by a former member", party: "client", attackerPool: "former",
      clause: "H20, H21; §7 D39, D40 (protocol §5.4)", defender: "hub",
      built: "an application message encrypted in the last state a removed client kept",
      judged: { kind: "refusal", codes: ["epochTooOld"] },
      plan: (ctx) => {
        const state = lastState(ctx);
        if (state === undefined) return undefined;
        return {
          sent: `a message from its last state (epoch ${state.groupContext.epoch})`,
          base: { type: "sendMessage", actor: ctx.attacker, epochOffset: -1 },
          perform: () => sendForgedMessage(ctx.impl, ctx.attacker, state, "still here", userUriOf(userOf(ctx.attacker))),
        };
      },
    },
  ];
}
