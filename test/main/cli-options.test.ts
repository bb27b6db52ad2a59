// The main job's command line, read without spawning: every bad invocation is a usage error naming its
// problem (main.ts prints it with the usage text and exits 2), never a silent default; good ones give
// the campaign they say.
import { describe, expect, it } from "vitest";
import { HUB_FAULT_NAMES } from "../../impl/hub/hub-config.js";
import { parseCommandLine, USAGE } from "../../properties/cli/parse-options.js";

function usageError(args: string[]): string {
  const parsed = parseCommandLine(args);
  expect(parsed.kind, `${args.join(" ")} was accepted`).toBe("usage error");
  return (parsed as { message: string }).message;
}

function run(args: string[]) {
  const parsed = parseCommandLine(args);
  if (parsed.kind !== "run") throw new Error(`${args.join(" ")}: ${JSON.stringify(parsed)}`);
  return parsed;
}

describe("command line", () => {
  it.each([
    [["--runs", "abc"], /--runs "abc" is not an integer \(expected 1\.\.100000\)/],
    [["--runs", "0"], /--runs 0 is out of range \(expected 1\.\.100000\)/],
    [["--runs", "100001"], /--runs 100001 is out of range/],
    [["--runs", "1.5"], /--runs "1\.5" is not an integer/],
    [["--runs", ""], /--runs "" is not an integer/],
    [["--commands", "0"], /--commands 0 is out of range \(expected 1\.\.500\)/],
    [["--commands", "501"], /--commands 501 is out of range/],
    [["--depth", "abc"], /--depth "abc" is not an integer \(expected 0\.\.12\)/],
    [["--depth", "13"], /--depth 13 is out of range/],
    [["--users", "0"], /--users 0 is out of range \(expected 2\.\.12\)/],
    [["--users", "1"], /--users 1 is out of range/],
    [["--users", "13"], /--users 13 is out of range/],
    [["--seed=-1"], /--seed -1 is out of range \(expected 0\.\.2147483647\)/],
    [["--seed", "-1"], /'--seed' argument is ambiguous/],
    [["--seed", "2147483648"], /--seed 2147483648 is out of range/],
    [["--seed", "0x10"], /--seed "0x10" is not an integer/],
    [["--fault", "skipNothing"], /unknown fault "skipNothing" \(known: skipEpochCheck, .*skipBlockedCheck, .*throwOnSubmit, .*skipCredentialChain, skipCredentialExpiry, skipCredentialDomain, skipCredentialKeyBinding, skipCredentialRevocation\)/],
    [["--attack-class", "A99"], /unknown attack class "A99" \(known: A01, A02, .*F10, .*X01, X02, X03, X04, X05, X06\)/],
    [["--client-fault", "skipEverything"], /unknown client fault "skipEverything" \(known: leakPathSecretToRemoved, skipCommitPolicy, skipPendingInclusionCheck, skipProposalPolicy, skipSenderCheck, skipResyncCheck, skipClientsAfterCommitCheck, skipUnknownProposalCheck, skipExternalSendersCheck, skipDictionaryCheck, .*skipCredentialChain, skipCredentialExpiry, skipCredentialDomain, skipCredentialKeyBinding, skipCredentialRevocation\)/],
    [["--invariants-only", "--invariant", "P99"], /unknown invariant "P99" \(known: P0, P1, P2, P3, P5, P6, P7, P15, P17, P9, P12, P8, P20, P21, P22, P10, P23, P24, P19(, P\d+)*\)/],
    [["--variant", "same-commit"], /unknown variant "same-commit" \(known: all, same-commit\/must-include, /],
    [["--role-set", "open"], /unknown role set "open" \(known: cooperative, strict, moderated, multi-org, restricted, public, preauth, generated\)/],
    [["--provider", "wasm"], /unknown provider "wasm" \(known: node, default\)/],
    [["--credentials", "jwt"], /unknown credentials "jwt" \(known: x509, basic\)/],
    [["--adversary", "server"], /unknown adversary "server" \(known: none, client, follower, hub, network, all\)/],
    [["--adversary", "client", "--adversary", "follower"], /--adversary given 2 times \(give it once\)/],
    [["--adversary"], /'--adversary <value>' argument missing/],
    [["--variant", "same-commit/may-omit", "--variant", "clients-first/may-omit"], /--variant given 2 times/],
    [["--bogus"], /Unknown option '--bogus'/],
    [["stray"], /Unexpected argument 'stray'/],
    [["--runs"], /'--runs <value>' argument missing/],
    [["--replay-path", "NB/I:N"], /--replay-path is only meaningful with --replay/],
    [["--replay", "1:2"], /--replay replays one failure: name its --variant/],
    [["--replay", "1:2", "--variant", "same-commit/may-omit", "--role-set", "all"], /name one --role-set/],
    [["--json", ""], /--json needs a file name/],
    [["--report", ""], /--report needs a directory name/],
    [["--report"], /'--report <value>' argument missing/],
    [["--junit", ""], /--junit needs a file name/],
    [["--emit-test", ""], /--emit-test needs a file name/],
    [["--emit-test", "replay.ts"], /--emit-test "replay\.ts" does not end in \.test\.ts \(vitest would not run it\)/],
    [["--emit-test", "a.test.ts", "--emit-test", "b.test.ts"], /--emit-test given 2 times \(give it once\)/],
    [["--report", "a", "--report", "b"], /--report given 2 times/],
    [["--junit", "a.xml", "--junit", "a.xml"], /--junit given 2 times/],
    [["--json", "out.xml", "--junit", "out.xml"], /--json and --junit name the same file "out\.xml"/],
    [["--junit", "x.test.ts", "--emit-test", "x.test.ts"], /--junit and --emit-test name the same file "x\.test\.ts"/],
  ])("%j is a usage error naming the problem", (args, message) => {
    expect(usageError(args)).toMatch(message);
  });

  it("--help asks for the usage text, which lists every fault, role set and invariant", () => {
    expect(parseCommandLine(["--help"])).toEqual({ kind: "help" });
    expect(parseCommandLine(["--runs", "0", "--help"])).toEqual({ kind: "help" });
    for (const name of ["skipEpochCheck", "skipExternalJoinCheck", "throwOnSubmit", "cooperative", "strict", "moderated", "multi-org", "restricted", "P0 P1 P2 P3 P5 P6 P7 P15 P17 P9 P12 P8 P20 P21", "--adversary A", "none, client, follower, hub, network, all", "--network-fault ID", "--delivery-fault NAME", "processNotifyTwice", "noRecovery"]) expect(USAGE).toContain(name);
  });

  it("defaults: every variant in every role set, seed 1, 150 runs of at most 25 commands, 4 users, depth 5", () => {
    const { options, narrate, json, report, junit, emitTest } = run([]);
    expect(options.roleSets).toEqual(["cooperative", "strict", "moderated", "multi-org", "restricted", "public", "preauth"]);
    expect(options.variants).toHaveLength(4);
    expect([options.seed, options.runs, options.maxCommands, options.users, options.depth]).toEqual([1, 150, 25, 4, 5]);
    expect(options.hubFaults).toEqual({});
    expect(options.compareWithModel).toBe(true);
    expect(options.invariants).toEqual([]);
    expect([narrate, json, report, junit, emitTest]).toEqual([false, undefined, undefined, undefined, undefined]);
  });

  it("enables every compromised party by default, and exactly the named ones with --adversary", () => {
    expect(run([]).options.adversaries).toEqual(["client", "follower", "hub", "network"]);
    expect(run(["--adversary", "none"]).options.adversaries).toEqual([]);
    expect(run(["--adversary", "client"]).options.adversaries).toEqual(["client"]);
    expect(run(["--adversary", "follower"]).options.adversaries).toEqual(["follower"]);
    expect(run(["--adversary", "all"]).options.adversaries).toEqual(["client", "follower", "hub", "network"]);
  });

  it("reads --credentials: x509 by default (not named), basic when asked; anything else is a usage error", () => {
    expect(run([]).options.credentials).toBeUndefined();
    expect(run(["--credentials", "x509"]).options.credentials).toBeUndefined();
    expect(run(["--credentials", "basic"]).options.credentials).toBe("basic");
  });

  it("reads each option at its range's edges", () => {
    const { options } = run(["--seed", "2147483647", "--runs", "1", "--commands", "500", "--users", "12", "--depth", "0", "--role-set", "restricted", "--variant", "clients-first/may-omit", "--provider", "default"]);
    expect(options.seed).toBe(2147483647);
    expect([options.runs, options.maxCommands, options.users, options.depth]).toEqual([1, 500, 12, 0]);
    expect(options.roleSets).toEqual(["restricted"]);
    expect(options.variants).toEqual([{ leaveOrder: "clients-first", pendingProposals: "may-omit" }]);
    expect(options.provider).toBe("default");
  });

  it("accepts every fault the hub has, by name, and the invariant selection", () => {
    const { options } = run([...HUB_FAULT_NAMES.flatMap((f) => ["--fault", f]), "--invariants-only", "--invariant", "P3", "--invariant", "P0"]);
    expect(Object.keys(options.hubFaults).sort()).toEqual(
      ["skipBlockedCheck", "skipCommitPolicy", "skipEpochCheck", "skipExternalJoinCheck", "skipGroupInfoCheck", "skipMessageSenderCheck", "skipPendingInclusion", "skipProposalPolicy", "skipSenderBinding", "throwOnSubmit", "skipClientsAfterCommitCheck", "skipUnknownProposalCheck", "skipExternalSendersCheck", "skipDictionaryCheck", "skipKeyPackageChecks", "skipJoinBinding", "broadcastWelcome", "welcomeBeforeCommit", "serveStaleGroupInfo", "skipPreemptiveBanCheck", "acceptStaleAfterRemoval", "frankOverWrongTime", "skipServerFrankCheck", "skipOpenJoinCheck", "skipEnforcerRoleCheck", "skipJoinCodeCheck", "reuseJoinCodes", "skipPreauthCheck", "skipOwnRoleCheck", "openProxy", "ignoreAssetPolicy", "configuredAssetsOnly", "skipRoleSetCheck",
       "skipBasePolicyCheck", "skipRoomChangeCheck", "skipCredentialChain", "skipGroupInfoMatch", "skipMessageEpochCheck", "skipProposalReplayCheck", "skipCredentialExpiry", "skipCredentialDomain", "skipCredentialKeyBinding", "skipCredentialRevocation"].sort(),
    );
    expect(options.compareWithModel).toBe(false);
    expect(options.invariants).toEqual(["P3", "P0"]);
  });

  it("accepts every client fault by name, separately from the hub's", () => {
    const { options } = run(["--client-fault", "skipCommitPolicy", "--client-fault", "leakPathSecretToRemoved", "--fault", "skipCommitPolicy"]);
    expect(options.clientFaults).toEqual({ skipCommitPolicy: true, leakPathSecretToRemoved: true });
    expect(options.hubFaults).toEqual({ skipCommitPolicy: true });
    expect(run([]).options.clientFaults).toEqual({});
  });

  it("narrows attacks to named classes and leaves refused honest operations out, for planted-defect runs", () => {
    const { options } = run(["--attack-class", "A13", "--attack-class", "A16", "--attack-class", "A13", "--skip-refused"]);
    expect(options.attackClasses).toEqual(["A13", "A16"]);
    expect(options.skipRefusedOperations).toBe(true);
    const plain = run([]).options;
    expect([plain.attackClasses, plain.skipRefusedOperations]).toEqual([undefined, undefined]);
  });

  it("narrows the network's faults to named classes and plants delivery defects by name", () => {
    const { options } = run(["--adversary", "network", "--network-fault", "N05", "--network-fault", "N01", "--network-fault", "N05", "--delivery-fault", "noRecovery", "--delivery-fault", "deliverOutOfOrder"]);
    expect(options.adversaries).toEqual(["network"]);
    expect(options.networkFaultClasses).toEqual(["N05", "N01"]);
    expect(options.deliveryFaults).toEqual({ noRecovery: true, deliverOutOfOrder: true });
    const plain = run([]).options;
    expect([plain.networkFaultClasses, plain.deliveryFaults]).toEqual([undefined, undefined]);
    expect(parseCommandLine(["--network-fault", "N06"])).toEqual({ kind: "usage error", message: 'unknown network fault "N06" (known: N01, N02, N03, N04, N05)' });
    expect(parseCommandLine(["--delivery-fault", "dropEverything"])).toEqual({
      kind: "usage error",
      message: 'unknown delivery fault "dropEverything" (known: processNotifyTwice, deliverOutOfOrder, dropMoreProposals, noRecovery)',
    });
  });

  it("a replay runs one variant in the cooperative role set unless told otherwise, without exploring", () => {
    const { options } = run(["--variant", "same-commit/must-include", "--replay", "1:4:3", "--replay-path", "NB/I:N"]);
    expect(options.roleSets).toEqual(["cooperative"]);
    expect(options.depth).toBe(0);
    expect([options.path, options.replayPath]).toEqual(["1:4:3", "NB/I:N"]);
    expect(run(["--variant", "same-commit/must-include", "--role-set", "restricted", "--replay", "1"]).options.roleSets).toEqual(["restricted"]);
  });

  it("the report outputs: an HTML report directory, JUnit XML and an emitted test, each passed through as given", () => {
    const { report, junit, emitTest, json } = run(["--report", "out/report", "--junit", "out/junit.xml", "--emit-test", "test/replay.test.ts", "--json", "out/c.json"]);
    expect([report, junit, emitTest, json]).toEqual(["out/report", "out/junit.xml", "test/replay.test.ts", "out/c.json"]);
    for (const option of ["--report DIR", "--junit FILE", "--emit-test FILE"]) expect(USAGE).toContain(option);
  });
});

describe("--matrix: the model's variant matrix instead of the main job", () => {
  it("explores every role set at the default depth, or the ones named", () => {
    expect(parseCommandLine(["--matrix"])).toEqual({ kind: "matrix", depth: 5, roleSets: ["cooperative", "cooperative-super-admin", "strict", "moderated", "multi-org", "restricted"] });
    expect(parseCommandLine(["--matrix", "--depth", "3", "--role-set", "restricted"])).toEqual({ kind: "matrix", depth: 3, roleSets: ["restricted"] });
    expect(parseCommandLine(["--role-set", "all", "--matrix", "--depth", "1"])).toEqual({ kind: "matrix", depth: 1, roleSets: ["cooperative", "cooperative-super-admin", "strict", "moderated", "multi-org", "restricted"] });
    expect(USAGE).toContain("--matrix");
  });

  it.each([
    [["--matrix", "--seed", "3"], /--matrix explores the model alone: --seed does not apply/],
    [["--matrix", "--runs", "2", "--variant", "same-commit/may-omit"], /--matrix explores the model alone: --runs, --variant do not apply/],
    [["--matrix", "--narrate"], /--narrate does not apply/],
    [["--matrix", "--fault", "skipEpochCheck"], /--fault does not apply/],
    [["--matrix", "--depth", "0"], /--depth 0 would explore nothing \(expected 1\.\.12\)/],
    [["--matrix", "--depth", "13"], /--depth 13 is out of range/],
    [["--matrix", "--role-set", "open"], /unknown role set "open" \(known: cooperative, cooperative-super-admin, strict, moderated, multi-org, restricted\)/],
    [["--matrix", "--role-set", "restricted", "--role-set", "cooperative"], /--role-set given 2 times/],
    [["--role-set", "cooperative-super-admin"], /unknown role set "cooperative-super-admin" \(known: cooperative, strict, moderated, multi-org, restricted, public, preauth, generated\)/],
  ])("%j is a usage error naming the problem", (args, message) => {
    expect(usageError(args)).toMatch(message);
  });
});
