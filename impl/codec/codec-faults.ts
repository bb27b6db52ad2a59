// Planted defects in the codec. Each switch turns one canonical-encoding check off, so a test can show
// that the check is what refuses non-canonical bytes at the MIMI endpoints and that the codec
// properties catch its absence. All off by default; only tests turn them on, and turn them off again.

/** The codec's planted-defect switches (module state: one codec per process). */
export interface CodecFaults {
  /** Accept a varint in more bytes than its value needs (RFC 9420 §2.1.2 forbids it). */
  acceptNonMinimalVarint: boolean;
  /** Accept an MLS structure decoded by ts-mls even when it does not re-encode to the bytes it was read from. */
  skipMlsReencodeCheck: boolean;
}

/** The codec's switches, read on every decode. Tests set a field and restore it when done. */
export const codecFaults: CodecFaults = { acceptNonMinimalVarint: false, skipMlsReencodeCheck: false };

/** Every codec fault by name, with one line on what it does. */
export const CODEC_FAULTS = {
  acceptNonMinimalVarint: "accept a varint longer than its minimal encoding (RFC 9420 §2.1.2)",
  skipMlsReencodeCheck: "accept an MLS structure that does not re-encode to the bytes it came from",
} as const satisfies Record<keyof CodecFaults, string>;

/** Runs `body` with one codec fault switched on, and switches it off again however `body` ends. */
export async function withCodecFault<R>(fault: keyof CodecFaults, body: () => R | Promise<R>): Promise<R> {
  const before = codecFaults[fault];
  codecFaults[fault] = true;
  try {
    return await body();
  } finally {
    codecFaults[fault] = before;
  }
}
