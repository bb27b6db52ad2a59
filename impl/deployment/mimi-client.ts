// `npm run mimi-client -- [--dir DIR] create-room|add|send|show ...`: drives a standing deployment's
// devices through its operator console (console-server.ts) and prints the MIMI outcome, the requests
// that crossed between providers, and what every party then sees. Exit 0 when the operation was
// accepted, 1 when it was refused or could not run, 2 on a bad command line.
import { readFileSync } from "node:fs";
import https from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import tls from "node:tls";
import type { ConsoleAnswer, ConsoleCommand } from "./console-operations.js";
import { readCommand } from "./console-server.js";
import { formatViews } from "./party-views.js";
import { CONSOLE_DOMAIN, DESCRIPTOR_FILE, type DeploymentDescriptor } from "./standing-deployment.js";

export const CLIENT_USAGE = [
  "usage: npm run mimi-client -- [--dir DIR] COMMAND",
  "  create-room ROOM CREATOR          e.g. create-room clubhouse alice@a.example",
  "  add ROOM ACTOR USER [ROLE]        ROLE: ordinary (default), admin or super",
  "  send ROOM SENDER TEXT...",
  "  show ROOM",
  "Users are name@domain (or mimi://domain/u/name); each gets one device on its provider when first named.",
  "DIR is the deployment's directory (default $TMPDIR/mimi-deployment).",
].join("\n");

/** The command line read into a console command, or a usage error. */
export function parseClientArgs(args: readonly string[]): { dir: string; command: ConsoleCommand } | { error: string } {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], strict: true, allowPositionals: true, options: { dir: { type: "string" } } });
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  const dir = parsed.values.dir ?? join(tmpdir(), "mimi-deployment");
  const [op, room, ...rest] = parsed.positionals;
  const fields: Record<string, string | undefined> =
    op === "create-room" && rest.length === 1
      ? { op, room, creator: rest[0] }
      : op === "add" && (rest.length === 2 || rest.length === 3)
        ? { op, room, actor: rest[0], user: rest[1], role: rest[2] }
        : op === "send" && rest.length >= 2
          ? { op, room, actor: rest[0], text: rest.slice(1).join(" ") }
          : op === "show" && rest.length === 0
            ? { op, room }
            : { op: undefined };
  if (fields.op === undefined) return { error: `bad command: ${parsed.positionals.join(" ") || "(none)"}` };
  const command = readCommand(JSON.stringify(fields));
  return typeof command === "string" ? { error: command } : { dir, command };
}

/** Sends one command to the deployment described in `dir`. */
export function sendToConsole(dir: string, command: ConsoleCommand): Promise<ConsoleAnswer> {
  const descriptor = JSON.parse(readFileSync(join(dir, DESCRIPTOR_FILE), "utf8")) as DeploymentDescriptor;
  const body = JSON.stringify(command);
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: "127.0.0.1",
        port: descriptor.consolePort,
        method: "POST",
        path: "/console",
        servername: CONSOLE_DOMAIN,
        checkServerIdentity: (_h, cert) => tls.checkServerIdentity(CONSOLE_DOMAIN, cert),
        ca: readFileSync(descriptor.files.ca),
        cert: readFileSync(descriptor.files.cert),
        key: readFileSync(descriptor.files.key),
        agent: false,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (d: string) => (text += d));
        res.on("end", () => (res.statusCode === 200 ? resolve(JSON.parse(text) as ConsoleAnswer) : reject(new Error(`console answered ${res.statusCode}: ${text}`))));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** The answer in words. */
export function formatAnswer(command: ConsoleCommand, answer: ConsoleAnswer): string {
  const lines = [`${command.op} in ${answer.room}: ${answer.outcome}`];
  if (answer.exchanges.length > 0) {
    lines.push("requests between providers:");
    for (const x of answer.exchanges)
      lines.push(`  ${x.from} → ${x.to}  /${x.endpoint}  ${x.bytes} B  → ${x.status ?? "?"}${x.socket ? "" : "  (provider-internal)"}`);
  }
  lines.push("what each party sees:", ...formatViews(answer.views));
  return lines.join("\n");
}

/** The whole command: exit status and what it prints. */
export async function runMimiClient(args: readonly string[]): Promise<{ status: number; text: string }> {
  const parsed = parseClientArgs(args);
  if ("error" in parsed) return { status: 2, text: `${parsed.error}\n${CLIENT_USAGE}` };
  try {
    const answer = await sendToConsole(parsed.dir, parsed.command);
    const ok = answer.outcome === "accepted" || answer.outcome === "shown";
    return { status: ok ? 0 : 1, text: formatAnswer(parsed.command, answer) };
  } catch (e) {
    return { status: 1, text: `no answer from the deployment in ${parsed.dir}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

if (process.argv[1] !== undefined && /mimi-client\.[jt]s$/.test(process.argv[1])) {
  void runMimiClient(process.argv.slice(2)).then(({ status, text }) => {
    (status === 2 ? console.error : console.log)(text);
    process.exit(status);
  });
}
