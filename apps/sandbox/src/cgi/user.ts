// Follower information (user/info, batchget, user/get) and the JS-SDK ticket.
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../context';
import { randomString } from '../ids';
import type { SimUser } from '../store';
import { applyFault, checkAccessToken, isWxError, jsonBody, query, wxError } from './common';

const TICKET_LIFETIME_MS = 7200_000;

/** user/info as WeChat answers it since 2021 (no nickname or avatar for followers). */
function info(user: SimUser) {
  if (!user.subscribed) return { subscribe: 0, openid: user.openid };
  return {
    subscribe: 1,
    openid: user.openid,
    language: 'zh_CN',
    subscribe_time: user.subscribeTime ?? 0,
    remark: '',
    groupid: 0,
    tagid_list: [],
    subscribe_scene: user.subscribeScene ?? 'ADD_SCENE_OTHERS',
    qr_scene: user.qrScene ?? 0,
    qr_scene_str: user.qrSceneStr ?? '',
  };
}

/** The JS-SDK tickets wx.config may be signed with: the current one and earlier unexpired ones. */
export function validTickets(ctx: Ctx): string[] {
  const now = ctx.clock.now();
  return ctx.store.data.jsapiTickets.filter((t) => t.expiresAt > now).map((t) => t.ticket);
}

/** Registers user/info, user/info/batchget, user/get and ticket/getticket. */
export function userRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.get('/cgi-bin/user/info', async (request) => {
    const denied = checkAccessToken(ctx, request);
    if (denied) return denied;
    const fault = await applyFault(ctx, 'userInfo');
    if (fault) return fault;
    const user = ctx.store.user(query(request).openid ?? '');
    return user ? info(user) : wxError(40003, 'invalid openid');
  });

  app.post('/cgi-bin/user/info/batchget', async (request) => {
    const denied = checkAccessToken(ctx, request);
    if (denied) return denied;
    const body = jsonBody(request);
    if (isWxError(body)) return body;
    const list = (body.user_list ?? []) as { openid?: string }[];
    if (!Array.isArray(list) || list.length > 100) return wxError(45035, 'list size too big');
    const users = list.map((u) => ctx.store.user(u.openid ?? ''));
    if (users.some((u) => !u)) return wxError(40003, 'invalid openid');
    return { user_info_list: users.map((u) => info(u as SimUser)) };
  });

  app.get('/cgi-bin/user/get', async (request) => {
    const denied = checkAccessToken(ctx, request);
    if (denied) return denied;
    const followers = ctx.store.data.users.filter((u) => u.subscribed).map((u) => u.openid);
    const after = query(request).next_openid;
    const start = after ? followers.indexOf(after) + 1 : 0;
    const page = followers.slice(start, start + 10_000);
    return {
      total: followers.length,
      count: page.length,
      data: { openid: page },
      next_openid: page.at(-1) ?? '',
    };
  });

  app.get('/cgi-bin/ticket/getticket', async (request) => {
    const denied = checkAccessToken(ctx, request);
    if (denied) return denied;
    const fault = await applyFault(ctx, 'ticket');
    if (fault) return fault;
    if (query(request).type !== 'jsapi') return wxError(40097, 'invalid args, type');
    const now = ctx.clock.now();
    const tickets = ctx.store.data.jsapiTickets.filter((t) => t.expiresAt > now);
    let current = tickets.at(-1);
    if (!current) {
      current = { ticket: randomString(86, ALPHABET), expiresAt: now + TICKET_LIFETIME_MS };
      tickets.push(current);
    }
    ctx.store.data.jsapiTickets = tickets;
    ctx.store.changed();
    return {
      errcode: 0,
      errmsg: 'ok',
      ticket: current.ticket,
      expires_in: Math.floor((current.expiresAt - now) / 1000),
    };
  });
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
