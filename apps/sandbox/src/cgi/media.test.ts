import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseConfig, generateKeys, sandbox } from '../test/helpers';

let sb: Awaited<ReturnType<typeof sandbox>>;
let token: string;
beforeAll(async () => {
  sb = await sandbox(baseConfig(generateKeys()));
  token = await sb.token();
});
afterAll(() => sb.close());

// A 1×1 PNG.
const PIXEL = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('temporary media', () => {
  it('stores a multipart upload and returns the same bytes from media/get', async () => {
    const form = new FormData();
    form.append('media', new Blob([PIXEL], { type: 'image/png' }), 'pixel.png');
    const up = await fetch(`${sb.url}/cgi-bin/media/upload?access_token=${token}&type=image`, {
      method: 'POST',
      body: form,
    });
    const json = (await up.json()) as { media_id: string; type: string };
    expect(json.type).toBe('image');
    const got = await fetch(
      `${sb.url}/cgi-bin/media/get?access_token=${token}&media_id=${json.media_id}`,
    );
    expect(got.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await got.arrayBuffer()).equals(PIXEL)).toBe(true);
  });

  it('refuses a non-image as an image (40005) and an unknown media id (40007)', async () => {
    const form = new FormData();
    form.append('media', new Blob(['not an image']), 'a.txt');
    const up = await fetch(`${sb.url}/cgi-bin/media/upload?access_token=${token}&type=image`, {
      method: 'POST',
      body: form,
    });
    expect(((await up.json()) as { errcode: number }).errcode).toBe(40005);
    const got = await sb.call('GET', `/cgi-bin/media/get?access_token=${token}&media_id=nope`);
    expect(got.json.errcode).toBe(40007);
  });

  it('lets a user send a photo from the phone, pushed with PicUrl and MediaId the server can fetch', async () => {
    const openid = String((await sb.call('POST', '/sandbox/api/users', {})).json.openid);
    await sb.call('POST', `/sandbox/api/users/${openid}/follow`, {});
    const sent = await sb.call('POST', `/sandbox/api/users/${openid}/image`, {
      dataBase64: PIXEL.toString('base64'),
      contentType: 'image/png',
    });
    const xml = String(sent.json.pushed);
    const mediaId = /<MediaId><!\[CDATA\[([^\]]+)\]\]>/.exec(xml)?.[1];
    const picUrl = /<PicUrl><!\[CDATA\[([^\]]+)\]\]>/.exec(xml)?.[1];
    const viaApi = await fetch(
      `${sb.url}/cgi-bin/media/get?access_token=${token}&media_id=${mediaId}`,
    );
    expect(Buffer.from(await viaApi.arrayBuffer()).equals(PIXEL)).toBe(true);
    expect((await fetch(picUrl!)).status).toBe(200);
  });
});
