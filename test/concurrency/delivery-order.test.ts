// The order in which held requests reach the hub: each pick chooses among the requests still held (modulo
// their number), and under may-omit a batch's proposals go after its commits (docs/rules.md "Races").
import { describe, expect, it } from "vitest";
import { deliveryOrder } from "../../properties/concurrency/run-concurrent.js";

const kinds = (...k: string[]) => k.map((kind) => ({ kind }));

describe("delivery order", () => {
  it("picks index the requests still held, 0 being the earliest built; what is left goes last", async () => {
    expect(await deliveryOrder(kinds("commit", "commit"), [0], false)).toEqual([0, 1]);
    expect(await deliveryOrder(kinds("commit", "commit"), [1], false)).toEqual([1, 0]);
    expect(await deliveryOrder(kinds("commit", "message", "commit"), [2, 0], false)).toEqual([2, 0, 1]);
    expect(await deliveryOrder(kinds("commit", "message", "commit"), [4, 1], false)).toEqual([1, 2, 0]);
    // Picks beyond the held requests (parts that were skipped or refused locally) are not used.
    expect(await deliveryOrder(kinds("message"), [1, 1], false)).toEqual([0]);
  });

  it("under may-omit, proposals reach the hub after the batch's commits, the rest in the picked order", async () => {
    expect(await deliveryOrder(kinds("commit", "proposals"), [1], true)).toEqual([0, 1]);
    expect(await deliveryOrder(kinds("proposals", "message", "commit"), [0, 1], true)).toEqual([2, 1, 0]);
    expect(await deliveryOrder(kinds("proposals", "commit"), [0], false)).toEqual([0, 1]);
  });
});
