// What the network shows of key material and consent (for P29 and P30), read off the request and answer
// bytes: each key-material request a hub relayed to a target provider, with that provider's consent
// entries for the requester and target as they stood when the request arrived, and its answer; each
// consent exchange between providers and its status. One recorder per network, installed by the first
// check or premise that asks for it (a run's first step creates the room, which exchanges neither).
import { decodeConsentEntry, type ConsentEntry, type ConsentScope } from "../../impl/codec/consent-entry.js";
import { decodeKeyMaterialRequest, type KeyMaterialRequest } from "../../impl/codec/key-material-request.js";
import { decodeKeyMaterialResponse, type KeyMaterialResponse } from "../../impl/codec/key-material-response.js";
import type { MimiSystem } from "../../impl/system/mimi-system.js";

/** A target provider's consent entries for one requester and target: the room-scoped one for the
 * request's room, the any-room one, and its default. */
export interface ConsentSnapshot {
  readonly room: boolean | undefined;
  readonly anyRoom: boolean | undefined;
  readonly byDefault: boolean;
}

export interface KeyMaterialExchange {
  readonly to: string;
  readonly via: string | undefined;
  readonly request: KeyMaterialRequest;
  readonly consent: ConsentSnapshot;
  status?: number;
  answer?: KeyMaterialResponse;
}

export interface ConsentExchange {
  readonly to: string;
  readonly from: string;
  readonly endpoint: "requestConsent" | "updateConsent";
  /** Undefined when the body does not decode. */
  readonly entry: ConsentEntry | undefined;
  status?: number;
}

export interface ConsentWire {
  readonly keyMaterial: KeyMaterialExchange[];
  readonly consent: ConsentExchange[];
  /** How far P29 and P30 have judged (exchanges before these indexes are judged). */
  keyMaterialJudged: number;
  consentJudged: number;
  /** Each provider's pending consent requests (by scope key) when P30 last looked. */
  pendingSeen: Map<string, Set<string>>;
}

const wires = new WeakMap<MimiSystem, ConsentWire>();

const tryDecode = <T>(decode: (b: Uint8Array) => T, body: Uint8Array): T | undefined => {
  try {
    return decode(body);
  } catch {
    return undefined;
  }
};

/** The consent scope as text (requester, target, room or "*"). */
export const scopeText = (s: ConsentScope) => `${s.requesterUri} ${s.targetUri} ${s.roomId ?? "*"}`;

/** The honest provider of `domain`, when it is the one answering (a compromised party may stand in its place). */
export function honestProvider(system: MimiSystem, domain: string) {
  const provider = system.providers.get(domain);
  return provider !== undefined && system.network.registered(domain) === provider ? provider : undefined;
}

/** The recorder of `system`'s network (installed on first use). */
export function consentWireOf(system: MimiSystem): ConsentWire {
  const existing = wires.get(system);
  if (existing !== undefined) return existing;
  const wire: ConsentWire = { keyMaterial: [], consent: [], keyMaterialJudged: 0, consentJudged: 0, pendingSeen: new Map() };
  wires.set(system, wire);
  system.network.addObserver((to, request) => {
    if (request.endpoint === "keyMaterial" && request.via !== undefined) {
      const decoded = tryDecode(decodeKeyMaterialRequest, request.body);
      const provider = honestProvider(system, to);
      if (decoded === undefined || provider === undefined) return;
      const entry = (roomId: string | undefined) =>
        [...provider.consent.given.values()].find(({ scope: s }) => s.requesterUri === decoded.requestingUser && s.targetUri === decoded.targetUser && s.roomId === roomId)?.granted;
      const exchange: KeyMaterialExchange = {
        to, via: request.via, request: decoded,
        consent: { room: decoded.roomId === "" ? undefined : entry(decoded.roomId), anyRoom: entry(undefined), byDefault: provider.consent.defaultConsent },
      };
      wire.keyMaterial.push(exchange);
      return (response) => {
        exchange.status = response.status;
        if (response.status === 200) exchange.answer = tryDecode(decodeKeyMaterialResponse, response.body);
      };
    }
    if (request.endpoint === "requestConsent" || request.endpoint === "updateConsent") {
      const exchange: ConsentExchange = { to, from: request.from, endpoint: request.endpoint, entry: tryDecode(decodeConsentEntry, request.body) };
      wire.consent.push(exchange);
      return (response) => {
        exchange.status = response.status;
      };
    }
    return undefined;
  });
  return wire;
}
