// P24: the GroupInfo the hub serves always matches its own GroupContext (protocol §5.3: every accepted
// commit's GroupInfo is what the next /groupInfo returns; digest §7 D38). After every step, the GroupInfo
// and tree /groupInfo would serve now carry the GroupContext of the hub's group, byte for byte, and the
// tree hashes to its tree_hash.
import { encodeGroupContext } from "ts-mls/groupContext.js";
import { treeHashRoot } from "ts-mls/treeHash.js";
import type { ImplementationInvariant } from "./implementation-invariants.js";

const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;

export const SERVED_GROUP_INFO_MATCHES: ImplementationInvariant = {
  id: "P24",
  name: "the served GroupInfo matches the hub's GroupContext",
  rule: "protocol §5.3, §5.6 (the hub serves the GroupInfo of the current epoch), digest §7 D38",
  check: async ({ impl }) => {
    const hub = impl.system.hub;
    const served = hub.servedGroupInfo(impl.roomId);
    const room = hub.room(impl.roomId);
    if (served === undefined || room === undefined) return undefined;
    const own = room.view.groupContext;
    const theirs = served.groupInfo.groupContext;
    if (theirs.epoch !== own.epoch) return `the hub serves the GroupInfo of epoch ${theirs.epoch}, its group is in epoch ${own.epoch}`;
    if (!same(encodeGroupContext(theirs), encodeGroupContext(own))) return `the hub serves a GroupInfo whose GroupContext differs from its own in epoch ${own.epoch}`;
    // The same tree object is the hub's own (hashing it again proves nothing and costs every step).
    if (served.ratchetTree !== room.view.tree && !same(await treeHashRoot(served.ratchetTree, hub.suite.hash), own.treeHash)) return `the hub serves a ratchet tree whose hash is not its GroupContext's tree_hash`;
    return undefined;
  },
};
