// The standing deployment end to end: `npm run deployment` started as its own process, the MIMI client
// command creating a room, adding users of both followers and sending a message over the deployment's
// sockets, each answer showing what every party sees; then the deployment stops on SIGTERM.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMimiClient } from "../../impl/deployment/mimi-client.js";

const dir = mkdtempSync(join(tmpdir(), "mimi-deployment-test-"));
let child: ChildProcess;
let printed = "";
let exited: Promise<number | null>;

beforeAll(async () => {
  child = spawn(join("node_modules", ".bin", "tsx"), ["impl/deployment/main.ts", "--dir", dir], { stdio: ["ignore", "pipe", "pipe"] });
  exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      printed += d.toString();
      if (printed.includes("ready (Ctrl-C stops)")) resolve();
    });
    child.stderr!.on("data", (d: Buffer) => (printed += d.toString()));
    child.once("exit", () => reject(new Error(`the deployment exited early:\n${printed}`)));
  });
});
afterAll(() => {
  if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

const client = (...args: string[]) => runMimiClient(["--dir", dir, ...args]);

describe("npm run deployment and npm run mimi-client", () => {
  it("prints its ports and curl lines, and writes the CA, the operator's certificate and key", () => {
    for (const file of ["ca.pem", "operator.pem", "operator-key.pem", "deployment.json"]) expect(existsSync(join(dir, file)), file).toBe(true);
    const descriptor = JSON.parse(readFileSync(join(dir, "deployment.json"), "utf8")) as { ports: Record<string, number> };
    expect(Object.keys(descriptor.ports).sort()).toEqual(["a.example", "b.example", "c.example"]);
    expect(printed).toContain(`https://a.example:${descriptor.ports["a.example"]}   (hub)`);
    expect(printed).toContain(`--resolve a.example:${descriptor.ports["a.example"]}:127.0.0.1`);
    expect(printed).toContain("/.well-known/mimi-protocol-directory");
    expect(readFileSync(join(dir, "ca.pem"), "utf8")).toMatch(/^-----BEGIN CERTIFICATE-----/);
  });

  it("create a room, add a user of each follower, send a message: every party sees it", async () => {
    const created = await client("create-room", "clubhouse", "alice@a.example");
    expect(created.status, created.text).toBe(0);
    expect(created.text).toContain("create-room in mimi://a.example/r/clubhouse: accepted");

    const bob = await client("add", "clubhouse", "alice@a.example", "bob@b.example");
    expect(bob.status, bob.text).toBe(0);
    // §5.2: the hub fetches Bob's key material from b.example; §5.5: the hub notifies b.example (201).
    expect(bob.text).toContain("a.example → b.example  /keyMaterial");
    expect(bob.text).toMatch(/a\.example → b\.example {2}\/notify {2}\d+ B {2}→ 201/);

    const cathy = await client("add", "clubhouse", "bob@b.example", "cathy@c.example");
    expect(cathy.status, cathy.text).toBe(0);
    // A follower's requests go to the hub (§5.2, §5.3), which relays key material to c.example.
    expect(cathy.text).toMatch(/b\.example → a\.example {2}\/keyMaterial {2}\d+ B {2}→ 200/);
    expect(cathy.text).toMatch(/a\.example → c\.example {2}\/keyMaterial {2}\d+ B {2}→ 200/);
    expect(cathy.text).toMatch(/b\.example → a\.example {2}\/update {2}\d+ B {2}→ 200/);

    const sent = await client("send", "clubhouse", "cathy@c.example", "hello", "from", "c.example");
    expect(sent.status, sent.text).toBe(0);
    expect(sent.text).toMatch(/c\.example → a\.example {2}\/submitMessage {2}\d+ B {2}→ 200/);
    for (const device of ["mimi://a.example/d/alice/cli", "mimi://b.example/d/bob/cli"]) {
      const view = sent.text.split("\n").findIndex((l) => l.startsWith(`  ${device}: epoch 2`));
      expect(view, `${device} in epoch 2`).toBeGreaterThan(0);
      // The receiver now names the sending client, read from the MLS sender data.
      expect(sent.text.split("\n")[view + 1]).toBe("    received [epoch 2] mimi://c.example/d/cathy/cli: hello from c.example");
    }
    // Appendix A.1's policy_enforcer (role 5, min 1): the hub lists its enforcer user at creation, with no
    // client (docs/rules.md R18), so every party's list shows it beside the three users.
    expect(sent.text).toContain("hub a.example: epoch 2, participants mimi://a.example/u/alice (role 3), mimi://a.example/u/policy-enforcer (role 5), mimi://b.example/u/bob (role 2), mimi://c.example/u/cathy (role 2)");
    expect(sent.text).toContain("    members: mimi://a.example/d/alice/cli, mimi://b.example/d/bob/cli, mimi://c.example/d/cathy/cli");

    // Refused and malformed commands.
    const again = await client("create-room", "clubhouse", "alice@a.example");
    expect(again.status).toBe(1);
    expect(again.text).toContain("not run: mimi://a.example/r/clubhouse exists");
    expect((await client("send", "clubhouse")).status).toBe(2);
    const stranger = await client("add", "clubhouse", "alice@a.example", "dave@d.example");
    expect(stranger).toMatchObject({ status: 1 });
    expect(stranger.text).toContain("d.example is not a provider of this deployment");
  });

  it("stops on SIGTERM", async () => {
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(printed).toContain("stopped");
  });
});
