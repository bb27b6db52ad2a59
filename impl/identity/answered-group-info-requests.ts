// The GroupInfo requests a hub answered, per room, for binding an external commit to the request before
// it (digest §2.6 H14: "the joiner's credential should match the one in its earlier GroupInfoRequest",
// protocol §5.6). A request is signed with the requester's signature key and names its client in its
// credential; the external commit that follows must come from the same client with the same key. Only
// requests answered in the room's current epoch count: the GroupInfo served is that epoch's, and an
// external commit for any other epoch is refused on its epoch alone.

/** One answered request: the requester's client URI and signature public key. */
interface AnsweredRequest {
  readonly client: string;
  readonly signatureKey: Uint8Array;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** What a hub answered on /groupInfo, per room, in each room's current epoch. */
export class AnsweredGroupInfoRequests {
  private readonly byRoom = new Map<string, { epoch: bigint; requests: AnsweredRequest[] }>();

  /** Record a request answered with the GroupInfo of `epoch`. */
  record(roomId: string, epoch: bigint, client: string, signatureKey: Uint8Array): void {
    const entry = this.byRoom.get(roomId);
    if (entry === undefined || entry.epoch !== epoch) this.byRoom.set(roomId, { epoch, requests: [{ client, signatureKey }] });
    else entry.requests.push({ client, signatureKey });
  }

  /**
   * Why an external commit in `epoch` whose joiner leaf names `client` with `signatureKey` is not bound to
   * a request answered in that epoch, or undefined when it is.
   */
  refusal(roomId: string, epoch: bigint, client: string, signatureKey: Uint8Array): string | undefined {
    const entry = this.byRoom.get(roomId);
    const requests = entry?.epoch === epoch ? entry.requests : [];
    if (requests.some((r) => r.client === client && sameBytes(r.signatureKey, signatureKey))) return undefined;
    const sameClient = requests.some((r) => r.client === client);
    return sameClient
      ? `the joiner ${client} signs with another key than its GroupInfo request`
      : `no GroupInfo request of ${client} was answered in epoch ${epoch}`;
  }
}
