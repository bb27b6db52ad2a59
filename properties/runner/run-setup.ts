// What a property run is made of: the role set and variants on both sides, the hub's faults, the crypto
// provider, whether the model judges too, which invariants are checked, and the world's size.
import type { ClientFaults } from "../../impl/client/client-faults.js";
import type { HubFaults } from "../../impl/hub/hub-config.js";
import type { NetworkDutyFaults } from "../../impl/provider/follower-faults.js";
import type { ProviderKind } from "../../impl/mls/crypto/suite.js";
import type { CredentialMode } from "../../impl/identity/credential-validation.js";
import type { CompromisedParty } from "../adversaries/attack-class.js";
import type { ModelVariants } from "../../model/index.js";
import { MODEL_ROLE_SETS } from "../../model/fixtures/index.js";
import { IMPLEMENTATION_INVARIANTS, type ImplementationInvariant } from "../invariants/implementation-invariants.js";
import { roomWorld, type RoomWorld } from "../world/room-world.js";
import { modelConfigOf, type GeneratedRoleSet } from "../world/generated-role-set.js";
import { withDrawnBasePolicy, type DrawnBasePolicy } from "../world/base-policy-draw.js";
import type { RoleSetName } from "./implementation-under-test.js";

/** How requests cross between providers in a run. */
export type TransportKind = "in-process" | "https";

/** Every transport a run can use, with what it is: the command line accepts these names. */
export const TRANSPORTS_DESCRIBED = {
  "in-process": "calls between the providers' objects, every body encoded and decoded",
  https: "HTTPS servers on loopback with mutual TLS, one per provider (impl/transport/https-network.ts)",
} as const satisfies Record<TransportKind, string>;

export interface RunSetup {
  readonly roleSet: RoleSetName;
  readonly variants: ModelVariants;
  readonly hubFaults: HubFaults;
  /** Planted defects switched on in every client of the run (impl/client/client-faults.ts). */
  readonly clientFaults: ClientFaults;
  readonly provider: ProviderKind;
  /** false: judge the implementation by its invariants alone (to show what each invariant catches). */
  readonly compareWithModel: boolean;
  /** false: compare a refusal by its code alone, not by the rule that decided it (to show what the rule
   * comparison catches that the code does not). Default true. */
  readonly compareRules?: boolean;
  readonly invariants: readonly ImplementationInvariant[];
  readonly users: number;
  /** Draw KeyPackages from a pool made once per process (see impl/client/key-package-source.ts). */
  readonly keyPackagePool: boolean;
  /** Credentials: provider-issued X.509 validated by every party (the default when absent), or basic, an
   * explicitly insecure mode for speed (impl/identity/credential-validation.ts). */
  readonly credentials?: CredentialMode;
  /** The parties an adversary may compromise (properties/adversaries); none when absent or empty, and
   * then no attack is generated at all. */
  readonly adversaries?: ReadonlySet<CompromisedParty>;
  /** Restrict the generated attacks to these class ids (e.g. ["A01"]); every class of the enabled
   * parties when absent. */
  readonly attackClasses?: readonly string[];
  /** Only these network fault classes (N01…, properties/network) when the network adversary is enabled;
   * every class when absent. */
  readonly networkFaultClasses?: readonly string[];
  /** Planted defects of the fanout's delivery: the followers' receive path and the hub's outbox
   * (impl/provider/follower-faults.ts); none when absent. */
  readonly deliveryFaults?: NetworkDutyFaults;
  /** true: an honest operation the model refuses is skipped, not sent (so that, with a defence switched
   * off, only the attacks can reach the hole and a failure names the attack). Default false. */
  readonly skipRefusedOperations?: boolean;
  /** Operations in flight at once: above 1, runs also generate batches of up to this many operations built
   * on one room state and delivered in a generated order (properties/concurrency). Default 1. */
  readonly concurrency?: number;
  /** How requests cross between providers (default in-process). */
  readonly transport?: TransportKind;
  /** The hub stamps messages with its clock rounded down to this many milliseconds (HubConfig
   * messageTimestampGranularityMs): above 1, messages share timestamps and receivers order them by ID (§5.11). */
  readonly messageTimestampGranularityMs?: number;
  /** A generated role set (properties/world/generated-role-set.ts): when present it replaces `roleSet` on
   * both sides, each writing it in its own terms. With `roleSet: "generated"` the property draws one per run. */
  readonly generatedRoleSet?: GeneratedRoleSet;
  /** The room's base_room_policy (room-policy §5; properties/world/base-policy-draw.ts): "drawn", one per run
   * from the seed (the command line's default), or the run's own; none when absent. */
  readonly basePolicy?: "drawn" | DrawnBasePolicy;
  /** The weight of generated attachments downloaded through the hub (properties/assets): 1, a low one, in the
   * command line's campaigns; absent or 0, none, and the generation is as it was. */
  readonly downloads?: number;
  /** Whether changes of roles_list, base_room_policy and room_metadata are generated (R22): on in the command
   * line's campaigns; absent, none, and the generation is as it was. */
  readonly roomChanges?: boolean;
  /** Whether the hub's policy enforcer's operations are generated where the role set has the role (R18): on
   * in the command line's campaigns; absent, none, and the generation is as it was. */
  readonly enforcements?: boolean;
}

export const DEFAULT_SETUP: RunSetup = {
  roleSet: "cooperative",
  variants: { leaveOrder: "same-commit", pendingProposals: "must-include" },
  hubFaults: {},
  clientFaults: {},
  provider: "node",
  compareWithModel: true,
  invariants: IMPLEMENTATION_INVARIANTS,
  users: 4,
  keyPackagePool: true,
  credentials: "x509",
};

export function worldFor(setup: RunSetup): RoomWorld {
  const world = roleSetWorldFor(setup);
  // "drawn" before the run has drawn one: the world without (what the generators read).
  const drawn = setup.basePolicy === undefined || setup.basePolicy === "drawn" ? undefined : setup.basePolicy;
  return drawn === undefined ? world : { ...world, config: withDrawnBasePolicy(world.config, drawn), basePolicy: drawn };
}

function roleSetWorldFor(setup: RunSetup): RoomWorld {
  const generated = setup.generatedRoleSet;
  if (generated !== undefined) return { ...roomWorld(modelConfigOf(generated, setup.variants), setup.users), generatedRoleSet: generated };
  if (setup.roleSet === "generated") throw new Error("role set generated: the run's set is drawn by the property (RunSetup.generatedRoleSet)");
  const config = MODEL_ROLE_SETS[setup.roleSet](setup.variants);
  return roomWorld(config, setup.users);
}
