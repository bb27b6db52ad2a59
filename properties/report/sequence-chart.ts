// A shrunk run as a message sequence chart (Mermaid `sequenceDiagram`): the acting clients, the hub and
// the follower providers as participants; per step a note with its number and words, the client's call to
// its own provider, every request that crossed the network during the step (endpoint and HTTP status),
// and the MIMI answer back to the client. The failing step is shaded and carries the finding.
import { userOf, type ClientId, type ModelEvent } from "../../model/index.js";
import type { StepRecord, TraceResult } from "../runner/run-trace.js";
import { domainOfUser, FOLLOWER_DOMAINS, HUB_DOMAIN } from "../world/room-world.js";

/** The failing step's shade: a light red that keeps black text and arrows readable. */
const FAILING_STEP_SHADE = "rgb(255, 225, 225)";

/**
 * Text as Mermaid reads it on a message or note line. `;` ends a statement in Mermaid's grammar and a line
 * break ends the line, so they become `,` and a space. Mermaid's own entities (`#59;`) are not decoded by
 * every renderer (`mermaid.render` shows them verbatim), so none is used; `<` and `>` become `‹` `›` so no
 * renderer can read markup in them.
 */
export function mermaidText(text: string): string {
  return text.replace(/;/g, ",").replace(/</g, "‹").replace(/>/g, "›").replace(/[\r\n]+/g, " ");
}

/** A participant's id in the chart: its name with everything but letters and digits as `_` ("u1/d0" → "u1_d0"). */
function participantId(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, "_");
}

function actingClient(event: ModelEvent | undefined): ClientId | undefined {
  if (event === undefined) return undefined;
  if (event.type === "createRoom") return event.creatorClient;
  if (event.type === "addOwnClient") return event.client;
  return event.actor;
}

/** The MIMI answer as the report words it: the hub's code, and the model's when the two differ. */
function answer(step: StepRecord): string {
  const hub = step.implCode ?? "no answer";
  const model = step.modelVerdict;
  if (model === undefined) return hub;
  const modelCode = model.accepted ? "accepted" : model.code;
  if (modelCode === hub) return hub;
  return `hub ${hub}, model ${model.accepted ? "accepted" : `${modelCode} (${model.rule})`}`;
}

/** The chart's lines, `sequenceDiagram` first; skipped steps (no operation ran) are left out, as in the numbered steps. */
export function sequenceChart(trace: TraceResult): string[] {
  const steps = trace.steps.filter((s) => !s.skipped);
  const clients: ClientId[] = [];
  const domains = new Set<string>([HUB_DOMAIN]);
  for (const step of steps) {
    const client = actingClient(step.event);
    if (client !== undefined && !clients.includes(client)) clients.push(client);
    if (client !== undefined) domains.add(domainOfUser(userOf(client)));
    for (const x of step.wire ?? []) domains.add(x.from).add(x.to);
  }
  // Clients on the left, then the hub, then the followers in their fixed order, then anything else seen.
  const known = [HUB_DOMAIN, ...FOLLOWER_DOMAINS];
  const orderedDomains = [...known.filter((d) => domains.has(d)), ...[...domains].filter((d) => !known.includes(d)).sort()];
  const lines = ["sequenceDiagram"];
  for (const c of clients) lines.push(`  participant ${participantId(c)} as ${mermaidText(c)}`);
  for (const d of orderedDomains) lines.push(`  participant ${participantId(d)} as ${mermaidText(d === HUB_DOMAIN ? `${d} (hub)` : d)}`);
  const first = participantId(clients[0] ?? orderedDomains[0]!);
  const last = participantId(orderedDomains[orderedDomains.length - 1]!);
  const span = first === last ? first : `${first},${last}`;

  for (const step of steps) {
    const failing = trace.failure?.step === step.index;
    const indent = failing ? "    " : "  ";
    if (failing) lines.push(`  rect ${FAILING_STEP_SHADE}`);
    lines.push(`${indent}Note over ${span}: ${mermaidText(`${failing ? "✗ " : ""}${step.index}. ${step.text}`)}`);
    if (step.race !== undefined) lines.push(`${indent}Note over ${span}: ${mermaidText(`⇄ ${step.race}`)}`);
    const client = actingClient(step.event);
    const provider = client === undefined ? undefined : participantId(domainOfUser(userOf(client)));
    if (client !== undefined) lines.push(`${indent}${participantId(client)}->>${provider}: ${mermaidText(step.event!.type)}`);
    for (const x of step.wire ?? []) {
      const target = x.endpoint === "keyMaterial" ? ` ${x.target}` : "";
      const status = x.status === undefined ? "no answer" : String(x.status);
      lines.push(`${indent}${participantId(x.from)}->>${participantId(x.to)}: ${mermaidText(`/${x.endpoint}${target} · ${status}`)}`);
    }
    if (client !== undefined) lines.push(`${indent}${provider}-->>${participantId(client)}: ${mermaidText(answer(step))}`);
    if (failing) {
      lines.push(`${indent}Note over ${span}: ${mermaidText(`✗ ${trace.failure!.check}: ${trace.failure!.message}`)}`);
      lines.push("  end");
    }
  }
  return lines;
}
