// What a compromised client can send: commits, proposal bundles and application messages built with its
// real signature key and MLS state (ts-mls builds and signs them), but with whatever proposals, framing
// and attachments the attack wants. Honest code paths are not used, so nothing refuses early on its side.
import {
  createApplicationMessage, createCommit, createGroupInfoWithExternalPub, createProposal, encodeMlsMessage,
  type ClientState, type MLSMessage, type Proposal,
} from "ts-mls";
import type { CompromisedClientAccess } from "../../impl/client/client.js";
import type { CommitBundle } from "../../impl/codec/handshake-bundle.js";
import type { ParticipantListData, ParticipantListUpdate } from "../../impl/codec/participant-list.js";
import { treeMembers } from "../../impl/mls/client-credential.js";
import {
  groupContextExtensionsProposal, participantListUpdateProposal, roomComponentsOf, withRoomComponents, type RoomComponents,
} from "../../impl/mls/room-components.js";
import { applyParticipantListUpdate } from "../../impl/room/apply-participant-list-update.js";
import { verdictCode } from "../../impl/transport/outcomes.js";
import type { ClientId, UserId } from "../../model/index.js";
import type { ImplementationUnderTest } from "../runner/implementation-under-test.js";
import { clientUriOf, modelClientOf, userUriOf } from "../world/room-world.js";

/** The compromised client's raw access. */
export function compromised(impl: ImplementationUnderTest, client: ClientId): CompromisedClientAccess {
  return impl.client(client).compromisedAccess();
}

/** The room state in `state`'s GroupContext. */
export function roomIn(state: ClientState): RoomComponents {
  const room = roomComponentsOf(state.groupContext.extensions);
  if (room === undefined) throw new Error("room state missing from the GroupContext");
  return room;
}

/** The committed participant-list index of `user` (the list's length when unlisted, which no honest party accepts). */
export function indexOfUser(list: ParticipantListData, user: UserId): number {
  const i = list.participants.findIndex((p) => p.user === userUriOf(user));
  return i < 0 ? list.participants.length : i;
}

/** The leaves of `user`'s clients in `state`'s tree, as model client ids with their leaf indexes. */
export function leavesOf(state: ClientState, user: UserId): { client: ClientId; leafIndex: number }[] {
  return treeMembers(state.ratchetTree)
    .map((m) => ({ client: modelClientOf(m.client), leafIndex: m.leafIndex }))
    .filter((m) => m.client.startsWith(`${user}/`));
}

export const removeProposal = (leafIndex: number): Proposal => ({ proposalType: "remove", remove: { removed: leafIndex } });

/** The participant-list update and the GroupContextExtensions an honest committer would send with it;
 * `forge` may rewrite the dictionary the GCE carries (a forged room state). */
export function listChange(state: ClientState, update: ParticipantListUpdate, forge?: (next: RoomComponents) => RoomComponents): Proposal[] {
  const room = roomIn(state);
  const applied = applyParticipantListUpdate(room.participants, update);
  const next: RoomComponents = { ...room, participants: applied.ok ? applied.list : room.participants };
  return [participantListUpdateProposal(update), groupContextExtensionsProposal(withRoomComponents(state.groupContext.extensions, forge?.(next) ?? next))];
}

export interface ForgedCommit {
  readonly proposals: readonly Proposal[];
  /** false: leave out the proposals pending in the state (default: include them, by reference). */
  readonly includePending?: boolean;
  /** The state to commit from (default the current session's); a former or earlier state is never adopted. */
  readonly fromState?: ClientState;
  /** Frame the commit as a PrivateMessage. */
  readonly asPrivateMessage?: boolean;
  /** Rewrite the signed message before it is bundled (a bad signature, a wrong group id…). */
  readonly tamper?: (commit: MLSMessage) => MLSMessage;
  /** Attach the GroupInfo of the epoch the commit was made in, not of the one it opens. */
  readonly staleGroupInfo?: boolean;
}

/** Builds, signs and sends a commit as `client`; answers the hub's code. */
export async function sendForgedCommit(impl: ImplementationUnderTest, client: ClientId, forged: ForgedCommit): Promise<string> {
  const access = compromised(impl, client);
  const room = impl.roomId;
  const current = access.session(room)?.state;
  const from = forged.fromState ?? current;
  if (from === undefined) throw new Error(`${client} holds no state of the room`);
  const base = forged.includePending === false ? { ...from, unappliedProposals: {} } : from;
  const cs = access.suite;
  const result = await createCommit({ state: base, cipherSuite: cs }, { wireAsPublicMessage: forged.asPrivateMessage !== true, extraProposals: [...forged.proposals], ratchetTreeExtension: false });
  const commit = forged.tamper?.(result.commit) ?? result.commit;
  const groupInfo = await createGroupInfoWithExternalPub(forged.staleGroupInfo === true ? from : result.newState, [], cs);
  const bundle: CommitBundle = {
    kind: "commit",
    proposalOrCommit: commit,
    welcome: result.welcome,
    groupInfoOption: { representation: "full", groupInfo },
    ratchetTreeOption: { representation: "full", ratchetTree: result.newState.ratchetTree },
  };
  const adopt = forged.fromState === undefined && commit === result.commit;
  return verdictCode(adopt ? await access.sendOwnCommit(room, bundle, result.newState) : await access.uplink.sendCommit(room, bundle));
}

/** Builds and sends a proposal bundle as `client` from `fromState` (default its current state). */
export async function sendForgedProposals(impl: ImplementationUnderTest, client: ClientId, proposals: readonly Proposal[], fromState?: ClientState): Promise<string> {
  const access = compromised(impl, client);
  let state = fromState ?? access.session(impl.roomId)?.state;
  if (state === undefined) throw new Error(`${client} holds no state of the room`);
  const messages: MLSMessage[] = [];
  for (const p of proposals) {
    const r = await createProposal(state, true, p, access.suite);
    state = r.newState;
    messages.push(r.message);
  }
  return verdictCode(await access.uplink.sendProposals(impl.roomId, { kind: "proposal", proposalOrCommit: messages[0]!, moreProposals: messages.slice(1) }));
}

/** An application message encrypted in `fromState`'s epoch, submitted with `sendingUri` (a user URI). */
export async function sendForgedMessage(impl: ImplementationUnderTest, client: ClientId, fromState: ClientState, text: string, sendingUri: string): Promise<string> {
  const access = compromised(impl, client);
  const r = await createApplicationMessage({ ...fromState, unappliedProposals: {} }, new TextEncoder().encode(text), access.suite);
  const message: MLSMessage = { version: "mls10", wireformat: "mls_private_message", privateMessage: r.privateMessage };
  return verdictCode(await access.uplink.submitMessage(impl.roomId, message, sendingUri));
}

/** Bytes of a message, to replay or compare. */
export const messageBytes = (m: MLSMessage): Uint8Array => encodeMlsMessage(m);

export { clientUriOf };
