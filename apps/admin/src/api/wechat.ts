import {
  wechatRoutes,
  type AutoReply,
  type AutoReplyBody,
  type Menu,
  type ReplySettings,
  type RouteResponse,
} from '@zhangyi/contracts';
import { call } from './client';

export type MenuState = RouteResponse<typeof wechatRoutes.menu>;

/** The welcome reply and the reply to anything no rule matches (null: no reply). */
export function fetchReplySettings(): Promise<ReplySettings> {
  return call(wechatRoutes.replySettings);
}

/** Replaces both replies. */
export function saveReplySettings(body: ReplySettings): Promise<ReplySettings> {
  return call(wechatRoutes.saveReplySettings, { body });
}

/** Every keyword rule, in the order the server tries them. */
export function listAutoReplies(): Promise<AutoReply[]> {
  return call(wechatRoutes.autoReplies);
}

/** Adds a keyword rule. */
export function createAutoReply(body: AutoReplyBody): Promise<AutoReply> {
  return call(wechatRoutes.createAutoReply, { body });
}

/** Replaces a keyword rule (the body is the whole rule). */
export function updateAutoReply(id: string, body: AutoReplyBody): Promise<AutoReply> {
  return call(wechatRoutes.updateAutoReply, { params: { id }, body });
}

/** Removes a keyword rule. */
export function deleteAutoReply(id: string): Promise<void> {
  return call(wechatRoutes.deleteAutoReply, { params: { id } });
}

/** The saved draft (the default menu until one is saved) and what was last published. */
export function fetchMenu(): Promise<MenuState> {
  return call(wechatRoutes.menu);
}

/** Saves the draft; MENU_INVALID (`details.problem`) when WeChat's limits are broken. */
export function saveMenuDraft(menu: Menu): Promise<MenuState> {
  return call(wechatRoutes.saveMenu, { body: menu });
}

/**
 * Publishes the saved draft through WeChat's menu API: WECHAT_API_FAILED (errcode, errmsg) when
 * WeChat refuses, WECHAT_NOT_CONFIGURED without an Official Account.
 */
export function publishMenu(): Promise<MenuState> {
  return call(wechatRoutes.publishMenu);
}

/** The menu WeChat shows right now, asked of WeChat itself; null when the account has none. */
export function fetchLiveMenu(): Promise<Menu | null> {
  return call(wechatRoutes.liveMenu).then((answer) => answer.menu);
}
