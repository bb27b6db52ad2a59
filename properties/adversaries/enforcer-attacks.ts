// The compromised hub and its policy enforcer (docs/rules.md R18, docs/attacks.md M14): where the room lists
// the hub's enforcer user, the hub's external proposals carry that user's role, and its credential is the
// room's external sender. A compromised hub uses it beyond the role: it lists a user (the Appendix A enforcer
// has no canAddParticipant), promotes itself, or removes and bans where the role does not reach (a set without
// the role gives the hub no rights at all). The model judges the same change as the enforcer's own (an
// `enforce` event); where it accepts, the role allows it and the class passes. Every honest client must
// refuse the rest.
import type { Proposal } from "ts-mls";
import { userOfClient } from "../../impl/identity/mimi-uri.js";
import { treeMembers } from "../../impl/mls/client-credential.js";
import { participantListUpdateProposal, roomComponentsOf } from "../../impl/mls/room-components.js";
import { enforcementUpdate } from "../../impl/room/policy-enforcer.js";
import { abstractState, ENFORCER_ACTOR, ENFORCER_USER, enforcerListed, hasCapability, openJoinRole, type EnforceEvent } from "../../model/index.js";
import { enforceActionOf } from "../runner/enforce-action.js";
import { pickUser, type AttackClass, type AttackContext } from "./attack-class.js";
import { externalProposalClass } from "./hub-attacks.js";

const BANNED_ROLE = 1;

/** The enforcement a variant asks for in this room, or undefined when none fits. v0: list an unlisted user;
 * v1: promote the enforcer itself (only where it is listed); v2: ban a listed user; v3: remove one. */
function enforcement(ctx: AttackContext): EnforceEvent | undefined {
  const users = abstractState(ctx.model).users;
  const blocked = new Set(abstractState(ctx.model).blocked);
  const roles = ctx.world.assignableRoles.filter((r) => r !== BANNED_ROLE);
  const actor = ENFORCER_ACTOR;
  switch (ctx.variant % 4) {
    case 0: {
      // A listing an honest outsider's join sends is no attack no client can refuse (docs/attacks.md, limits):
      // none where join codes or a preauth list may list anyone, and never in the open-join role.
      const config = ctx.model.context.config;
      if (hasCapability(config, 0, "canUseJoinCode") || config.preauth !== undefined) return undefined;
      const open = hasCapability(config, 0, "canOpenJoin") ? openJoinRole(config) : undefined;
      const role = roles.filter((r) => r !== open).pop();
      const target = pickUser(ctx.world.users, ctx.target, (u) => users[u] === undefined);
      return target === undefined || role === undefined ? undefined : { type: "enforce", actor, action: "add", target, role };
    }
    case 1: {
      const own = users[ENFORCER_USER]?.role;
      const role = roles.filter((r) => r !== own).pop();
      return own === undefined || role === undefined || !enforcerListed(ctx.model.context) ? undefined : { type: "enforce", actor, action: "changeRole", target: ENFORCER_USER, role };
    }
    default: {
      const target = pickUser(ctx.world.users, ctx.target, (u) => (users[u]?.role ?? 0) > BANNED_ROLE && !blocked.has(u));
      return target === undefined ? undefined : { type: "enforce", actor, action: ctx.variant % 4 === 2 ? "ban" : "remove", target };
    }
  }
}

const M14 = externalProposalClass(
  "M14",
  "hub acts beyond its enforcer role",
  "room-policy §4, §8 intro (an external sender acts with its role's rights), Appendix A policy_enforcer; digest §7 B28; docs/rules.md R18",
  "the hub's external proposal of what its policy enforcer may not do in this room: a listing of an unlisted user (v0), a promotion of the enforcer user itself (v1), a ban (v2) or a removal (v3) of a listed user that the role does not allow, or in a room whose roles_list has no policy_enforcer",
  (ctx) => {
    const event = enforcement(ctx);
    if (event === undefined) return undefined;
    return {
      sent: `${event.action === "add" ? `a listing of ${event.target} in role ${event.role}` : event.action === "changeRole" ? `a promotion of its own enforcer user to role ${event.role}` : `a ${event.action === "ban" ? "ban" : "removal"} of ${event.target}`}, signed with its enforcer credential`,
      asEnforcement: event,
      make: async (c) => {
        const r = c.impl.system.hub.room(c.impl.roomId)!;
        const room = roomComponentsOf(r.view.groupContext.extensions)!;
        const members = treeMembers(r.view.tree);
        const action = event.target === ENFORCER_USER ? { ...enforceActionOf(event), target: `mimi://${c.impl.system.hub.domain}/u/${ENFORCER_USER}` } : enforceActionOf(event);
        const wire = enforcementUpdate(room, members.map((m) => ({ client: m.client, user: userOfClient(m.client) ?? "" })), action);
        if (wire === undefined) throw new Error(`${event.action} of ${event.target} has no wire form`);
        const removes: Proposal[] = wire.removedClients.map((client) => ({ proposalType: "remove", remove: { removed: members.find((m) => m.client === client)!.leafIndex } }));
        return { proposals: [participantListUpdateProposal(wire.update), ...removes] };
      },
    };
  },
);

/** The compromised hub's enforcer classes, after the hub's own (catalogue order). */
export const ENFORCER_ATTACKS: readonly AttackClass[] = [M14];
