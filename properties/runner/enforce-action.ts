// The model's enforcement (model/enforcer.ts) as the implementation's request to its hub (Hub.enforce,
// impl/room/policy-enforcer.ts): the same action, the target user's URI. docs/rules.md R18.
import type { EnforceAction } from "../../impl/room/policy-enforcer.js";
import type { EnforceEvent } from "../../model/index.js";
import { userUriOf } from "../world/room-world.js";

export function enforceActionOf(event: EnforceEvent): EnforceAction {
  const target = userUriOf(event.target);
  const role = event.role ?? 0;
  switch (event.action) {
    case "remove":
      return { kind: "remove", target };
    case "ban":
      return { kind: "ban", target };
    case "unban":
      return { kind: "unban", target, role };
    case "add":
      return { kind: "add", target, role };
    case "changeRole":
      return { kind: "changeRole", target, role };
    default:
      throw new RangeError(`unknown enforcement ${String(event.action)}`);
  }
}
