import { describe, expect, it } from 'vitest';
import { dedupeKey, MemoryDedupeStore, MessageDeduplicator } from './dedupe';
import { toInboundMessage } from './inbound';
import { parseXml } from './xml';

const msg = (body: string) =>
  toInboundMessage(
    parseXml(
      `<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>100</CreateTime>${body}</xml>`,
    ),
  );

describe('de-duplication of WeChat retries', () => {
  it('keys messages by MsgId and events by sender, time and event', () => {
    expect(dedupeKey(msg('<MsgType>text</MsgType><Content>a</Content><MsgId>42</MsgId>'))).toBe(
      'msg:gh:42',
    );
    expect(
      dedupeKey(msg('<MsgType>event</MsgType><Event>CLICK</Event><EventKey>K</EventKey>')),
    ).toBe('evt:gh:o1:100:CLICK');
    expect(dedupeKey(msg('<MsgType>event</MsgType><Event>NEWTHING</Event>'))).toBe(
      'evt:gh:o1:100:NEWTHING',
    );
  });

  it('reports the first delivery once and each retry as a duplicate, until the TTL passes', async () => {
    let now = 0;
    const dedupe = new MessageDeduplicator(new MemoryDedupeStore({ now: () => now }), 60);
    const m = msg('<MsgType>text</MsgType><Content>a</Content><MsgId>7</MsgId>');
    expect(await dedupe.isFirstDelivery(m)).toBe(true);
    now = 5_000;
    expect(await dedupe.isFirstDelivery(m)).toBe(false);
    now = 10_000;
    expect(await dedupe.isFirstDelivery(m)).toBe(false);
    now = 61_000;
    expect(await dedupe.isFirstDelivery(m)).toBe(true);
  });

  it('forgets expired keys as it grows', async () => {
    let now = 0;
    const store = new MemoryDedupeStore({ now: () => now });
    for (let i = 0; i < 3000; i++) await store.firstSeen(`k${i}`, 1);
    now = 5_000;
    for (let i = 0; i < 3000; i++) await store.firstSeen(`n${i}`, 1);
    expect((store as unknown as { seen: Map<string, number> }).seen.size).toBeLessThan(4000);
    expect(await store.firstSeen('n2999', 1)).toBe(false);
  });
});
