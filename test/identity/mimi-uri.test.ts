import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  clientUri,
  domainOf,
  formatMimiUri,
  groupUri,
  isMimiUri,
  parseMimiUri,
  parseMimiUriOfKind,
  providerUri,
  pseudonymUri,
  roomUri,
  teamUri,
  userOfClient,
  userUri,
  type MimiUri,
} from "../../impl/identity/mimi-uri.js";

describe("mimi:// URIs", () => {
  it("parse the examples of the protocol draft's table", () => {
    expect(parseMimiUri("mimi://a.example")).toEqual({ kind: "provider", domain: "a.example" });
    expect(parseMimiUri("mimi://a.example/u/alice")).toEqual({ kind: "user", domain: "a.example", id: "alice" });
    expect(parseMimiUri("mimi://a.example/p/crazykoala75")).toEqual({ kind: "pseudonym", domain: "a.example", id: "crazykoala75" });
    expect(parseMimiUri("mimi://example.com/d/3b52249d-68f9-45ce-8bf5-c799f3cad7ec/0003")).toEqual({
      kind: "client",
      domain: "example.com",
      userId: "3b52249d-68f9-45ce-8bf5-c799f3cad7ec",
      deviceId: "0003",
    });
    expect(parseMimiUri("mimi://a.example/r/clubhouse")).toEqual({ kind: "room", domain: "a.example", id: "clubhouse" });
    expect(parseMimiUri("mimi://a.example/g/clubhouse")).toEqual({ kind: "group", domain: "a.example", id: "clubhouse" });
    expect(parseMimiUri("mimi://a.example/t/engineering")).toEqual({ kind: "team", domain: "a.example", id: "engineering" });
    expect(parseMimiUri("mimi://local.invalid/u/bob")?.domain).toBe("local.invalid");
  });

  it("build URIs with the helpers", () => {
    expect(providerUri("a.example")).toBe("mimi://a.example");
    expect(userUri("a.example", "alice")).toBe("mimi://a.example/u/alice");
    expect(pseudonymUri("a.example", "crazykoala75")).toBe("mimi://a.example/p/crazykoala75");
    expect(clientUri("a.example", "alice", "phone")).toBe("mimi://a.example/d/alice/phone");
    expect(roomUri("hub.example", "clubhouse")).toBe("mimi://hub.example/r/clubhouse");
    expect(groupUri("a.example", "clubhouse")).toBe("mimi://a.example/g/clubhouse");
    expect(teamUri("a.example", "engineering")).toBe("mimi://a.example/t/engineering");
  });

  it("derive a client's user and any URI's domain", () => {
    expect(userOfClient("mimi://b.example/d/bob/laptop")).toBe("mimi://b.example/u/bob");
    expect(userOfClient("mimi://b.example/u/bob")).toBeUndefined();
    expect(userOfClient("mimi://b.example/d/laptop")).toBeUndefined();
    expect(userOfClient("not a uri")).toBeUndefined();
    expect(domainOf("mimi://hub.example/r/clubhouse")).toBe("hub.example");
    expect(domainOf("mimi://hub.example")).toBe("hub.example");
    expect(domainOf("https://hub.example/r/x")).toBeUndefined();
  });

  it("check the kind when asked to", () => {
    expect(parseMimiUriOfKind("mimi://a.example/d/alice/phone", "client")?.deviceId).toBe("phone");
    expect(parseMimiUriOfKind("mimi://a.example/u/alice", "client")).toBeUndefined();
    expect(isMimiUri("mimi://a.example/r/x", "room")).toBe(true);
    expect(isMimiUri("mimi://a.example/r/x", "user")).toBe(false);
    expect(isMimiUri("mimi://a.example/r/x")).toBe(true);
  });

  it.each([
    ["", "empty"],
    ["mimi:/a.example/u/alice", "one slash"],
    ["MIMI://a.example/u/alice", "uppercase scheme"],
    ["im:alice@a.example", "other scheme"],
    ["https://a.example/u/alice", "other scheme"],
    ["mimi://", "no domain"],
    ["mimi:///u/alice", "empty domain"],
    ["mimi://A.example/u/alice", "uppercase domain"],
    ["mimi://a..example/u/alice", "empty label"],
    ["mimi://.a.example", "leading dot"],
    ["mimi://a.example./u/alice", "trailing dot"],
    ["mimi://-a.example", "label starting with a hyphen"],
    ["mimi://a-.example", "label ending with a hyphen"],
    ["mimi://a_b.example", "underscore in domain"],
    ["mimi://a.example:443/u/alice", "port"],
    ["mimi://user@a.example/u/alice", "userinfo"],
    [`mimi://${"a".repeat(64)}.example`, "label over 63 bytes"],
    [`mimi://${Array(64).fill("abc").join(".")}`, "domain over 253 bytes"],
    ["mimi://a.example/", "trailing slash"],
    ["mimi://a.example/u", "missing id"],
    ["mimi://a.example/u/", "empty id"],
    ["mimi://a.example/u//alice", "empty segment"],
    ["mimi://a.example/x/alice", "unknown type letter"],
    ["mimi://a.example/U/alice", "uppercase type letter"],
    ["mimi://a.example/user/alice", "type word instead of letter"],
    ["mimi://a.example/u/alice/extra", "extra segment"],
    ["mimi://a.example/r/room/extra", "extra segment on a room"],
    ["mimi://a.example/d/phone", "one-segment client form (not used in this project)"],
    ["mimi://a.example/d/alice/phone/x", "three-segment client"],
    ["mimi://a.example/d/alice/", "empty device id"],
    ["mimi://a.example/u/al ice", "space"],
    [" mimi://a.example/u/alice", "leading space"],
    ["mimi://a.example/u/alice ", "trailing space"],
    ["mimi://a.example/u/alice\n", "newline"],
    ["mimi://a.example/u/al\tice", "tab"],
    ["mimi://a.example/u/alice?x=1", "query"],
    ["mimi://a.example/u/alice#frag", "fragment"],
    ["mimi://a.example/u/%zz", "bad percent escape"],
    ["mimi://a.example/u/%4", "short percent escape"],
    ["mimi://a.example/u/..", "dot segment"],
    ["mimi://a.example/u/.", "dot segment"],
    ["mimi://a.example/u/älice", "non-ASCII id"],
    ["mimi://bücher.example/u/alice", "non-ASCII domain"],
  ])("reject %j (%s)", (text) => {
    expect(parseMimiUri(text)).toBeUndefined();
    expect(isMimiUri(text)).toBe(false);
  });

  it("accept the characters a path segment may hold", () => {
    expect(parseMimiUri("mimi://a.example/u/a-b_c.d~e!$&'()*+,;=:@%41")).toMatchObject({ kind: "user" });
    expect(parseMimiUri("mimi://123.example/u/x")).toMatchObject({ domain: "123.example" });
    expect(parseMimiUri("mimi://localhost/u/x")).toMatchObject({ domain: "localhost" });
  });

  it("refuse to format invalid components", () => {
    expect(() => userUri("a.example", "a/b")).toThrow(RangeError);
    expect(() => userUri("a.example", "")).toThrow(RangeError);
    expect(() => clientUri("a.example", "alice", "")).toThrow(RangeError);
    expect(() => roomUri("A.example", "x")).toThrow(RangeError);
    expect(() => providerUri("")).toThrow(RangeError);
    expect(() => formatMimiUri({ kind: "nonsense", domain: "a.example", id: "x" } as unknown as MimiUri)).toThrow(RangeError);
  });

  // Fixed seed; fast-check prints the seed and path to replay a failure.
  const SEED = 0x4d494d49;
  const label = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?$/);
  const domain = fc.array(label, { minLength: 1, maxLength: 4 }).map((labels) => labels.join("."));
  const id = fc.stringMatching(/^[A-Za-z0-9_~-]{1,12}$/);
  // Weighted so that each of the seven kinds is drawn about equally often.
  const uri: fc.Arbitrary<MimiUri> = fc.oneof(
    { weight: 1, arbitrary: domain.map((d): MimiUri => ({ kind: "provider", domain: d })) },
    {
      weight: 5,
      arbitrary: fc
        .tuple(fc.constantFrom("user" as const, "pseudonym" as const, "room" as const, "group" as const, "team" as const), domain, id)
        .map(([kind, d, i]): MimiUri => ({ kind, domain: d, id: i })),
    },
    { weight: 1, arbitrary: fc.tuple(domain, id, id).map(([d, u, dev]): MimiUri => ({ kind: "client", domain: d, userId: u, deviceId: dev })) },
  );

  it("round-trip: format(parse(text)) === text and parse(format(uri)) equals uri", () => {
    const kinds = new Map<string, number>();
    fc.assert(
      fc.property(uri, (u) => {
        const text = formatMimiUri(u);
        expect(parseMimiUri(text)).toEqual(u);
        expect(formatMimiUri(parseMimiUri(text)!)).toBe(text);
        kinds.set(u.kind, (kinds.get(u.kind) ?? 0) + 1);
      }),
      { seed: SEED, numRuns: 200 },
    );
    // Every kind of the draft's table was round-tripped (floor, asserted).
    for (const kind of ["provider", "user", "pseudonym", "room", "group", "team", "client"]) expect(kinds.get(kind) ?? 0, kind).toBeGreaterThanOrEqual(10);
  });

  /**
   * The syntax read independently, from the protocol draft's URI table and RFC 3986 / RFC 1035: a lowercase
   * DNS name (labels of 1–63 letters, digits and inner hyphens, 253 in all), then nothing, or one of
   * u p r g t with one segment, or d with two; a segment is one or more pchar (unreserved, %XX,
   * sub-delims, ":" "@") and not "." or "..".
   */
  function canonicalByHand(text: string): boolean {
    const m = /^mimi:\/\/([^/]*)((?:\/[^/]*)*)$/.exec(text);
    if (m === null) return false;
    const [, host, path] = m;
    const labelOk = (l: string) => /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(l) && l.length <= 63;
    if (host.length === 0 || host.length > 253 || !host.split(".").every(labelOk)) return false;
    if (path === "") return true;
    const [, letter, ...ids] = path.split("/");
    const segmentOk = (x: string) => /^([A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})+$/.test(x) && x !== "." && x !== "..";
    const count = letter === "d" ? 2 : ["u", "p", "r", "g", "t"].includes(letter) ? 1 : -1;
    return ids.length === count && ids.every(segmentOk);
  }

  it("never throw while parsing near-valid or arbitrary text, and accept only canonical text", () => {
    // Mostly valid URIs with one character inserted, deleted or replaced, or the last segment replaced
    // (by ".", "..", "%41", …), so both outcomes are common.
    const edit = fc.record({
      at: fc.nat(),
      op: fc.constantFrom("insert" as const, "delete" as const, "replace" as const, "lastSegment" as const, "none" as const),
      ch: fc.constantFrom("/", ".", "-", "_", "%", "%41", " ", "A", "a", "0", ":", "@", "?", "#", "ä", ".."),
    });
    const nearValid = fc.tuple(uri, edit).map(([u, { at, op, ch }]) => {
      const text = formatMimiUri(u);
      const i = "mimi://".length + (at % (text.length - "mimi://".length + 1));
      if (op === "insert") return text.slice(0, i) + ch + text.slice(i);
      if (op === "delete") return text.slice(0, i) + text.slice(i + 1);
      if (op === "replace") return text.slice(0, i) + ch + text.slice(i + 1);
      if (op === "lastSegment") {
        const j = text.lastIndexOf("/");
        return j < "mimi://".length ? `${text}/u/${ch}` : text.slice(0, j + 1) + ch;
      }
      return text;
    });
    const arbitrary = fc.string({ maxLength: 60 }).map((t) => "mimi://" + t);
    const counts = { parsed: 0, refused: 0 };
    fc.assert(
      fc.property(fc.oneof({ weight: 4, arbitrary: nearValid }, { weight: 1, arbitrary }), (text) => {
        const parsed = parseMimiUri(text);
        expect(parsed !== undefined, "accepted exactly when the test's own reading of the syntax accepts").toBe(canonicalByHand(text));
        if (parsed === undefined) {
          counts.refused += 1;
          return;
        }
        counts.parsed += 1;
        expect(formatMimiUri(parsed)).toBe(text);
      }),
      { seed: SEED, numRuns: 500 },
    );
    // Both outcomes are exercised (floors, asserted).
    expect(counts.parsed).toBeGreaterThanOrEqual(150);
    expect(counts.refused).toBeGreaterThanOrEqual(150);
  });
});
