// Everything the codec offers, for `import { ... } from "../codec/index.js"`.
// Convention: `encodeX(value): Uint8Array` and `decodeX(bytes): X` (throws CodecError, nothing else);
// `writeX(w, value)` / `readX(r)` are the same codecs for nesting inside other structs.

export * from "./codec-error.js";
export * from "./varint.js";
export * from "./enumeration.js";
export * from "./writer.js";
export * from "./reader.js";
export * from "./exact.js";
export * from "./code-points.js";
export * from "./protocol.js";
export * from "./mls-structs.js";
export * from "./identifier-uri.js";
export * from "./ratchet-tree-option.js";
export * from "./group-info-option.js";
export * from "./handshake-bundle.js";
export * from "./update-request.js";
export * from "./update-room-response.js";
export * from "./frank.js";
export * from "./submit-message-request.js";
export * from "./submit-message-response.js";
export * from "./fanout-message.js";
export * from "./key-material-request.js";
export * from "./key-material-response.js";
export * from "./group-info-request.js";
export * from "./group-info-response.js";
export * from "./group-info-ratchet-tree-tbe.js";
export * from "./participant-list.js";
export * from "./roles.js";
export * from "./app-data-dictionary.js";
export * from "./app-data-update.js";
