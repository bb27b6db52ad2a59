// What decided the hub's answer to one request, kept by the hub for inspection (white-box, like
// Hub.snapshot). It never crosses the wire: the drafts' responses carry a code and a description only.
import type { RuleId } from "../room/verdict.js";

/**
 * The rule behind a decision: a room rule of docs/rules.md (R0–R17), or one of the hub's own checks of
 * the digest's checklist (spec/mimi-digest.md §2.6) that no room rule covers:
 * - `H0`: sender binding: the request's signer or sender belongs to the provider that sent it (the
 *   `From` of protocol §4.1, which mutually authenticated TLS vouches for; docs/rules.md "Sender binding");
 * - `H1`: MLS validity (framing, wire format, content type, signature, proposal resolution, applying
 *   the commit to the hub's view, a proposal accepted twice);
 * - `H13`: the commit bundle's GroupInfo, ratchet tree and Welcome;
 * - `H14`: an external joiner is the client, with the signature key, of a GroupInfo request the hub
 *   answered in the epoch; a leaf replaced keeps its client's identity (impl/identity/);
 * - `H19`: /submitMessage carries an application PrivateMessage;
 * - `H23`: /groupInfo request signature;
 * - `H24`: KeyPackages single-use, unexpired and of the user they were asked for (protocol §5.2);
 * - `H26`: /reportAbuse: every reported message carries a frank this hub issued for it (protocol §5.9).
 */
export type HubRuleId = RuleId | "H0" | "H1" | "H13" | "H14" | "H19" | "H23" | "H24" | "H26";

export type HubEndpoint = "update" | "submitMessage" | "groupInfo" | "keyMaterial" | "reportAbuse";

export interface HubDecision {
  /** Increases by one with every decision of this hub, so an observer can tell whether a request reached it. */
  readonly serial: number;
  readonly roomId: string;
  readonly endpoint: HubEndpoint;
  /** "accepted" for any success, else the code sent (a /groupInfo refusal: its status). */
  readonly code: string;
  /** The rule that refused; undefined for an acceptance. */
  readonly rule?: HubRuleId;
  readonly reason?: string;
}
