import { describe, expect, it } from 'vitest';
import type { Menu } from '@zhangyi/contracts';
import {
  addButton,
  addButtonBlocked,
  addSub,
  addSubBlocked,
  canMove,
  clickKeyAnswer,
  fromWechat,
  locate,
  makeButton,
  makeLeaf,
  menuChanges,
  menuProblems,
  moveItem,
  removeItem,
  sameMenu,
  toWechat,
  utf8Bytes,
  type MenuButtonDraft,
} from './wechatMenu';

const hospitalMenu: Menu = {
  button: [
    {
      name: '就医服务',
      sub_button: [
        { type: 'view', name: '预约挂号', url: 'https://h.example/h5/booking' },
        { type: 'view', name: '报告查询', url: 'https://h.example/h5/reports' },
      ],
    },
    {
      name: '院内服务',
      sub_button: [{ type: 'click', name: '联系我们', key: 'CONTACT_US' }],
    },
    { type: 'view', name: '我的', url: 'https://h.example/h5/mine' },
  ],
};

const names = (buttons: MenuButtonDraft[]) => buttons.map((b) => b.name);

describe('utf8Bytes', () => {
  it('counts ASCII as one byte and a Chinese character as three, as WeChat does', () => {
    expect(utf8Bytes('My')).toBe(2);
    expect(utf8Bytes('就医服务')).toBe(12);
    expect(utf8Bytes('é')).toBe(2);
    expect(utf8Bytes('😀')).toBe(4);
  });

  it('lets five Chinese characters fit the bottom bar and refuses six', () => {
    const five = fromWechat({ button: [{ type: 'click', name: '五个字菜单', key: 'K' }] });
    const six = fromWechat({ button: [{ type: 'click', name: '六个字的菜单', key: 'K' }] });
    expect(menuProblems(five)).toEqual([]);
    expect(menuProblems(six)).toEqual([
      { id: six[0]!.id, field: 'name', code: 'tooLong', limit: 16 },
    ]);
  });
});

describe('fromWechat and toWechat', () => {
  it('give back the menu they were given', () => {
    expect(toWechat(fromWechat(hospitalMenu))).toEqual(hospitalMenu);
  });

  it('send only the fields of the chosen type, trimmed, and keep the others for a switch back', () => {
    const [button] = fromWechat({
      button: [{ type: 'view', name: ' 官网 ', url: 'https://h.example/' }],
    });
    button!.type = 'click';
    button!.key = ' HOME ';
    expect(toWechat([button!])).toEqual({ button: [{ type: 'click', name: '官网', key: 'HOME' }] });
    button!.type = 'view';
    expect(toWechat([button!]).button[0]).toEqual({
      type: 'view',
      name: '官网',
      url: 'https://h.example/',
    });
  });

  it("drops a top-level button's own action once it has sub-buttons", () => {
    const top = makeButton('服务');
    top.url = 'https://h.example/';
    top.subs.push({ ...makeLeaf('子项', 'click'), key: 'K' });
    expect(toWechat([top]).button[0]).toEqual({
      name: '服务',
      sub_button: [{ type: 'click', name: '子项', key: 'K' }],
    });
  });
});

describe('menuProblems', () => {
  it('finds nothing wrong with the default hospital menu', () => {
    expect(menuProblems(fromWechat(hospitalMenu))).toEqual([]);
  });

  it('wants at least one button', () => {
    expect(menuProblems([])).toEqual([{ id: null, field: 'menu', code: 'noButtons' }]);
  });

  it('allows 60 bytes in a sub-menu: twenty Chinese characters, not twenty-one', () => {
    const top = makeButton('服务');
    top.subs.push({ ...makeLeaf('字'.repeat(20), 'click'), key: 'K' });
    expect(menuProblems([top])).toEqual([]);
    top.subs[0]!.name = '字'.repeat(21);
    expect(menuProblems([top])).toEqual([
      { id: top.subs[0]!.id, field: 'name', code: 'tooLong', limit: 60 },
    ]);
  });

  it('names each missing field a type needs', () => {
    const mini = makeButton('小程序', 'miniprogram');
    mini.appid = 'wx123';
    const untyped = makeButton('未选类型', '');
    const nameless = makeButton('  ', 'click');
    nameless.key = 'K';
    expect(menuProblems([mini, untyped, nameless])).toEqual([
      { id: mini.id, field: 'pagepath', code: 'required' },
      { id: mini.id, field: 'url', code: 'required' },
      { id: untyped.id, field: 'type', code: 'required' },
      { id: nameless.id, field: 'name', code: 'required' },
    ]);
  });

  it('refuses keys over 128 bytes, URLs over 1024 bytes and URLs that are not http(s)', () => {
    const click = makeButton('点击', 'click');
    click.key = 'K'.repeat(129);
    const view = makeButton('网页', 'view');
    view.url = `https://h.example/${'a'.repeat(1024)}`;
    const relative = makeButton('相对', 'view');
    relative.url = '/h5/mine';
    expect(menuProblems([click, view, relative])).toEqual([
      { id: click.id, field: 'key', code: 'tooLong', limit: 128 },
      { id: view.id, field: 'url', code: 'tooLong', limit: 1024 },
      { id: relative.id, field: 'url', code: 'invalidUrl' },
    ]);
  });

  it('does not ask a top-level button with sub-buttons for an action', () => {
    const top = makeButton('服务', '');
    top.subs.push({ ...makeLeaf('电话', 'click'), key: 'CONTACT_US' });
    expect(menuProblems([top])).toEqual([]);
  });
});

describe('adding buttons', () => {
  it('stops at three top-level buttons', () => {
    let buttons = fromWechat(hospitalMenu);
    expect(addButtonBlocked(buttons)).toBe('maxButtons');
    expect(addButton(buttons, makeButton('第四'))).toHaveLength(3);
    buttons = removeItem(buttons, buttons[2]!.id);
    expect(addButtonBlocked(buttons)).toBeNull();
    expect(names(addButton(buttons, makeButton('第三')))).toEqual(['就医服务', '院内服务', '第三']);
  });

  it('adds a sub-button under the selected top-level button or the parent of a selected sub', () => {
    let buttons = fromWechat(hospitalMenu);
    const sub = buttons[0]!.subs[1]!;
    buttons = addSub(buttons, sub.id, makeLeaf('新子菜单'));
    expect(buttons[0]!.subs.map((s) => s.name)).toEqual(['预约挂号', '报告查询', '新子菜单']);
    buttons = addSub(buttons, buttons[2]!.id, makeLeaf('个人中心'));
    expect(buttons[2]!.subs.map((s) => s.name)).toEqual(['个人中心']);
  });

  it('stops at five sub-buttons and needs a selection', () => {
    let buttons = [makeButton('服务')];
    const id = buttons[0]!.id;
    expect(addSubBlocked(buttons, null)).toBe('noSelection');
    for (let i = 0; i < 5; i++) buttons = addSub(buttons, id, makeLeaf(`子${i}`));
    expect(addSubBlocked(buttons, id)).toBe('maxSubs');
    expect(addSub(buttons, id, makeLeaf('子5'))[0]!.subs).toHaveLength(5);
  });

  it('returns a new list and leaves the one it was given alone', () => {
    const buttons = fromWechat(hospitalMenu);
    const before = buttons[1]!.subs;
    const after = addSub(buttons, buttons[1]!.id, makeLeaf('地图'));
    expect(after).not.toBe(buttons);
    expect(buttons[1]!.subs).toBe(before);
    expect(before).toHaveLength(1);
  });
});

describe('moving and removing buttons', () => {
  it('moves top-level buttons left and right along the bar, not past either end', () => {
    let buttons = fromWechat(hospitalMenu);
    const mine = buttons[2]!.id;
    expect(canMove(buttons, mine, 1)).toBe(false);
    expect(canMove(buttons, mine, -1)).toBe(true);
    buttons = moveItem(buttons, mine, -1);
    expect(names(buttons)).toEqual(['就医服务', '我的', '院内服务']);
    buttons = moveItem(buttons, mine, -1);
    expect(names(buttons)).toEqual(['我的', '就医服务', '院内服务']);
    expect(names(moveItem(buttons, mine, -1))).toEqual(['我的', '就医服务', '院内服务']);
  });

  it('moves sub-buttons up and down within their own sub-menu only', () => {
    let buttons = fromWechat(hospitalMenu);
    const reports = buttons[0]!.subs[1]!.id;
    expect(canMove(buttons, reports, 1)).toBe(false);
    buttons = moveItem(buttons, reports, -1);
    expect(buttons[0]!.subs.map((s) => s.name)).toEqual(['报告查询', '预约挂号']);
    expect(locate(buttons, reports)).toEqual({ top: 0, sub: 0 });
    expect(canMove(buttons, buttons[1]!.subs[0]!.id, -1)).toBe(false);
  });

  it('removes a top-level button with its sub-buttons, or a single sub-button', () => {
    let buttons = fromWechat(hospitalMenu);
    const contact = buttons[1]!.subs[0]!.id;
    buttons = removeItem(buttons, contact);
    expect(buttons[1]!.subs).toEqual([]);
    buttons = removeItem(buttons, buttons[0]!.id);
    expect(names(buttons)).toEqual(['院内服务', '我的']);
    expect(locate(buttons, contact)).toBeNull();
  });
});

describe('comparing menus', () => {
  it('ignores field order and empty fields', () => {
    const shuffled: Menu = {
      button: [
        {
          name: '就医服务',
          sub_button: [
            { url: 'https://h.example/h5/booking', name: '预约挂号', type: 'view' },
            { name: '报告查询', type: 'view', url: 'https://h.example/h5/reports', key: '' },
          ],
        },
        { name: '院内服务', sub_button: [{ name: '联系我们', type: 'click', key: 'CONTACT_US' }] },
        { name: '我的', type: 'view', url: 'https://h.example/h5/mine' },
      ],
    };
    expect(sameMenu(hospitalMenu, shuffled)).toBe(true);
    expect(sameMenu(hospitalMenu, null)).toBe(false);
    expect(sameMenu(null, null)).toBe(true);
  });

  it('lists added, removed and changed buttons by path, and notices a new order', () => {
    const draft = fromWechat(hospitalMenu);
    draft[0]!.subs[0]!.url = 'https://h.example/h5/booking?v=2';
    draft[1]!.subs.push({ ...makeLeaf('来院路线', 'click'), key: 'ROUTE' });
    const edited = toWechat(removeItem(draft, draft[0]!.subs[1]!.id));
    expect(menuChanges(hospitalMenu, edited)).toEqual({
      added: ['院内服务 › 来院路线'],
      removed: ['就医服务 › 报告查询'],
      changed: ['就医服务 › 预约挂号'],
      reordered: false,
    });
    const swapped = toWechat(moveItem(draft, draft[2]!.id, -1));
    expect(menuChanges(hospitalMenu, swapped).reordered).toBe(true);
  });

  it('reports every button as added when nothing was published', () => {
    expect(menuChanges(null, hospitalMenu).added).toEqual([
      '就医服务',
      '就医服务 › 预约挂号',
      '就医服务 › 报告查询',
      '院内服务',
      '院内服务 › 联系我们',
      '我的',
    ]);
  });
});

describe('clickKeyAnswer', () => {
  const rules = [
    { matchType: 'contains' as const, keyword: '停车', enabled: true },
    { matchType: 'exact' as const, keyword: 'PARKING', enabled: false },
    { matchType: 'exact' as const, keyword: 'HOURS', enabled: true },
  ];

  it('knows the built-in contact key', () => {
    expect(clickKeyAnswer('CONTACT_US', rules)).toEqual({ by: 'builtIn' });
  });

  it('finds the enabled rule the server would use, exact before contains', () => {
    expect(clickKeyAnswer('HOURS', rules)).toEqual({
      by: 'rule',
      keyword: 'HOURS',
      matchType: 'exact',
    });
    expect(clickKeyAnswer('停车指南', rules)).toEqual({
      by: 'rule',
      keyword: '停车',
      matchType: 'contains',
    });
  });

  it('falls back to the default reply when only a disabled rule matches', () => {
    expect(clickKeyAnswer('PARKING', rules)).toEqual({ by: 'default' });
  });
});
