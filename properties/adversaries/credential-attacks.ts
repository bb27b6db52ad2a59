// Credential attacks (X01–X06): a compromised member client, under x509 credentials, replaces its own leaf
// (a self-update commit's UpdatePath leaf, signed with its real key) with one carrying a credential no
// honest party may accept (RFC 9420 §5.3.1: every credential met is validated; digest §6; docs/identity.md:
// a provider's CA vouches for its own domain only). The MLS is otherwise well formed, so only credential
// validation — and, for a leaf naming another client, H14's identity continuity — stands in the way.
// Under basic credentials these classes cannot be built (the step is skipped).
import { createCommit, createGroupInfoWithExternalPub, type ClientState, type Credential, type RatchetTree } from "ts-mls";
import { defaultClientConfig } from "ts-mls/clientConfig.js";
import { leafToNodeIndex, toLeafIndex } from "ts-mls/treemath.js";
import { domainOf } from "../../impl/identity/mimi-uri.js";
import { selfSignedCredential } from "../../impl/identity/provider-ca.js";
import { clientUriOfCredential } from "../../impl/mls/client-credential.js";
import { verdictCode } from "../../impl/transport/outcomes.js";
import { abstractState, userOf, type ClientId } from "../../model/index.js";
import type { ImplementationUnderTest } from "../runner/implementation-under-test.js";
import { clientUriOf } from "../world/room-world.js";
import type { AttackClass, AttackContext, PlannedAttack } from "./attack-class.js";
import { compromised } from "./forge-client-messages.js";

/** An MLS-invalid handshake (H1, credential validation included): the draft names no code; either refusal of /update. */
const MLS_REFUSAL = ["notAllowed", "invalidProposal"] as const;
const CLAUSE = "RFC 9420 §5.3.1 (credential validation); digest §6, §8 q. 1–2; docs/identity.md (a provider vouches for its own domain)";

/** What a credential attack needs to make its forged credential. */
interface ForgeContext {
  readonly impl: ImplementationUnderTest;
  /** The attacker's client URI and the signature key of its leaf (and the private half). */
  readonly own: { readonly uri: string; readonly publicKey: Uint8Array; readonly signKey: Uint8Array };
  /** The hub's clock now, in seconds (credential time in this deployment). */
  readonly now: bigint;
}

function ownLeafIndex(state: ClientState): number {
  return state.privatePath.leafIndex;
}

function withOwnCredential(state: ClientState, credential: Credential): ClientState {
  const tree: RatchetTree = [...state.ratchetTree];
  const at = leafToNodeIndex(toLeafIndex(ownLeafIndex(state)));
  const node = tree[at];
  if (node?.nodeType !== "leaf") throw new Error("own leaf missing");
  tree[at] = { ...node, leaf: { ...node.leaf, credential } };
  // The attacker does not validate its own forgery.
  return { ...state, ratchetTree: tree, clientConfig: defaultClientConfig };
}

/** A member client of the room's tree (another than `except`) for which `fits` holds, by index. */
function pickMember(ctx: AttackContext, fits: (client: ClientId) => boolean): ClientId | undefined {
  const members = Object.values(abstractState(ctx.model).users).flatMap((u) => u.clients).filter((c) => c !== ctx.attacker && fits(c)).sort();
  return members.length === 0 ? undefined : members[ctx.target % members.length];
}

/** One credential attack class: `forge` makes the credential the attacker's new leaf carries. */
function credentialAttack(
  id: string,
  name: string,
  built: string,
  describe: (ctx: AttackContext) => { sent: string; forge: (f: ForgeContext) => Promise<Credential> } | undefined,
): AttackClass {
  return {
    id, name, party: "client", attackerPool: "member", clause: CLAUSE, defender: "both", built,
    judged: { kind: "refusal", codes: MLS_REFUSAL },
    plan: (ctx): PlannedAttack | undefined => {
      if (ctx.impl.system.credentials.mode !== "x509") return undefined;
      const access = compromised(ctx.impl, ctx.attacker);
      const state = access.session(ctx.impl.roomId)?.state;
      if (state === undefined) return undefined;
      const described = describe(ctx);
      if (described === undefined) return undefined;
      return {
        sent: `a self-update whose new leaf carries ${described.sent}`,
        base: { type: "commit", actor: ctx.attacker, includePending: true },
        perform: async () => {
          const node = state.ratchetTree[leafToNodeIndex(toLeafIndex(ownLeafIndex(state)))];
          if (node?.nodeType !== "leaf") return "skipped: no own leaf";
          const own = { uri: clientUriOf(ctx.attacker), publicKey: node.leaf.signaturePublicKey, signKey: state.signaturePrivateKey };
          const credential = await described.forge({ impl: ctx.impl, own, now: ctx.impl.system.hub.keyPackageTime });
          const cs = access.suite;
          const result = await createCommit({ state: withOwnCredential(state, credential), cipherSuite: cs }, { wireAsPublicMessage: true, ratchetTreeExtension: false });
          const groupInfo = await createGroupInfoWithExternalPub(result.newState, [], cs);
          return verdictCode(await access.sendOwnCommit(ctx.impl.roomId, {
            kind: "commit", proposalOrCommit: result.commit, welcome: result.welcome,
            groupInfoOption: { representation: "full", groupInfo }, ratchetTreeOption: { representation: "full", ratchetTree: result.newState.ratchetTree },
          }, { ...result.newState, clientConfig: state.clientConfig }));
        },
      };
    },
  };
}

/** The certification authority of the attacker's own provider (compromised along with it, or simply asked). */
function ownAuthority(f: ForgeContext) {
  const ca = f.impl.system.credentials.authority(domainOf(f.own.uri) ?? "");
  if (ca === undefined) throw new Error(`no authority for ${f.own.uri}`);
  return ca;
}

/** The attacker's credential classes, X01–X06. */
export const CREDENTIAL_ATTACKS: readonly AttackClass[] = [
  credentialAttack(
    "X01", "certificate for another provider's user",
    "the attacker's provider's CA (compromised) certifies, for the attacker's key, a client URI of a user of another provider; the attacker's self-update leaf carries it",
    (ctx) => {
      const mine = domainOf(clientUriOf(ctx.attacker));
      const victims = ctx.world.users.filter((u) => domainOf(clientUriOf(ctx.world.clientsOf[u]![0]!)) !== mine);
      const victim = victims.length === 0 ? undefined : victims[ctx.target % victims.length]!;
      if (victim === undefined) return undefined;
      const uri = clientUriOf(ctx.world.clientsOf[victim]![0]!);
      return {
        sent: `a certificate for ${uri} issued by ${mine}'s CA`,
        forge: (f) => ownAuthority(f).credential({ subject: uri, signaturePublicKey: f.own.publicKey }),
      };
    },
  ),
  credentialAttack(
    "X02", "certificate of another user of the same provider",
    "the certificate chain of another member client of the attacker's provider (another user's), copied from the tree, on the attacker's leaf with the attacker's key",
    (ctx) => {
      const mine = domainOf(clientUriOf(ctx.attacker));
      const victim = pickMember(ctx, (c) => userOf(c) !== userOf(ctx.attacker) && domainOf(clientUriOf(c)) === mine);
      if (victim === undefined) return undefined;
      return {
        sent: `${victim}'s certificate (copied from the tree)`,
        forge: async (f) => {
          const leaf = f.impl.system.hub.groupInfoOf(f.impl.roomId)?.ratchetTree.find((n) => n?.nodeType === "leaf" && clientUriOfCredential(n.leaf.credential) === clientUriOf(victim));
          if (leaf?.nodeType !== "leaf") throw new Error(`${victim} has no leaf`);
          return leaf.leaf.credential;
        },
      };
    },
  ),
  credentialAttack(
    "X03", "expired certificate",
    "a certificate for the attacker's own URI and key from its own provider, whose validity ended before the deployment's time",
    () => ({
      sent: "its own certificate, expired",
      forge: (f) => ownAuthority(f).credential({ subject: f.own.uri, signaturePublicKey: f.own.publicKey, notBefore: f.now - 2000n, notAfter: f.now - 1000n }),
    }),
  ),
  credentialAttack(
    "X04", "revoked certificate",
    "a certificate for the attacker's own URI and key from its own provider, which that provider has revoked (on the revocation list every party is configured with)",
    () => ({
      sent: "its own certificate, revoked by its provider",
      forge: async (f) => {
        const credential = await ownAuthority(f).credential({ subject: f.own.uri, signaturePublicKey: f.own.publicKey });
        f.impl.system.credentials.revoke(credential);
        return credential;
      },
    }),
  ),
  credentialAttack(
    "X05", "self-signed certificate",
    "a certificate for the attacker's own URI and key, signed by that key itself: no provider vouches for it",
    () => ({ sent: "a self-signed certificate for itself", forge: (f) => selfSignedCredential(f.own.uri, f.own) }),
  ),
  credentialAttack(
    "X06", "certificate for another key",
    "a certificate from the attacker's own provider for its own URI but another signature key than the leaf's",
    () => ({
      sent: "its own provider's certificate for another key",
      forge: async (f) => ownAuthority(f).credential({ subject: f.own.uri, signaturePublicKey: (await f.impl.system.hub.suite.signature.keygen()).publicKey }),
    }),
  ),
];
