// Which listed user the hub's external proposals act as (docs/rules.md R18 "The policy enforcer"): read off
// the GroupContext's external_senders extension (the hub's credential names its provider) and the committed
// participant list (impl/room/policy-enforcer.ts). The hub and every client read it the same way.
import { decodeExternalSender, type Extension } from "ts-mls";
import { hubUserIn } from "../room/policy-enforcer.js";
import type { RoomState } from "../room/room-state.js";
import { clientUriOfCredential } from "./client-credential.js";

/** The URI the room's first external sender's credential names (the hub's provider), if readable. */
export function externalSenderUri(extensions: readonly Extension[]): string | undefined {
  const ext = extensions.find((e) => e.extensionType === "external_senders");
  if (ext === undefined) return undefined;
  try {
    const decoded = decodeExternalSender(ext.extensionData, 0);
    return decoded === undefined ? undefined : clientUriOfCredential(decoded[0].credential);
  } catch {
    return undefined;
  }
}

/** The hub's enforcer user in this GroupContext, when listed; undefined: the hub has no role here. */
export function hubUserOfGroup(extensions: readonly Extension[], room: RoomState): string | undefined {
  return hubUserIn(room, externalSenderUri(extensions));
}
