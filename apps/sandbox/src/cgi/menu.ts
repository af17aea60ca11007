// Custom menu: create, get, delete, with WeChat's limits and errcodes (3 buttons, 5 sub-buttons,
// names of 16/60 bytes, keys of 128 bytes, URLs of 1024 bytes, required fields per type).
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../context';
import { digits } from '../ids';
import type { SimUser } from '../store';
import {
  applyFault,
  bytes,
  checkAccessToken,
  isWxError,
  jsonBody,
  OK,
  wxError,
  type WxError,
} from './common';

const KEYED = new Set([
  'click',
  'scancode_push',
  'scancode_waitmsg',
  'pic_sysphoto',
  'pic_photo_or_album',
  'pic_weixin',
  'location_select',
]);
const TYPES = new Set([
  ...KEYED,
  'view',
  'media_id',
  'view_limited',
  'article_id',
  'article_view_limited',
  'miniprogram',
]);

/** A menu button as the server sends it. */
export interface MenuButton {
  type?: string;
  name?: string;
  key?: string;
  url?: string;
  media_id?: string;
  article_id?: string;
  appid?: string;
  pagepath?: string;
  sub_button?: MenuButton[];
}

/** Validates a menu/create body; returns WeChat's error for the first violation, or null. */
export function validateMenu(body: Record<string, unknown>): WxError | null {
  const buttons = body.button;
  if (!Array.isArray(buttons) || buttons.length < 1 || buttons.length > 3) {
    return wxError(40016, 'invalid button size');
  }
  for (const raw of buttons as MenuButton[]) {
    const b = raw ?? {};
    if (!validName(b.name, 16)) return wxError(40018, 'invalid button name size');
    if (Array.isArray(b.sub_button) && b.sub_button.length > 0) {
      if (b.sub_button.length > 5) return wxError(40023, 'invalid sub button size');
      for (const sub of b.sub_button) {
        const s = sub ?? {};
        if (Array.isArray(s.sub_button) && s.sub_button.length > 0) {
          return wxError(40022, 'invalid sub menu level');
        }
        if (!validName(s.name, 60)) return wxError(40025, 'invalid sub button name size');
        const bad = validateLeaf(s, true);
        if (bad) return bad;
      }
    } else {
      const bad = validateLeaf(b, false);
      if (bad) return bad;
    }
  }
  return null;
}

function validName(name: unknown, max: number): boolean {
  return typeof name === 'string' && name.length > 0 && bytes(name) <= max;
}

function validateLeaf(b: MenuButton, sub: boolean): WxError | null {
  const level = sub ? 'sub button' : 'button';
  if (typeof b.type !== 'string' || !TYPES.has(b.type)) {
    return wxError(sub ? 40024 : 40017, `invalid ${level} type`);
  }
  if (KEYED.has(b.type) && !sized(b.key, 128)) {
    return wxError(sub ? 40026 : 40019, `invalid ${level} key size`);
  }
  if ((b.type === 'view' || b.type === 'miniprogram') && !sized(b.url, 1024)) {
    return wxError(sub ? 40027 : 40020, `invalid ${level} url size`);
  }
  if (b.type === 'view' && !/^https?:\/\//.test(b.url ?? '')) {
    return wxError(sub ? 40054 : 40055, `invalid ${level} url domain`);
  }
  if (b.type === 'miniprogram' && (!b.appid || !b.pagepath)) {
    return wxError(40035, 'invalid args, miniprogram needs appid and pagepath');
  }
  if ((b.type === 'media_id' || b.type === 'view_limited') && !b.media_id) {
    return wxError(40007, 'invalid media_id');
  }
  if ((b.type === 'article_id' || b.type === 'article_view_limited') && !b.article_id) {
    return wxError(40035, 'invalid args, article_id missing');
  }
  return null;
}

function sized(value: unknown, max: number): boolean {
  return typeof value === 'string' && value.length > 0 && bytes(value) <= max;
}

/** The menu as menu/get shows it: every button carries a sub_button list. */
function normalise(button: MenuButton): MenuButton {
  return { ...button, sub_button: (button.sub_button ?? []).map(normalise) };
}

/** The user's attributes a personalised menu's matchrule can test, as the sandbox knows them. */
function attributes(user: SimUser): Record<string, string> {
  return { sex: String(user.sex), language: 'zh_CN', client_platform_type: '2' };
}

/** The menu a user sees: the newest personalised menu whose every rule matches, else the default. */
export function menuFor(ctx: Ctx, user: SimUser | undefined): { button?: MenuButton[] } | null {
  const { menu, conditionalMenus } = ctx.store.data;
  if (!menu || !user) return menu as { button?: MenuButton[] } | null;
  const attrs = attributes(user);
  const matched = [...conditionalMenus]
    .reverse()
    .find((c) => Object.entries(c.matchrule).every(([k, v]) => !v || attrs[k] === String(v)));
  return (matched ?? menu) as { button?: MenuButton[] };
}

/** Registers menu/create, get, delete and the personalised-menu calls. */
export function menuRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.post('/cgi-bin/menu/create', async (request) => {
    const denied = checkAccessToken(ctx, request);
    if (denied) return denied;
    const fault = await applyFault(ctx, 'menuCreate');
    if (fault) return fault;
    const body = jsonBody(request);
    if (isWxError(body)) return body;
    const invalid = validateMenu(body);
    if (invalid) return invalid;
    ctx.store.data.menu = { button: (body.button as MenuButton[]).map(normalise) };
    ctx.store.changed();
    return OK;
  });

  app.get('/cgi-bin/menu/get', async (request) => {
    const denied = checkAccessToken(ctx, request);
    if (denied) return denied;
    const { menu, conditionalMenus } = ctx.store.data;
    if (!menu) return wxError(46003, 'menu no exist');
    return conditionalMenus.length > 0 ? { menu, conditionalmenu: conditionalMenus } : { menu };
  });

  app.post('/cgi-bin/menu/addconditional', async (request) => {
    const denied = checkAccessToken(ctx, request);
    if (denied) return denied;
    const body = jsonBody(request);
    if (isWxError(body)) return body;
    if (!ctx.store.data.menu)
      return wxError(65303, 'there is no selfmenu, please create selfmenu first');
    const rule = (body.matchrule ?? {}) as Record<string, string>;
    if (!Object.values(rule).some((v) => v !== undefined && v !== '')) {
      return wxError(65304, 'match rule empty');
    }
    const invalid = validateMenu(body);
    if (invalid) return invalid;
    const menuid = digits(9);
    const button = (body.button as MenuButton[]).map(normalise);
    ctx.store.data.conditionalMenus.push({ menuid, button, matchrule: rule });
    ctx.store.changed();
    return { menuid };
  });

  app.post('/cgi-bin/menu/delconditional', async (request) => {
    const denied = checkAccessToken(ctx, request);
    if (denied) return denied;
    const body = jsonBody(request);
    if (isWxError(body)) return body;
    const menus = ctx.store.data.conditionalMenus;
    const index = menus.findIndex((m) => m.menuid === String(body.menuid));
    if (index === -1) return wxError(65301, 'no such menuid');
    menus.splice(index, 1);
    ctx.store.changed();
    return OK;
  });

  app.post('/cgi-bin/menu/trymatch', async (request) => {
    const denied = checkAccessToken(ctx, request);
    if (denied) return denied;
    const body = jsonBody(request);
    if (isWxError(body)) return body;
    const user = ctx.store.user(String(body.user_id ?? ''));
    if (!user) return wxError(40003, 'invalid openid');
    const menu = menuFor(ctx, user);
    if (!menu) return wxError(46003, 'menu no exist');
    return { button: menu.button ?? [] };
  });

  const remove = async (request: Parameters<typeof checkAccessToken>[1]) => {
    const denied = checkAccessToken(ctx, request);
    if (denied) return denied;
    ctx.store.data.menu = null;
    ctx.store.data.conditionalMenus = [];
    ctx.store.changed();
    return OK;
  };
  app.get('/cgi-bin/menu/delete', remove);
  app.post('/cgi-bin/menu/delete', remove);
}
