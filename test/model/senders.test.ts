import { describe, it } from "vitest";
import { ALL_VARIANTS, type ModelVariants } from "../../model/index.js";
import { cooperativeConfig, restrictedConfig } from "../../model/fixtures/index.js";
import {
  accepts,
  acceptsPassing,
  add,
  ADMIN,
  ban,
  BANNED,
  commit,
  cooperativeRoom,
  COOPERATIVE_ROOM,
  COOPERATIVE_ROOM_EVENTS,
  create,
  given,
  kick,
  leave,
  OBSERVER,
  ORDINARY,
  OWNER,
  READER,
  refuses,
  remove,
  restrictedRoom,
  RESTRICTED_ROOM,
  RESTRICTED_ROOM_EVENTS,
  room,
  send,
  COOPERATIVE_USERS as COOP,
  RESTRICTED_USERS as RESTRICTED,
} from "./helpers.js";

const name = (v: ModelVariants) => `${v.leaveOrder}/${v.pendingProposals}`;

describe("blocked and non-member senders (R2)", () => {
  const config = cooperativeConfig();

  it("holds for a handshake from a member client of an unblocked user", () => {
    acceptsPassing(cooperativeRoom(config), remove("u1/d1", "u2"), "R5", ["R2"], room(3, { u0: COOP.u0, u1: COOP.u1 }));
    acceptsPassing(restrictedRoom(restrictedConfig()), kick("u2/d0", "u1"), "R6", ["R2"], room(4, { ...RESTRICTED, u1: [READER] }));
  });

  it("refuses a client that is not in the group (its user is not listed)", () => {
    refuses(cooperativeRoom(config), add("u3/d0", "u4", ORDINARY), { code: "notAllowed", rule: "R2", reason: "actorNotMember" });
    refuses(restrictedRoom(restrictedConfig()), add("u4/d0", "u5", READER), { code: "notAllowed", rule: "R2", reason: "actorNotMember" });
  });

  it("refuses a listed user's client that never joined", () => {
    const model = given(config, [create(), add("u0/d0", "u1", ORDINARY, ["u1/d0"])]);
    refuses(model, remove("u1/d1", "u0"), { code: "notAllowed", rule: "R2", reason: "actorNotMember" });
  });

  it.each(ALL_VARIANTS.map((v) => [name(v), v] as const))("blocks every client of a leaving user at once (protocol §5.3, %s)", (_name, variants) => {
    const model = given(cooperativeConfig(variants), [...COOPERATIVE_ROOM_EVENTS, leave("u1/d0")]);
    refuses(model, remove("u1/d1", "u2"), { code: "notAllowed", rule: "R2", reason: "actorBlocked" });
    refuses(model, commit("u1/d1"), { code: "notAllowed", rule: "R2", reason: "actorBlocked" });
    refuses(model, leave("u1/d1"), { code: "notAllowed", rule: "R2", reason: "actorBlocked" });
    const restricted = given(restrictedConfig(variants), [...RESTRICTED_ROOM_EVENTS, leave("u2/d0")]);
    refuses(restricted, kick("u2/d0", "u1"), { code: "notAllowed", rule: "R2", reason: "actorBlocked" });
  });

  it("refuses a banned user's client (its clients were removed with the ban)", () => {
    const model = given(config, [...COOPERATIVE_ROOM_EVENTS, ban("u0/d0", "u1")]);
    refuses(model, add("u1/d0", "u3", ORDINARY), { code: "notAllowed", rule: "R2", reason: "actorBanned" });
  });
});

describe("self-update commits (R15)", () => {
  it("accepts an empty commit from any member client, whatever its role: the next epoch, nothing else changes", () => {
    accepts(restrictedRoom(restrictedConfig()), commit("u1/d0"), "R15", { ...RESTRICTED_ROOM, epoch: 4 });
    accepts(cooperativeRoom(cooperativeConfig()), commit("u2/d0", false), "R15", { ...COOPERATIVE_ROOM, epoch: 3 });
  });

  it("refuses an empty commit from a client that is no longer a member (kicked, or banned)", () => {
    const kicked = given(cooperativeConfig(), [...COOPERATIVE_ROOM_EVENTS, kick("u0/d0", "u1")]);
    refuses(kicked, commit("u1/d0"), { code: "notAllowed", rule: "R15", reason: "committerNotMember" });
    const banned = given(restrictedConfig(), [...RESTRICTED_ROOM_EVENTS, ban("u0/d0", "u1")]);
    refuses(banned, commit("u1/d0"), { code: "notAllowed", rule: "R15", reason: "committerBanned" });
  });
});

describe("application messages (R14)", () => {
  it("accepts a message from an active member whose role has canSendMessage (no state change)", () => {
    accepts(cooperativeRoom(cooperativeConfig()), send("u2/d0"), "R14", COOPERATIVE_ROOM);
    accepts(restrictedRoom(restrictedConfig()), send("u2/d0"), "R14", RESTRICTED_ROOM);
  });

  it("refuses a member whose role lacks canSendMessage (restricted reader)", () => {
    refuses(restrictedRoom(restrictedConfig()), send("u1/d0"), { code: "notAllowed", rule: "R14", reason: "missingCanSendMessage" });
  });

  it("refuses a leaving (blocked) sender, a kicked one and a banned one (protocol §5.4, §5.3)", () => {
    for (const variants of ALL_VARIANTS) {
      const leaving = given(cooperativeConfig(variants), [...COOPERATIVE_ROOM_EVENTS, leave("u1/d0")]);
      refuses(leaving, send("u1/d1"), { code: "notAllowed", rule: "R14", reason: "senderBlocked" });
    }
    const kicked = given(cooperativeConfig(), [...COOPERATIVE_ROOM_EVENTS, kick("u0/d0", "u2")]);
    refuses(kicked, send("u2/d0"), { code: "notAllowed", rule: "R14", reason: "senderNotMember" });
    accepts(kicked, send("u1/d0"), "R14", room(3, { ...COOP, u2: [ORDINARY] }));
    const banned = given(cooperativeConfig(), [...COOPERATIVE_ROOM_EVENTS, ban("u0/d0", "u2")]);
    refuses(banned, send("u2/d0"), { code: "notAllowed", rule: "R14", reason: "senderBanned" });
    accepts(banned, send("u0/d0"), "R14", room(3, { ...COOP, u2: [BANNED] }));
  });
});
