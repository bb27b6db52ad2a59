// TLS `enum { ... (255) }` types: one byte on the wire, a string-literal name in TypeScript.
// Every MIMI enum has a (255) bound, so uint8 is the only width needed here.

import { CodecError } from "./codec-error.js";

export interface Enumeration<Name extends string> {
  /** The TLS type name, for error messages. */
  readonly typeName: string;
  readonly codeOf: Readonly<Record<Name, number>>;
  readonly nameOf: ReadonlyMap<number, Name>;
}

/**
 * Declares a uint8 enum. Leave `reserved(0)` and other values that must never appear on the wire out
 * of `codes`; decoding them then fails with `invalidValue`.
 */
export function enumeration<const Codes extends Record<string, number>>(
  typeName: string,
  codes: Codes,
): Enumeration<Extract<keyof Codes, string>> {
  const nameOf = new Map<number, Extract<keyof Codes, string>>();
  for (const [name, code] of Object.entries(codes)) {
    if (!Number.isInteger(code) || code < 0 || code > 0xff || nameOf.has(code)) {
      throw new Error(`enumeration ${typeName}: bad or duplicate code ${code} for ${name}`);
    }
    nameOf.set(code, name as Extract<keyof Codes, string>);
  }
  return { typeName, codeOf: codes, nameOf };
}

export function enumCode<Name extends string>(e: Enumeration<Name>, name: Name): number {
  const code = Object.prototype.hasOwnProperty.call(e.codeOf, name) ? e.codeOf[name] : undefined;
  if (code === undefined) throw new CodecError("invalidValue", `${String(name)} is not a ${e.typeName}`);
  return code;
}

export function enumName<Name extends string>(e: Enumeration<Name>, code: number): Name {
  const name = e.nameOf.get(code);
  if (name === undefined) throw new CodecError("invalidValue", `${code} is not a valid ${e.typeName}`);
  return name;
}
