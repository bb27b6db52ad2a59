// What a person can do with a standing deployment: create a room, add a user (with one device), send a
// message. Users are named `alice@b.example` or by their MIMI URI; each gets one device,
// `mimi://<domain>/d/<name>/cli`, on its provider when first named. Each operation answers its MIMI outcome,
// the requests that crossed between providers meanwhile, and what every party then sees.
import type { MimiClient } from "../client/client.js";
import { clientUri, domainOf, parseMimiUri, parseMimiUriOfKind, userUri, type SingleIdUri } from "../identity/mimi-uri.js";
import { COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE, COOPERATIVE_ROLE } from "../room/fixtures/cooperatively-administered.js";
import type { MimiSystem } from "../system/mimi-system.js";
import { verdictCode } from "../transport/outcomes.js";
import { partyViews, type PartyView } from "./party-views.js";

/** The roles a user can be added with (the cooperatively administered room, room-policy Appendix A.1). */
export const ROLE_NAMES = { ordinary: COOPERATIVE_ROLE.ordinaryUser, admin: COOPERATIVE_ROLE.groupAdmin, super: COOPERATIVE_ROLE.superAdmin } as const;

export type ConsoleCommand =
  | { readonly op: "create-room"; readonly room: string; readonly creator: string }
  | { readonly op: "add"; readonly room: string; readonly actor: string; readonly user: string; readonly role?: keyof typeof ROLE_NAMES }
  | { readonly op: "send"; readonly room: string; readonly actor: string; readonly text: string }
  | { readonly op: "show"; readonly room: string };

/** One request between providers during an operation. */
export interface ConsoleExchange {
  readonly from: string;
  readonly to: string;
  readonly endpoint: string;
  readonly bytes: number;
  status?: number;
  /** false for a provider-internal request (the hub's own clients): it crosses no socket. */
  readonly socket: boolean;
}

export interface ConsoleAnswer {
  /** The draft's code ("accepted" for success), or why the command could not run. */
  readonly outcome: string;
  readonly room: string;
  readonly exchanges: readonly ConsoleExchange[];
  readonly views: readonly PartyView[];
}

export class ConsoleOperations {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly system: MimiSystem) {}

  /** Runs one command after the previous ones (the deployment runs one operation at a time). */
  run(command: ConsoleCommand): Promise<ConsoleAnswer> {
    const next = this.queue.then(() => this.runNow(command));
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** `clubhouse` → `mimi://<hub>/r/clubhouse`; a MIMI room URI stays as it is. */
  roomUri(room: string): string {
    return room.startsWith("mimi://") ? room : `mimi://${this.system.hub.domain}/r/${room}`;
  }

  /** `alice@b.example` → `mimi://b.example/u/alice`; a MIMI user URI stays as it is. */
  userUri(name: string): string {
    if (name.startsWith("mimi://")) {
      if (parseMimiUriOfKind(name, "user") === undefined) throw new Error(`${name} is not a MIMI user URI`);
      return name;
    }
    const at = name.lastIndexOf("@");
    const uri = at <= 0 ? undefined : userUri(name.slice(at + 1), name.slice(0, at));
    if (uri === undefined || parseMimiUriOfKind(uri, "user") === undefined) throw new Error(`${name}: name a user as name@domain or mimi://domain/u/name`);
    return uri;
  }

  /** The user's device, made on its provider when first needed. */
  private device(user: string): MimiClient {
    const domain = domainOf(user)!;
    if (!this.system.providers.has(domain)) throw new Error(`${domain} is not a provider of this deployment (${[...this.system.providers.keys()].join(", ")})`);
    const uri = clientUri(domain, (parseMimiUri(user) as SingleIdUri).id, "cli");
    return this.system.provider(domain).client(uri) ?? this.system.addClient(uri);
  }

  private async runNow(command: ConsoleCommand): Promise<ConsoleAnswer> {
    const room = this.roomUri(command.room);
    const exchanges: ConsoleExchange[] = [];
    const stop = this.system.network.addObserver((to, request) => {
      const exchange: ConsoleExchange = { from: request.via ?? request.from, to, endpoint: request.endpoint, bytes: request.body.length, socket: (request.via ?? request.from) !== to };
      exchanges.push(exchange);
      return (response) => {
        exchange.status = response.status;
      };
    });
    let outcome: string;
    try {
      outcome = await this.perform(room, command);
    } catch (e) {
      outcome = `not run: ${e instanceof Error ? e.message : String(e)}`;
    } finally {
      stop();
    }
    return { outcome, room, exchanges, views: partyViews(this.system, room) };
  }

  private async perform(room: string, command: ConsoleCommand): Promise<string> {
    switch (command.op) {
      case "create-room": {
        if (this.system.hub.hasRoom(room)) return `not run: ${room} exists`;
        await this.system.createRoom(room, this.device(this.userUri(command.creator)), COOPERATIVELY_ADMINISTERED_ROLES, COOPERATIVE_CREATOR_ROLE);
        return "accepted";
      }
      case "add": {
        const role = ROLE_NAMES[command.role ?? "ordinary"];
        if (role === undefined) return `not run: unknown role ${command.role} (${Object.keys(ROLE_NAMES).join(", ")})`;
        const user = this.userUri(command.user);
        this.device(user);
        return verdictCode(await this.device(this.userUri(command.actor)).addParticipant(room, user, role, true));
      }
      case "send":
        return verdictCode(await this.device(this.userUri(command.actor)).sendMessage(room, command.text));
      case "show":
        return "shown";
    }
  }
}
