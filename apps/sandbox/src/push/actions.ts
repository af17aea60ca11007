// What a simulated user does in the chat, turned into the messages and events WeChat pushes.
import type { Ctx } from '../context';
import { liveQr, sceneOf } from '../cgi/qrcode';
import { menuFor, type MenuButton } from '../cgi/menu';
import type { XmlInputObject } from '../crypto/xml';
import { newOpenid } from '../ids';
import type { ChatMessage, QrCode, SimUser } from '../store';
import type { PushRecord } from './pusher';

/** A user action refused before anything is pushed (the phone would not allow it). */
export class ActionError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** What an action produced: the push with its attempts, and the reply shown in the chat. */
export interface ActionResult {
  push: PushRecord;
  reply: ChatMessage | null;
}

/** Creates a simulated user (not yet following). */
export function createUser(ctx: Ctx, input: { nickname?: string; openid?: string }): SimUser {
  const count = ctx.store.data.users.length + 1;
  const openid = input.openid ?? newOpenid();
  if (ctx.store.user(openid)) throw new ActionError(409, `user ${openid} exists`);
  const user: SimUser = {
    openid,
    nickname: input.nickname?.trim() || `微信用户${count}`,
    headimgurl: `${ctx.config.publicUrl}/sandbox/avatar/${openid}.svg`,
    sex: 0,
    subscribed: false,
    createdAt: ctx.clock.now(),
  };
  ctx.store.data.users.push(user);
  ctx.store.changed();
  return user;
}

/** The user, or a 404 action error. */
export function requireUser(ctx: Ctx, openid: string): SimUser {
  const user = ctx.store.user(openid);
  if (!user) throw new ActionError(404, `no simulated user ${openid}`);
  return user;
}

/**
 * CreateTime for an event. Events are deduplicated on FromUserName + CreateTime, so two events of
 * one user in one second would look like a retry to the server; keep each user's times increasing.
 */
export function eventTime(ctx: Ctx, user: SimUser): number {
  const time = Math.max(ctx.clock.seconds(), (user.lastEventTime ?? 0) + 1);
  user.lastEventTime = time;
  return time;
}

async function pushEvent(
  ctx: Ctx,
  user: SimUser,
  event: string,
  extra: XmlInputObject = {},
  interaction = true,
): Promise<ActionResult> {
  if (interaction) user.lastInteractionAt = ctx.clock.now();
  ctx.store.changed();
  const push = await ctx.pusher.push(
    user.openid,
    { CreateTime: eventTime(ctx, user), MsgType: 'event', Event: event, ...extra },
    // WeChat shows nothing to someone who has just unfollowed.
    { userFacing: event !== 'unsubscribe' },
  );
  return { push, reply: push.reply ?? null };
}

async function pushMessage(
  ctx: Ctx,
  user: SimUser,
  shown: Omit<ChatMessage, 'id' | 'openid' | 'at' | 'kind'>,
  fields: XmlInputObject,
): Promise<ActionResult> {
  if (!user.subscribed) throw new ActionError(409, 'only followers can message the account');
  const now = ctx.clock.now();
  user.lastInteractionAt = now;
  ctx.store.addMessage({ ...shown, openid: user.openid, at: now, kind: 'user' });
  const push = await ctx.pusher.push(user.openid, {
    CreateTime: Math.floor(now / 1000),
    ...fields,
    MsgId: ctx.store.nextMsgId(),
  });
  return { push, reply: push.reply ?? null };
}

/** Follows the account (searching for it, or through a QR code when `qr` is given). */
export async function follow(ctx: Ctx, openid: string, qr?: QrCode): Promise<ActionResult> {
  const user = requireUser(ctx, openid);
  if (user.subscribed) throw new ActionError(409, 'already following');
  user.subscribed = true;
  user.subscribeTime = ctx.clock.seconds();
  user.subscribeScene = qr ? 'ADD_SCENE_QR_CODE' : 'ADD_SCENE_SEARCH';
  user.qrScene = qr?.sceneId;
  user.qrSceneStr = qr?.sceneStr;
  const extra: XmlInputObject = qr ? { EventKey: `qrscene_${sceneOf(qr)}`, Ticket: qr.ticket } : {};
  return pushEvent(ctx, user, 'subscribe', extra);
}

/** Unfollows; WeChat ignores any reply to this event. */
export async function unfollow(ctx: Ctx, openid: string): Promise<ActionResult> {
  const user = requireUser(ctx, openid);
  if (!user.subscribed) throw new ActionError(409, 'not following');
  user.subscribed = false;
  user.lastInteractionAt = undefined;
  return pushEvent(ctx, user, 'unsubscribe', {}, false);
}

/** Sends a text message. */
export function sendText(ctx: Ctx, openid: string, content: string): Promise<ActionResult> {
  if (!content) throw new ActionError(400, 'content is empty');
  const user = requireUser(ctx, openid);
  return pushMessage(
    ctx,
    user,
    { msgType: 'text', content },
    { MsgType: 'text', Content: content },
  );
}

/** Sends an image already stored as media. */
export function sendImage(ctx: Ctx, openid: string, mediaId: string): Promise<ActionResult> {
  const user = requireUser(ctx, openid);
  const picUrl = `${ctx.config.publicUrl}/sandbox/media/${mediaId}`;
  return pushMessage(
    ctx,
    user,
    { msgType: 'image', mediaId, picUrl },
    { MsgType: 'image', PicUrl: picUrl, MediaId: mediaId },
  );
}

/** Sends a location message. */
export function sendLocation(
  ctx: Ctx,
  openid: string,
  loc: { x: number; y: number; scale?: number; label?: string },
): Promise<ActionResult> {
  const user = requireUser(ctx, openid);
  const location = { x: loc.x, y: loc.y, scale: loc.scale ?? 15, label: loc.label ?? '' };
  return pushMessage(
    ctx,
    user,
    { msgType: 'location', location },
    {
      MsgType: 'location',
      Location_X: location.x,
      Location_Y: location.y,
      Scale: location.scale,
      Label: location.label,
    },
  );
}

function menuButtons(ctx: Ctx, user: SimUser): MenuButton[] {
  const menu = menuFor(ctx, user);
  return (menu?.button ?? []).flatMap((b) => [b, ...(b.sub_button ?? [])]);
}

/** Taps a menu item of type click. */
export function clickMenu(ctx: Ctx, openid: string, key: string): Promise<ActionResult> {
  const user = requireUser(ctx, openid);
  if (!user.subscribed) throw new ActionError(409, 'the menu shows only to followers');
  if (!menuButtons(ctx, user).some((b) => b.type === 'click' && b.key === key)) {
    throw new ActionError(404, `no click button with key ${key} in the current menu`);
  }
  return pushEvent(ctx, user, 'CLICK', { EventKey: key });
}

/** Taps a menu item of type view; the phone then opens the URL. */
export function viewMenu(ctx: Ctx, openid: string, url: string): Promise<ActionResult> {
  const user = requireUser(ctx, openid);
  if (!user.subscribed) throw new ActionError(409, 'the menu shows only to followers');
  if (!menuButtons(ctx, user).some((b) => b.type === 'view' && b.url === url)) {
    throw new ActionError(404, 'no view button with that url in the current menu');
  }
  // Tapping a link is not an interaction that opens the 48 h customer-service window.
  return pushEvent(ctx, user, 'VIEW', { EventKey: url }, false);
}

/** Scans a parametric QR code: SCAN for a follower, subscribe with qrscene_ for a newcomer. */
export function scanQr(ctx: Ctx, openid: string, ticket: string): Promise<ActionResult> {
  const user = requireUser(ctx, openid);
  const qr = liveQr(ctx, ticket);
  if (!qr) throw new ActionError(410, '二维码已过期或不存在');
  if (!user.subscribed) return follow(ctx, openid, qr);
  return pushEvent(ctx, user, 'SCAN', { EventKey: sceneOf(qr), Ticket: qr.ticket });
}

/** Finds the QR code whose content is `content` (what a camera would read). */
export function qrByContent(ctx: Ctx, content: string): QrCode | undefined {
  return ctx.store.data.qrcodes.find((q) => q.url === content.trim());
}

/** All simulated users, oldest first. */
export function listUsers(ctx: Ctx): SimUser[] {
  return ctx.store.data.users;
}
