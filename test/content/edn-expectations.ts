// Reads the expected values the draft's example files state in their EDN text (test/vectors/mimi-content):
// the `# message ID = h'…'` header, the `h'…' # salt` / `# inReplyTo` / `# replaces` lines, the extension
// URIs, and the seven values of implied-original.edn. Plain text parsing, independent of the codec.
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

export const VECTOR_DIR = fileURLToPath(new URL("../vectors/mimi-content/", import.meta.url));

export function vectorNames(): string[] {
  return readdirSync(VECTOR_DIR)
    .filter((f) => f.endsWith(".cbor"))
    .map((f) => f.slice(0, -".cbor".length))
    .sort();
}

export function readCbor(name: string): Uint8Array {
  return new Uint8Array(readFileSync(`${VECTOR_DIR}${name}.cbor`));
}

export function readEdn(name: string): string {
  return readFileSync(`${VECTOR_DIR}${name}.edn`, "utf8");
}

/** Hex of an h'…' literal starting at `from` in `text` (whitespace and line breaks inside ignored). */
function hexLiteralAt(text: string, from: number): string {
  const open = text.indexOf("h'", from);
  const close = text.indexOf("'", open + 2);
  return text.slice(open + 2, close).replace(/#[^\n]*/g, "").replace(/\s/g, "").toLowerCase();
}

/** The message ID the header comment states (`# message ID = h'…'` continued on a `#` line). */
export function headerMessageId(edn: string): string {
  const m = /# message ID = h'([0-9a-f]+)\s*\n#\s*([0-9a-f]+)'/i.exec(edn);
  if (m === null) throw new Error("no message ID header");
  return (m[1] + m[2]).toLowerCase();
}

/** The h'…' literal on the line (or line pair) whose comment starts with `# <field>`. */
export function fieldHex(edn: string, field: "salt" | "replaces" | "inReplyTo"): string | null {
  const lines = edn.split("\n");
  const i = lines.findIndex((l) => new RegExp(`#\\s*${field}\\b`).test(l) && !/^\s*#/.test(l));
  if (i < 0) throw new Error(`no ${field} line`);
  if (/^\s*null,/.test(lines[i])) return null;
  return hexLiteralAt(lines.slice(i).join("\n"), 0);
}

/** The text of extension key `key` (`1: "…"`). */
export function extensionText(edn: string, key: 1 | 2): string {
  const m = new RegExp(`\\n\\s*${key}: "([^"]*)"`).exec(edn);
  if (m === null) throw new Error(`no extension ${key}`);
  return m[1];
}

/** The seven values of implied-original.edn, in order, with its `/ … /` comments dropped. */
export function impliedValues(edn: string): (string | number)[] {
  const text = edn.replace(/\/ [^/\n]* \//g, ""); // `/ comment /`, not the slashes of a URI
  const out: (string | number)[] = [];
  const token = /h'([^']*)'|"([^"]*)"|(\d+)/g;
  for (let m = token.exec(text); m !== null; m = token.exec(text)) {
    if (m[1] !== undefined) out.push(m[1].replace(/\s/g, "").toLowerCase());
    else if (m[2] !== undefined) out.push(m[2]);
    else out.push(Number(m[3]));
  }
  return out;
}

export function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}
