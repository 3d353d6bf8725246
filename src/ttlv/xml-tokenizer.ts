/**
 * A small, strict, bounded XML reader for the KMIP XML encoding (the "XML
 * Encoding" of the KMIP Profiles v1.4 and v2.1, first defined in KMIP
 * Additional Message Encodings v1.0 §6.1).
 *
 * KMIP XML carries every value in attributes (`<Tag type="..." value="..."/>`),
 * so this reader accepts only the subset of XML 1.0 that the encoding needs:
 * an optional XML declaration, elements, attributes in double or single quotes,
 * self-closing tags, comments, whitespace between elements, and the five
 * predefined entities plus decimal and hexadecimal character references.
 *
 * Everything else is refused with a {@link KmipXmlError} carrying the input
 * offset: DOCTYPE (and with it every entity-expansion attack), CDATA, processing
 * instructions other than the leading declaration, and non-whitespace text
 * content. Namespaces are not resolved (a ':' is just a name character).
 *
 * The reader runs with an explicit stack (no recursion) and checks every limit
 * before it allocates or descends; see {@link XmlLimits}.
 */

/** Why XML text was refused. */
export const kmipXmlErrorCodes = {
  syntax: "text that is not well-formed XML in the subset KMIP uses",
  unsupported: "an XML feature the KMIP encoding does not use (DOCTYPE, CDATA, processing instruction, text content)",
  "bad-entity": "an unknown entity or a character reference to a character XML does not allow",
  "too-deep": "elements nested deeper than maxDepth",
  "too-many-items": "more elements than maxItems",
  "too-large": "input longer than maxBytes (UTF-8)",
  "too-many-attributes": "an element with more attributes than the KMIP encoding can use",
  "bad-tag": "an element name or tag attribute that is not a known KMIP tag or a 0x42XXXX/0x54XXXX hex tag",
  "bad-type": "a type attribute that is not a KMIP item type name, or children inside a non-Structure",
  "bad-value": "a value attribute that does not parse as its type, or that is missing",
  "bad-text": "a Text String holding characters XML 1.0 cannot carry",
} as const;
export type KmipXmlErrorCode = keyof typeof kmipXmlErrorCodes;

/** Bad KMIP XML. `offset` is the UTF-16 offset in the input where the fault was found (-1 when encoding). */
export class KmipXmlError extends Error {
  override readonly name = "KmipXmlError";
  readonly code: KmipXmlErrorCode;
  readonly offset: number;

  constructor(code: KmipXmlErrorCode, offset: number, detail?: string) {
    super(`KMIP XML ${code}${offset >= 0 ? ` at offset ${offset}` : ""}: ${detail ?? kmipXmlErrorCodes[code]}`);
    this.code = code;
    this.offset = offset;
  }
}

/**
 * Limits for KMIP XML and JSON text. Each names the attack it stops.
 */
export interface TextCodecLimits {
  /**
   * Deepest element (or JSON object) nesting; the outermost is depth 1.
   * Stops stack exhaustion and quadratic work from nesting bombs.
   */
  readonly maxDepth: number;
  /**
   * Most elements (items) in one document.
   * Stops object-count amplification (`<a/>` is 4 bytes per heap object).
   */
  readonly maxItems: number;
  /**
   * Largest input in UTF-8 bytes. Stops memory exhaustion, and bounds every
   * attribute value (a huge hex ByteString cannot exceed it).
   */
  readonly maxBytes: number;
}

/**
 * Defaults: same depth and item count as the binary decoder's defaults
 * (`defaultTtlvLimits`), and 16 MiB of text, room for a 4 MiB TTLV message
 * whose byte strings double in size as hex and whose tags become names.
 */
export const defaultTextCodecLimits: TextCodecLimits = Object.freeze({
  maxDepth: 32,
  maxItems: 100_000,
  maxBytes: 16 * 1024 * 1024,
});

/**
 * Highest accepted maxDepth: the element-to-item conversion recurses once per
 * level, and 1000 frames stay far below any JavaScript engine's stack limit.
 */
export const MAX_DEPTH_CEILING = 1000;

/** Fills `partial` from the defaults; a bad limit is a programming error (TypeError). */
export function resolveTextCodecLimits(partial?: Partial<TextCodecLimits>): TextCodecLimits {
  if (partial === undefined) return defaultTextCodecLimits;
  const limits: TextCodecLimits = {
    maxDepth: partial.maxDepth ?? defaultTextCodecLimits.maxDepth,
    maxItems: partial.maxItems ?? defaultTextCodecLimits.maxItems,
    maxBytes: partial.maxBytes ?? defaultTextCodecLimits.maxBytes,
  };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new TypeError(`KMIP text codec limit ${name} must be a positive safe integer, got ${String(value)}`);
    }
  }
  if (limits.maxDepth > MAX_DEPTH_CEILING) {
    throw new TypeError(`KMIP text codec limit maxDepth must be at most ${MAX_DEPTH_CEILING}`);
  }
  return limits;
}

/**
 * KMIP elements use at most `tag`, `type` and `value`; a few more are tolerated
 * so that the KMIP layer, not the tokenizer, reports them. Bounds per-element work.
 */
export const MAX_ATTRIBUTES_PER_ELEMENT = 8;

/** One parsed element. Attribute values are entity-decoded. */
export interface XmlElement {
  readonly name: string;
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  /** Offset of the element's `<` in the input. */
  readonly offset: number;
}

/** UTF-8 length of a JS string, stopping early once past `cap`. */
function utf8LengthExceeds(text: string, cap: number): boolean {
  if (text.length > cap) return true;
  if (text.length * 3 <= cap) return false;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
    if (bytes > cap) return true;
  }
  return false;
}

const isNameStart = (c: number): boolean =>
  (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x3a;
const isNameChar = (c: number): boolean => isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;
const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/** XML 1.0 §2.2 Char production. */
export function isXmlChar(cp: number): boolean {
  return (
    cp === 0x09 ||
    cp === 0x0a ||
    cp === 0x0d ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

const predefinedEntities: ReadonlyMap<string, string> = new Map([
  ["lt", "<"],
  ["gt", ">"],
  ["amp", "&"],
  ["quot", '"'],
  ["apos", "'"],
]);

interface OpenElement {
  readonly name: string;
  readonly attributes: Map<string, string>;
  readonly children: XmlElement[];
  readonly offset: number;
}

/**
 * Parses `xml` into its top-level elements (a well-formed XML document has one;
 * several are accepted so that concatenated messages can be read too).
 */
export function parseXmlElements(xml: string, limits?: Partial<TextCodecLimits>): XmlElement[] {
  const lim = resolveTextCodecLimits(limits);
  if (utf8LengthExceeds(xml, lim.maxBytes)) {
    throw new KmipXmlError("too-large", 0, `input longer than ${lim.maxBytes} bytes`);
  }
  const n = xml.length;
  let pos = 0;
  let items = 0;
  const top: XmlElement[] = [];
  const stack: OpenElement[] = [];

  const fail = (code: KmipXmlErrorCode, at: number, detail?: string): never => {
    throw new KmipXmlError(code, at, detail);
  };

  const readName = (): string => {
    const start = pos;
    if (pos >= n || !isNameStart(xml.charCodeAt(pos))) fail("syntax", pos, "expected a name");
    pos++;
    while (pos < n && isNameChar(xml.charCodeAt(pos))) pos++;
    return xml.slice(start, pos);
  };

  const skipSpace = (): void => {
    while (pos < n && isSpace(xml.charCodeAt(pos))) pos++;
  };

  /** Decodes an attribute value between pos and the closing quote (XML 1.0 §3.3.3 normalisation). */
  const readAttributeValue = (): string => {
    const quote = xml[pos];
    if (quote !== '"' && quote !== "'") return fail("syntax", pos, "expected a quoted attribute value");
    pos++;
    const end = xml.indexOf(quote, pos);
    if (end < 0) fail("syntax", pos, "unterminated attribute value");
    let out = "";
    let runStart = pos;
    while (pos < end) {
      const c = xml.charCodeAt(pos);
      if (c === 0x3c) fail("syntax", pos, "'<' inside an attribute value");
      if (c === 0x26) {
        out += xml.slice(runStart, pos);
        const semi = xml.indexOf(";", pos);
        if (semi < 0 || semi > end || semi - pos > 12) fail("bad-entity", pos, "unterminated entity reference");
        const body = xml.slice(pos + 1, semi);
        out += decodeEntity(body, pos);
        pos = semi + 1;
        runStart = pos;
        continue;
      }
      if (c === 0x09 || c === 0x0a || c === 0x0d) {
        // Attribute-value normalisation: literal whitespace characters become spaces.
        out += `${xml.slice(runStart, pos)} `;
        pos++;
        runStart = pos;
        continue;
      }
      if (c >= 0xd800 && c <= 0xdbff) {
        const d = xml.charCodeAt(pos + 1);
        if (!(d >= 0xdc00 && d <= 0xdfff)) fail("syntax", pos, "unpaired surrogate");
        pos += 2;
        continue;
      }
      if (!isXmlChar(c)) fail("syntax", pos, `character U+${c.toString(16).padStart(4, "0")} not allowed in XML`);
      pos++;
    }
    out += xml.slice(runStart, end);
    pos = end + 1;
    return out;
  };

  const decodeEntity = (body: string, at: number): string => {
    const named = predefinedEntities.get(body);
    if (named !== undefined) return named;
    let cp: number;
    if (/^#[0-9]{1,7}$/.test(body)) cp = Number.parseInt(body.slice(1), 10);
    else if (/^#x[0-9a-fA-F]{1,6}$/.test(body)) cp = Number.parseInt(body.slice(2), 16);
    else return fail("bad-entity", at, `unknown entity &${body};`);
    if (!isXmlChar(cp)) fail("bad-entity", at, `character reference &${body}; is not an XML character`);
    return String.fromCodePoint(cp);
  };

  const expect = (literal: string): void => {
    if (!xml.startsWith(literal, pos)) fail("syntax", pos, `expected '${literal}'`);
    pos += literal.length;
  };

  if (xml.charCodeAt(0) === 0xfeff) pos = 1;
  if (xml.startsWith("<?xml", pos) && isSpace(xml.charCodeAt(pos + 5))) {
    const end = xml.indexOf("?>", pos);
    if (end < 0) fail("syntax", pos, "unterminated XML declaration");
    const decl = xml.slice(pos, end);
    const enc = /encoding\s*=\s*["']([^"']*)["']/.exec(decl);
    if (enc?.[1] !== undefined && !/^utf-?8$/i.test(enc[1])) {
      fail("unsupported", pos, `encoding ${enc[1]}; KMIP XML is UTF-8`);
    }
    pos = end + 2;
  }

  while (pos < n) {
    const c = xml.charCodeAt(pos);
    if (isSpace(c)) {
      pos++;
      continue;
    }
    if (c !== 0x3c) {
      fail("unsupported", pos, "text content (KMIP XML carries values in attributes)");
    }
    const lt = pos;
    if (xml.startsWith("<!--", pos)) {
      const end = xml.indexOf("-->", pos + 4);
      if (end < 0) fail("syntax", pos, "unterminated comment");
      if (xml.slice(pos + 4, end).includes("--")) fail("syntax", pos, "'--' inside a comment");
      pos = end + 3;
      continue;
    }
    if (xml.startsWith("<!", pos)) fail("unsupported", pos, "DOCTYPE, CDATA and declarations are not accepted");
    if (xml.startsWith("<?", pos)) fail("unsupported", pos, "processing instruction");
    if (xml.startsWith("</", pos)) {
      pos += 2;
      const name = readName();
      skipSpace();
      expect(">");
      const open = stack.pop();
      if (open === undefined) return fail("syntax", lt, `closing tag </${name}> without an open element`);
      if (open.name !== name) fail("syntax", lt, `closing tag </${name}> does not match <${open.name}>`);
      const done: XmlElement = open;
      const parent = stack[stack.length - 1];
      if (parent === undefined) top.push(done);
      else parent.children.push(done);
      continue;
    }
    // Start tag.
    pos++;
    const name = readName();
    items++;
    if (items > lim.maxItems) fail("too-many-items", lt, `more than ${lim.maxItems} elements`);
    const attributes = new Map<string, string>();
    let selfClosing = false;
    for (;;) {
      const hadSpace = pos < n && isSpace(xml.charCodeAt(pos));
      skipSpace();
      if (pos >= n) fail("syntax", pos, "unterminated start tag");
      if (xml.startsWith("/>", pos)) {
        pos += 2;
        selfClosing = true;
        break;
      }
      if (xml[pos] === ">") {
        pos++;
        break;
      }
      if (!hadSpace) fail("syntax", pos, "expected whitespace before an attribute");
      const attrAt = pos;
      const attrName = readName();
      skipSpace();
      expect("=");
      skipSpace();
      const value = readAttributeValue();
      if (attributes.has(attrName)) fail("syntax", attrAt, `duplicate attribute ${attrName}`);
      if (attributes.size >= MAX_ATTRIBUTES_PER_ELEMENT) {
        fail("too-many-attributes", attrAt, `more than ${MAX_ATTRIBUTES_PER_ELEMENT} attributes`);
      }
      attributes.set(attrName, value);
    }
    const depth = stack.length + 1;
    if (depth > lim.maxDepth) fail("too-deep", lt, `elements nested deeper than ${lim.maxDepth}`);
    if (selfClosing) {
      const done: XmlElement = { name, attributes, children: [], offset: lt };
      const parent = stack[stack.length - 1];
      if (parent === undefined) top.push(done);
      else parent.children.push(done);
    } else {
      stack.push({ name, attributes, children: [], offset: lt });
    }
  }
  const open = stack[stack.length - 1];
  if (open !== undefined) fail("syntax", open.offset, `element <${open.name}> is not closed`);
  if (top.length === 0) fail("syntax", pos, "no element");
  return top;
}

/** Escapes text for a double-quoted attribute value; refuses characters XML 1.0 cannot carry. */
export function escapeXmlAttribute(text: string): string {
  let out = "";
  let runStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let rep: string | undefined;
    switch (c) {
      case 0x3c:
        rep = "&lt;";
        break;
      case 0x3e:
        rep = "&gt;";
        break;
      case 0x26:
        rep = "&amp;";
        break;
      case 0x22:
        rep = "&quot;";
        break;
      case 0x09:
        rep = "&#x9;";
        break;
      case 0x0a:
        rep = "&#xA;";
        break;
      case 0x0d:
        rep = "&#xD;";
        break;
      default:
        if (c >= 0xd800 && c <= 0xdbff) {
          const d = text.charCodeAt(i + 1);
          if (!(d >= 0xdc00 && d <= 0xdfff)) throw new KmipXmlError("bad-text", -1, "unpaired surrogate");
          i++;
          continue;
        }
        if (!isXmlChar(c)) {
          throw new KmipXmlError("bad-text", -1, `character U+${c.toString(16).padStart(4, "0")} cannot appear in XML`);
        }
    }
    if (rep !== undefined) {
      out += text.slice(runStart, i) + rep;
      runStart = i + 1;
    }
  }
  return out + text.slice(runStart);
}
