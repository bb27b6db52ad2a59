// P23: GroupInfo only to requesters entitled to it (protocol §5.6; digest §7 D47, §2.6 H23 with R4's
// reading, docs/rules.md): every /groupInfo the hub answered with success, read off the wire, came from
// the provider of the requesting client, whose user was then listed, not blocked, and in a role with
// canAddOwnClient, or unlisted in a room whose role 0 has canOpenJoin (open join, room-policy §8.1.1)
// (judged on the hub's live room when the request arrived).
import { outsiderListingRole } from "../../impl/room/authorize-preauth.js";
import { domainOf, userOfClient } from "../../impl/identity/mimi-uri.js";
import { CAPABILITY } from "../../impl/room/capabilities.js";
import type { ImplementationUnderTest } from "../runner/implementation-under-test.js";
import type { ImplementationInvariant } from "./implementation-invariants.js";

const judged = new WeakMap<ImplementationUnderTest, number>();

export const GROUP_INFO_ENTITLEMENT: ImplementationInvariant = {
  id: "P23",
  name: "GroupInfo only to entitled requesters",
  rule: "protocol §5.6 (GroupInfo to authorised requesters: here a listed, unblocked user whose role has canAddOwnClient, asking through its own provider), digest §7 D47, §2.6 H23",
  check: ({ impl }) => {
    const served = impl.wire.keyMaterial.groupInfos;
    for (let i = judged.get(impl) ?? 0; i < served.length; i += 1) {
      judged.set(impl, i + 1);
      const s = served[i]!;
      const user = s.requester === undefined ? undefined : userOfClient(s.requester);
      const who = s.requester ?? "a requester naming no client";
      if (user === undefined) return `the hub served the GroupInfo to ${who}`;
      if (domainOf(user) !== s.from) return `the hub served the GroupInfo to ${s.from} for ${who}, another provider's client`;
      if (s.blocked.includes(user)) return `the hub served the GroupInfo to ${who} while ${user} was blocked`;
      const entry = s.live?.participants.participants.find((p) => p.user === user);
      const role = entry === undefined ? undefined : s.live!.roles.roles.find((r) => r.roleIndex === entry.roleIndex);
      // Open join (room-policy §8.1.1): an unlisted user may ask to join by itself when role 0 has canOpenJoin.
      const openJoin = entry === undefined && s.live?.roles.roles.find((r) => r.roleIndex === 0)?.roleCapabilities.includes(CAPABILITY.canOpenJoin) === true;
      if (openJoin) continue;
      // Join codes (room-policy §8.1.1 canUseJoinCode): an unlisted user with a code, where role 0 may use one.
      // Whether the code was good only the hub knows; the model's verdict judges that.
      const codeJoin = entry === undefined && s.withCode === true && s.live?.roles.roles.find((r) => r.roleIndex === 0)?.roleCapabilities.includes(CAPABILITY.canUseJoinCode) === true;
      if (codeJoin) continue;
      // Preauthorisation (room-policy §4): an unlisted user whose first preauth match lets it join.
      if (entry === undefined && s.live !== undefined && outsiderListingRole(s.live, user) !== undefined) continue;
      if (role === undefined) return `the hub served the GroupInfo to ${who}, whose user was not listed`;
      if (!role.roleCapabilities.includes(CAPABILITY.canAddOwnClient)) return `the hub served the GroupInfo to ${who}, whose role ${role.roleName} lacks canAddOwnClient`;
    }
    return undefined;
  },
};
