// A compound command stands for several operations in a row: the runner expands it into its parts and
// runs each as a step of its own (resolved against the room as it is by then, judged and compared).
import type { AttackCommand, Command, SimpleCommand } from "./command.js";

/** The parts of `command`, in order (a simple command is its own only part). */
export function expandCommand(command: Command): readonly (SimpleCommand | AttackCommand)[] {
  // A concurrent batch's parts are its operations too, but the runner runs them together, not in a row
  // (properties/concurrency/run-concurrent.ts): only counts of operations read them from here.
  if (command.op === "concurrent") return command.parts;
  // A fault on the links is no operation (the runner arms it: properties/network).
  if (command.op === "network") return [];
  if (command.op !== "leavesThenCommit") return [command];
  const leaves = command.leavers.map((actor): SimpleCommand => ({ op: "leave", actor, actorScope: "staying" }));
  const actor = command.committer;
  const { own } = command;
  // The committer's operation carries the pending proposals, by reference and first, as every honest
  // member's commit does (model/events.ts); its targets are "fitting" ones.
  const commit: SimpleCommand =
    own.op === "commit"
      ? { op: "commit", actor, includePending: true, actorScope: "staying" }
      : { ...own, actor, scope: "fitting", actorScope: "staying" };
  return [...leaves, commit];
}
