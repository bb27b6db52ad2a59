// The deployment the fuzzer attacks: hub a.example, followers b.example and c.example (the three-provider
// set-up of test/flows/helpers.ts), and a room that has seen every kind of request: Alice (admin, a.example)
// adds Bob (b.example) with his client, Cathy (c.example) with one of her two, Dave (c.example), who then
// leaves through a proposal bundle that Alice commits; Cathy's second client joins by external commit;
// Bob, Cathy and Alice send messages. Every exchange is kept: they are the replays (requests of earlier
// epochs, requests already accepted). Bob's tablet, Erin (b.example) and Frank (c.example) exist on their
// providers but not in the room, for the requests captured next (endpoint-targets.ts).
import { threeProviders, ALICE, BOB, CATHY, ROOM, ROLE } from "../../test/flows/helpers.js";
import type { MimiClient } from "../../impl/client/client.js";
import type { HubConfig } from "../../impl/hub/hub-config.js";
import type { MimiSystem } from "../../impl/system/mimi-system.js";
import type { LoggedExchange } from "../../impl/transport/in-process-network.js";
import type { SubmitOutcome, UpdateOutcome } from "../../impl/transport/outcomes.js";

export { ALICE, BOB, CATHY, ROOM, ROLE };
export const DAVE = "mimi://c.example/u/dave";
export const ERIN = "mimi://b.example/u/erin";
export const FRANK = "mimi://c.example/u/frank";

export interface FuzzClients {
  alice: MimiClient;
  bob: MimiClient;
  cathy: MimiClient;
  cathyPhone: MimiClient;
  dave: MimiClient;
  bobTablet: MimiClient;
  erin: MimiClient;
  frank: MimiClient;
}

export interface FuzzDeployment {
  system: MimiSystem;
  clients: FuzzClients;
  /** Every exchange of the set-up, in order, with its answer. */
  exchanges: LoggedExchange[];
}

async function expectAccepted(what: string, outcome: Promise<UpdateOutcome | SubmitOutcome>): Promise<void> {
  const o = await outcome;
  if (o.code !== "success" && o.code !== "accepted") throw new Error(`fuzz deployment: ${what} was not accepted (${o.code})`);
}

/** Builds the deployment (see the file comment); `hubConfig` may plant a hub defect. */
export async function buildFuzzDeployment(hubConfig?: HubConfig): Promise<FuzzDeployment> {
  const { system, alice, bob, cathy } = await threeProviders(hubConfig);
  const exchanges: LoggedExchange[] = [];
  const stopRecording = system.network.addObserver((to, request) => (response) => void exchanges.push({ to, request, response }));
  const cathyPhoneUri = "mimi://c.example/d/cathy/phone";
  const dave = system.addClient("mimi://c.example/d/dave/desk");
  await expectAccepted("Alice adds Bob", alice.addParticipant(ROOM, BOB, ROLE.ordinaryUser, true));
  const cathyPhone = system.addClient(cathyPhoneUri);
  await expectAccepted("Alice adds Cathy's laptop", alice.addParticipant(ROOM, CATHY, ROLE.ordinaryUser, ["mimi://c.example/d/cathy/laptop"]));
  await expectAccepted("Bob's message", bob.sendMessage(ROOM, "hello"));
  await expectAccepted("Alice adds Dave", alice.addParticipant(ROOM, DAVE, ROLE.ordinaryUser, true));
  await expectAccepted("Dave leaves", dave.proposeLeave(ROOM));
  await expectAccepted("Alice commits Dave's leave", alice.selfUpdate(ROOM));
  await expectAccepted("Cathy's phone joins", cathyPhone.joinByExternalCommit(ROOM));
  await expectAccepted("Cathy's message", cathy.sendMessage(ROOM, "hi all"));
  await expectAccepted("Alice's message", alice.sendMessage(ROOM, "welcome"));
  stopRecording();
  const bobTablet = system.addClient("mimi://b.example/d/bob/tablet");
  const erin = system.addClient("mimi://b.example/d/erin/phone");
  const frank = system.addClient("mimi://c.example/d/frank/phone");
  return { system, clients: { alice, bob, cathy, cathyPhone, dave, bobTablet, erin, frank }, exchanges };
}
