import { utf8Length } from '../core';
import { WechatArgumentError } from '../errors';
import type { ApiCaller } from './client';

// Menus are sent and returned in WeChat's own JSON shape (snake_case), so what `get` returns can
// be edited and sent back as is. Limits are checked before the call: WeChat's own answers
// (40016-40019) do not say which button is wrong.

type KeyButtonType =
  | 'click'
  | 'scancode_push'
  | 'scancode_waitmsg'
  | 'pic_sysphoto'
  | 'pic_photo_or_album'
  | 'pic_weixin'
  | 'location_select';

/** A menu button, as WeChat defines it. */
export type MenuButton =
  | { type: KeyButtonType; name: string; key: string }
  | { type: 'view'; name: string; url: string }
  | { type: 'miniprogram'; name: string; url: string; appid: string; pagepath: string }
  | { type: 'media_id' | 'view_limited'; name: string; media_id: string }
  | { type: 'article_id' | 'article_view_limited'; name: string; article_id: string }
  | { name: string; sub_button: MenuButton[] };

/** Who sees a conditional menu. */
export interface MenuMatchRule {
  tag_id?: string;
  client_platform_type?: string;
  [field: string]: string | undefined;
}

/** The answer of `/cgi-bin/menu/get`. */
export interface MenuGetResult {
  menu?: { button: MenuButton[]; menuid?: number };
  conditionalmenu?: Array<{ button: MenuButton[]; matchrule: MenuMatchRule; menuid: number }>;
}

/** Checks WeChat's documented limits: 1–3 buttons, 1–5 sub-buttons, names, keys and URLs. */
export function validateMenu(buttons: readonly MenuButton[]): void {
  if (buttons.length < 1 || buttons.length > 3) {
    throw new WechatArgumentError(`a menu has 1 to 3 buttons, not ${buttons.length}`);
  }
  for (const button of buttons) {
    if ('sub_button' in button) {
      checkBytes('button name', button.name, 16);
      const n = button.sub_button.length;
      if (n < 1 || n > 5) {
        throw new WechatArgumentError(`"${button.name}" has ${n} sub-buttons; 1 to 5 allowed`);
      }
      for (const sub of button.sub_button) {
        if ('sub_button' in sub) throw new WechatArgumentError('sub-buttons cannot nest');
        checkLeaf(sub, 60);
      }
    } else {
      checkLeaf(button, 16);
    }
  }
}

function checkLeaf(button: Exclude<MenuButton, { sub_button: MenuButton[] }>, nameMax: number) {
  checkBytes('button name', button.name, nameMax);
  if ('key' in button) checkBytes('button key', button.key, 128);
  if ('url' in button) checkBytes('button url', button.url, 1024);
}

function checkBytes(what: string, value: string, max: number): void {
  const n = utf8Length(value);
  if (n < 1 || n > max) {
    throw new WechatArgumentError(`${what} ${JSON.stringify(value)} is ${n} bytes; 1 to ${max}`);
  }
}

/** Custom menu: create, read, delete, and conditional (personalised) menus. */
export class MenuApi {
  constructor(private readonly api: ApiCaller) {}

  /** Replaces the default menu. */
  async create(buttons: MenuButton[]): Promise<void> {
    validateMenu(buttons);
    await this.api.postJson('/cgi-bin/menu/create', { button: buttons });
  }

  /** The current menus (default and conditional). */
  get(): Promise<MenuGetResult> {
    return this.api.getJson<MenuGetResult>('/cgi-bin/menu/get');
  }

  /** Deletes every menu, conditional ones included. */
  async delete(): Promise<void> {
    await this.api.getJson('/cgi-bin/menu/delete');
  }

  /** Adds a conditional menu; returns its menuid. */
  async addConditional(buttons: MenuButton[], matchrule: MenuMatchRule): Promise<string> {
    validateMenu(buttons);
    const r = await this.api.postJson<{ menuid: string | number }>('/cgi-bin/menu/addconditional', {
      button: buttons,
      matchrule,
    });
    return String(r.menuid);
  }

  /** Deletes one conditional menu. */
  async deleteConditional(menuId: string): Promise<void> {
    await this.api.postJson('/cgi-bin/menu/delconditional', { menuid: menuId });
  }

  /** The menu a given user (OpenID or WeChat ID) would see. */
  async tryMatch(userId: string): Promise<MenuButton[]> {
    const r = await this.api.postJson<{ button: MenuButton[] }>('/cgi-bin/menu/trymatch', {
      user_id: userId,
    });
    return r.button;
  }
}
