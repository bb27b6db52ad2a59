// Text placed in HTML or XML. Everything a report shows comes from runs (step words, messages, names),
// so every piece of it goes through here: nothing in it can open a tag, close an attribute or end a
// script.

/** Text for HTML content or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/**
 * Text for XML 1.0 content or a quoted attribute value: the five markup characters as entities, and the
 * characters XML 1.0 does not allow at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF) replaced by
 * U+FFFD, since no escape can carry them. Tabs and line breaks in attributes are written as character
 * references so that a parser hands them back instead of normalising them to spaces.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "\uFFFD")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");
}

/** JSON for a `<script type="application/json">` element: `<` escaped so that nothing in it can end the element. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}
