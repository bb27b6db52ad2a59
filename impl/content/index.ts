// MIMI content (draft-ietf-mimi-content): codec, message IDs, derived values and the receivers' rules.
export * from "./content-error.js";
export * from "./content-faults.js";
export * from "./content-timeline.js";
export * from "./derived-values.js";
export * from "./disposition.js";
export * from "./expiration.js";
export * from "./extensions.js";
export * from "./external-part.js";
export * from "./message-id.js";
export * from "./mimi-content.js";
export * from "./nested-part.js";
export { decodeDeterministic, encodeDeterministic } from "./deterministic-cbor.js";
