// Found by the fuzzer (hub-keyMaterial-answer, seed 1, input 828): a target provider's /keyMaterial
// answer whose userStatus refuses (userUnknown) but whose clients<V> still lists a KeyPackage made the
// hub record that KeyPackage's Welcome route: a state change on a refused answer. The answer here is an
// honest one with its status byte set to userUnknown (4, KeyMaterialUserCode) and one bit of the
// KeyPackage's signature flipped (so its KeyPackageRef is new to the hub).
import { describe, expect, it } from "vitest";
import { FUZZ_TARGETS } from "../../fuzz/corpus/endpoint-targets.js";
import { captureState, stateDifference } from "../../fuzz/deployment-state.js";
import { decodeKeyMaterialResponse } from "../../impl/codec/key-material-response.js";

describe("a refused /keyMaterial answer changes nothing at the hub", () => {
  it("userUnknown with a KeyPackage listed: no Welcome route recorded", async () => {
    const target = FUZZ_TARGETS.find((t) => t.name === "hub-keyMaterial-answer")!;
    const instance = await target.build();
    const entry = instance.fresh[0]!;
    const body = entry.body.slice();
    body[1] = 4; // protocol (1 byte), then userStatus: 4 is userUnknown
    body[body.length - 1] ^= 1; // the last byte of the KeyPackage's signature
    const answer = decodeKeyMaterialResponse(body);
    expect(answer.userStatus).toBe("userUnknown");
    expect(answer.clients.some((c) => c.clientStatus === "success")).toBe(true);
    const before = captureState(instance.deployment.system);
    const response = await instance.send(entry, body);
    expect(response.status).toBe(200);
    expect(target.verdict(response)).toBe("refused");
    expect(stateDifference(before, captureState(instance.deployment.system))).toBeUndefined();
  });
});
