// Captures honest requests in flight: while an action runs, the requests of one endpoint to one domain
// are held back (recorded, not delivered) and answered with a fixed answer; every other request goes
// through. Holding back a request keeps the receiver's state as it was, so the request stays valid there.
import type { MimiSystem } from "../../impl/system/mimi-system.js";
import type { EndpointName, MimiRequest, MimiResponse } from "../../impl/transport/mimi-request.js";

/** Runs `action` with the `endpoint` requests to `to` held back; answers those requests, in order. */
export async function holdRequests(
  system: MimiSystem,
  to: string,
  endpoint: EndpointName,
  answer: MimiResponse,
  action: () => Promise<unknown>,
  matches: (request: MimiRequest) => boolean = () => true,
): Promise<MimiRequest[]> {
  const real = system.provider(to);
  const held: MimiRequest[] = [];
  system.network.register(to, {
    handle: async (request) => {
      if (request.endpoint === endpoint && matches(request)) {
        held.push({ ...request, body: request.body.slice() });
        return { status: answer.status, body: answer.body.slice() };
      }
      return real.handle(request);
    },
  });
  try {
    await action();
  } finally {
    system.network.register(to, real);
  }
  return held;
}

/** Runs `action` and records the answers `from` gives to `endpoint` requests (as delivered). */
export async function recordAnswers(system: MimiSystem, from: string, endpoint: EndpointName, action: () => Promise<unknown>): Promise<{ request: MimiRequest; response: MimiResponse }[]> {
  const seen: { request: MimiRequest; response: MimiResponse }[] = [];
  const stop = system.network.addObserver((to, request) =>
    to === from && request.endpoint === endpoint ? (response) => void seen.push({ request, response }) : undefined,
  );
  try {
    await action();
  } finally {
    stop();
  }
  return seen;
}
