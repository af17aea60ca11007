// The small XML dialect WeChat speaks: one <xml> root, elements, text or CDATA, no attributes
// that matter. Parsing refuses DOCTYPE/ENTITY outright (the 2018 WeChat Pay XXE lesson).

/** A parsed element: text for leaves, an object for elements with children. */
export type XmlValue = string | XmlObject | XmlValue[];
/** Children of an element by name; a repeated name becomes an array. */
export interface XmlObject {
  [name: string]: XmlValue;
}

const MAX_BYTES = 1_000_000;
const MAX_DEPTH = 16;

/** Parses a WeChat XML document and returns the children of its root element. */
export function parseXml(text: string): XmlObject {
  if (text.length > MAX_BYTES) throw new Error('XML body too large');
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw new Error('XML with DOCTYPE or ENTITY refused');
  let pos = 0;

  const skipMisc = (): void => {
    for (;;) {
      while (pos < text.length && /\s/.test(text[pos]!)) pos++;
      if (text.startsWith('<?', pos)) pos = must(text.indexOf('?>', pos), '?>') + 2;
      else if (text.startsWith('<!--', pos)) pos = must(text.indexOf('-->', pos), '-->') + 3;
      else return;
    }
  };

  const parseElement = (depth: number): { name: string; value: XmlValue } => {
    if (depth > MAX_DEPTH) throw new Error('XML nested too deeply');
    if (text[pos] !== '<') throw new Error(`expected < at ${pos}`);
    const end = must(text.indexOf('>', pos), '>');
    const tag = text.slice(pos + 1, end);
    const selfClosing = tag.endsWith('/');
    const name = tag.replace(/\/$/, '').trim().split(/\s/)[0] ?? '';
    if (!/^[A-Za-z_][\w.-]*$/.test(name)) throw new Error(`bad element name ${name}`);
    pos = end + 1;
    if (selfClosing) return { name, value: '' };
    let textContent = '';
    const children: XmlObject = {};
    let hasChildren = false;
    for (;;) {
      if (pos >= text.length) throw new Error(`unclosed <${name}>`);
      if (text.startsWith('<![CDATA[', pos)) {
        const close = must(text.indexOf(']]>', pos), ']]>');
        textContent += text.slice(pos + 9, close);
        pos = close + 3;
      } else if (text.startsWith('<!--', pos)) {
        pos = must(text.indexOf('-->', pos), '-->') + 3;
      } else if (text.startsWith('</', pos)) {
        const close = must(text.indexOf('>', pos), '>');
        const closing = text.slice(pos + 2, close).trim();
        if (closing !== name) throw new Error(`</${closing}> closes <${name}>`);
        pos = close + 1;
        break;
      } else if (text[pos] === '<') {
        const child = parseElement(depth + 1);
        hasChildren = true;
        const prior = children[child.name];
        if (prior === undefined) children[child.name] = child.value;
        else if (Array.isArray(prior)) prior.push(child.value);
        else children[child.name] = [prior, child.value];
      } else {
        const next = text.indexOf('<', pos);
        const stop = next === -1 ? text.length : next;
        textContent += decodeEntities(text.slice(pos, stop));
        pos = stop;
      }
    }
    return { name, value: hasChildren ? children : textContent };
  };

  skipMisc();
  const root = parseElement(0);
  skipMisc();
  if (pos !== text.length) throw new Error('content after the root element');
  if (typeof root.value === 'string') return {};
  return root.value as XmlObject;
}

function must(index: number, what: string): number {
  if (index === -1) throw new Error(`unterminated XML, missing ${what}`);
  return index;
}

function decodeEntities(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);/gi, (_, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (e[0] !== '#') return named[e.toLowerCase()] ?? '';
    const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

/** A value to serialise: strings become CDATA, numbers stay bare, objects nest. */
export type XmlInput = string | number | XmlInputObject | XmlInput[];
/** Named children to serialise, in insertion order. */
export interface XmlInputObject {
  [name: string]: XmlInput | undefined;
}

/** Builds `<xml>…</xml>` the way WeChat sends it (CDATA for text, bare numbers). */
export function buildXml(fields: XmlInputObject): string {
  return `<xml>${buildChildren(fields)}</xml>`;
}

function buildChildren(fields: XmlInputObject): string {
  let out = '';
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const items = Array.isArray(value) ? value : [value];
    for (const item of items) out += `<${name}>${buildValue(item)}</${name}>`;
  }
  return out;
}

function buildValue(value: XmlInput): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `<![CDATA[${value.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
  if (Array.isArray(value)) return value.map(buildValue).join('');
  return buildChildren(value);
}

/** The text of a leaf field, or '' when absent or not a leaf. */
export function text(obj: XmlObject, name: string): string {
  const v = obj[name];
  return typeof v === 'string' ? v : '';
}
