// Properties of checkCommit, the per-commit check the hub and every honest client run.
//
// 1. Honest commits, built valid by construction from the draft's rules for the cooperatively
//    administered room (room-policy Appendix A.1): each intent is something its author's role may do
//    (room-policy §8.1), intents touch distinct users (protocol §7.5), and every delisting, ban, kick or
//    leave removes all the user's clients (room-policy §2.1). They are accepted, and the resulting list is
//    the one the test computes itself from the intents by user (role changes, removals, additions appended),
//    not from the update indices the checker reads.
// 2. The same commits with one planted defect are refused with the draft's code and the rule that the
//    defect breaks.
// 3. Arbitrary commit descriptions (this runs inside a ts-mls callback on data from the network) never
//    throw, and whatever they get accepted keeps the room well formed (digest §7 A.1–A.3).
// Each property has a fixed seed; fast-check prints the seed and path to replay a failure.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkCommit } from "../../impl/room/commit-check.js";
import type { Actor, CommitItem } from "../../impl/room/commit-item.js";
import { clientsForbiddenReason } from "../../impl/room/completion-checks.js";
import { membersOfClients } from "../../impl/room/room-state.js";
import {
  addItem, ALICE, BOB, CAROL, client, context, cooperativeRoom, DAVE, type Entries, ERIN, FRANK, gceWithList, listItem, listOf,
  memberActor, removeItem, user,
} from "./helpers.js";

const SEED = 0x4d494d49;

// The committed room, written out: alice group_admin (3), bob, carol and erin ordinary_user (2), frank banned (1).
const ENTRIES: Entries = [[ALICE, 3], [BOB, 2], [CAROL, 2], [ERIN, 2], [FRANK, 1]];
const room = cooperativeRoom();
const CLIENTS: Readonly<Record<string, readonly string[]>> = {
  [ALICE]: [client("alice"), client("alice", "2")],
  [BOB]: [client("bob"), client("bob", "2")],
  [CAROL]: [client("carol")],
};
const members = membersOfClients(Object.values(CLIENTS).flat());
const GINA = user("gina");
const ZED = user("zed"); // never listed by an honest intent
const UNLISTED = [DAVE, GINA];
const MEMBER_USERS = [ALICE, BOB, CAROL];

const clientsOf = (u: string) => CLIENTS[u] ?? [];
const indexOf = (u: string) => ENTRIES.findIndex(([x]) => x === u);
const roleOf = (u: string) => ENTRIES.find(([x]) => x === u)?.[1];
const actorOf = (u: string) => memberActor(clientsOf(u)[0]);
const isAdmin = (u: string) => roleOf(u) === 3;

/** One change a user wants, on one subject user. */
type Intent =
  | { kind: "add"; target: string; role: number; clients: string[] }
  | { kind: "remove" | "ban" | "promote" | "kick"; target: string }
  | { kind: "unban"; target: string; role: number }
  | { kind: "leave" }
  | { kind: "removeOwnClient" | "addOwnClient"; client: string };
type IntentKind = Intent["kind"];
const INTENT_KINDS: IntentKind[] = ["add", "remove", "ban", "promote", "kick", "unban", "leave", "removeOwnClient", "addOwnClient"];

interface Authored {
  intent: Intent;
  author: string;
  byReference: boolean;
}

/** The user an intent is about: no two intents of one commit share it. */
function subjectOf(a: Authored): string {
  const i = a.intent;
  return "target" in i ? i.target : a.author;
}

/** What `author` may do to someone else under Appendix A.1, with `used` users left alone. */
function candidates(kind: IntentKind, author: string, committer: string, used: ReadonlySet<string>): Intent[] {
  const admin = isAdmin(author);
  const others = (pool: readonly string[]) => pool.filter((u) => u !== author && u !== committer && !used.has(u));
  switch (kind) {
    case "add": // canAddParticipant; entries 0 → 2 (ordinary_user), 0 → 2, 3 (group_admin)
      return others(UNLISTED).flatMap((target) =>
        (admin ? [2, 3] : [2]).flatMap((role) => [0, 1, 2].map((n) => ({ kind: "add" as const, target, role, clients: [1, 2].slice(0, n).map((d) => client(target.split("/").at(-1)!, String(d))) }))),
      );
    case "remove": // canRemoveParticipant; ordinary_user only 2 → 0, group_admin also 1 → 0
      return others(admin ? [BOB, CAROL, ERIN, FRANK] : [BOB, CAROL, ERIN]).map((target) => ({ kind: "remove" as const, target }));
    case "ban": // canBan, group_admin only
      return admin ? others([BOB, CAROL, ERIN]).map((target) => ({ kind: "ban" as const, target })) : [];
    case "promote": // canChangeUserRole, group_admin only; 2 → 3
      return admin ? others([BOB, CAROL, ERIN]).map((target) => ({ kind: "promote" as const, target })) : [];
    case "kick": // canKick, group_admin only; active users
      return admin ? others([BOB, CAROL]).map((target) => ({ kind: "kick" as const, target })) : [];
    case "unban": // canUnban, group_admin only; 1 → 2, 3
      return admin ? others([FRANK]).flatMap((target) => [2, 3].map((role) => ({ kind: "unban" as const, target, role }))) : [];
    case "leave": // canRemoveSelf, committed by someone else (R10); alice is the only admin (minimum 1)
      return author !== committer && !admin && !used.has(author) ? [{ kind: "leave" }] : [];
    case "removeOwnClient": // canRemoveOwnClient; never the committer's own leaf
      return used.has(author) ? [] : clientsOf(author).slice(1).map((c) => ({ kind: "removeOwnClient" as const, client: c }));
    case "addOwnClient": // canAddOwnClient
      return used.has(author) ? [] : [{ kind: "addOwnClient", client: client(author.split("/").at(-1)!, "3") }];
  }
}

/** The items an honest proposer sends for an intent. */
function itemsOf({ intent, author, byReference }: Authored): CommitItem[] {
  const by = actorOf(author);
  const list = (parts: Parameters<typeof listItem>[1]) => listItem(by, parts, byReference);
  const removeAll = (u: string) => clientsOf(u).map((c) => removeItem(by, c, byReference));
  switch (intent.kind) {
    case "add":
      return [list({ addedParticipants: [{ user: intent.target, roleIndex: intent.role }] }), ...intent.clients.map((c) => addItem(by, c, byReference))];
    case "remove":
      return [list({ removedIndices: [indexOf(intent.target)] }), ...removeAll(intent.target)];
    case "ban":
      return [list({ changedRoleParticipants: [{ userIndex: indexOf(intent.target), roleIndex: 1 }] }), ...removeAll(intent.target)];
    case "promote":
      return [list({ changedRoleParticipants: [{ userIndex: indexOf(intent.target), roleIndex: 3 }] })];
    case "unban":
      return [list({ changedRoleParticipants: [{ userIndex: indexOf(intent.target), roleIndex: intent.role }] })];
    case "kick":
      return removeAll(intent.target);
    case "leave":
      return [list({ removedIndices: [indexOf(author)] }), ...removeAll(author)];
    case "removeOwnClient":
      return [removeItem(by, intent.client, byReference)];
    case "addOwnClient":
      return [addItem(by, intent.client, byReference)];
  }
}

/** The list after the intents, by user: new roles in place, delisted users dropped, additions appended in order. */
function expectedEntries(intents: readonly Authored[]): Entries {
  const role = new Map(ENTRIES.map(([u, r]) => [u, r]));
  const gone = new Set<string>();
  const appended: [string, number][] = [];
  for (const { intent, author } of intents) {
    if (intent.kind === "add") appended.push([intent.target, intent.role]);
    else if (intent.kind === "remove") gone.add(intent.target);
    else if (intent.kind === "leave") gone.add(author);
    else if (intent.kind === "ban") role.set(intent.target, 1);
    else if (intent.kind === "promote") role.set(intent.target, 3);
    else if (intent.kind === "unban") role.set(intent.target, intent.role);
  }
  return [...ENTRIES.filter(([u]) => !gone.has(u)).map(([u]) => [u, role.get(u)!] as const), ...appended];
}

/** The member clients after the intents. */
function expectedClients(intents: readonly Authored[]): string[] {
  const out = new Set(members.map((m) => m.client));
  for (const { intent, author } of intents) {
    if (intent.kind === "remove" || intent.kind === "ban" || intent.kind === "kick") clientsOf(intent.target).forEach((c) => out.delete(c));
    else if (intent.kind === "leave") clientsOf(author).forEach((c) => out.delete(c));
    else if (intent.kind === "removeOwnClient") out.delete(intent.client);
    else if (intent.kind === "addOwnClient") out.add(intent.client);
    else if (intent.kind === "add") intent.clients.forEach((c) => out.add(c));
  }
  return [...out].sort();
}

// ---- planted defects: each breaks one rule, and names the code and rule the draft's reading gives ----

type Expected = { code: "notAllowed" | "invalidProposal"; rule: string };
interface Defect {
  /** Who must commit for the defect to be one (an ordinary user lacking a capability, say). */
  committers: readonly string[];
  /** The users the defect touches, kept away from the honest intents. */
  subjects: (committer: string) => string[];
  /** The defect's list effect, for the honest GroupContextExtensions, and its items. */
  build: (committer: string, variant: number) => { intents: Authored[]; items: CommitItem[] };
  expected: Expected;
}

const ordinary = [BOB, CAROL];
const otherOrdinary = (c: string) => (c === BOB ? CAROL : BOB);
const byValue = (committer: string, intent: Intent): Authored => ({ intent, author: committer, byReference: false });
const honest = (a: Authored) => ({ intents: [a], items: itemsOf(a) });

const DEFECTS = {
  // R7: an ordinary_user has no canBan.
  banWithoutCanBan: {
    committers: ordinary, subjects: () => [ERIN],
    build: (c) => honest(byValue(c, { kind: "ban", target: ERIN })), expected: { code: "notAllowed", rule: "R7" },
  },
  // R6: an ordinary_user has no canKick.
  kickWithoutCanKick: {
    committers: ordinary, subjects: (c) => [otherOrdinary(c)],
    build: (c) => honest(byValue(c, { kind: "kick", target: otherOrdinary(c) })), expected: { code: "notAllowed", rule: "R6" },
  },
  // R8: an ordinary_user has no canUnban.
  unbanWithoutCanUnban: {
    committers: ordinary, subjects: () => [FRANK],
    build: (c) => honest(byValue(c, { kind: "unban", target: FRANK, role: 2 })), expected: { code: "notAllowed", rule: "R8" },
  },
  // R9: an ordinary_user has no canChangeUserRole.
  promoteWithoutCanChangeUserRole: {
    committers: ordinary, subjects: () => [ERIN],
    build: (c) => honest(byValue(c, { kind: "promote", target: ERIN })), expected: { code: "notAllowed", rule: "R9" },
  },
  // R5: ordinary_user's authorized_role_changes has no 3 → 0 (and alice is the only group_admin).
  removeAdminByOrdinary: {
    committers: ordinary, subjects: () => [ALICE],
    build: (c) => honest(byValue(c, { kind: "remove", target: ALICE })), expected: { code: "notAllowed", rule: "R5" },
  },
  // R7: a ban removes all the user's clients in the same commit; here one stays.
  banKeepsAClient: {
    committers: [ALICE], subjects: () => [BOB],
    build: (c) => {
      const a = byValue(c, { kind: "ban", target: BOB });
      return { intents: [a], items: itemsOf(a).filter((i) => !(i.kind === "remove" && i.client === client("bob", "2"))) };
    },
    expected: { code: "notAllowed", rule: "R7" },
  },
  // R5: a removal takes all the user's clients with it; here none go.
  removeKeepsClients: {
    committers: [ALICE], subjects: () => [CAROL],
    build: (c) => {
      const a = byValue(c, { kind: "remove", target: CAROL });
      return { intents: [a], items: itemsOf(a).filter((i) => i.kind !== "remove") };
    },
    expected: { code: "notAllowed", rule: "R5" },
  },
  // R3: a client of a user who is not listed, and not listed by this commit.
  addClientOfUnlistedUser: {
    committers: MEMBER_USERS, subjects: () => [ZED],
    build: (c) => ({ intents: [], items: [addItem(actorOf(c), client("zed"))] }), expected: { code: "notAllowed", rule: "R3" },
  },
  // R13: one user touched by two participant-list updates of one commit (protocol §7.5), in any pairing.
  userTouchedTwice: {
    committers: MEMBER_USERS, subjects: () => [ERIN, ZED],
    build: (c, variant) => {
      const change = { changedRoleParticipants: [{ userIndex: indexOf(ERIN), roleIndex: 3 }] };
      const remove = { removedIndices: [indexOf(ERIN)] };
      const add = { addedParticipants: [{ user: ZED, roleIndex: 2 }] };
      const pairs = [[change, remove], [change, change], [remove, remove], [add, add]];
      const [first, second] = pairs[variant % pairs.length];
      return { intents: [], items: [listItem(actorOf(c), first), listItem(actorOf(c), second)] };
    },
    expected: { code: "notAllowed", rule: "R13" },
  },
  // R13: an index outside the committed list is malformed.
  indexOutOfRange: {
    committers: MEMBER_USERS, subjects: () => [],
    build: (c) => ({ intents: [], items: [listItem(actorOf(c), { removedIndices: [ENTRIES.length] })] }), expected: { code: "invalidProposal", rule: "R13" },
  },
  // R13 (RFC 9420 §12.2): a committer cannot remove its own leaf.
  committerRemovesOwnLeaf: {
    committers: MEMBER_USERS, subjects: (c) => [c],
    build: (c) => ({ intents: [], items: [removeItem(actorOf(c), clientsOf(c)[0])] }), expected: { code: "invalidProposal", rule: "R13" },
  },
} satisfies Record<string, Defect>;
type DefectName = keyof typeof DEFECTS;
const DEFECT_NAMES = Object.keys(DEFECTS) as DefectName[];

interface Scenario {
  committer: string;
  honest: Authored[];
  defect: DefectName | undefined;
  /** Whether the GroupContextExtensions list is tampered with (an extra entry): R13. */
  tamperedGce: boolean;
  items: CommitItem[];
}

const pickArb = fc.record({
  kind: fc.constantFrom(...INTENT_KINDS),
  choice: fc.nat(),
  byReference: fc.boolean(),
  author: fc.nat(),
});

type Planted = DefectName | "tamperedGce" | undefined;

/** Honest intents drawn by index among what the rules allow, plus the planted defect if any. */
function scenarioArb(defect: Planted): fc.Arbitrary<Scenario> {
  return fc
    .record({ committer: fc.nat(), picks: fc.array(pickArb, { minLength: 1, maxLength: 4 }), variant: fc.nat() })
    .map(({ committer: c, picks, variant }) => {
      const planted = defect === "tamperedGce" ? undefined : defect;
      const pool = planted === undefined ? MEMBER_USERS : DEFECTS[planted].committers;
      const committer = pool[c % pool.length];
      const used = new Set(planted === undefined ? [] : DEFECTS[planted].subjects(committer));
      const authored: Authored[] = [];
      for (const p of picks) {
        // By reference: an intent of another member, which the hub accepted earlier (R17).
        const others = MEMBER_USERS.filter((u) => u !== committer);
        const author = p.byReference ? others[p.author % others.length] : committer;
        const options = candidates(p.kind, author, committer, used);
        if (options.length === 0) continue;
        const a: Authored = { intent: options[p.choice % options.length], author, byReference: p.byReference };
        used.add(subjectOf(a));
        authored.push(a);
      }
      const defective = planted === undefined ? { intents: [], items: [] } : DEFECTS[planted].build(committer, variant);
      const items = [...authored.flatMap(itemsOf), ...defective.items];
      const intents = [...authored, ...defective.intents];
      const tamperedGce = defect === "tamperedGce";
      const entries = tamperedGce ? [...expectedEntries(intents), [ZED, 2] as const] : expectedEntries(intents);
      const changesList = items.some((i) => i.kind === "participantListUpdate");
      const withGce = changesList || tamperedGce ? [...items, gceWithList(room, actorOf(committer), entries)] : items;
      const scenario = { committer, honest: authored, defect: planted, tamperedGce, items: withGce };
      return Object.assign(scenario, { [fc.toStringMethod]: () => describeScenario(scenario) });
    });
}

const short = (uri: string) => uri.replace("mimi://a.example/", "");

/** A counterexample in a few words: who commits what, which defect, and the items with their proposers. */
function describeScenario(s: Scenario): string {
  const item = (i: CommitItem): string => {
    const by = "proposer" in i && i.proposer.kind !== "hub" ? short(i.proposer.client) : "hub";
    const ref = "byReference" in i && i.byReference === true ? " by ref" : "";
    switch (i.kind) {
      case "participantListUpdate":
        return `update ${JSON.stringify(i.update).replaceAll("mimi://a.example/", "")} from ${by}${ref}`;
      case "groupContextExtensions":
        return `GCE list [${i.participantList?.participants.map((p) => `${short(p.user)}:${p.roleIndex}`).join(", ")}]`;
      case "add":
      case "remove":
        return `${i.kind} ${short(i.client)} from ${by}${ref}`;
      default:
        return i.kind;
    }
  };
  const intents = s.honest.map((a) => `${short(a.author)}${a.byReference ? " (by ref)" : ""} ${JSON.stringify(a.intent).replaceAll("mimi://a.example/", "")}`);
  return `${short(s.committer)} commits [${intents.join("; ")}]${s.defect !== undefined ? ` + defect ${s.defect}` : ""}${s.tamperedGce ? " + tampered GCE" : ""}\n  items: ${s.items.map(item).join(" | ")}`;
}

const judge = (s: Scenario) => checkCommit(context(room, members), { committer: actorOf(s.committer), items: s.items });

describe("checkCommit on honest commits (Appendix A.1 room)", () => {
  it("accepts them, with the list and members the test computes by user", () => {
    const counts = { runs: 0, listChanges: 0, multiIntent: 0, byReference: 0, kinds: new Map<string, number>() };
    fc.assert(
      fc.property(scenarioArb(undefined), (s) => {
        const verdict = judge(s);
        expect(verdict).toMatchObject({ ok: true });
        if (!verdict.ok) return;
        expect(verdict.nextRoom.participants).toEqual(listOf(expectedEntries(s.honest)));
        expect(verdict.nextRoom.roles).toBe(room.roles);
        expect(verdict.nextMembers.map((m) => m.client).sort()).toEqual(expectedClients(s.honest));
        counts.runs += 1;
        if (s.items.some((i) => i.kind === "participantListUpdate")) counts.listChanges += 1;
        if (s.honest.length >= 2) counts.multiIntent += 1;
        if (s.honest.some((a) => a.byReference)) counts.byReference += 1;
        s.honest.forEach((a) => counts.kinds.set(a.intent.kind, (counts.kinds.get(a.intent.kind) ?? 0) + 1));
      }),
      { seed: SEED, numRuns: 400 },
    );
    // Evidence that the run exercised what it claims (floors, asserted): every run was accepted, most
    // changed the list, many combined intents or carried proposals by reference, every intent kind occurred.
    expect(counts.runs).toBe(400);
    expect(counts.listChanges).toBeGreaterThanOrEqual(200);
    expect(counts.multiIntent).toBeGreaterThanOrEqual(120);
    expect(counts.byReference).toBeGreaterThanOrEqual(150);
    for (const kind of INTENT_KINDS) expect(counts.kinds.get(kind) ?? 0, kind).toBeGreaterThanOrEqual(20);
  });
});

describe("checkCommit on honest commits with one planted defect", () => {
  for (const name of DEFECT_NAMES) {
    it(`refuses ${name} with ${DEFECTS[name].expected.code} (${DEFECTS[name].expected.rule})`, () => {
      let refused = 0;
      fc.assert(
        fc.property(scenarioArb(name), (s) => {
          expect(judge(s)).toMatchObject({ ok: false, ...DEFECTS[name].expected });
          refused += 1;
        }),
        { seed: SEED, numRuns: 40 },
      );
      expect(refused).toBe(40);
    });
  }

  it("refuses a GroupContextExtensions list that is not the result: invalidProposal with a list change, notAllowed without (R13)", () => {
    const seen = { invalidProposal: 0, notAllowed: 0 };
    fc.assert(
      fc.property(scenarioArb("tamperedGce"), (s) => {
        const code = s.items.some((i) => i.kind === "participantListUpdate") ? "invalidProposal" : "notAllowed";
        expect(judge(s)).toMatchObject({ ok: false, code, rule: "R13" });
        seen[code] += 1;
      }),
      { seed: SEED, numRuns: 60 },
    );
    expect(seen.invalidProposal).toBeGreaterThanOrEqual(10);
    expect(seen.notAllowed).toBeGreaterThanOrEqual(10);
  });
});

// ---- arbitrary input ----

// Mostly the room's own users and member clients, so that generated commits get past the first checks.
const IDS = ["alice", "bob", "carol", "dave", "erin", "frank"];
const clientArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...members.map((m) => m.client)) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...IDS), fc.constantFrom("1", "2", "3")).map(([id, d]) => client(id, d)) },
);
const memberArb: fc.Arbitrary<Actor> = clientArb.map((c) => ({ kind: "member" as const, client: c, user: user(c.split("/")[4]) }));
const actorArb: fc.Arbitrary<Actor> = fc.oneof({ weight: 6, arbitrary: memberArb }, { weight: 1, arbitrary: fc.constant({ kind: "hub" as const }) });

function itemArb(): fc.Arbitrary<CommitItem> {
  const byRef = fc.boolean();
  return fc.oneof(
    fc.record({
      proposer: actorArb, byReference: byRef,
      changed: fc.array(fc.record({ userIndex: fc.nat({ max: 5 }), roleIndex: fc.nat({ max: 5 }) }), { maxLength: 2 }),
      removed: fc.array(fc.nat({ max: 5 }), { maxLength: 2 }),
      added: fc.array(fc.record({ user: fc.constantFrom(...IDS).map(user), roleIndex: fc.nat({ max: 5 }) }), { maxLength: 2 }),
    }).map(({ proposer, byReference, changed, removed, added }) => ({
      kind: "participantListUpdate" as const, proposer, byReference,
      update: { changedRoleParticipants: changed, removedIndices: removed, addedParticipants: added },
    })),
    fc.record({ c: clientArb, proposer: actorArb, byReference: byRef }).map(({ c, proposer, byReference }) => ({
      kind: "add" as const, client: c, user: user(c.split("/")[4]), proposer, byReference,
    })),
    fc.record({ c: clientArb, proposer: actorArb, byReference: byRef }).map(({ c, proposer, byReference }) => ({
      kind: "remove" as const, client: c, user: user(c.split("/")[4]), proposer, byReference,
    })),
    actorArb.map((proposer) => ({ kind: "update" as const, proposer })),
    actorArb.map((proposer) => ({ kind: "unknown" as const, proposalType: 5, proposer })),
  );
}

/** Any list at all for the GroupContextExtensions, so the check after it is reached too. */
const gceListArb = fc.array(fc.tuple(fc.constantFrom(...IDS).map(user), fc.nat({ max: 5 })), { maxLength: 7 });

describe("checkCommit on arbitrary commit descriptions", () => {
  it("never throws, and accepted commits keep the room well formed", () => {
    const rules = new Set<string>();
    let accepted = 0;
    fc.assert(
      fc.property(actorArb, fc.array(itemArb(), { maxLength: 4 }), fc.option(gceListArb), (committer, items, gceList) => {
        const all = gceList === null ? items : [...items, gceWithList(room, committer, gceList)];
        const verdict = checkCommit(context(room, members), { committer, items: all });
        if (!verdict.ok) {
          rules.add(`${verdict.code}/${verdict.rule}`);
          return;
        }
        accepted += 1;
        const users = verdict.nextRoom.participants.participants.map((p) => p.user);
        expect(new Set(users).size).toBe(users.length);
        expect(verdict.nextRoom.participants.participants.every((p) => p.roleIndex !== 0)).toBe(true);
        for (const m of verdict.nextMembers) expect(clientsForbiddenReason(verdict.nextRoom, m.user)).toBeUndefined();
      }),
      { seed: SEED, numRuns: 400 },
    );
    // Garbage is mostly refused; the floor is on how many distinct refusals it reached, and on some accepted.
    expect(rules.size).toBeGreaterThanOrEqual(6);
    expect(accepted).toBeGreaterThanOrEqual(8);
  });
});
