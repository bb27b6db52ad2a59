// A small strict XML reader for the reports' tests: elements, quoted attributes, text, the five named
// entities and character references, an optional XML declaration. Anything else — a bare `<` or `&`, an
// unknown entity, an unquoted or repeated attribute, a mismatched or unclosed tag, a character XML 1.0
// forbids, a second root — throws, naming where.

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own text (not its children's), entities decoded. */
  readonly text: string;
}

const NAME = /^[A-Za-z_][\w.-]*/;
const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decode(raw: string, at: number): string {
  if (/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(raw)) throw new Error(`character XML 1.0 forbids near offset ${at}`);
  if (raw.includes("<")) throw new Error(`bare '<' near offset ${at}`);
  return raw.replace(/&([^;]*);|&/g, (whole, ref: string | undefined) => {
    if (ref === undefined) throw new Error(`bare '&' near offset ${at}`);
    if (ref in NAMED) return NAMED[ref]!;
    const code = /^#x[0-9A-Fa-f]+$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#\d+$/.test(ref) ? Number(ref.slice(1)) : NaN;
    if (Number.isNaN(code)) throw new Error(`unknown entity ${whole} near offset ${at}`);
    const char = String.fromCodePoint(code);
    if (/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(char)) throw new Error(`character reference ${whole} to a forbidden character`);
    return char;
  });
}

/** Parses `xml` strictly; answers its root element. */
export function parseStrictXml(xml: string): XmlElement {
  let i = 0;
  const skipSpace = () => {
    while (i < xml.length && /\s/.test(xml[i]!)) i += 1;
  };
  if (xml.startsWith("<?xml")) {
    const end = xml.indexOf("?>");
    if (end < 0 || !/^<\?xml version="1\.0"( encoding="UTF-8")?\?>$/.test(xml.slice(0, end + 2))) throw new Error("malformed XML declaration");
    i = end + 2;
  }
  skipSpace();

  function element(): XmlElement {
    if (xml[i] !== "<") throw new Error(`expected '<' at offset ${i}`);
    i += 1;
    const name = NAME.exec(xml.slice(i))?.[0];
    if (name === undefined) throw new Error(`expected an element name at offset ${i}`);
    i += name.length;
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = i;
      skipSpace();
      if (xml.startsWith("/>", i)) {
        i += 2;
        return { name, attributes, children: [], text: "" };
      }
      if (xml[i] === ">") {
        i += 1;
        break;
      }
      if (i === before) throw new Error(`expected a space before an attribute at offset ${i}`);
      const attr = NAME.exec(xml.slice(i))?.[0];
      if (attr === undefined) throw new Error(`expected an attribute name at offset ${i}`);
      i += attr.length;
      if (xml[i] !== "=" || (xml[i + 1] !== '"' && xml[i + 1] !== "'")) throw new Error(`attribute ${attr} is not ="quoted" at offset ${i}`);
      const quote = xml[i + 1]!;
      const end = xml.indexOf(quote, i + 2);
      if (end < 0) throw new Error(`unterminated attribute ${attr}`);
      if (attr in attributes) throw new Error(`attribute ${attr} repeated on <${name}>`);
      attributes[attr] = decode(xml.slice(i + 2, end), i);
      i = end + 1;
    }
    const children: XmlElement[] = [];
    let text = "";
    for (;;) {
      const next = xml.indexOf("<", i);
      if (next < 0) throw new Error(`<${name}> is never closed`);
      text += decode(xml.slice(i, next), i);
      i = next;
      if (xml.startsWith("</", i)) {
        const close = `</${name}>`;
        if (!xml.startsWith(close, i)) throw new Error(`expected ${close} at offset ${i}, found ${xml.slice(i, i + 30)}`);
        i += close.length;
        return { name, attributes, children, text };
      }
      children.push(element());
    }
  }

  const root = element();
  skipSpace();
  if (i !== xml.length) throw new Error(`content after the root element at offset ${i}`);
  return root;
}
