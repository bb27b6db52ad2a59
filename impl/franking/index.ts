// Franking and abuse reports (protocol §5.4.1, §5.9).
export * from "./frank.js";
export * from "./franking-agent.js";
export * from "./message-aad.js";
export * from "./receive-frank.js";
