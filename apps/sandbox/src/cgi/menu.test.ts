import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseConfig, generateKeys, sandbox } from '../test/helpers';

let sb: Awaited<ReturnType<typeof sandbox>>;
let token: string;
beforeAll(async () => {
  sb = await sandbox(baseConfig(generateKeys()));
  token = await sb.token();
});
afterAll(() => sb.close());

const create = async (button: unknown) =>
  (await sb.call('POST', `/cgi-bin/menu/create?access_token=${token}`, { button })).json.errcode;
const click = (name: string, key = 'K') => ({ type: 'click', name, key });

describe('menu limits', () => {
  it('accepts a full menu of 3 buttons with 5 sub-buttons and serves it back from menu/get', async () => {
    const sub = Array.from({ length: 5 }, (_, i) => click(`子菜单${i}`, `k${i}`));
    const menu = [
      { name: '预约挂号', sub_button: sub },
      { type: 'view', name: '我的', url: 'http://127.0.0.1:3000/h5/' },
      click('五个中文字'),
    ];
    expect(await create(menu)).toBe(0);
    const got = await sb.call('GET', `/cgi-bin/menu/get?access_token=${token}`);
    const buttons = (got.json.menu as { button: { name: string; sub_button: unknown[] }[] }).button;
    expect(buttons.map((b) => b.name)).toEqual(['预约挂号', '我的', '五个中文字']);
    expect(buttons[0]!.sub_button).toHaveLength(5);
    expect(buttons[1]!.sub_button).toEqual([]);
  });

  it('refuses 0 or 4 top-level buttons with 40016', async () => {
    expect(await create([])).toBe(40016);
    expect(await create([click('a'), click('b'), click('c'), click('d')])).toBe(40016);
  });

  it('refuses a sixth sub-button with 40023', async () => {
    const sub = Array.from({ length: 6 }, (_, i) => click(`s${i}`));
    expect(await create([{ name: '多', sub_button: sub }])).toBe(40023);
  });

  it('counts names in UTF-8 bytes: 6 Chinese characters (18 bytes) exceed 16 → 40018', async () => {
    expect(await create([click('六个中文字符')])).toBe(40018);
    expect(await create([click('')])).toBe(40018);
    expect(await create([{ name: '父', sub_button: [click('二十一个中文字符'.repeat(3))] }])).toBe(
      40025,
    );
  });

  it('refuses unknown types (40017, sub 40024) and missing or long keys (40019, sub 40026)', async () => {
    expect(await create([{ type: 'tap', name: 'x', key: 'k' }])).toBe(40017);
    expect(await create([{ name: 'p', sub_button: [{ type: 'tap', name: 'x' }] }])).toBe(40024);
    expect(await create([{ type: 'click', name: 'x' }])).toBe(40019);
    expect(await create([click('x', 'k'.repeat(129))])).toBe(40019);
    expect(await create([click('x', 'k'.repeat(128))])).toBe(0);
    expect(await create([{ name: 'p', sub_button: [click('x', 'k'.repeat(129))] }])).toBe(40026);
  });

  it('requires a url of at most 1024 bytes on view buttons (40020, sub 40027)', async () => {
    expect(await create([{ type: 'view', name: 'v' }])).toBe(40020);
    const long = 'http://a.b/' + 'x'.repeat(1020);
    expect(await create([{ type: 'view', name: 'v', url: long }])).toBe(40020);
    expect(await create([{ name: 'p', sub_button: [{ type: 'view', name: 'v' }] }])).toBe(40027);
  });

  it('deletes the menu, after which menu/get answers 46003', async () => {
    expect(await create([click('x')])).toBe(0);
    await sb.call('GET', `/cgi-bin/menu/delete?access_token=${token}`);
    expect((await sb.call('GET', `/cgi-bin/menu/get?access_token=${token}`)).json.errcode).toBe(
      46003,
    );
  });

  it('refuses menu calls without a valid token', async () => {
    expect((await sb.call('POST', '/cgi-bin/menu/create', { button: [] })).json.errcode).toBe(
      41001,
    );
    expect(
      (await sb.call('POST', '/cgi-bin/menu/create?access_token=bogus', { button: [] })).json
        .errcode,
    ).toBe(40001);
  });

  it('keeps personalised menus beside the default and shows a user the one whose rules match', async () => {
    expect(await create([click('默认', 'DEFAULT')])).toBe(0);
    const add = (matchrule: unknown) =>
      sb.call('POST', `/cgi-bin/menu/addconditional?access_token=${token}`, {
        button: [click('中文用户', 'ZH')],
        matchrule,
      });
    expect((await add({})).json.errcode).toBe(65304);
    const added = await add({ language: 'zh_CN' });
    expect(String(added.json.menuid)).toMatch(/^\d+$/);
    const openid = String((await sb.call('POST', '/sandbox/api/users', {})).json.openid);
    const tried = await sb.call('POST', `/cgi-bin/menu/trymatch?access_token=${token}`, {
      user_id: openid,
    });
    expect((tried.json.button as { key: string }[])[0]!.key).toBe('ZH');
    const got = await sb.call('GET', `/cgi-bin/menu/get?access_token=${token}`);
    expect(got.json.conditionalmenu).toHaveLength(1);
    await sb.call('POST', `/cgi-bin/menu/delconditional?access_token=${token}`, {
      menuid: added.json.menuid,
    });
    const after = await sb.call('POST', `/cgi-bin/menu/trymatch?access_token=${token}`, {
      user_id: openid,
    });
    expect((after.json.button as { key: string }[])[0]!.key).toBe('DEFAULT');
  });
});
