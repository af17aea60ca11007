import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseConfig, generateKeys, sandbox } from '../test/helpers';

let sb: Awaited<ReturnType<typeof sandbox>>;
let token: string;
beforeAll(async () => {
  sb = await sandbox(baseConfig(generateKeys()));
  token = await sb.token();
});
afterAll(() => sb.close());

const create = (body: unknown) =>
  sb.call('POST', `/cgi-bin/qrcode/create?access_token=${token}`, body);

describe('parametric QR codes', () => {
  it('serves a PNG at showqrcode that decodes to the url qrcode/create returned', async () => {
    const qr = await create({
      action_name: 'QR_SCENE',
      expire_seconds: 120,
      action_info: { scene: { scene_id: 42 } },
    });
    expect(qr.json.expire_seconds).toBe(120);
    const ticket = String(qr.json.ticket);
    const res = await fetch(`${sb.url}/cgi-bin/showqrcode?ticket=${encodeURIComponent(ticket)}`);
    expect(res.headers.get('content-type')).toBe('image/png');
    const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()));
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(qr.json.url);
  });

  it('expires temporary codes (default 60 s) but keeps permanent ones', async () => {
    const temp = await create({ action_name: 'QR_SCENE', action_info: { scene: { scene_id: 7 } } });
    expect(temp.json.expire_seconds).toBe(60);
    const perm = await create({
      action_name: 'QR_LIMIT_STR_SCENE',
      action_info: { scene: { scene_str: 'staff_invite' } },
    });
    expect(perm.json.expire_seconds).toBeUndefined();
    await sb.call('POST', '/sandbox/api/clock', { advanceSeconds: 61 });
    token = await sb.token();
    const show = (t: unknown) =>
      fetch(`${sb.url}/cgi-bin/showqrcode?ticket=${encodeURIComponent(String(t))}`);
    expect((await show(temp.json.ticket)).status).toBe(404);
    expect((await show(perm.json.ticket)).status).toBe(200);
  });

  it('limits permanent scene ids to 1–100000 and scene strings to 64 characters', async () => {
    const id = (scene_id: number) =>
      create({ action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id } } });
    expect((await id(100000)).json.ticket).toBeTruthy();
    expect((await id(100001)).json.errcode).toBe(40035);
    const str = await create({
      action_name: 'QR_STR_SCENE',
      action_info: { scene: { scene_str: 'x'.repeat(65) } },
    });
    expect(str.json.errcode).toBe(40035);
  });

  it('lists the codes the server created for the phone’s scan sheet', async () => {
    const list = (await sb.call('GET', '/sandbox/api/qrcodes')).json as { imageUrl: string }[];
    expect(list.length).toBeGreaterThan(0);
    expect(list[0]!.imageUrl).toContain('/cgi-bin/showqrcode?ticket=');
  });
});
