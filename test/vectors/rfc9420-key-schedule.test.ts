/**
 * RFC 9420 §8 key schedule against key-schedule.json (suite-1 case, 5 epochs),
 * driven through ts-mls's `initializeEpoch` with the node:crypto provider.
 *
 * Per epoch: GroupContext encoding, joiner/welcome/epoch-derived secrets,
 * external_pub (DeriveKeyPair(external_secret)), the exporter, and chaining the
 * next epoch from this epoch's init_secret.
 *
 * Note on `exporter.label`: the vector generators use the label's hex text itself
 * as the (ASCII) label, not the bytes it spells; with the decoded bytes the value
 * does not match. So the hex string goes to ts-mls's `mlsExporter` unchanged.
 */
import { describe, expect, it } from "vitest";
import type { GroupContext } from "ts-mls";
import { mlsExporter } from "ts-mls";
import { initializeEpoch } from "ts-mls/keySchedule.js";
import { encodeGroupContext } from "ts-mls/groupContext.js";
import { cipherSuite, SUITE_NAME } from "../../impl/mls/crypto/suite.js";
import { fromHex, loadVectors, suite1, toHex } from "./vector-files.js";

interface Epoch {
  tree_hash: string;
  commit_secret: string;
  psk_secret: string;
  confirmed_transcript_hash: string;
  group_context: string;
  joiner_secret: string;
  welcome_secret: string;
  init_secret: string;
  sender_data_secret: string;
  encryption_secret: string;
  exporter_secret: string;
  epoch_authenticator: string;
  external_secret: string;
  confirmation_key: string;
  membership_key: string;
  resumption_psk: string;
  external_pub: string;
  exporter: { label: string; context: string; length: number; secret: string };
}
interface KeyScheduleCase {
  cipher_suite: number;
  group_id: string;
  initial_init_secret: string;
  epochs: Epoch[];
}

const cases = suite1(loadVectors<KeyScheduleCase>("key-schedule"));

describe("key-schedule.json, suite 1, node provider", () => {
  it("has the suite-1 case with epochs", () => {
    expect(cases.length).toBe(1);
    expect(cases[0].epochs.length).toBeGreaterThan(0);
  });

  for (const [ci, c] of cases.entries()) {
    it(`case ${ci}: all ${c.epochs.length} epochs`, async () => {
      const cs = await cipherSuite("node");
      let initSecret = fromHex(c.initial_init_secret);
      for (const [n, e] of c.epochs.entries()) {
        const groupContext: GroupContext = {
          version: "mls10",
          cipherSuite: SUITE_NAME,
          groupId: fromHex(c.group_id),
          epoch: BigInt(n),
          treeHash: fromHex(e.tree_hash),
          confirmedTranscriptHash: fromHex(e.confirmed_transcript_hash),
          extensions: [],
        };
        expect(toHex(encodeGroupContext(groupContext)), `epoch ${n} group_context`).toBe(e.group_context);

        const r = await initializeEpoch(initSecret, fromHex(e.commit_secret), groupContext, fromHex(e.psk_secret), cs.kdf);
        const got = {
          joiner_secret: toHex(r.joinerSecret),
          welcome_secret: toHex(r.welcomeSecret),
          encryption_secret: toHex(r.encryptionSecret),
          init_secret: toHex(r.keySchedule.initSecret),
          sender_data_secret: toHex(r.keySchedule.senderDataSecret),
          exporter_secret: toHex(r.keySchedule.exporterSecret),
          epoch_authenticator: toHex(r.keySchedule.epochAuthenticator),
          external_secret: toHex(r.keySchedule.externalSecret),
          confirmation_key: toHex(r.keySchedule.confirmationKey),
          membership_key: toHex(r.keySchedule.membershipKey),
          resumption_psk: toHex(r.keySchedule.resumptionPsk),
        };
        const want = {
          joiner_secret: e.joiner_secret,
          welcome_secret: e.welcome_secret,
          encryption_secret: e.encryption_secret,
          init_secret: e.init_secret,
          sender_data_secret: e.sender_data_secret,
          exporter_secret: e.exporter_secret,
          epoch_authenticator: e.epoch_authenticator,
          external_secret: e.external_secret,
          confirmation_key: e.confirmation_key,
          membership_key: e.membership_key,
          resumption_psk: e.resumption_psk,
        };
        expect(got, `epoch ${n}`).toEqual(want);

        const external = await cs.hpke.deriveKeyPair(r.keySchedule.externalSecret);
        expect(toHex(await cs.hpke.exportPublicKey(external.publicKey)), `epoch ${n} external_pub`).toBe(e.external_pub);

        const x = e.exporter;
        const exported = await mlsExporter(r.keySchedule.exporterSecret, x.label, fromHex(x.context), x.length, cs);
        expect(toHex(exported), `epoch ${n} exporter`).toBe(x.secret);

        initSecret = r.keySchedule.initSecret;
      }
    });
  }
});
