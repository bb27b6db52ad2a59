// enum { reserved(0), mls10(1), (255) } Protocol;  (draft-ietf-mimi-protocol §5)
// Every MIMI endpoint body starts with it (or selects on the room's protocol out of band).

import { enumeration } from "./enumeration.js";
import type { Reader } from "./reader.js";
import type { Writer } from "./writer.js";

export const Protocol = enumeration("Protocol", { mls10: 1 });
export type ProtocolName = "mls10";

export function writeProtocol(w: Writer, protocol: ProtocolName): void {
  w.enum8(Protocol, protocol);
}

export function readProtocol(r: Reader): ProtocolName {
  return r.enum8(Protocol);
}
