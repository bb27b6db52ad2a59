import { describe, expect, it } from "vitest";
import { ALL_VARIANTS } from "../../model/index.js";
import { cooperativeConfig, restrictedConfig } from "../../model/fixtures/index.js";
import {
  accepts,
  acceptsPassing,
  ADMIN,
  commit,
  cooperativeRoom,
  COOPERATIVE_ROOM,
  create,
  given,
  kick,
  leave,
  ORDINARY,
  refuses,
  restrictedRoom,
  RESTRICTED_ROOM,
  room,
  send,
  staleCommit,
} from "./helpers.js";

describe("epochs (R1) and one commit per epoch (R16)", () => {
  const config = cooperativeConfig();

  it("R1 holds for a message in the hub's current epoch (nothing changes: a message is no commit)", () => {
    acceptsPassing(cooperativeRoom(config), send("u1/d0", 0), "R14", ["R1"], COOPERATIVE_ROOM);
    acceptsPassing(restrictedRoom(restrictedConfig()), send("u2/d0", 0), "R14", ["R1"], RESTRICTED_ROOM);
  });

  it("R1 refuses a message from an older epoch with epochTooOld and the current epoch (protocol §5.4)", () => {
    const verdict = refuses(cooperativeRoom(config), send("u1/d0", -1), { code: "epochTooOld", rule: "R1", reason: "messageFromOldEpoch" });
    expect(verdict.currentEpoch).toBe(2);
    const restricted = refuses(restrictedRoom(restrictedConfig()), send("u0/d0", -1), { code: "epochTooOld", rule: "R1" });
    expect(restricted.currentEpoch).toBe(3);
  });

  it("R1 refuses a message from a future epoch with notAllowed (protocol §5.4: newer → notAllowed)", () => {
    refuses(cooperativeRoom(config), send("u1/d0", +1), { code: "notAllowed", rule: "R1", reason: "messageFromFutureEpoch" });
    refuses(restrictedRoom(restrictedConfig()), send("u2/d0", +1), { code: "notAllowed", rule: "R1", reason: "messageFromFutureEpoch" });
  });

  it("R1 refuses a commit for another epoch when there is no earlier one (epoch 0) with wrongEpoch", () => {
    for (const cfg of [config, restrictedConfig()]) {
      const verdict = refuses(given(cfg, [create()]), staleCommit("u0/d0"), { code: "wrongEpoch", rule: "R1", reason: "commitForOtherEpoch" });
      expect(verdict.currentEpoch).toBe(0);
    }
  });

  it("R16: the first commit of an epoch wins, a commit built for it afterwards gets wrongEpoch with the current epoch", () => {
    const verdict = refuses(cooperativeRoom(config), staleCommit("u1/d0"), { code: "wrongEpoch", rule: "R16", reason: "epochAlreadyCommitted" });
    expect(verdict.currentEpoch).toBe(2);
    const restricted = refuses(restrictedRoom(restrictedConfig()), staleCommit("u1/d0"), { code: "wrongEpoch", rule: "R16" });
    expect(restricted.currentEpoch).toBe(3);
  });

  it("R16 holds for a fresh commit: every accepted commit opens the next epoch; proposals and messages do not", () => {
    for (const variants of ALL_VARIANTS) {
      let model = acceptsPassing(cooperativeRoom(cooperativeConfig(variants)), commit("u1/d0"), "R15", ["R16"], { ...COOPERATIVE_ROOM, epoch: 3 });
      model = accepts(model, send("u2/d0"), "R14", { ...COOPERATIVE_ROOM, epoch: 3 });
      // A leave is proposals only (protocol §3.5): same epoch, u2 blocked (§5.3) with its proposals pending:
      // same-commit: its delisting and 1 Remove; clients-first: the Remove alone.
      const pending = variants.leaveOrder === "same-commit" ? 2 : 1;
      model = accepts(model, leave("u2/d0"), "R10", { ...COOPERATIVE_ROOM, epoch: 3, blocked: ["u2"], pending });
      // The kick commit carries the pending leave first (R11): epoch 4.
      const afterKick =
        variants.leaveOrder === "same-commit"
          ? room(4, { u0: [ADMIN, "u0/d0"], u1: [ORDINARY] })
          : room(4, { u0: [ADMIN, "u0/d0"], u1: [ORDINARY], u2: [ORDINARY] }, { blocked: ["u2"], pending: 1 });
      accepts(model, kick("u0/d0", "u1"), "R6", afterKick);
    }
  });

  it("R16 holds in the restricted room: an owner's self-update opens epoch 4", () => {
    acceptsPassing(restrictedRoom(restrictedConfig()), commit("u0/d0"), "R15", ["R16"], { ...RESTRICTED_ROOM, epoch: 4 });
  });
});
