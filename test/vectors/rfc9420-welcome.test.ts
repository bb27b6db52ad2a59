/**
 * RFC 9420 §12.4.3 Welcome processing against welcome.json (suite-1 case), through
 * ts-mls's `makeKeyPackageRef`, `decryptGroupSecrets` (HPKE with init_priv),
 * `decryptGroupInfo`, `verifyGroupInfoSignature` and `verifyGroupInfoConfirmationTag`
 * with the node:crypto provider. The vector has no ratchet tree, so it stops at a
 * verified GroupInfo (joining a whole group is passive-client-welcome.json's job).
 */
import { describe, expect, it } from "vitest";
import { decodeMlsMessage } from "ts-mls";
import { makeKeyPackageRef } from "ts-mls/keyPackage.js";
import { decryptGroupInfo, decryptGroupSecrets } from "ts-mls/welcome.js";
import { verifyGroupInfoConfirmationTag, verifyGroupInfoSignature } from "ts-mls/groupInfo.js";
import { cipherSuite, SUITE_NAME } from "../../impl/mls/crypto/suite.js";
import { fromHex, loadVectors, suite1 } from "./vector-files.js";

interface WelcomeCase {
  cipher_suite: number;
  init_priv: string;
  key_package: string;
  signer_pub: string;
  welcome: string;
}

const cases = suite1(loadVectors<WelcomeCase>("welcome"));

describe("welcome.json, suite 1, node provider", () => {
  it("has the suite-1 case", () => {
    expect(cases.length).toBe(1);
  });

  for (const [i, v] of cases.entries()) {
    it(`case ${i}`, async () => {
      const cs = await cipherSuite("node");
      const kpMsg = decodeMlsMessage(fromHex(v.key_package), 0)![0];
      const wMsg = decodeMlsMessage(fromHex(v.welcome), 0)![0];
      if (kpMsg.wireformat !== "mls_key_package" || wMsg.wireformat !== "mls_welcome") throw new Error("unexpected wire formats");
      const welcome = wMsg.welcome;
      expect(welcome.cipherSuite).toBe(SUITE_NAME);

      const ref = await makeKeyPackageRef(kpMsg.keyPackage, cs.hash);
      const initKey = await cs.hpke.importPrivateKey(fromHex(v.init_priv));
      const secrets = await decryptGroupSecrets(initKey, ref, welcome, cs.hpke);
      expect(secrets).toBeDefined();
      expect(secrets!.psks).toEqual([]);
      const pskSecret = new Uint8Array(cs.kdf.size); // no PSKs: psk_secret is Nh zero bytes

      const gi = await decryptGroupInfo(welcome, secrets!.joinerSecret, pskSecret, cs);
      expect(gi).toBeDefined();
      expect(gi!.groupContext.cipherSuite).toBe(SUITE_NAME);
      expect(await verifyGroupInfoSignature(gi!, fromHex(v.signer_pub), cs.signature)).toBe(true);
      expect(await verifyGroupInfoConfirmationTag(gi!, secrets!.joinerSecret, pskSecret, cs)).toBe(true);

      // Negative checks: another signer key, another joiner secret, another init key.
      const other = await cs.signature.keygen();
      expect(await verifyGroupInfoSignature(gi!, other.publicKey, cs.signature)).toBe(false);
      const wrongJoiner = secrets!.joinerSecret.slice();
      wrongJoiner[0] ^= 1;
      expect(await verifyGroupInfoConfirmationTag(gi!, wrongJoiner, pskSecret, cs)).toBe(false);
      const stranger = await cs.hpke.generateKeyPair();
      await expect(decryptGroupSecrets(stranger.privateKey, ref, welcome, cs.hpke)).rejects.toThrow();
    });
  }
});
