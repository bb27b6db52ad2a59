// The oracle for one input. The answer must not be 5xx, nothing may be thrown out of the endpoint, no
// server may record an internal error, and no answer may carry a stack trace. A refused input (4xx, or a
// MIMI refusal code in the answer) must leave the whole deployment as it was (deployment-state.ts). An
// accepted input must be the canonical encoding of what it decodes to: decoded and encoded again with
// impl/codec, it gives back its own bytes.
import type { CorpusEntry } from "./corpus/corpus-entry.js";
import type { FuzzTarget, TargetInstance, Verdict } from "./corpus/endpoint-targets.js";
import { captureState, restoreState, stateDifference, type DeploymentState } from "./deployment-state.js";
import type { FuzzInput } from "./fuzz-input.js";
import type { MimiResponse } from "../impl/transport/mimi-request.js";

export type FindingKind = "crash" | "state change on a refused request" | "accepted but not canonical";

export interface Judgement {
  verdict: Verdict | "crash";
  /** The endpoint's codec decodes the input (it got past decoding). */
  decodes: boolean;
  finding?: { kind: FindingKind; detail: string };
  status?: number;
}

/** A stack frame line as V8 prints them. */
const STACK_FRAME = /\n\s+at .+[(:]/;

function internalErrorCount(instance: TargetInstance): number {
  let n = 0;
  for (const p of instance.deployment.system.providers.values()) n += p.internalErrors.length;
  return n;
}

function lastInternalError(instance: TargetInstance): string {
  for (const p of instance.deployment.system.providers.values()) {
    const e = p.internalErrors.at(-1);
    if (e !== undefined) return `${e.domain} ${e.endpoint}: ${e.error.split("\n")[0]}`;
  }
  return "";
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

async function sendChecked(instance: TargetInstance, entry: CorpusEntry, body: Uint8Array): Promise<{ response?: MimiResponse; crash?: string }> {
  const errors = internalErrorCount(instance);
  let response: MimiResponse;
  try {
    response = await instance.send(entry, body);
  } catch (e) {
    return { crash: `thrown out of the endpoint: ${e instanceof Error ? e.message : String(e)}` };
  }
  if (internalErrorCount(instance) > errors) return { response, crash: `internal error (HTTP ${response.status}) — ${lastInternalError(instance)}` };
  if (response.status >= 500) return { response, crash: `HTTP ${response.status}` };
  if (STACK_FRAME.test(Buffer.from(response.body).toString("latin1"))) return { response, crash: "a stack trace in the answer" };
  return { response };
}

/**
 * Sends `input`, judges it, and leaves the deployment in `baseline` again (restoring it when anything
 * changed). Throws if the restored state differs from the baseline: the harness itself is then broken.
 */
export async function judgeInput(target: FuzzTarget, instance: TargetInstance, baseline: DeploymentState, input: FuzzInput): Promise<Judgement> {
  const system = instance.deployment.system;
  let before = baseline;
  let decodes = true;
  try {
    target.codec.decode(input.bytes);
  } catch {
    decodes = false;
  }
  let judgement: Judgement;
  try {
    if (input.start === "twice") {
      const first = await sendChecked(instance, input.base, input.base.body);
      if (first.crash !== undefined) return { verdict: "crash", decodes, finding: { kind: "crash", detail: `on the first copy: ${first.crash}` } };
      before = captureState(system);
    }
    judgement = await judgeSend(target, instance, before, input, decodes);
  } finally {
    if (stateDifference(baseline, captureState(system)) !== undefined) {
      restoreState(baseline);
      const left = stateDifference(baseline, captureState(system));
      if (left !== undefined) throw new Error(`fuzz harness: restoring the deployment left a difference (${left})`);
    }
  }
  return judgement;
}

async function judgeSend(target: FuzzTarget, instance: TargetInstance, before: DeploymentState, input: FuzzInput, decodes: boolean): Promise<Judgement> {
  const { response, crash } = await sendChecked(instance, input.base, input.bytes);
  if (crash !== undefined) return { verdict: "crash", decodes, status: response?.status, finding: { kind: "crash", detail: crash } };
  let verdict: Verdict;
  try {
    verdict = target.verdict(response!);
  } catch (e) {
    return { verdict: "crash", decodes, status: response!.status, finding: { kind: "crash", detail: `the answer does not decode: ${(e as Error).message}` } };
  }
  const status = response!.status;
  if (verdict === "refused") {
    const changed = stateDifference(before, captureState(instance.deployment.system));
    if (changed !== undefined) return { verdict, decodes, status, finding: { kind: "state change on a refused request", detail: `HTTP ${status}; changed: ${changed}` } };
    return { verdict, decodes, status };
  }
  let reencoded: Uint8Array;
  try {
    reencoded = target.codec.encode(target.codec.decode(input.bytes));
  } catch (e) {
    return { verdict, decodes, status, finding: { kind: "accepted but not canonical", detail: `accepted, but the codec does not decode it: ${(e as Error).message}` } };
  }
  if (!sameBytes(reencoded, input.bytes))
    return { verdict, decodes, status, finding: { kind: "accepted but not canonical", detail: `accepted ${input.bytes.length} bytes that re-encode to ${reencoded.length} other bytes` } };
  return { verdict, decodes, status };
}
