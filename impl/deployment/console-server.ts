// The operator's console of a standing deployment: outside MIMI, the provider-internal path by which a
// person drives the deployment's devices (protocol §3: client ↔ own provider is not MIMI). One HTTPS
// endpoint on loopback, `POST /console` with a JSON ConsoleCommand, answered with a JSON ConsoleAnswer;
// mutual TLS with any certificate of the deployment's CA.
import https from "node:https";
import type { AddressInfo } from "node:net";
import type { ProviderCertificates } from "../transport/tls-certificates.js";
import { ROLE_NAMES, type ConsoleCommand, type ConsoleOperations } from "./console-operations.js";

/** The largest console request read, in bytes. */
const MAX_COMMAND_BYTES = 64 * 1024;

export class ConsoleServer {
  private constructor(private readonly server: https.Server) {}

  static async start(operations: ConsoleOperations, certificates: ProviderCertificates, identityDomain: string): Promise<ConsoleServer> {
    const identity = certificates.providers.get(identityDomain);
    if (identity === undefined) throw new Error(`no certificate for ${identityDomain}`);
    const server = https.createServer({ key: identity.keyPem, cert: identity.certPem, ca: certificates.ca.certPem, requestCert: true, rejectUnauthorized: true }, (req, res) => {
      const reply = (status: number, value: unknown) => {
        const text = JSON.stringify(value, null, 2);
        res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
      };
      if (req.url !== "/console") return reply(404, { error: "POST /console" });
      if (req.method !== "POST") return reply(405, { error: "POST /console" });
      const chunks: Buffer[] = [];
      let length = 0;
      req.on("data", (c: Buffer) => {
        length += c.length;
        if (length <= MAX_COMMAND_BYTES) chunks.push(c);
      });
      req.on("end", () => {
        if (length > MAX_COMMAND_BYTES) return reply(413, { error: `at most ${MAX_COMMAND_BYTES} bytes` });
        const command = readCommand(Buffer.concat(chunks).toString("utf8"));
        if (typeof command === "string") return reply(400, { error: command });
        operations.run(command).then(
          (answer) => reply(200, answer),
          (e: unknown) => reply(500, { error: e instanceof Error ? e.message : String(e) }),
        );
      });
    });
    server.on("tlsClientError", () => undefined);
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    return new ConsoleServer(server);
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/** A console command read from JSON, or what is wrong with it. */
export function readCommand(text: string): ConsoleCommand | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return "not JSON";
  }
  if (typeof value !== "object" || value === null) return "not a JSON object";
  const v = value as Record<string, unknown>;
  const str = (key: string) => (typeof v[key] === "string" && v[key] !== "" ? (v[key] as string) : undefined);
  const room = str("room");
  if (room === undefined) return "no room";
  switch (v.op) {
    case "create-room": {
      const creator = str("creator");
      return creator === undefined ? "no creator" : { op: "create-room", room, creator };
    }
    case "add": {
      const actor = str("actor");
      const user = str("user");
      const role = str("role");
      if (actor === undefined || user === undefined) return "add needs actor and user";
      if (role !== undefined && !(role in ROLE_NAMES)) return `unknown role ${role} (${Object.keys(ROLE_NAMES).join(", ")})`;
      return { op: "add", room, actor, user, ...(role !== undefined ? { role: role as keyof typeof ROLE_NAMES } : {}) };
    }
    case "send": {
      const actor = str("actor");
      const text = str("text");
      return actor === undefined || text === undefined ? "send needs actor and text" : { op: "send", room, actor, text };
    }
    case "show":
      return { op: "show", room };
    default:
      return "op must be create-room, add, send or show";
  }
}
