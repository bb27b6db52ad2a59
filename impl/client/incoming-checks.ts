// An honest client's checks of what the hub fans out, before ts-mls processes it: a commit or a proposal
// bundle is judged with the room rules on the facts the hub judged (protocol §5.3, room-policy §8.1), and
// refused with the draft's code and the deciding rule otherwise. Pure functions of the client's view of
// the epoch, so tests can exercise them directly and a mutation tool can target them.
import { senderClaimOf } from "../franking/message-aad.js";
import { bytesToBase64, type ClientState, type MLSMessage } from "ts-mls";
import type { FramedContentCommit } from "ts-mls/framedContent.js";
import { userOfClient } from "../identity/mimi-uri.js";
import { treeMembers } from "../mls/client-credential.js";
import { identityContinuityRefusal } from "../identity/identity-continuity.js";
import { describeCommit, describeProposal, MalformedCommit } from "../mls/describe-commit.js";
import { resolveProposals } from "../mls/public-group-view.js";
import { roomComponentsOf } from "../mls/room-components.js";
import { hubUserOfGroup } from "../mls/hub-enforcer-user.js";
import { checkCommit, checkProposalBundle, type Actor, type CheckContext, type CommitDescription, type CommitItem } from "../room/commit-check.js";
import type { HubDelisting } from "../room/commit-item.js";
import { commitCheckSkips as hubCommitCheckSkips } from "../hub/hub-config.js";
import type { ClientFaults } from "./client-faults.js";

/** The per-commit check's parts a client with these faults skips (the hub's switches of the same names). */
const commitCheckSkips = (faults: ClientFaults) => hubCommitCheckSkips(faults);
import type { Refusal } from "./room-session.js";

/** What a client knows of the current epoch when something arrives. */
export interface IncomingView {
  readonly state: ClientState;
  /** Users whose leave or removal this client accepted in the epoch (rules R2). */
  readonly blockedUsers: ReadonlySet<string>;
  /** The proposals this client accepted in the epoch, described, in acceptance order. */
  readonly pendingItems: readonly CommitItem[];
  /** The client joined in this epoch (Welcome or its own external commit) and saw no leave of the epoch before. */
  readonly joinedThisEpoch?: boolean;
}

/** What the client enforces: the variants it was configured with, and any planted faults. */
export interface IncomingRules {
  readonly pendingProposals: "must-include" | "may-omit";
  readonly leaveOrder: "same-commit" | "clients-first";
  readonly faults: ClientFaults;
}

/** A refusal as a client records it (the epoch is added where it is recorded). */
export type IncomingRefusal = Omit<Refusal, "epoch">;

export type IncomingCommitVerdict =
  | { readonly ok: true; readonly description: CommitDescription; /** The commit removes the judging client. */ readonly removesSelf: boolean }
  | { readonly ok: false; readonly refusal: IncomingRefusal };

export type IncomingProposalsVerdict =
  | { readonly ok: true; readonly items: CommitItem[]; /** Users blocked from now until the commit. */ readonly blocks: readonly string[] }
  | { readonly ok: false; readonly refusal: IncomingRefusal };

/** The room rules' context for the epoch: committed room state, members, blocked users. */
function checkContext(view: IncomingView): CheckContext {
  const room = roomComponentsOf(view.state.groupContext.extensions);
  if (room === undefined) throw new MalformedCommit("room state missing from the GroupContext");
  const members = treeMembers(view.state.ratchetTree).map((m) => ({ client: m.client, user: userOfClient(m.client) ?? "" }));
  // The hub's external proposals act with its enforcer user's role, where the room lists it (R18).
  const hubUser = hubUserOfGroup(view.state.groupContext.extensions, room);
  return { room, members, blocked: view.blockedUsers, ...(hubUser === undefined ? {} : { hubUser }) };
}

/**
 * Judge a commit another member made (not this client's own echo), as client `self` in `view`'s epoch.
 * Never throws: anything malformed is a refusal.
 */
export function judgeIncomingCommit(view: IncomingView, framed: FramedContentCommit, self: string, rules: IncomingRules): IncomingCommitVerdict {
  const epoch = view.state.groupContext.epoch;
  if (framed.epoch !== epoch) return { ok: false, refusal: { what: "commit", code: "wrongEpoch", rule: "R1", reason: `commit for epoch ${framed.epoch}` } };
  try {
    const known = view.state.unappliedProposals;
    const resolved = resolveProposals(framed, (ref) => known[ref]);
    const description = describeCommit(framed, resolved, view.state.ratchetTree, view.state.groupContext.extensions);
    if (rules.pendingProposals === "must-include" && rules.faults.skipPendingInclusionCheck !== true) {
      const included = new Set(resolved.filter((p) => p.byReference).map((p) => bytesToBase64(p.reference!)));
      const missing = Object.keys(known).filter((ref) => !included.has(ref));
      if (missing.length > 0) return { ok: false, refusal: { what: "commit", code: "notAllowed", rule: "R11", reason: `${missing.length} pending proposal(s) left out` } };
    }
    if (rules.faults.skipCommitPolicy !== true) {
      const verdict = checkCommit({ ...checkContext(view), skip: commitCheckSkips(rules.faults) }, description);
      if (!verdict.ok) return { ok: false, refusal: { what: "commit", code: verdict.code, rule: verdict.rule, reason: verdict.reason } };
    }
    // H14 (identity continuity): the same rule as the hub's, on the tree of this epoch.
    const discontinuity = rules.faults.skipResyncCheck === true ? undefined : identityContinuityRefusal(framed, resolved, view.state.ratchetTree);
    if (discontinuity !== undefined) return { ok: false, refusal: { what: "commit", code: "notAllowed", rule: "H14", reason: discontinuity } };
    const removesSelf = description.items.some((i) => i.kind === "remove" && i.client === self);
    return { ok: true, description, removesSelf };
  } catch (e) {
    return { ok: false, refusal: { what: "commit", code: "invalidProposal", rule: "MLS", reason: (e as Error).message } };
  }
}

/** Whom this client may take for a leaver the hub delists (R12): the leavers it holds blocked; a client that
 * joined in this epoch never saw the leave, so it can only keep the hub from undoing a ban. */
function hubDelistingFor(view: IncomingView, rules: IncomingRules): HubDelisting {
  if (rules.faults.looseHubDelisting === true) return "any";
  return view.joinedThisEpoch === true ? "unbanned" : "leavers";
}

/**
 * The users a client holds blocked once a commit took it into `next`: none in the same-commit order; in the
 * clients-first order (R12), each user it held blocked who is still listed with no client left, whose
 * delisting the hub proposes next (the hub keeps them blocked likewise, until that delisting is committed).
 */
export function blockedAfterCommit(blocked: ReadonlySet<string>, next: ClientState, leaveOrder: IncomingRules["leaveOrder"], enforced?: ReadonlySet<string>): Set<string> {
  if (leaveOrder !== "clients-first" || blocked.size === 0) return new Set();
  // The enforcer's targets (R18) are no leavers: a commit that omitted their removal leaves them free.
  if (enforced !== undefined) blocked = new Set([...blocked].filter((u) => !enforced.has(u)));
  const room = roomComponentsOf(next.groupContext.extensions);
  const withClients = new Set(treeMembers(next.ratchetTree).map((m) => userOfClient(m.client)));
  return new Set([...blocked].filter((u) => room?.participants.participants.some((p) => p.user === u) === true && !withClients.has(u)));
}

/**
 * Judge a proposal bundle (atomic: whole or not at all) in `view`'s epoch, after the proposals already
 * accepted in it. Never throws: anything malformed is a refusal.
 */
export function judgeIncomingProposals(view: IncomingView, messages: readonly MLSMessage[], rules: IncomingRules): IncomingProposalsVerdict {
  let described: { proposer: Actor; item: CommitItem }[];
  let context: CheckContext;
  try {
    described = messages.map((m) => {
      if (m.wireformat !== "mls_public_message") throw new MalformedCommit("bundle holds a non-public message");
      if (m.publicMessage.content.epoch !== view.state.groupContext.epoch) throw new MalformedCommit("proposal for another epoch");
      return describeProposal(m.publicMessage.content, view.state.ratchetTree, view.state.groupContext.extensions);
    });
    if (described.length === 0) throw new MalformedCommit("empty bundle");
    context = checkContext(view);
  } catch (e) {
    return { ok: false, refusal: { what: "proposal", code: "invalidProposal", rule: "MLS", reason: (e as Error).message } };
  }
  const items = described.map((d) => d.item);
  // Planted defect: the hub's own proposals taken as if the hub held every right (it holds none here).
  if (rules.faults.trustHubProposals === true && described[0]!.proposer.kind === "hub") return { ok: true, items, blocks: [] };
  // Planted defect: the hub's proposals taken unjudged wherever the room lists its enforcer (R18).
  if (rules.faults.trustEnforcerProposals === true && described[0]!.proposer.kind === "hub" && context.hubUser !== undefined) return { ok: true, items, blocks: [] };
  // Planted defect: the hub's listing of an outsider taken unjudged in a room with a preauth list (R20).
  if (rules.faults.trustPreauthListing === true && described[0]!.proposer.kind === "hub" && context.room.preauth !== undefined && items.every(isListingOnly)) return { ok: true, items, blocks: [] };
  const verdict = checkProposalBundle({ ...context, pending: view.pendingItems, hubDelisting: hubDelistingFor(view, rules) }, described[0]!.proposer, items, { leaveOrder: rules.leaveOrder });
  if (verdict.ok) return { ok: true, items, blocks: verdict.blocks };
  if (rules.faults.skipProposalPolicy === true) return { ok: true, items, blocks: [] };
  return { ok: false, refusal: { what: "proposal", code: verdict.code, rule: verdict.rule, reason: verdict.reason } };
}

/** A participant-list update that only adds users (the hub's listing of an outsider). */
function isListingOnly(item: CommitItem): boolean {
  return item.kind === "participantListUpdate" && item.update.addedParticipants.length > 0 && item.update.removedIndices.length === 0 && item.update.changedRoleParticipants.length === 0;
}

/**
 * Whether a refusal is recorded. Only the planted defect `dropUnreadableSilently` keeps one unrecorded:
 * traffic of the client's own epoch that it cannot process (MLS fails, the sender leaf cannot be read),
 * which is how a client notices that it and the sender are on two sides of a split (P16). (Traffic of
 * another epoch is `ignoreOtherEpochs`'s.)
 */
export function recordsRefusal(refusal: IncomingRefusal, faults: ClientFaults): boolean {
  if (faults.dropUnreadableSilently !== true) return true;
  return !(refusal.rule === "MLS" || refusal.reason.startsWith("sent by an unnamed leaf"));
}

/**
 * H0 at the receiver (docs/rules.md "Sender binding"): an application message names its sending user in
 * its authenticated data, which the MLS sender signs and the hub checked against the `sendingUri` it bound
 * to the sending provider. The receiver, who alone learns the MLS sender leaf by decrypting, refuses a
 * message whose sender leaf is not a client of that user. `senderClient`: the client URI of the sender
 * leaf (undefined when the leaf names none). Answers the refusal, or undefined when the sender is bound.
 */
export function judgeMessageSender(authenticatedData: Uint8Array, senderClient: string | undefined, rules: IncomingRules): IncomingRefusal | undefined {
  if (rules.faults.skipSenderCheck === true) return undefined;
  const claimed = senderClaimOf(authenticatedData);
  const user = senderClient === undefined ? undefined : userOfClient(senderClient);
  if (user !== undefined && user === claimed) return undefined;
  return { what: "message", code: "notAllowed", rule: "H0", reason: `sent by ${senderClient ?? "an unnamed leaf"} as ${claimed === "" ? "no one" : claimed}` };
}
