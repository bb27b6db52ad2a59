// The compromised hub and the order of messages (draft-ietf-mimi-content §5.11; docs/attacks.md M15): the hub
// orders and fans out every message, so it can hand one provider two messages in the reverse of the order
// it gave the others. Receivers do not show messages in arrival order: they sort by the hub's timestamp,
// then by the lexically lowest message ID, so every honest receiver still shows one sequence (P48). Where
// the hub stamps coarsely (HubConfig.messageTimestampGranularityMs) the two share a timestamp and only the
// message-ID tie-break keeps the receivers together; a receiver ordering by arrival (the planted
// ClientFaults.orderByArrival) then shows another order than the rest.
import { domainOf } from "../../impl/identity/mimi-uri.js";
import { verdictCode } from "../../impl/transport/outcomes.js";
import { abstractState, step, type ClientId, type ModelEvent } from "../../model/index.js";
import { memberClients } from "../commands/resolve-command.js";
import type { AttackClass, AttackContext } from "./attack-class.js";
import { CompromisedHub } from "./compromised-hub.js";

const pick = <T>(items: readonly T[], index: number): T | undefined => (items.length === 0 ? undefined : items[index % items.length]);

/** Member clients (the model's) holding a session of the room, whose user has no leave pending. */
function staying(ctx: AttackContext): ClientId[] {
  const blocked = new Set(abstractState(ctx.model).blocked);
  return memberClients(ctx.model).filter((c) => !blocked.has(c.split("/")[0]!) && ctx.impl.client(c).session(ctx.impl.roomId) !== undefined);
}

const M15: AttackClass = {
  id: "M15",
  name: "messages reordered for one provider",
  party: "hub",
  attackerPool: "hub",
  clause: "content §5.11 (receivers order by hub timestamp, then the lowest message ID), arch §5.2 (one order to every follower)",
  defender: "clients",
  built: "two messages of staying members, both accepted in one epoch; one provider with a member gets the second before the first, every other provider the hub's order",
  judged: { kind: "invariants", invariants: ["P48"] },
  aimedOnly: true,
  plan: (ctx) => {
    const senders = staying(ctx);
    const first = pick(senders, ctx.target);
    const second = pick(senders, ctx.target + 1 + ctx.variant);
    if (first === undefined || second === undefined) return undefined;
    const base: ModelEvent = { type: "sendMessage", actor: first, epochOffset: 0 };
    if (!step(ctx.model, base).verdict.accepted || !step(ctx.model, { ...base, actor: second }).verdict.accepted) return undefined;
    const domains = [...new Set(memberClients(ctx.model).map((c) => domainOf(ctx.impl.client(c).uri)!))].sort();
    const victim = pick(domains, ctx.variant)!;
    const room = ctx.impl.roomId;
    let held = false;
    return {
      sent: `${first}'s message and then ${second}'s to ${victim} in reverse order`,
      base,
      modelTakes: true,
      perform: () =>
        CompromisedHub.of(ctx.impl.system).routing(
          (domain, items) => {
            if (held || domain !== victim || !items.some((i) => i.kind === "application")) return "deliver";
            held = true;
            return "hold";
          },
          async () => {
            const code = verdictCode(await ctx.impl.client(first).sendMessage(room, `M15 first ${ctx.variant}`));
            if (code === "accepted") await ctx.impl.client(second).sendMessage(room, `M15 second ${ctx.variant}`);
            return code;
          },
        ),
    };
  },
};

/** The compromised hub's classes on the order of messages. */
export const ORDER_ATTACKS: readonly AttackClass[] = [M15];
