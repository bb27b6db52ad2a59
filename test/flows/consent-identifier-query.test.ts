// /identifierQuery (protocol §5.8) provider to provider: the draft's three example users on b.example
// (Xavier found by names or handle, Yolanda only by her exact handle, Zach never), AND semantics, and
// each response code the draft defines. The provider hosting the hub answers for its own users too: the
// query never goes through a hub. Expected URIs and codes are written out from the draft's text.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeIdentifierRequest, type QueryElement } from "../../impl/codec/identifier-query-request.js";
import { decodeIdentifierResponse, type IdentifierResponse } from "../../impl/codec/identifier-query-response.js";
import { threeProviders } from "./helpers.js";

const XAVIER = "mimi://b.example/u/xavier";
const YOLANDA = "mimi://b.example/u/yolanda";
const ZACH = "mimi://b.example/u/zach";
const NO_EXTENSIONS = { componentData: [] };

async function deployment() {
  const { system } = await threeProviders();
  const b = system.provider("b.example");
  b.registerUser(XAVIER);
  b.registerUser(YOLANDA);
  b.registerUser(ZACH);
  b.directory.add({ uri: XAVIER, handle: "im:xavier@b.example", nicks: ["xav"], email: "xavier@b.example", claims: { name: "Xavier Mather", given_name: "Xavier", family_name: "Mather" }, searchable: "names and handle" });
  b.directory.add({ uri: YOLANDA, handle: "im:yolanda@b.example", nicks: ["yolanda"], email: "yolanda@b.example", claims: { name: "Yolanda Matali", given_name: "Yolanda", family_name: "Matali" }, searchable: "exact handle" });
  b.directory.add({ uri: ZACH, handle: "im:zach@b.example", nicks: ["zach"], claims: { name: "Zach Mathieu", given_name: "Zach", family_name: "Mathieu" }, searchable: "nothing" });
  const a = system.provider("a.example");
  a.directory.add({ uri: "mimi://a.example/u/alice", handle: "im:alice.smith@a.example", nicks: ["alice.smith"], claims: { given_name: "Alice", family_name: "Smith" }, searchable: "names and handle" });
  const ask = async (domain: string, ...queryElements: QueryElement[]) => {
    const r = await system.provider("c.example").queryIdentifier(domain, { queryElements, idRequestExtensions: NO_EXTENSIONS });
    return typeof r === "number" ? r : ([r.responseCode, r.uri] as const);
  };
  return { system, ask };
}

describe("/identifierQuery", () => {
  it("the draft's users: Xavier by a partial name or nick, Yolanda by her exact handle only, Zach never", async () => {
    const { ask } = await deployment();
    expect(await ask("b.example", { searchType: "partialName", searchValue: "MAT" })).toEqual(["success", [XAVIER]]);
    expect(await ask("b.example", { searchType: "nick", searchValue: "xav" })).toEqual(["success", [XAVIER]]);
    expect(await ask("b.example", { searchType: "handle", searchValue: "im:yolanda@b.example" })).toEqual(["success", [YOLANDA]]);
    expect(await ask("b.example", { searchType: "nick", searchValue: "yolanda" })).toEqual(["notFound", []]);
    expect(await ask("b.example", { searchType: "handle", searchValue: "im:zach@b.example" })).toEqual(["notFound", []]);
    // AND: given_name and family_name must both match.
    expect(await ask("b.example", { searchType: "oidcStdClaim", claimName: "given_name", searchValue: "Xavier" }, { searchType: "oidcStdClaim", claimName: "family_name", searchValue: "Mather" })).toEqual(["success", [XAVIER]]);
    expect(await ask("b.example", { searchType: "oidcStdClaim", claimName: "given_name", searchValue: "Xavier" }, { searchType: "oidcStdClaim", claimName: "family_name", searchValue: "Smith" })).toEqual(["notFound", []]);
    // The hub's own provider answers for its users, directly.
    expect(await ask("a.example", { searchType: "handle", searchValue: "im:alice.smith@a.example" })).toEqual(["success", ["mimi://a.example/u/alice"]]);
  });

  it("forbidden, ambiguous and unsupportedField as the draft defines them", async () => {
    const { system, ask } = await deployment();
    expect(await ask("b.example")).toEqual(["forbidden", []]);
    expect(await ask("b.example", { searchType: "vcardField", propertyName: "ORG", searchValue: "XYZ" })).toEqual(["unsupportedField", []]);
    expect(await ask("b.example", { searchType: "oidcStdClaim", claimName: "birthdate", searchValue: "2000-01-01" })).toEqual(["unsupportedField", []]);
    system.provider("b.example").directory.policy = { answersQueries: true, requireExactField: true };
    expect(await ask("b.example", { searchType: "partialName", searchValue: "mat" })).toEqual(["ambiguous", []]);
    expect(await ask("b.example", { searchType: "partialName", searchValue: "mat" }, { searchType: "email", searchValue: "xavier@b.example" })).toEqual(["success", [XAVIER]]);
    system.provider("b.example").directory.policy = { answersQueries: false, requireExactField: false };
    expect(await ask("b.example", { searchType: "handle", searchValue: "im:xavier@b.example" })).toEqual(["forbidden", []]);
  });

  it("a found profile shows its name as a vCard FN; bad input gets 400, another domain 404, and nothing changes (the query is safe)", async () => {
    const { system } = await deployment();
    const b = system.provider("b.example");
    const found = (await system.provider("a.example").queryIdentifier("b.example", { queryElements: [{ searchType: "email", searchValue: "xavier@b.example" }], idRequestExtensions: NO_EXTENSIONS })) as IdentifierResponse;
    expect(found.foundProfiles).toEqual([{ stableUri: XAVIER, fields: [{ fieldSource: "vcardField", fieldName: "FN", fieldValue: new TextEncoder().encode("Xavier Mather") }] }]);
    const before = JSON.stringify([...b.directory.profiles]);
    const good = encodeIdentifierRequest({ queryElements: [{ searchType: "nick", searchValue: "xav" }], idRequestExtensions: NO_EXTENSIONS });
    const send = (body: Uint8Array, target = "b.example") => system.network.send("b.example", { endpoint: "identifierQuery", from: "a.example", target, body });
    expect((await send(Uint8Array.of(1, 0, 0))).status).toBe(400);
    expect((await send(Uint8Array.of(...good, 0))).status).toBe(400);
    expect((await send(good, "c.example")).status).toBe(404);
    expect((await send(good)).status).toBe(200);
    expect(JSON.stringify([...b.directory.profiles])).toBe(before);
  });

  it("mutated queries: never a 5xx, a 200 always carries a well-formed answer, the directory never changes (fixed seed, with a floor)", async () => {
    const { system } = await deployment();
    const b = system.provider("b.example");
    const before = JSON.stringify([...b.directory.profiles]);
    const valid = [
      encodeIdentifierRequest({ queryElements: [{ searchType: "partialName", searchValue: "mat" }], idRequestExtensions: NO_EXTENSIONS }),
      encodeIdentifierRequest({ queryElements: [{ searchType: "oidcStdClaim", claimName: "given_name", searchValue: "Xavier" }, { searchType: "handle", searchValue: "im:xavier@b.example" }], idRequestExtensions: NO_EXTENSIONS }),
    ];
    let answered = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 1 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 3 }), async (which, edits) => {
        const body = valid[which]!.slice();
        for (const [at, value] of edits) body[at % body.length] = value;
        const answer = await system.network.send("b.example", { endpoint: "identifierQuery", from: "a.example", target: "b.example", body });
        expect(answer.status).toBeLessThan(500);
        if (answer.status === 200) {
          answered += 1;
          expect(() => decodeIdentifierResponse(answer.body)).not.toThrow();
        } else refused += 1;
      }),
      { seed: 5008, numRuns: 300 },
    );
    expect(answered).toBeGreaterThanOrEqual(30);
    expect(refused).toBeGreaterThanOrEqual(100);
    expect(JSON.stringify([...b.directory.profiles])).toBe(before);
    expect(b.internalErrors).toEqual([]);
  });
});
