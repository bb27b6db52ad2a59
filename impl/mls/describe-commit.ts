// Turns a real MLS commit into the room brick's abstract description (who does what to whom), so the
// hub and every honest client judge the same facts with the same rules (impl/room/commit-check.ts).
import type { Extension, Proposal, ProposalCustom, RatchetTree } from "ts-mls";
import { encodeExtension } from "ts-mls/extension.js";
import type { FramedContent, FramedContentCommit } from "ts-mls/framedContent.js";
import { userOfClient } from "../identity/mimi-uri.js";
import type { Actor, CommitDescription, CommitItem } from "../room/commit-check.js";
import { clientAtLeaf, clientUriOfCredential } from "./client-credential.js";
import type { ResolvedProposal } from "./public-group-view.js";
import { decodeRoomUpdate, isAppDataDictionary, roomComponentsOf } from "./room-components.js";
import { PROPOSAL_APP_DATA_UPDATE } from "../codec/code-points.js";
import { encodeFrankingAgentData } from "../franking/franking-agent.js";
import { encodeAssetPolicyData } from "../codec/asset-policy.js";

export class MalformedCommit extends Error {}

function memberActor(tree: RatchetTree, leafIndex: number): Actor {
  const client = clientAtLeaf(tree, leafIndex);
  const user = client === undefined ? undefined : userOfClient(client);
  if (client === undefined || user === undefined) throw new MalformedCommit(`no client at leaf ${leafIndex}`);
  return { kind: "member", client, user };
}

function clientActor(client: string | undefined): { client: string; user: string } {
  const user = client === undefined ? undefined : userOfClient(client);
  if (client === undefined || user === undefined) throw new MalformedCommit("credential is not a mimi client URI");
  return { client, user };
}

function sameExtensionsBesidesDictionary(before: Extension[], after: Extension[]): boolean {
  const key = (es: Extension[]) =>
    es.filter((e) => !isAppDataDictionary(e)).map((e) => Buffer.from(encodeExtension(e)).toString("hex")).join("|");
  return key(before) === key(after) && frankingAgentKey(before) === frankingAgentKey(after) && assetPolicyKey(before) === assetPolicyKey(after);
}

/** Nor does the room's asset_policy (0x002C): no capability of the registry lets anyone change it
 * (canChangeOtherPolicyAttribute is reserved), so the room's creator sets it once (docs/content.md). */
function assetPolicyKey(es: Extension[]): string {
  const policy = roomComponentsOf(es)?.assetPolicy;
  return policy === undefined ? "" : Buffer.from(encodeAssetPolicyData(policy)).toString("hex");
}

/** The room's franking agent never changes in a commit: the draft recommends its update only to add an
 * agent at creation, and a rotation by ReInit (protocol §5.4.1), so it counts as another extension here. */
function frankingAgentKey(es: Extension[]): string {
  const agent = roomComponentsOf(es)?.frankingAgent;
  return agent === undefined ? "" : Buffer.from(encodeFrankingAgentData(agent)).toString("hex");
}

/** The committer as an Actor: a member, or the joiner of an external commit. */
export function committerOf(framed: FramedContentCommit, tree: RatchetTree): Actor {
  if (framed.sender.senderType === "member") return memberActor(tree, framed.sender.leafIndex);
  if (framed.sender.senderType === "new_member_commit") {
    const leaf = framed.commit.path?.leafNode;
    return { kind: "newMember", ...clientActor(leaf === undefined ? undefined : clientUriOfCredential(leaf.credential)) };
  }
  throw new MalformedCommit(`commit from a ${framed.sender.senderType} sender`);
}

function describeItem(proposal: Proposal, proposer: Actor, byReference: boolean, committer: Actor, tree: RatchetTree, extensions: Extension[]): CommitItem {
  switch (proposal.proposalType) {
    case "add":
      return { kind: "add", ...clientActor(clientUriOfCredential(proposal.add.keyPackage.leafNode.credential)), proposer, byReference };
    case "remove":
      return { kind: "remove", ...clientActor(clientAtLeaf(tree, proposal.remove.removed)), proposer, byReference };
    case "update":
      return { kind: "update", proposer };
    case "external_init":
      if (committer.kind !== "newMember") throw new MalformedCommit("ExternalInit outside an external commit");
      return { kind: "externalInit", client: committer.client, user: committer.user };
    case "group_context_extensions": {
      const exts = proposal.groupContextExtensions.extensions;
      const room = roomComponentsOf(exts);
      return {
        kind: "groupContextExtensions",
        participantList: room?.participants,
        roles: room?.roles,
        ...(room?.preauth === undefined ? {} : { preauth: room.preauth }),
        ...(room?.metadata === undefined ? {} : { metadata: room.metadata }),
        ...(room?.basePolicy === undefined ? {} : { basePolicy: room.basePolicy }),
        otherExtensionsChanged: room === undefined || !sameExtensionsBesidesDictionary(extensions, exts),
        proposer,
      };
    }
    default:
      if (proposal.proposalType === PROPOSAL_APP_DATA_UPDATE) {
        const decoded = decodeRoomUpdate((proposal as ProposalCustom).proposalData);
        if (decoded.kind === "participantList") return { kind: "participantListUpdate", update: decoded.update, proposer, byReference };
        if (decoded.kind === "preauthList") return { kind: "preauthListUpdate", preauth: decoded.data, proposer, byReference };
        if (decoded.kind === "roomMetadata") return { kind: "metadataUpdate", metadata: decoded.data, proposer, byReference };
        if (decoded.kind === "basePolicy") return { kind: "basePolicyUpdate", basePolicy: decoded.data, proposer, byReference };
      }
      return { kind: "unknown", proposalType: typeof proposal.proposalType === "number" ? proposal.proposalType : -1, proposer };
  }
}

/** Describe a commit's proposals (already resolved, in commit order) against the pre-commit tree and extensions. */
export function describeCommit(framed: FramedContentCommit, resolved: ResolvedProposal[], tree: RatchetTree, extensions: Extension[]): CommitDescription {
  const committer = committerOf(framed, tree);
  const items = resolved.map((p) => {
    // By-value proposals are the committer's; by-reference ones keep their sender (a member, or the hub).
    const proposer: Actor = p.senderLeafIndex === undefined ? (p.byReference ? { kind: "hub" } : committer) : memberActor(tree, p.senderLeafIndex);
    return describeItem(p.proposal, proposer, p.byReference, committer, tree, extensions);
  });
  return { committer, items };
}

/** Describe one proposal message (a member's, or the hub's as external sender) as it will be committed by reference. */
export function describeProposal(framed: FramedContent, tree: RatchetTree, extensions: Extension[]): { proposer: Actor; item: CommitItem } {
  if (framed.contentType !== "proposal") throw new MalformedCommit("not a proposal");
  const sender = framed.sender;
  const proposer: Actor =
    sender.senderType === "member" ? memberActor(tree, sender.leafIndex)
    : sender.senderType === "external" && sender.senderIndex === 0 ? { kind: "hub" }
    : (() => { throw new MalformedCommit(`proposal from a ${sender.senderType} sender`); })();
  return { proposer, item: describeItem(framed.proposal, proposer, true, proposer, tree, extensions) };
}
