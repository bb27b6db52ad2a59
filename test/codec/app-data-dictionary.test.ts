import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { componentDataOf, decodeAppDataDictionary, encodeAppDataDictionary } from "../../impl/codec/app-data-dictionary.js";
import { COMPONENT_PARTICIPANT_LIST, COMPONENT_ROLES_LIST, COMPONENT_ROOM_METADATA, EXTENSION_APP_DATA_DICTIONARY, PROPOSAL_APP_DATA_UPDATE } from "../../impl/codec/code-points.js";
import { expectCodecError, expectOnlyCodecErrorsUnderMutation, expectEveryPrefixTruncated, expectTrailingByteRejected, addCounts, expectReencodingExercised, NO_COUNTS } from "./helpers/codec-assertions.js";
import { appDataDictionary, componentData } from "./helpers/room-arbitraries.js";

describe("AppDataDictionary", () => {
  it("round-trips sorted dictionaries", () => {
    fc.assert(fc.property(appDataDictionary, (dictionary) => {
      expect(decodeAppDataDictionary(encodeAppDataDictionary(dictionary))).toEqual(dictionary);
    }), { seed: 9420 });
  });

  it("sorts entries when encoding", () => {
    fc.assert(fc.property(appDataDictionary.chain((d) => fc.shuffledSubarray(d.componentData, { minLength: d.componentData.length }).map((s) => [d, s] as const)), ([sorted, shuffled]) => {
      expect(encodeAppDataDictionary({ componentData: shuffled })).toEqual(encodeAppDataDictionary(sorted));
    }), { seed: 9420 });
  });

  it("refuses to encode two entries for one component", () => {
    expectCodecError(() => encodeAppDataDictionary({ componentData: [
      { componentId: 0x22, data: new Uint8Array([1]) },
      { componentId: 0x22, data: new Uint8Array([2]) },
    ] }), "invalidValue");
  });

  it("rejects unsorted or duplicate entries when decoding", () => {
    const unsorted = Uint8Array.from([8, 0, 0x25, 1, 0xaa, 0, 0x22, 1, 0xbb]);
    expectCodecError(() => decodeAppDataDictionary(unsorted), "invalidValue");
    const duplicate = Uint8Array.from([8, 0, 0x22, 1, 0xaa, 0, 0x22, 1, 0xbb]);
    expectCodecError(() => decodeAppDataDictionary(duplicate), "invalidValue");
    const sorted = Uint8Array.from([8, 0, 0x22, 1, 0xaa, 0, 0x25, 1, 0xbb]);
    expect(decodeAppDataDictionary(sorted).componentData.map((c) => c.componentId)).toEqual([0x22, 0x25]);
  });

  it("finds a component's data", () => {
    const dictionary = { componentData: [{ componentId: 0x22, data: Uint8Array.from([1]) }] };
    expect(componentDataOf(dictionary, 0x22)).toEqual(Uint8Array.from([1]));
    expect(componentDataOf(dictionary, 0x25)).toBeUndefined();
  });

  it("rejects truncation, trailing bytes, overlong data and garbage with CodecErrors", () => {
    let seen = NO_COUNTS;
    fc.assert(fc.property(appDataDictionary, (dictionary) => {
      const bytes = encodeAppDataDictionary(dictionary);
      expectEveryPrefixTruncated(bytes, decodeAppDataDictionary);
      expectTrailingByteRejected(bytes, decodeAppDataDictionary);
      seen = addCounts(seen, expectOnlyCodecErrorsUnderMutation(bytes, decodeAppDataDictionary, encodeAppDataDictionary, 10));
    }), { seed: 9420, numRuns: 30 });
    expectCodecError(() => decodeAppDataDictionary(Uint8Array.from([4, 0, 0x22, 5, 0xaa, 0, 0, 0, 0, 0])), "lengthOverflow");
    expectReencodingExercised(seen);
  });

  it("any entry list decodes only if strictly sorted", () => {
    fc.assert(fc.property(fc.array(componentData, { maxLength: 5 }), (entries) => {
      const bytes = new Uint8Array([...encodeVector(entries)]);
      const ids = entries.map((e) => e.componentId);
      const sorted = ids.every((id, i) => i === 0 || id > ids[i - 1]);
      if (sorted) expect(decodeAppDataDictionary(bytes).componentData).toEqual(entries);
      else expectCodecError(() => decodeAppDataDictionary(bytes), "invalidValue");
    }), { seed: 9420 });
  });

  it("exports the project's code points", () => {
    expect([COMPONENT_PARTICIPANT_LIST, COMPONENT_ROOM_METADATA, COMPONENT_ROLES_LIST, EXTENSION_APP_DATA_DICTIONARY, PROPOSAL_APP_DATA_UPDATE])
      .toEqual([0x22, 0x23, 0x25, 0x06, 0x08]);
  });
});

// The raw vector, without the encoder's sorting, to feed the decoder unsorted input.
function encodeVector(entries: { componentId: number; data: Uint8Array }[]): Uint8Array {
  const body: number[] = [];
  for (const e of entries) {
    body.push(e.componentId >> 8, e.componentId & 0xff);
    if (e.data.length >= 64) body.push(0x40 | (e.data.length >> 8), e.data.length & 0xff);
    else body.push(e.data.length);
    body.push(...e.data);
  }
  const prefix = body.length >= 64 ? [0x40 | (body.length >> 8), body.length & 0xff] : [body.length];
  return Uint8Array.from([...prefix, ...body]);
}
