// A defect of the answering server (HTTP 500): the wire gets a fixed short body, never a stack trace or
// any other internal detail; the error itself stays with the server, in a local report its operator reads.
import type { MimiRequest, MimiResponse } from "./mimi-request.js";

/** The whole body of every 500 answer. */
export const INTERNAL_ERROR_TEXT = "internal error";

/** One internal error as the server that hit it records it. */
export interface InternalErrorRecord {
  /** The domain of the server that hit it. */
  readonly domain: string;
  readonly endpoint: MimiRequest["endpoint"];
  readonly target: string;
  /** The error's stack (or text): local only. */
  readonly error: string;
}

/** The 500 answer: status and the fixed body. */
export function internalErrorResponse(): MimiResponse {
  return { status: 500, body: new TextEncoder().encode(INTERNAL_ERROR_TEXT) };
}

/** The text a local report keeps of a thrown value. */
export function describeThrown(e: unknown): string {
  return e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
}
