// P0, checked on every step whatever else is selected: nothing thrown escapes the implementation, and no
// endpoint answers 5xx (protocol §5: an endpoint answers with the draft's codes; "nothing thrown escapes
// an endpoint"). A 500 crosses the wire with a fixed body; its details come from the answering server's
// local report (Provider.internalErrors), never from the wire.
import { describeThrown, type InternalErrorRecord } from "../../impl/transport/internal-error.js";
import type { WireExchange } from "./implementation-under-test.js";

/** P0's id and name, as failures and reports print them. */
export const NO_INTERNAL_ERROR = {
  id: "P0",
  name: "no internal error",
  rule: "protocol §5: every endpoint answers with the draft's codes; nothing thrown escapes, no 5xx",
} as const;

/** How many lines of a local stack a failure report keeps. */
const STACK_LINES = 4;

/** What P0 found in one step, if anything: a one-line message and the local details (stack lines). */
export interface InternalErrorFinding {
  readonly message: string;
  readonly detail: readonly string[];
}

/**
 * Judges one step: `thrown` is what the operation threw (undefined when it returned), `wire` the step's
 * exchanges with their statuses, `reported` the internal errors servers recorded during the step.
 */
export function findInternalError(
  actor: string,
  thrown: { value: unknown } | undefined,
  wire: readonly WireExchange[],
  reported: readonly InternalErrorRecord[],
): InternalErrorFinding | undefined {
  const detail = [
    ...(thrown !== undefined ? [describeThrown(thrown.value)] : []),
    ...reported.map((r) => `${r.domain} /${r.endpoint}: ${r.error}`),
  ].flatMap((text) => text.split("\n").slice(0, STACK_LINES).map((l) => l.trim()));
  if (thrown !== undefined) {
    const first = describeThrown(thrown.value).split("\n")[0];
    return { message: `${actor}'s operation threw: ${first}`, detail };
  }
  // A download proxy's 502 passes on the asset host's unusable answer (a redirect, an error, too large, too
  // slow, unreachable: impl/proxy/download-proxy.ts): the upstream's failure, answered as designed.
  const failed = wire.filter((x) => x.status !== undefined && x.status >= 500 && !(x.endpoint === "proxyDownload" && x.status === 502));
  if (failed.length > 0) {
    const answers = failed.map((x) => `${x.to} answered ${x.from}'s /${x.endpoint} with ${x.status}`).join("; ");
    return { message: answers, detail };
  }
  if (reported.length > 0) return { message: `${reported.map((r) => `${r.domain} /${r.endpoint}`).join(", ")} hit an internal error`, detail };
  return undefined;
}
