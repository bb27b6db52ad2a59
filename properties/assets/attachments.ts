// Attachments in room runs (content §4.5, protocol §5.10.2): a sending client encrypts its bytes with
// AES-128-GCM under a fresh key and nonce, uploads the ciphertext to its provider's asset server, and sends
// the ExternalPart naming it; then a client that received it downloads it through the hub's /proxyDownload
// (from its own provider) and decrypts it. Each download is recorded for P40 (honest downloads open) and
// the hub's fetches are judged by P36 (impl/proxy, properties/invariants/asset-policy.ts).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { DownloadProxy } from "../../impl/proxy/download-proxy.js";
import { AEAD_AES_128_GCM, HASH_SHA256 } from "../../impl/content/external-part.js";
import { DISPOSITIONS } from "../../impl/content/disposition.js";
import type { NestedPart } from "../../impl/content/nested-part.js";
import type { AssetPolicyData } from "../../impl/codec/asset-policy.js";
import { domainOf } from "../../impl/identity/mimi-uri.js";
import { verdictCode } from "../../impl/transport/outcomes.js";
import type { MimiSystem } from "../../impl/system/mimi-system.js";
import type { MimiResponse } from "../../impl/transport/mimi-request.js";
import { assetServers, runAssetPolicy, type AssetServers } from "./asset-servers.js";

type ExternalPart = Extract<NestedPart, { kind: "external" }>;

const TAG_BYTES = 16;

/** AES-128-GCM of `plaintext` (RFC 5116: ciphertext then the 16-octet tag). */
export function seal(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const cipher = createCipheriv("aes-128-gcm", key, nonce);
  return new Uint8Array(Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]));
}

/** The plaintext of `sealed`, or undefined when it does not authenticate. */
export function open(key: Uint8Array, nonce: Uint8Array, sealed: Uint8Array): Uint8Array | undefined {
  if (sealed.length < TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv("aes-128-gcm", key, nonce);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return new Uint8Array(Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]));
  } catch {
    return undefined;
  }
}

/** An ExternalPart for `url` under `key` and `nonce`; its hash is SHA-256 of the plaintext. */
export function externalPart(url: string, key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, sealedLength: number): ExternalPart {
  return {
    kind: "external", disposition: DISPOSITIONS.attachment, language: "", contentType: "application/octet-stream", url, expires: 0, size: BigInt(sealedLength),
    encAlg: AEAD_AES_128_GCM, key, nonce, aad: new Uint8Array(0), hashAlg: HASH_SHA256, contentHash: new Uint8Array(createHash("sha256").update(plaintext).digest()), description: "", filename: "attachment.bin",
  };
}

/** One download a run made through the hub. */
export interface DownloadRecord {
  readonly sender: string;
  readonly receiver: string;
  readonly url: string;
  /** The hub's HTTP status. */
  readonly status: number;
  /** The bytes came back and decrypted to what the sender uploaded. */
  readonly opened: boolean;
}

interface DeploymentAssets {
  readonly servers: AssetServers;
  /** Requests the servers had received before this deployment started. */
  readonly requestsBefore: number;
  readonly downloads: DownloadRecord[];
  /** Requests made to the hub's /proxyDownload, honest or not. */
  asked: number;
  /** A download command's receiver index, armed for the next message its step sends. */
  armed?: number;
}

const deployments = new WeakMap<MimiSystem, DeploymentAssets>();

/** What a run's deployment needs for attachments: the hub's download proxy (nothing configured: it fetches
 * only from the rooms' asset_policy) and the asset_policy its rooms carry. */
export async function runAssets(): Promise<{ downloadProxy: DownloadProxy; policy: AssetPolicyData; servers: AssetServers }> {
  const servers = await assetServers();
  const downloadProxy = new DownloadProxy({ policy: new Map(), hosts: servers.hosts, ports: servers.ports, ca: servers.ca, timeoutMs: 2_000 });
  return { downloadProxy, policy: runAssetPolicy(servers), servers };
}

/** Starts following `system`'s attachments (its asset servers' requests from now on, its downloads). */
export function watchAssets(system: MimiSystem, servers: AssetServers): void {
  deployments.set(system, { servers, requestsBefore: servers.requests.length, downloads: [], asked: 0 });
}

/** The asset servers' requests since `system` started, and its downloads; undefined when it has none. */
export function assetsOf(system: MimiSystem): { servers: AssetServers; requests: AssetServers["requests"]; downloads: readonly DownloadRecord[]; asked: number } | undefined {
  const d = deployments.get(system);
  return d === undefined ? undefined : { servers: d.servers, requests: d.servers.requests.slice(d.requestsBefore), downloads: d.downloads, asked: d.asked };
}

/** The hub's answers to /proxyDownload in this process, by status: what tests put floors on. */
export const PROXY_ANSWERS = new Map<number, number>();

/** `domain`'s provider asks the hub of `roomId` for the asset at `url` (GET /proxyDownload, §5.10.2). */
export async function askProxy(system: MimiSystem, roomId: string, domain: string, url: string): Promise<MimiResponse> {
  const d = deployments.get(system);
  if (d !== undefined) d.asked += 1;
  const answer = await system.provider(domain).proxyDownload(roomId, url);
  PROXY_ANSWERS.set(answer.status, (PROXY_ANSWERS.get(answer.status) ?? 0) + 1);
  return answer;
}

/** The next message `system`'s runner sends carries an attachment, which the `receiver`-th client that
 * gets it downloads; undefined disarms it. */
export function armAttachment(system: MimiSystem, receiver: number | undefined): void {
  const d = deployments.get(system);
  if (d !== undefined) d.armed = receiver;
}

/** The armed attachment send, if a download command armed one (taken: the next message is plain again). */
export function takeArmedAttachment(system: MimiSystem, roomId: string): ((clientUri: string) => Promise<string>) | undefined {
  const d = deployments.get(system);
  const receiver = d?.armed;
  if (d === undefined || receiver === undefined) return undefined;
  d.armed = undefined;
  return (clientUri) => sendAndDownload(system, d, roomId, clientUri, receiver);
}

let counter = 0;

async function sendAndDownload(system: MimiSystem, d: DeploymentAssets, roomId: string, clientUri: string, receiverIndex: number): Promise<string> {
  const sender = system.client(clientUri);
  const plaintext = new TextEncoder().encode(`attachment ${++counter} of ${sender.user}`);
  const key = new Uint8Array(randomBytes(16));
  const nonce = new Uint8Array(randomBytes(12));
  const sealed = seal(key, nonce, plaintext);
  const url = await d.servers.upload(domainOf(sender.uri)!, sealed);
  const part = externalPart(url, key, nonce, plaintext, sealed.length);
  const outcome = await sender.sendAttachment(roomId, part);
  if (outcome.code !== "accepted") return verdictCode(outcome);
  const id = sender.session(roomId)!.ownMessages.at(-1)!.messageId;
  const heldBy = system.allClients().filter((c) => c.uri !== sender.uri && (c.session(roomId)?.received.some((m) => m.messageId !== undefined && Buffer.compare(m.messageId, id) === 0) ?? false));
  const receiver = heldBy.length === 0 ? undefined : heldBy[receiverIndex % heldBy.length]!;
  if (receiver !== undefined) d.downloads.push({ sender: sender.uri, receiver: receiver.uri, url, ...(await download(system, roomId, receiver.uri, part, plaintext)) });
  return verdictCode(outcome);
}

/** `receiverUri` asks the hub, through its own provider, for the asset `part` names, and opens it. */
async function download(system: MimiSystem, roomId: string, receiverUri: string, part: ExternalPart, plaintext: Uint8Array): Promise<{ status: number; opened: boolean }> {
  const answer = await askProxy(system, roomId, domainOf(receiverUri)!, part.url);
  const opened = answer.status === 200 ? open(part.key, part.nonce, answer.body) : undefined;
  return { status: answer.status, opened: opened !== undefined && Buffer.compare(opened, plaintext) === 0 };
}
