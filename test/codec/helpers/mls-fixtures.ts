// Real MLS values for the codec tests, made once per test file: a two-member group (alice adds bob
// by a PublicMessage commit), its Welcome, GroupInfo and ratchet tree, proposals and an application message.

import {
  createApplicationMessage,
  createCommit,
  createGroup,
  createGroupInfoWithExternalPub,
  createProposal,
  defaultCapabilities,
  defaultLifetime,
  generateKeyPackage,
  getCiphersuiteFromName,
  getCiphersuiteImpl,
  joinGroup,
  emptyPskIndex,
  type CiphersuiteImpl,
  type MLSMessage,
} from "ts-mls";
import type {
  Capabilities,
  Credential,
  ExternalSender,
  GroupInfo,
  KeyPackage,
  RatchetTree,
  RequiredCapabilities,
  Welcome,
} from "../../../impl/codec/mls-structs.js";

export interface MlsFixtures {
  cs: CiphersuiteImpl;
  credential: Credential;
  capabilities: Capabilities;
  requiredCapabilities: RequiredCapabilities;
  keyPackage: KeyPackage;
  /** alice's commit adding bob, as a PublicMessage. */
  commit: MLSMessage;
  welcome: Welcome;
  welcomeMessage: MLSMessage;
  /** Without a ratchet_tree extension, as MIMI sends it. */
  groupInfo: GroupInfo;
  ratchetTree: RatchetTree;
  /** Two proposals as PublicMessages, one from each member, in the epoch after the commit. */
  proposal: MLSMessage;
  otherProposal: MLSMessage;
  /** An application PrivateMessage from bob. */
  applicationMessage: MLSMessage;
  externalSender: ExternalSender;
  signaturePublicKey: Uint8Array;
  hpkePublicKey: Uint8Array;
  groupInfoMessage: MLSMessage;
  keyPackageMessage: MLSMessage;
}

const utf8 = new TextEncoder();

async function build(): Promise<MlsFixtures> {
  const cs = await getCiphersuiteImpl(getCiphersuiteFromName("MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519"));
  const basic = (uri: string): Credential => ({ credentialType: "basic", identity: utf8.encode(uri) });
  const capabilities = defaultCapabilities();
  const alice = await generateKeyPackage(basic("mimi://a.example/d/alice/phone"), capabilities, defaultLifetime, [], cs);
  const bob = await generateKeyPackage(basic("mimi://b.example/d/bob/laptop"), capabilities, defaultLifetime, [], cs);

  const created = await createGroup(utf8.encode("mimi://a.example/r/clubhouse"), alice.publicPackage, alice.privatePackage, [], cs);
  const added = await createCommit(
    { state: created, cipherSuite: cs },
    { wireAsPublicMessage: true, ratchetTreeExtension: false, extraProposals: [{ proposalType: "add", add: { keyPackage: bob.publicPackage } }] },
  );
  if (added.welcome === undefined) throw new Error("fixture: commit without Welcome");
  const aliceState = added.newState;
  const bobState = await joinGroup(added.welcome, bob.publicPackage, bob.privatePackage, emptyPskIndex, cs, aliceState.ratchetTree);

  const groupInfo = await createGroupInfoWithExternalPub(aliceState, [], cs);
  const proposal = await createProposal(aliceState, true, { proposalType: "remove", remove: { removed: 1 } }, cs);
  const otherProposal = await createProposal(bobState, true, { proposalType: 0x8000, proposalData: new Uint8Array([1, 2, 3]) }, cs);
  const app = await createApplicationMessage(bobState, utf8.encode("hello"), cs);
  const hubKeys = await cs.signature.keygen();
  const hpkeKeys = await cs.hpke.generateKeyPair();

  return {
    cs,
    credential: basic("mimi://a.example/d/alice/phone"),
    capabilities,
    requiredCapabilities: { extensionTypes: [6], proposalTypes: [8], credentialTypes: ["basic"] },
    keyPackage: bob.publicPackage,
    commit: added.commit,
    welcome: added.welcome,
    welcomeMessage: { version: "mls10", wireformat: "mls_welcome", welcome: added.welcome },
    groupInfo,
    ratchetTree: aliceState.ratchetTree,
    proposal: proposal.message,
    otherProposal: otherProposal.message,
    applicationMessage: { version: "mls10", wireformat: "mls_private_message", privateMessage: app.privateMessage },
    externalSender: { signaturePublicKey: hubKeys.publicKey, credential: basic("mimi://a.example") },
    signaturePublicKey: hubKeys.publicKey,
    hpkePublicKey: await cs.hpke.exportPublicKey(hpkeKeys.publicKey),
    groupInfoMessage: { version: "mls10", wireformat: "mls_group_info", groupInfo },
    keyPackageMessage: { version: "mls10", wireformat: "mls_key_package", keyPackage: bob.publicPackage },
  };
}

let cached: Promise<MlsFixtures> | undefined;

export function mlsFixtures(): Promise<MlsFixtures> {
  cached ??= build();
  return cached;
}
