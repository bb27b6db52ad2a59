// Where the structure of a valid request sits in its bytes: its `<V>` vectors (length prefix and body)
// and its MLS sub-structs (KeyPackages, GroupInfos, MLSMessages, …). Found once per corpus request, from
// the request's bytes and its decoded value (vector-locator.ts, struct-locator.ts); the structure-aware
// mutators pick their positions from it.

/** A `<V>` vector: a minimal varint length prefix at `at`, then `length` bytes of body. */
export interface VectorField {
  at: number;
  prefixSize: 1 | 2 | 4;
  length: number;
  /** Offset just past the body. */
  end: number;
  /** True when the body is a value of the decoded request (an opaque field or a string), not a list. */
  leaf: boolean;
}

/** A whole MLS sub-struct as its encoder writes it. */
export interface StructField {
  kind: StructKind;
  at: number;
  end: number;
}

export type StructKind = "KeyPackage" | "GroupInfo" | "MLSMessage" | "Welcome" | "RatchetTree" | "Credential" | "LeafNode";

export interface Layout {
  /** Sorted by `at`. */
  vectors: VectorField[];
  structs: StructField[];
}

/** The vectors that strictly enclose the span [from, to), outermost first. */
export function enclosingVectors(layout: Layout, from: number, to: number): VectorField[] {
  return layout.vectors.filter((v) => v.at + v.prefixSize <= from && to <= v.end && !(v.at === from && v.end === to)).sort((a, b) => a.at - b.at || b.end - a.end);
}
