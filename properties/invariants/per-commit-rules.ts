// P6: every commit the hub accepts keeps the per-commit rules (digest §7 C29–C33, C37), read from the
// accepted commit's own bytes and the committed states before and after it — not from the hub's
// verdict. Proposals by reference were each judged when the hub accepted them (and their list updates
// cannot be read without the proposals); C29 and the dictionary comparison of C32 judge by-value
// proposals, and the comparison only commits that carry no proposal by reference.
import { decodeMlsMessage, encodeExternalSender, type Proposal, type ProposalCustom } from "ts-mls";
import type { FramedContentCommit } from "ts-mls/framedContent.js";
import { decodeAppDataDictionary } from "../../impl/codec/app-data-dictionary.js";
import { decodeAppDataUpdate } from "../../impl/codec/app-data-update.js";
import { COMPONENT_BASE_ROOM_POLICY, COMPONENT_PARTICIPANT_LIST, COMPONENT_PREAUTH_LIST, COMPONENT_ROOM_METADATA, EXTENSION_APP_DATA_DICTIONARY, PROPOSAL_APP_DATA_UPDATE } from "../../impl/codec/code-points.js";
import { decodeParticipantListUpdate, type ParticipantListData, type ParticipantListUpdate } from "../../impl/codec/participant-list.js";
import type { ImplementationInvariant } from "./implementation-invariants.js";

const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** user → role after the updates, read by the draft (§7.5): indexes name the committed list; removals
 * drop, role changes rewrite, additions append. Undefined when an index names no entry. */
function listAfter(before: ParticipantListData, updates: readonly ParticipantListUpdate[]): Map<string, number> | undefined {
  const roles = new Map(before.participants.map((p) => [p.user, p.roleIndex]));
  const at = (i: number) => before.participants[i]?.user;
  for (const u of updates) {
    for (const c of u.changedRoleParticipants) if (at(c.userIndex) === undefined) return undefined; else roles.set(at(c.userIndex)!, c.roleIndex);
    for (const i of u.removedIndices) if (at(i) === undefined) return undefined; else roles.delete(at(i)!);
    for (const a of u.addedParticipants) roles.set(a.user, a.roleIndex);
  }
  return roles;
}

/** What the per-commit rules say is wrong with an accepted commit, or undefined. */
function brokenCommitRule(proposals: readonly Proposal[], byReference: number, before: { participants: ParticipantListData; roles: unknown }, after: { participants: ParticipantListData; roles: unknown }): string | undefined {
  const updates: ParticipantListUpdate[] = [];
  let preauthUpdates = 0;
  let metadataUpdates = 0;
  for (const p of proposals) {
    if (p.proposalType !== PROPOSAL_APP_DATA_UPDATE) continue;
    let decoded;
    try {
      decoded = decodeAppDataUpdate((p as ProposalCustom).proposalData);
    } catch {
      return "C32: an AppDataUpdate that does not decode was accepted";
    }
    // preauth_list (0x0026, room-policy §4): a full replacement, judged below against the list changes.
    if (decoded.componentId === COMPONENT_PREAUTH_LIST && decoded.op === "update") {
      preauthUpdates += 1;
      continue;
    }
    // room_metadata (protocol §7.6) and base_room_policy (room-policy §5): full replacements (R22); at most
    // one RoomMetaUpdate per commit (C30).
    if ((decoded.componentId === COMPONENT_ROOM_METADATA || decoded.componentId === COMPONENT_BASE_ROOM_POLICY) && decoded.op === "update") {
      if (decoded.componentId === COMPONENT_ROOM_METADATA && ++metadataUpdates > 1) return "C30: an accepted commit holds more than one RoomMetaUpdate";
      continue;
    }
    if (decoded.componentId !== COMPONENT_PARTICIPANT_LIST || decoded.op !== "update")
      return `C32: an AppDataUpdate ${decoded.op} for component 0x${decoded.componentId.toString(16).padStart(4, "0")} was accepted (the room knows participant_list updates only)`;
    updates.push(decodeParticipantListUpdate(decoded.update));
  }
  const touched = new Map<number | string, number>();
  for (const u of updates)
    for (const key of [...u.changedRoleParticipants.map((c) => c.userIndex), ...u.removedIndices, ...u.addedParticipants.map((a) => a.user)])
      touched.set(key, (touched.get(key) ?? 0) + 1);
  const twice = [...touched].find(([, n]) => n > 1);
  if (twice !== undefined) {
    const user = typeof twice[0] === "number" ? before.participants.participants[twice[0]]?.user ?? `index ${twice[0]}` : twice[0];
    return `C29: ${user} is touched ${twice[1]} times by one accepted commit`;
  }
  if (updates.length > 0 && !sameJson(before.roles, after.roles)) return "C31: roles_list changed in an accepted commit with a participant-list change";
  if (preauthUpdates > 0 && updates.some((u) => u.addedParticipants.length > 0 || u.changedRoleParticipants.length > 0))
    return "C31: preauth_list changed in an accepted commit that adds a participant or changes a role (room-policy §4: removals only)";
  if (byReference === 0) {
    const expected = listAfter(before.participants, updates);
    const actual = new Map(after.participants.participants.map((p) => [p.user, p.roleIndex]));
    const sorted = (m: Map<string, number>) => [...m].sort(([a], [b]) => (a < b ? -1 : 1));
    if (expected !== undefined && !sameJson(sorted(expected), sorted(actual)))
      return `C32: the participant list after the commit is not what its AppDataUpdates produce (${updates.length} update(s): expected ${JSON.stringify(sorted(expected))}, committed ${JSON.stringify(sorted(actual))})`;
  }
  return undefined;
}

export const PER_COMMIT_RULES: ImplementationInvariant = {
  id: "P6",
  name: "per-commit rules",
  rule: "digest §7 C29 (a user touched once), C31 (roles_list apart), C32 (known components; the dictionary is what the updates produce), C33 (dictionary sorted, unique), C37 (external_senders holds the hub)",
  check: ({ before, after, impl }) => {
    if (after.hub.epoch === before.hub.epoch) return undefined;
    const room = impl.system.hub.room(impl.roomId);
    const accepted = room?.history.at(-1);
    if (room === undefined || accepted === undefined) return undefined;
    const extensions = room.view.groupContext.extensions;
    const dictionaries = extensions.filter((e) => e.extensionType === EXTENSION_APP_DATA_DICTIONARY);
    try {
      if (dictionaries.length !== 1) throw new Error(`${dictionaries.length} app_data_dictionary extensions`);
      decodeAppDataDictionary(dictionaries[0]!.extensionData);
    } catch (e) {
      return `C33: the GroupContext's app_data_dictionary is not sorted, unique and readable (${(e as Error).message})`;
    }
    const hubSender = Buffer.from(encodeExternalSender(impl.system.hub.externalSender())).toString("hex");
    if (!extensions.some((e) => e.extensionType === "external_senders" && Buffer.from(e.extensionData).toString("hex") === hubSender))
      return "C37: the GroupContext's external_senders no longer holds the hub";
    const message = decodeMlsMessage(accepted.commitBytes, 0)?.[0];
    if (message === undefined || message.wireformat !== "mls_public_message") return undefined;
    const commit = (message.publicMessage.content as FramedContentCommit).commit;
    const byValue = commit.proposals.flatMap((p) => (p.proposalOrRefType === "proposal" ? [p.proposal] : []));
    return brokenCommitRule(byValue, commit.proposals.length - byValue.length, before.hub.committed, after.hub.committed);
  },
};
