import { describe, expect, it } from 'vitest';
import { XmlError, type XmlErrorReason } from '../errors';
import { buildXml, cdata, parseXml, xmlChild, xmlList, xmlText } from './xml';

function reasonOf(input: string | Uint8Array, limits?: Parameters<typeof parseXml>[1]): string {
  try {
    parseXml(input, limits);
  } catch (e) {
    if (e instanceof XmlError) return e.reason;
    throw e;
  }
  return 'accepted';
}

describe('XML codec: what it accepts', () => {
  it('parses a flat WeChat message with CDATA, digits and newlines', () => {
    const doc = parseXml(
      '<?xml version="1.0" encoding="UTF-8"?>\n<xml>\n <ToUserName><![CDATA[gh_1]]></ToUserName>\n' +
        ' <CreateTime>1409659813</CreateTime>\n <Content><![CDATA[你好 <b>&amp;]]></Content>\n</xml>\n',
    );
    expect(doc.name).toBe('xml');
    expect(xmlText(doc.root, 'ToUserName')).toBe('gh_1');
    expect(xmlText(doc.root, 'CreateTime')).toBe('1409659813');
    expect(xmlText(doc.root, 'Content')).toBe('你好 <b>&amp;');
  });

  it('decodes the five predefined entities and numeric references, nothing else', () => {
    const doc = parseXml('<xml><A>&lt;&gt;&amp;&quot;&apos;&#20320;&#x597D;</A></xml>');
    expect(xmlText(doc.root, 'A')).toBe('<>&"\'你好');
  });

  it('parses nested and repeated elements into objects and arrays', () => {
    const doc = parseXml(
      '<xml><SendPicsInfo><Count>2</Count><PicList><item><PicMd5Sum>a</PicMd5Sum></item>' +
        '<item><PicMd5Sum>b</PicMd5Sum></item></PicList></SendPicsInfo><Empty/><E2></E2></xml>',
    );
    const info = xmlChild(doc.root, 'SendPicsInfo')!;
    const items = xmlList(xmlChild(info, 'PicList')!, 'item');
    expect(items).toEqual([{ PicMd5Sum: 'a' }, { PicMd5Sum: 'b' }]);
    expect(xmlText(doc.root, 'Empty')).toBe('');
    expect(xmlText(doc.root, 'E2')).toBe('');
  });

  it('accepts bytes with a UTF-8 BOM, comments and attributes', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('<!-- c --><xml a="1" b=\'&amp;\'><A>中</A><!-- inner --></xml>'),
    ]);
    expect(xmlText(parseXml(bytes).root, 'A')).toBe('中');
  });

  it('keeps element names like __proto__ as plain keys without touching prototypes', () => {
    const doc = parseXml('<xml><__proto__><polluted>yes</polluted></__proto__></xml>');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys(doc.root)).toEqual(['__proto__']);
  });

  it('round-trips what buildXml writes, including "]]>" inside text', () => {
    const xml = buildXml('xml', {
      ToUserName: 'o_1',
      CreateTime: 12,
      Content: 'a]]>b <c> & d',
      Articles: { item: [{ Title: 't1' }, { Title: 't2' }] },
      Skipped: undefined,
    });
    const doc = parseXml(xml);
    expect(xmlText(doc.root, 'Content')).toBe('a]]>b <c> & d');
    expect(xmlText(doc.root, 'CreateTime')).toBe('12');
    expect(xmlList(xmlChild(doc.root, 'Articles')!, 'item')).toHaveLength(2);
    expect(xml).not.toContain('Skipped');
  });

  it('drops characters XML cannot carry when writing CDATA', () => {
    expect(cdata('a\u0000b\u0007c')).toBe('<![CDATA[abc]]>');
  });
});

describe('XML codec: hostile input gives a typed error', () => {
  const cases: Array<[string, string, XmlErrorReason]> = [
    [
      'billion laughs',
      '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><xml><A>&lol2;</A></xml>',
      'doctype',
    ],
    [
      'XXE (the 2018 WeChat Pay SDK hole)',
      '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><return_code>&xxe;</return_code></xml>',
      'doctype',
    ],
    ['lower-case doctype', '<!doctype xml><xml/>', 'doctype'],
    ['bare entity declaration', '<xml><!ENTITY a "b"></xml>', 'entity'],
    ['undeclared entity', '<xml><A>&xxe;</A></xml>', 'entity'],
    ['external-looking entity', '<xml><A>&#x0;</A></xml>', 'entity'],
    ['bare ampersand', '<xml><A>a & b</A></xml>', 'entity'],
    ['processing instruction', '<xml><?php echo 1; ?></xml>', 'malformed'],
    ['stylesheet PI', '<?xml-stylesheet href="x"?><xml/>', 'malformed'],
    ['truncated', '<xml><A><![CDATA[abc', 'malformed'],
    ['unclosed root', '<xml><A>1</A>', 'malformed'],
    ['mismatched tags', '<xml><A>1</B></xml>', 'malformed'],
    ['two roots', '<xml/><xml/>', 'malformed'],
    ['text outside root', 'hello<xml/>', 'malformed'],
    ['mixed content', '<xml>text<A>1</A></xml>', 'malformed'],
    ['control character', '<xml><A>\u0001</A></xml>', 'malformed'],
    ['empty document', '', 'malformed'],
    ['declared GBK', '<?xml version="1.0" encoding="GBK"?><xml/>', 'encoding'],
  ];
  for (const [name, input, reason] of cases) {
    it(`refuses ${name} (${reason})`, () => {
      expect(reasonOf(input)).toBe(reason);
    });
  }

  it('refuses a document over the size limit before scanning it', () => {
    expect(reasonOf(`<xml><A>${'a'.repeat(70_000)}</A></xml>`)).toBe('too_large');
    expect(reasonOf(Buffer.alloc(65_537, 0x20))).toBe('too_large');
    // 30,000 three-byte characters: under 64 Ki UTF-16 units, over 64 KiB of UTF-8.
    expect(reasonOf(`<xml><A>${'中'.repeat(30_000)}</A></xml>`)).toBe('too_large');
    expect(reasonOf('<xml><A>1</A></xml>', { maxBytes: 10 })).toBe('too_large');
  });

  it('refuses nesting deeper than the limit without recursion', () => {
    expect(reasonOf('<a>'.repeat(17) + '</a>'.repeat(17))).toBe('too_deep');
    expect(reasonOf('<a>'.repeat(16) + '</a>'.repeat(16))).toBe('accepted');
    const deep = '<a>'.repeat(20_000);
    const started = performance.now();
    expect(reasonOf(deep, { maxBytes: 1_000_000, maxDepth: 1_000_000 })).toBe('malformed');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses bytes that are not UTF-8 (encoding)', () => {
    expect(reasonOf(Buffer.from([0x3c, 0x78, 0x6d, 0x6c, 0x3e, 0xff, 0xfe]))).toBe('encoding');
    expect(reasonOf(Buffer.from('<xml><A>\xe4\xbd</A></xml>', 'latin1'))).toBe('encoding');
  });

  it('handles 64 KiB of repeated elements in linear time', () => {
    const many = `<xml>${'<A>1</A>'.repeat(8000)}</xml>`;
    const started = performance.now();
    const doc = parseXml(many);
    expect(xmlList(doc.root, 'A')).toHaveLength(8000);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
