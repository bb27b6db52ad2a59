/**
 * Driving one passive-client vector case (RFC 9420 end to end) through ts-mls:
 * join from `welcome` with the given key package, private keys, optional ratchet tree
 * and external PSKs; check `initial_epoch_authenticator`; then for each epoch process
 * the `proposals` and the `commit` and check `epoch_authenticator`.
 */
import { expect } from "vitest";
import {
  bytesToBase64,
  decodeMlsMessage,
  joinGroup,
  makePskIndex,
  processPrivateMessage,
  processPublicMessage,
  type CiphersuiteImpl,
  type ClientState,
  type PrivateKeyPackage,
} from "ts-mls";
import { decodeRatchetTree } from "ts-mls/ratchetTree.js";
import { fromHex, toHex } from "./vector-files.js";

export interface PassiveClientCase {
  cipher_suite: number;
  external_psks: { psk_id: string; psk: string }[];
  key_package: string;
  signature_priv: string;
  encryption_priv: string;
  init_priv: string;
  welcome: string;
  ratchet_tree: string | null;
  initial_epoch_authenticator: string;
  epochs: { proposals: string[]; commit: string; epoch_authenticator: string }[];
}

async function processHandshake(state: ClientState, hex: string, psks: Record<string, Uint8Array>, cs: CiphersuiteImpl): Promise<ClientState> {
  const msg = decodeMlsMessage(fromHex(hex), 0)?.[0];
  if (msg === undefined) throw new Error("could not decode handshake message");
  const pskIndex = makePskIndex(state, psks);
  switch (msg.wireformat) {
    case "mls_private_message":
      return (await processPrivateMessage(state, msg.privateMessage, pskIndex, cs)).newState;
    case "mls_public_message":
      return (await processPublicMessage(state, msg.publicMessage, pskIndex, cs)).newState;
    default:
      throw new Error(`unexpected wire format ${msg.wireformat}`);
  }
}

/** Runs the case, asserting every epoch authenticator; returns the number of epochs processed. */
export async function runPassiveClient(v: PassiveClientCase, cs: CiphersuiteImpl): Promise<number> {
  const kpMsg = decodeMlsMessage(fromHex(v.key_package), 0)?.[0];
  const wMsg = decodeMlsMessage(fromHex(v.welcome), 0)?.[0];
  if (kpMsg?.wireformat !== "mls_key_package" || wMsg?.wireformat !== "mls_welcome") throw new Error("unexpected key_package / welcome encoding");

  const privateKeys: PrivateKeyPackage = {
    initPrivateKey: fromHex(v.init_priv),
    hpkePrivateKey: fromHex(v.encryption_priv),
    signaturePrivateKey: fromHex(v.signature_priv),
  };
  const psks: Record<string, Uint8Array> = {};
  for (const p of v.external_psks) psks[bytesToBase64(fromHex(p.psk_id))] = fromHex(p.psk);

  const tree = v.ratchet_tree === null ? undefined : decodeRatchetTree(fromHex(v.ratchet_tree), 0)?.[0];
  if (v.ratchet_tree !== null && tree === undefined) throw new Error("could not decode ratchet_tree");

  let state = await joinGroup(wMsg.welcome, kpMsg.keyPackage, privateKeys, makePskIndex(undefined, psks), cs, tree);
  expect(toHex(state.keySchedule.epochAuthenticator), "initial epoch authenticator").toBe(v.initial_epoch_authenticator);

  for (const [n, epoch] of v.epochs.entries()) {
    for (const p of epoch.proposals) state = await processHandshake(state, p, psks, cs);
    state = await processHandshake(state, epoch.commit, psks, cs);
    expect(toHex(state.keySchedule.epochAuthenticator), `epoch authenticator after commit ${n}`).toBe(epoch.epoch_authenticator);
  }
  return v.epochs.length;
}
