// The KeyPackage pool: within one deployment every KeyPackage is new; across deployments the same
// sequence comes back, made once (so property runs skip key generation and replays see the same keys).
import { describe, expect, it } from "vitest";
import { encodeKeyPackage } from "ts-mls/keyPackage.js";
import { KeyPackagePool } from "../../impl/client/key-package-source.js";
import { cipherSuite } from "../../impl/mls/crypto/suite.js";

const ALICE = "mimi://a.example/d/alice/phone";
const BOB = "mimi://b.example/d/bob/phone";
const hex = (kp: { publicPackage: Parameters<typeof encodeKeyPackage>[0] }) => Buffer.from(encodeKeyPackage(kp.publicPackage)).toString("hex");

describe("KeyPackagePool", () => {
  it("never repeats a KeyPackage within a lease, and replays the same sequence in the next lease", async () => {
    const pool = new KeyPackagePool(await cipherSuite("node"));
    const first = pool.lease();
    const a = [hex(await first(ALICE)), hex(await first(ALICE)), hex(await first(BOB))];
    expect(new Set(a).size).toBe(3);
    const second = pool.lease();
    expect([hex(await second(ALICE)), hex(await second(ALICE)), hex(await second(BOB))]).toEqual(a);
    expect(pool.size).toBe(3);
    await second(ALICE);
    expect(pool.size).toBe(4);
  });
});
