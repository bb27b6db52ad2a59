import { describe, expect, it } from "vitest";
import { ALL_VARIANTS, step } from "../../model/index.js";
import { cooperativeConfig, restrictedConfig, RESTRICTED_ROLE_INDEX } from "../../model/fixtures/index.js";
import { accepts, add, ban, commit, cooperativeRoom, create, given, kick, leave, refuses, remove, send } from "./helpers.js";

describe("blocked and non-member senders (R2)", () => {
  const config = cooperativeConfig();

  it("accepts a handshake from a member client of an unblocked user", () => {
    const { verdict } = step(cooperativeRoom(config), remove("u1/d1", "u2"));
    expect(verdict).toMatchObject({ accepted: true });
    expect(verdict.passed).toContain("R2");
  });

  it("refuses a client that is not in the group (its user is not listed)", () => {
    refuses(cooperativeRoom(config), add("u3/d0", "u4", 2), { code: "notAllowed", rule: "R2", reason: "actorNotMember" });
  });

  it("refuses a listed user's client that never joined", () => {
    const model = given(config, [create(), add("u0/d0", "u1", 2, ["u1/d0"])]);
    refuses(model, remove("u1/d1", "u0"), { code: "notAllowed", rule: "R2", reason: "actorNotMember" });
  });

  it("blocks every client of a leaving user at once, in both leave orders", () => {
    for (const variants of ALL_VARIANTS) {
      const model = accepts(cooperativeRoom(cooperativeConfig(variants)), leave("u1/d0"));
      refuses(model, remove("u1/d1", "u2"), { code: "notAllowed", rule: "R2", reason: "actorBlocked" });
      refuses(model, commit("u1/d1"), { code: "notAllowed", rule: "R2", reason: "actorBlocked" });
      refuses(model, leave("u1/d1"), { code: "notAllowed", rule: "R2", reason: "actorBlocked" });
    }
  });

  it("refuses a banned user's client", () => {
    const model = accepts(cooperativeRoom(config), ban("u0/d0", "u1"));
    refuses(model, add("u1/d0", "u3", 2), { code: "notAllowed", rule: "R2", reason: "actorBanned" });
  });
});

describe("self-update commits (R15)", () => {
  const config = cooperativeConfig();

  it("accepts an empty commit from any member client, whatever its role", () => {
    const restricted = given(restrictedConfig(), [create(), add("u0/d0", "u1", RESTRICTED_ROLE_INDEX.reader, ["u1/d0"])]);
    accepts(restricted, commit("u1/d0"), "R15");
    accepts(cooperativeRoom(config), commit("u2/d0", false), "R15");
  });

  it("refuses an empty commit from a client that is no longer a member", () => {
    const model = accepts(cooperativeRoom(config), kick("u0/d0", "u1"));
    refuses(model, commit("u1/d0"), { code: "notAllowed", rule: "R15", reason: "committerNotMember" });
  });
});

describe("application messages (R14)", () => {
  it("accepts a message from an active member whose role has canSendMessage", () => {
    accepts(cooperativeRoom(cooperativeConfig()), send("u2/d0"), "R14");
  });

  it("refuses a member whose role lacks canSendMessage", () => {
    const model = given(restrictedConfig(), [create(), add("u0/d0", "u1", RESTRICTED_ROLE_INDEX.reader, ["u1/d0"])]);
    refuses(model, send("u1/d0"), { code: "notAllowed", rule: "R14", reason: "missingCanSendMessage" });
  });

  it("refuses a leaving (blocked) sender and a kicked one", () => {
    const config = cooperativeConfig();
    const leaving = accepts(cooperativeRoom(config), leave("u1/d0"));
    refuses(leaving, send("u1/d1"), { code: "notAllowed", rule: "R14", reason: "senderBlocked" });
    const kicked = accepts(cooperativeRoom(config), kick("u0/d0", "u2"));
    refuses(kicked, send("u2/d0"), { code: "notAllowed", rule: "R14", reason: "senderNotMember" });
    expect(step(kicked, send("u1/d0")).verdict.accepted).toBe(true);
  });
});
