// The consent property: fast-check generates sequences of consent operations and key-material fetches
// (consent-commands.ts), runs each on a fresh three-provider deployment on real MLS, and after every
// command checks P29 and P30 (properties/invariants/consent-*.ts) and that no endpoint failed inside
// (P0). A failure is shrunk to a short sequence and printed as steps in words with the line that replays
// it. The consent the deployment starts from is the providers' default: every user consents to everyone.
import fc from "fast-check";
import { COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE } from "../../impl/room/fixtures/cooperatively-administered.js";
import { cipherSuite } from "../../impl/mls/crypto/suite.js";
import { encodeConsentEntry } from "../../impl/codec/consent-entry.js";
import { encodeKeyMaterialRequest } from "../../impl/codec/key-material-request.js";
import { credentialFor } from "../../impl/mls/client-credential.js";
import { signKeyMaterialRequest } from "../../impl/mls/request-signatures.js";
import type { ConsentFaults } from "../../impl/provider/consent-faults.js";
import { MimiSystem } from "../../impl/system/mimi-system.js";
import { consentHonouredBreach } from "../invariants/consent-honoured.js";
import { consentOperationsBreach } from "../invariants/consent-operations.js";
import { consentWireOf } from "../invariants/consent-wire.js";
import { CLIENTS, consentCommand, describeConsentCommand, DOMAINS, forgedEntry, forgerOf, roomIdOf, ROOMS, USERS, type ConsentCommand } from "./consent-commands.js";

export interface ConsentPropertyOptions {
  readonly seed: number;
  readonly runs: number;
  /** The longest sequence, in commands. */
  readonly maxCommands: number;
  /** Planted defects, switched on at every provider. */
  readonly faults: ConsentFaults;
  /** fast-check's path of a failure, to replay it. */
  readonly path?: string;
}

/** What the runs exercised: the cases in which P29 and P30 could fail. */
export interface ConsentCounts {
  commands: number;
  /** Fetches answered noConsent or noConsentForThisRoom. */
  refusedForConsent: number;
  /** Fetches that handed out KeyPackages. */
  handedOut: number;
  /** Cancels that withdrew a pending request. */
  cancelsMatched: number;
  /** Forged consent messages refused (4xx). */
  forgedRefused: number;
  /** Key-material requests around the hub refused (4xx). */
  bypassRefused: number;
}

export interface ConsentFailure {
  /** "P29", "P30" or "P0". */
  readonly invariant: string;
  readonly step: number;
  readonly message: string;
  readonly steps: readonly string[];
  readonly path: string;
  readonly shrinks: number;
  readonly replay: string;
}

export interface ConsentPropertyResult {
  readonly counts: ConsentCounts;
  readonly failure?: ConsentFailure;
}

const suite = cipherSuite("node");

async function deployment(faults: ConsentFaults): Promise<MimiSystem> {
  const system = await MimiSystem.create({ hubDomain: DOMAINS[0], followerDomains: [DOMAINS[1], DOMAINS[2]], cs: await suite });
  for (const c of CLIENTS) system.addClient(c);
  for (const room of ROOMS) await system.createRoom(room, system.client(CLIENTS[0]), COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE);
  for (const d of DOMAINS) system.provider(d).consentFaults = { ...faults };
  consentWireOf(system);
  return system;
}

const domainOfUser = (i: number) => new URL(USERS[i]!).host;

/** Runs one command; answers its outcome in words. */
async function perform(system: MimiSystem, c: ConsentCommand, counts: ConsentCounts): Promise<string> {
  switch (c.kind) {
    case "grant":
    case "revoke":
      return `HTTP ${await system.provider(domainOfUser(c.target)).giveConsent({ requesterUri: USERS[c.requester]!, targetUri: USERS[c.target]!, roomId: roomIdOf(c.room) }, c.kind === "grant")}`;
    case "request":
    case "cancel": {
      const target = system.provider(domainOfUser(c.target));
      const before = target.consent.pending.size;
      const status = await system.provider(domainOfUser(c.requester)).sendConsent({ consentOperation: c.kind, requesterUri: USERS[c.requester]!, targetUri: USERS[c.target]!, roomId: roomIdOf(c.room), consentExtensions: { componentData: [] } });
      if (c.kind === "cancel" && target.consent.pending.size < before) counts.cancelsMatched += 1;
      return `HTTP ${status}`;
    }
    case "fetch": {
      const client = system.client(CLIENTS[c.requester]!);
      const outcome = await system.provider(domainOfUser(c.requester)).uplink.fetchKeyPackages(ROOMS[c.room]!, await client.requesterIdentity(), USERS[c.target]!);
      if (outcome.code === "noConsent" || outcome.code === "noConsentForThisRoom") counts.refusedForConsent += 1;
      if (outcome.keyPackages.length > 0) counts.handedOut += 1;
      return `${outcome.code}, ${outcome.keyPackages.length} KeyPackage${outcome.keyPackages.length === 1 ? "" : "s"}`;
    }
    case "bypass": {
      const from = domainOfUser(c.requester);
      const to = domainOfUser(c.target);
      const identity = await system.client(CLIENTS[c.requester]!).requesterIdentity();
      const request = await signKeyMaterialRequest(
        {
          protocol: "mls10", requestingUser: USERS[c.requester]!, targetUser: USERS[c.target]!, roomId: ROOMS[c.room]!, acceptableCiphersuites: [1],
          requiredCapabilities: { extensionTypes: [], proposalTypes: [], credentialTypes: [] }, requesterSignatureKey: identity.signaturePublicKey,
          requesterCredential: identity.credential ?? credentialFor(identity.clientUri),
        },
        identity.signaturePrivateKey,
        await suite,
      );
      // It names itself as the relay: the target's provider must see that the room's hub did not relay it.
      const { status } = await system.network.send(to, { endpoint: "keyMaterial", from, target: USERS[c.target]!, body: encodeKeyMaterialRequest(request), via: from });
      if (status >= 400 && status < 500) counts.bypassRefused += 1;
      return `HTTP ${status}`;
    }
    case "forge": {
      const from = forgerOf(c);
      const entry = forgedEntry(c);
      const toTarget = c.op === "request" || c.op === "cancel";
      const to = new URL(toTarget ? entry.targetUri : entry.requesterUri).host;
      const { status } = await system.network.send(to, { endpoint: toTarget ? "requestConsent" : "updateConsent", from, target: to, body: encodeConsentEntry(entry) });
      if (status >= 400 && status < 500) counts.forgedRefused += 1;
      return `HTTP ${status}`;
    }
  }
}

/** Runs a sequence on a fresh deployment: its steps in words, and the first broken invariant. */
export async function runConsentTrace(commands: readonly ConsentCommand[], faults: ConsentFaults, counts: ConsentCounts = emptyCounts()) {
  const system = await deployment(faults);
  const steps: string[] = [];
  for (const [i, c] of commands.entries()) {
    counts.commands += 1;
    const outcome = await perform(system, c, counts);
    steps.push(`${i + 1}. ${describeConsentCommand(c)} → ${outcome}`);
    const internal = DOMAINS.flatMap((d) => system.provider(d).internalErrors);
    const broken: [string, string | undefined][] = [
      ["P0", internal.length > 0 ? `internal error at ${internal[0]!.domain} /${internal[0]!.endpoint}: ${internal[0]!.error}` : undefined],
      ["P29", consentHonouredBreach(system)],
      ["P30", consentOperationsBreach(system)],
    ];
    const found = broken.find(([, m]) => m !== undefined);
    if (found !== undefined) return { steps, failure: { invariant: found[0], step: i + 1, message: found[1]! } };
  }
  return { steps };
}

export const emptyCounts = (): ConsentCounts => ({ commands: 0, refusedForConsent: 0, handedOut: 0, cancelsMatched: 0, forgedRefused: 0, bypassRefused: 0 });

class ConsentBroken extends Error {
  constructor(readonly trace: { steps: string[]; failure: { invariant: string; step: number; message: string } }) {
    super(`${trace.failure.invariant} at step ${trace.failure.step}: ${trace.failure.message}`);
  }
}

/** The line that replays a failure. */
export function consentReplayCommand(options: ConsentPropertyOptions, path: string): string {
  const faults = Object.entries(options.faults).filter(([, on]) => on).map(([f]) => ` --fault ${f}`).join("");
  return `npm run consent -- --seed ${options.seed} --commands ${options.maxCommands}${faults} --replay '${path}'`;
}

export async function checkConsentProperty(options: ConsentPropertyOptions): Promise<ConsentPropertyResult> {
  const counts = emptyCounts();
  const property = fc.asyncProperty(fc.array(consentCommand, { minLength: 1, maxLength: options.maxCommands, size: "max" }), async (commands) => {
    const trace = await runConsentTrace(commands, options.faults, counts);
    if (trace.failure !== undefined) throw new ConsentBroken({ steps: trace.steps, failure: trace.failure });
  });
  const details = await fc.check(property, { seed: options.seed, numRuns: options.runs, ...(options.path !== undefined ? { path: options.path } : {}) });
  if (!details.failed) return { counts };
  const error = details.errorInstance;
  if (!(error instanceof ConsentBroken) || details.counterexamplePath === null) throw error instanceof Error ? error : new Error(String(error));
  const { steps, failure } = error.trace;
  return {
    counts,
    failure: { ...failure, steps: steps.slice(0, failure.step), path: details.counterexamplePath, shrinks: details.numShrinks, replay: consentReplayCommand(options, details.counterexamplePath) },
  };
}

/** A failure as the terminal prints it. */
export function formatConsentFailure(f: ConsentFailure): string[] {
  return [
    `consent property failed — ${f.invariant} at step ${f.step}`,
    ...f.steps.map((s) => `  ${s}`),
    `     ✗ ${f.invariant}: ${f.message}`,
    `  path ${f.path} (after ${f.shrinks} shrinks)`,
    `  replay: ${f.replay}`,
  ];
}
