import { assign, setup } from "xstate";
import { roomEndOf, type ModelConfig } from "./config.js";
import { RULE_CHAINS, decide } from "./decide.js";
import { applyAccepted } from "./effects.js";
import type { RoomEvent } from "./events.js";
import { checkRule } from "./hubRules.js";
import { emptyRoom, liveRoster, type RoomContext, type RoomStateValue } from "./roomContext.js";
import type { RuleId } from "./rules.js";

/**
 * The room as the hub sees it. Each operation is a list of guarded transitions, one per rule of
 * RULE_CHAINS in evaluation order: the first rule whose guard fails takes the transition that records
 * the refusal (the room stays as it was); if none fails, the last transition applies the operation.
 * So the machine's guards ARE the hub's rules, and a refusal can never change the room.
 */
type StateParams = { readonly state: RoomStateValue };
type RuleParams = StateParams & { readonly rule: RuleId };

export const roomMachine = setup({
  types: {
    context: {} as RoomContext,
    events: {} as RoomEvent,
    input: {} as ModelConfig,
  },
  guards: {
    refusedBy: ({ context, event }, params: RuleParams) => {
      const check = checkRule(params.rule, context, event);
      return check.applies && !check.ok;
    },
    closesRoom: ({ context, event }) => roomEndOf(context.config.variants) === "hub-closes" && nobodyCanCommit(applyAccepted(context, event)),
  },
  actions: {
    refuse: assign(({ context, event }, params: RuleParams) => {
      const verdict = decide(params.state, context, event);
      if (verdict.accepted || verdict.rule !== params.rule)
        throw new Error(`room machine: ${params.rule} refused ${event.type} but decide() says ${JSON.stringify(verdict)}`);
      return { verdict };
    }),
    accept: assign(({ context, event }, params: StateParams) => {
      const verdict = decide(params.state, context, event);
      if (!verdict.accepted)
        throw new Error(`room machine: accepted ${event.type} but decide() says ${JSON.stringify(verdict)}`);
      return { ...applyAccepted(context, event), verdict };
    }),
  },
}).createMachine({
  id: "room",
  initial: "noRoom",
  context: ({ input }) => emptyRoom(input),
  states: {
    noRoom: {
      on: {
        createRoom: [
          { guard: { type: "refusedBy", params: { state: "noRoom", rule: "R0" } }, actions: { type: "refuse", params: { state: "noRoom", rule: "R0" } } },
          { target: "open", actions: { type: "accept", params: { state: "noRoom" } } },
        ],
        "*": { actions: { type: "refuse", params: { state: "noRoom", rule: "R0" } } },
      },
    },
    open: {
      on: {
        createRoom: { actions: { type: "refuse", params: { state: "open", rule: "R0" } } },
        ...openRoomTransitions(),
        destroyRoom: [
          { guard: { type: "refusedBy", params: { state: "open", rule: "R0" } }, actions: { type: "refuse", params: { state: "open", rule: "R0" } } },
          { target: "closed", actions: { type: "accept", params: { state: "open" } } },
        ],
      },
    },
    closed: {
      on: { "*": { actions: { type: "refuse", params: { state: "closed", rule: "R0" } } } },
    },
  },
});

/**
 * Variant roomEnd "hub-closes": proposals are pending and no user outside the blocked ones has a client
 * in the hub-live group, so nobody may commit them (R2 refuses blocked committers) and the hub closes the
 * room rather than leave it stuck.
 */
function nobodyCanCommit(ctx: RoomContext): boolean {
  if (ctx.pending.length === 0) return false;
  return Object.entries(liveRoster(ctx)).every(([user, entry]) => entry.clients.length === 0 || ctx.blocked.includes(user));
}

function openRoomTransitions() {
  const guarded = (chain: readonly RuleId[]) => [
    ...chain.map((rule) => ({
      guard: { type: "refusedBy" as const, params: { state: "open" as const, rule } },
      actions: { type: "refuse" as const, params: { state: "open" as const, rule } },
    })),
    { guard: "closesRoom" as const, target: "closed" as const, actions: { type: "accept" as const, params: { state: "open" as const } } },
    { actions: { type: "accept" as const, params: { state: "open" as const } } },
  ];
  return {
    addParticipant: guarded(RULE_CHAINS.addParticipant),
    addOwnClient: guarded(RULE_CHAINS.addOwnClient),
    leave: guarded(RULE_CHAINS.leave),
    commit: guarded(RULE_CHAINS.commit),
    removeParticipant: guarded(RULE_CHAINS.removeParticipant),
    kick: guarded(RULE_CHAINS.kick),
    ban: guarded(RULE_CHAINS.ban),
    unban: guarded(RULE_CHAINS.unban),
    changeRole: guarded(RULE_CHAINS.changeRole),
    sendMessage: guarded(RULE_CHAINS.sendMessage),
    staleCommit: guarded(RULE_CHAINS.staleCommit),
    openJoin: guarded(RULE_CHAINS.openJoin),
    changePreauthList: guarded(RULE_CHAINS.changePreauthList),
    changeRoleDefinitions: guarded(RULE_CHAINS.changeRoleDefinitions),
    changeRoomPolicy: guarded(RULE_CHAINS.changeRoomPolicy),
    changeMetadata: guarded(RULE_CHAINS.changeMetadata),
    enforce: guarded(RULE_CHAINS.enforce),
  };
}
