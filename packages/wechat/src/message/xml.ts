import { XmlError } from '../errors';

// A small, strict XML codec for WeChat's flat `<xml>` messages. It is not a general XML parser on
// purpose: no DTD, no entity declarations, no external references, no processing instructions,
// so the 2018 WeChat Pay XXE (a DocumentBuilder that honoured DOCTYPE) cannot happen here. The
// scanner is iterative and linear in the input, and refuses oversized or deeply nested input.

/** A parsed element: text for leaf elements, an object for elements with children. */
export type XmlValue = string | XmlObject | Array<string | XmlObject>;

/** The children of an element, by name; a repeated name becomes an array in document order. */
export interface XmlObject {
  [name: string]: XmlValue;
}

/** A parsed document: the root element's name and its children. */
export interface XmlDocument {
  /** Name of the root element (`xml` for WeChat). */
  name: string;
  /** Children of the root element (empty when it has none). */
  root: XmlObject;
}

/** Limits applied by `parseXml`. */
export interface XmlLimits {
  /** Largest accepted document in bytes (UTF-8). Default 64 KiB. */
  maxBytes?: number;
  /** Deepest accepted element nesting, the root counting as 1. Default 16. */
  maxDepth?: number;
}

export const DEFAULT_XML_MAX_BYTES = 64 * 1024;
export const DEFAULT_XML_MAX_DEPTH = 16;

const utf8 = new TextDecoder('utf-8', { fatal: true });
// Characters XML 1.0 forbids anywhere in a document; matching control characters is the point.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARS_G = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const WHITESPACE_ONLY = /^[ \t\r\n]*$/;

/** Parses a WeChat XML document, throwing XmlError for anything outside the accepted subset. */
export function parseXml(input: string | Uint8Array, limits: XmlLimits = {}): XmlDocument {
  const maxBytes = limits.maxBytes ?? DEFAULT_XML_MAX_BYTES;
  const maxDepth = limits.maxDepth ?? DEFAULT_XML_MAX_DEPTH;
  let text: string;
  if (typeof input === 'string') {
    if (
      input.length > maxBytes ||
      (input.length * 3 > maxBytes && Buffer.byteLength(input, 'utf8') > maxBytes)
    ) {
      throw new XmlError('too_large', `document exceeds ${maxBytes} bytes`);
    }
    text = input;
  } else {
    if (input.byteLength > maxBytes) {
      throw new XmlError('too_large', `document exceeds ${maxBytes} bytes`);
    }
    try {
      text = utf8.decode(input);
    } catch {
      throw new XmlError('encoding', 'document is not valid UTF-8');
    }
  }
  if (FORBIDDEN_CHARS.test(text)) {
    throw new XmlError('malformed', 'document contains characters XML forbids');
  }
  return new Scanner(text, maxDepth).document();
}

class Scanner {
  private i = 0;
  // One entry per open element: name, children object (created on first child), text so far.
  private readonly names: string[] = [];
  private readonly objects: Array<XmlObject | undefined> = [];
  private readonly texts: string[] = [];
  private result: XmlDocument | undefined;

  constructor(
    private readonly s: string,
    private readonly maxDepth: number,
  ) {}

  document(): XmlDocument {
    const s = this.s;
    if (s.charCodeAt(0) === 0xfeff) this.i = 1;
    this.skipWhitespace();
    if (s.startsWith('<?xml', this.i) && isWhitespace(s.charCodeAt(this.i + 5))) {
      this.declaration();
    }
    const len = s.length;
    while (this.i < len) {
      const lt = s.indexOf('<', this.i);
      const textEnd = lt < 0 ? len : lt;
      if (textEnd > this.i) this.text(this.i, textEnd);
      if (lt < 0) break;
      this.i = lt;
      const next = s.charCodeAt(lt + 1);
      if (next === 0x2f /* / */) this.closeTag();
      else if (next === 0x21 /* ! */) this.bang();
      else if (next === 0x3f /* ? */) {
        throw new XmlError('malformed', 'processing instructions are not accepted');
      } else this.openTag();
    }
    if (this.names.length > 0 || this.result === undefined) {
      throw new XmlError('malformed', 'document is truncated');
    }
    return this.result;
  }

  private declaration(): void {
    const end = this.s.indexOf('?>', this.i);
    if (end < 0) throw new XmlError('malformed', 'unterminated XML declaration');
    const decl = this.s.slice(this.i, end);
    const enc = /encoding\s*=\s*["']([^"']*)["']/.exec(decl);
    if (enc && !/^utf-?8$/i.test(enc[1]!)) {
      throw new XmlError('encoding', `declared encoding ${enc[1]} is not UTF-8`);
    }
    this.i = end + 2;
  }

  private text(start: number, end: number): void {
    const depth = this.names.length;
    if (depth === 0) {
      if (!WHITESPACE_ONLY.test(this.s.slice(start, end))) {
        throw new XmlError('malformed', 'text outside the root element');
      }
      return;
    }
    const raw = this.s.slice(start, end);
    this.texts[depth - 1] += raw.indexOf('&') < 0 ? raw : decodeEntities(raw);
  }

  private bang(): void {
    const s = this.s;
    const i = this.i;
    if (s.startsWith('<![CDATA[', i)) {
      const end = s.indexOf(']]>', i + 9);
      if (end < 0) throw new XmlError('malformed', 'unterminated CDATA section');
      const depth = this.names.length;
      if (depth === 0) throw new XmlError('malformed', 'CDATA outside the root element');
      this.texts[depth - 1] += s.slice(i + 9, end);
      this.i = end + 3;
    } else if (s.startsWith('<!--', i)) {
      const end = s.indexOf('-->', i + 4);
      if (end < 0) throw new XmlError('malformed', 'unterminated comment');
      this.i = end + 3;
    } else {
      const word = s.slice(i + 2, i + 9).toUpperCase();
      if (word.startsWith('DOCTYPE')) throw new XmlError('doctype', 'DOCTYPE is not accepted');
      if (word.startsWith('ENTITY'))
        throw new XmlError('entity', 'entity declarations are refused');
      throw new XmlError('malformed', 'markup declarations are not accepted');
    }
  }

  private openTag(): void {
    if (this.result !== undefined) throw new XmlError('malformed', 'more than one root element');
    this.i += 1;
    const name = this.name();
    const selfClosing = this.attributes();
    const depth = this.names.length + 1;
    if (depth > this.maxDepth) {
      throw new XmlError('too_deep', `elements nest deeper than ${this.maxDepth}`);
    }
    if (selfClosing) {
      this.finish(name, '');
      return;
    }
    this.names.push(name);
    this.objects.push(undefined);
    this.texts.push('');
  }

  private closeTag(): void {
    this.i += 2;
    const name = this.name();
    this.skipWhitespace();
    if (this.s.charCodeAt(this.i) !== 0x3e /* > */) {
      throw new XmlError('malformed', `bad closing tag </${name}`);
    }
    this.i += 1;
    const open = this.names.pop();
    if (open !== name) {
      throw new XmlError('malformed', `</${name}> does not close <${open ?? ''}>`);
    }
    const obj = this.objects.pop();
    const text = this.texts.pop()!;
    if (obj !== undefined) {
      if (!WHITESPACE_ONLY.test(text)) {
        throw new XmlError('malformed', `<${name}> mixes text and elements`);
      }
      this.finish(name, obj);
    } else {
      this.finish(name, text);
    }
  }

  /** Attaches a completed element to its parent, or ends the document at the root. */
  private finish(name: string, value: string | XmlObject): void {
    const depth = this.names.length;
    if (depth === 0) {
      // A root holding only text is not a message; its text is dropped from the typed result.
      const root = typeof value === 'string' ? (Object.create(null) as XmlObject) : value;
      this.result = { name, root };
      return;
    }
    let parent = this.objects[depth - 1];
    if (parent === undefined) {
      // Null prototype: element names such as `__proto__` or `constructor` stay plain keys.
      parent = Object.create(null) as XmlObject;
      this.objects[depth - 1] = parent;
    }
    const existing = parent[name];
    if (existing === undefined) parent[name] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else parent[name] = [existing, value];
  }

  private name(): string {
    const s = this.s;
    const start = this.i;
    let c = s.charCodeAt(start);
    if (!isNameStart(c)) throw new XmlError('malformed', 'expected an element name');
    let i = start + 1;
    c = s.charCodeAt(i);
    while (isNameChar(c)) c = s.charCodeAt(++i);
    this.i = i;
    return s.slice(start, i);
  }

  /** Skips attributes (WeChat sends none; they are checked, then ignored). Returns self-closing. */
  private attributes(): boolean {
    const s = this.s;
    for (;;) {
      const before = this.i;
      this.skipWhitespace();
      const c = s.charCodeAt(this.i);
      if (c === 0x3e /* > */) {
        this.i += 1;
        return false;
      }
      if (c === 0x2f /* / */ && s.charCodeAt(this.i + 1) === 0x3e) {
        this.i += 2;
        return true;
      }
      if (this.i === before || Number.isNaN(c)) {
        throw new XmlError('malformed', 'bad start tag');
      }
      this.name();
      this.skipWhitespace();
      if (s.charCodeAt(this.i) !== 0x3d /* = */) throw new XmlError('malformed', 'bad attribute');
      this.i += 1;
      this.skipWhitespace();
      const q = s.charCodeAt(this.i);
      if (q !== 0x22 && q !== 0x27) throw new XmlError('malformed', 'unquoted attribute value');
      const end = s.indexOf(q === 0x22 ? '"' : "'", this.i + 1);
      if (end < 0) throw new XmlError('malformed', 'unterminated attribute value');
      const value = s.slice(this.i + 1, end);
      if (value.indexOf('<') >= 0) throw new XmlError('malformed', '< in attribute value');
      if (value.indexOf('&') >= 0) decodeEntities(value);
      this.i = end + 1;
    }
  }

  private skipWhitespace(): void {
    const s = this.s;
    let i = this.i;
    while (isWhitespace(s.charCodeAt(i))) i++;
    this.i = i;
  }
}

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

function isNameStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c === 0x3a;
}

function isNameChar(c: number): boolean {
  return isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;
}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Replaces the five predefined entities and numeric references; anything else is refused. */
function decodeEntities(raw: string): string {
  let out = '';
  let from = 0;
  for (;;) {
    const amp = raw.indexOf('&', from);
    if (amp < 0) return out + raw.slice(from);
    out += raw.slice(from, amp);
    const semi = raw.indexOf(';', amp + 1);
    if (semi < 0 || semi - amp > 12) throw new XmlError('entity', 'bare & or unterminated entity');
    const ref = raw.slice(amp + 1, semi);
    if (ref.charCodeAt(0) === 0x23 /* # */) {
      const hex = ref.charCodeAt(1) === 0x78; /* x */
      const digits = ref.slice(hex ? 2 : 1);
      if (!(hex ? /^[0-9a-fA-F]{1,6}$/ : /^[0-9]{1,7}$/).test(digits)) {
        throw new XmlError('entity', `bad character reference &${ref};`);
      }
      const cp = parseInt(digits, hex ? 16 : 10);
      if (!isXmlChar(cp)) throw new XmlError('entity', `&${ref}; is not an XML character`);
      out += String.fromCodePoint(cp);
    } else {
      const ch = Object.hasOwn(PREDEFINED, ref) ? PREDEFINED[ref] : undefined;
      if (ch === undefined) throw new XmlError('entity', `undeclared entity &${ref};`);
      out += ch;
    }
    from = semi + 1;
  }
}

function isXmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** A value `buildXml` can write: strings as CDATA, numbers as digits, arrays as repeated elements. */
export type XmlBuildValue =
  string | number | XmlBuildObject | ReadonlyArray<string | XmlBuildObject>;

/** Children to write, by element name, in insertion order. */
export interface XmlBuildObject {
  [name: string]: XmlBuildValue | undefined;
}

/** Wraps text in CDATA, splitting any `]]>` and dropping characters XML cannot carry. */
export function cdata(text: string): string {
  let t = text;
  if (FORBIDDEN_CHARS.test(t)) t = t.replace(FORBIDDEN_CHARS_G, '');
  if (t.indexOf(']]>') >= 0) t = t.replaceAll(']]>', ']]]]><![CDATA[>');
  return `<![CDATA[${t}]]>`;
}

/** Serialises an object as `<root>…</root>`; undefined fields are skipped. */
export function buildXml(rootName: string, content: XmlBuildObject): string {
  return `<${rootName}>${buildChildren(content)}</${rootName}>`;
}

function buildChildren(content: XmlBuildObject): string {
  let out = '';
  for (const name of Object.keys(content)) {
    const value = content[name];
    if (value === undefined) continue;
    if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(name)) {
      throw new XmlError('malformed', `invalid element name ${JSON.stringify(name)}`);
    }
    if (Array.isArray(value)) {
      for (const item of value as ReadonlyArray<string | XmlBuildObject>) {
        out += buildElement(name, item);
      }
    } else {
      out += buildElement(name, value as string | number | XmlBuildObject);
    }
  }
  return out;
}

function buildElement(name: string, value: string | number | XmlBuildObject): string {
  if (typeof value === 'string') return `<${name}>${cdata(value)}</${name}>`;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new XmlError('malformed', `${name} is not a finite number`);
    return `<${name}>${value}</${name}>`;
  }
  return `<${name}>${buildChildren(value)}</${name}>`;
}

/** The text of a leaf child, or undefined when absent or not text (first one if repeated). */
export function xmlText(obj: XmlObject, name: string): string | undefined {
  const v = obj[name];
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0];
  return undefined;
}

/** A child element with children of its own, or undefined (first one if repeated). */
export function xmlChild(obj: XmlObject, name: string): XmlObject | undefined {
  const v = obj[name];
  if (v === undefined || typeof v === 'string') return undefined;
  if (Array.isArray(v)) return typeof v[0] === 'object' ? v[0] : undefined;
  return v;
}

/** All children of that name as a list (an absent child gives an empty list). */
export function xmlList(obj: XmlObject, name: string): Array<string | XmlObject> {
  const v = obj[name];
  if (v === undefined) return [];
  return Array.isArray(v) ? v : [v];
}
