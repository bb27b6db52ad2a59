// The policy enforcer's operation (docs/rules.md R18): an operator of the hub asks the hub's enforcer to
// remove, ban or unban a user of the world; the hub proposes it as external sender, judged with the
// enforcer's role. Generated in rooms whose roles_list has a policy_enforcer role.
import { BANNED_ROLE, ENFORCER_ACTOR, findRole, NO_ROLE, abstractState, policyEnforcerRole, type Model, type ModelConfig, type ModelEvent } from "../../model/index.js";
import type { RoomWorld } from "../world/room-world.js";

/** The honest operator's requests: the policy_enforcer role's own actions in every Appendix A set. */
export const ENFORCE_ACTIONS = ["remove", "ban", "unban"] as const;
export type EnforceAction = (typeof ENFORCE_ACTIONS)[number];

/** The role an enforcer's unban moves a banned user to: the first target but 1 of its role's entry from 1 (0: cleaned off the list). */
export function enforcerUnbanRole(config: ModelConfig): number {
  const role = policyEnforcerRole(config);
  const entry = role === undefined ? undefined : findRole(config, role)?.changes.get(BANNED_ROLE);
  return entry?.find((r) => r !== BANNED_ROLE) ?? NO_ROLE;
}

/** The event an enforce command stands for: the target ranges over the world's users that fit (listed; banned for an unban), else all. */
export function resolveEnforce(command: { readonly action: EnforceAction; readonly target: number }, world: RoomWorld, model: Model): ModelEvent {
  const users = abstractState(model).users;
  const fits = (u: string) => (command.action === "unban" ? users[u]?.role === BANNED_ROLE : (users[u]?.role ?? NO_ROLE) !== NO_ROLE);
  const fitting = world.users.filter(fits);
  const pool = fitting.length > 0 ? fitting : world.users;
  const target = pool[command.target % pool.length]!;
  return command.action === "unban"
    ? { type: "enforce", actor: ENFORCER_ACTOR, action: "unban", target, role: enforcerUnbanRole(world.config) }
    : { type: "enforce", actor: ENFORCER_ACTOR, action: command.action, target };
}
