// The sandbox's own JSON API (/sandbox/api/...), used by tests and by the phone page: simulated
// users and their actions, what the server sent them, faults, the clock, payments and deliveries.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { menuFor } from '../cgi/menu';
import { liveQr, sceneOf } from '../cgi/qrcode';
import { findMedia, storeMedia } from '../cgi/media';
import { invalidateTokens } from '../cgi/token';
import { validTickets } from '../cgi/user';
import type { Ctx } from '../context';
import { jsapiSignature } from '../crypto/jssdk';
import { FAULT_NAMES, type Fault, type FaultName } from '../faults';
import { completeRefund, findOrder, PayError, payable, payOrder } from '../pay/orders';
import { verifyPaySign } from '../pay/sign';
import {
  ActionError,
  clickMenu,
  createUser,
  follow,
  qrByContent,
  requireUser,
  scanQr,
  sendImage,
  sendLocation,
  sendText,
  unfollow,
  viewMenu,
  type ActionResult,
} from '../push/actions';

type Json = Record<string, unknown>;
type Req = FastifyRequest<{ Params: Record<string, string>; Body: Json | undefined }>;

function body(request: Req): Json {
  return request.body && typeof request.body === 'object' ? request.body : {};
}

/** What an action answers: the parsed passive reply first, the delivery details after. */
function actionAnswer(result: ActionResult) {
  const { push } = result;
  return {
    reply: result.reply,
    delivered: push.outcome !== 'failed',
    outcome: push.outcome,
    replyError: push.replyError,
    attempts: push.attempts,
    pushed: push.xml,
  };
}

function imageData(ctx: Ctx, input: Json): string {
  if (typeof input.mediaId === 'string') {
    if (!findMedia(ctx, input.mediaId)) throw new ActionError(404, 'unknown mediaId');
    return input.mediaId;
  }
  if (typeof input.dataBase64 !== 'string') throw new ActionError(400, 'mediaId or dataBase64');
  const data = Buffer.from(input.dataBase64.replace(/^data:[^,]*,/, ''), 'base64');
  const type = typeof input.contentType === 'string' ? input.contentType : 'image/png';
  return storeMedia(ctx, 'image', data, type, String(input.filename ?? 'photo')).mediaId;
}

/** Registers /sandbox/api/*. */
export function controlRoutes(app: FastifyInstance, ctx: Ctx): void {
  const { store } = ctx;

  // H5 pages on other origins call the JS-SDK checks directly when not inside the phone frame.
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/sandbox/api/')) return;
    reply.header('access-control-allow-origin', '*');
    reply.header('access-control-allow-headers', 'content-type');
    reply.header('access-control-allow-methods', 'GET,POST,DELETE,OPTIONS');
  });
  app.options('/sandbox/api/*', async (_request, reply) => reply.code(204).send());

  app.setErrorHandler((error, _request, reply: FastifyReply) => {
    if (error instanceof ActionError)
      return reply.code(error.status).send({ error: error.message });
    if (error instanceof PayError) {
      return reply.code(error.status).send({ error: error.message, code: error.code });
    }
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    return reply.code(status).send({ error: (error as Error).message });
  });

  app.get('/sandbox/api/config', async () => {
    const c = ctx.config;
    return {
      appId: c.appId,
      originalId: c.originalId,
      accountName: c.accountName,
      publicUrl: c.publicUrl,
      messageMode: c.messageMode,
      callbackUrl: c.callbackUrl,
      mchId: c.mchId,
      payMode: c.payMode,
      timeScale: c.timeScale,
      templates: c.templates,
    };
  });

  app.post('/sandbox/api/reset', async () => {
    store.reset();
    ctx.faults.clear();
    ctx.pusher.clear();
    ctx.payNotifier.clear();
    return { ok: true };
  });

  app.get('/sandbox/api/users', async () => store.data.users);
  app.post('/sandbox/api/users', async (request: Req, reply) => {
    const input = body(request);
    const user = createUser(ctx, {
      nickname: typeof input.nickname === 'string' ? input.nickname : undefined,
      openid: typeof input.openid === 'string' ? input.openid : undefined,
    });
    const followed =
      input.subscribed === true ? actionAnswer(await follow(ctx, user.openid)) : null;
    return reply.code(201).send({ ...user, follow: followed });
  });
  app.get('/sandbox/api/users/:openid', async (request: Req) =>
    requireUser(ctx, request.params.openid!),
  );
  app.get('/sandbox/api/users/:openid/messages', async (request: Req) => {
    requireUser(ctx, request.params.openid!);
    const after = Number((request.query as Json).after ?? 0);
    return store.data.messages.filter((m) => m.openid === request.params.openid && m.id > after);
  });

  const act = (path: string, run: (openid: string, input: Json) => Promise<ActionResult>) =>
    app.post(`/sandbox/api/users/:openid/${path}`, async (request: Req) =>
      actionAnswer(await run(request.params.openid!, body(request))),
    );
  act('follow', (openid, input) => {
    if (typeof input.ticket !== 'string') return follow(ctx, openid);
    return scanQr(ctx, openid, input.ticket);
  });
  act('unfollow', (openid) => unfollow(ctx, openid));
  act('text', (openid, input) => sendText(ctx, openid, String(input.content ?? '')));
  act('image', (openid, input) => sendImage(ctx, openid, imageData(ctx, input)));
  act('location', (openid, input) =>
    sendLocation(ctx, openid, {
      x: Number(input.x),
      y: Number(input.y),
      scale: input.scale === undefined ? undefined : Number(input.scale),
      label: typeof input.label === 'string' ? input.label : undefined,
    }),
  );
  act('click', (openid, input) => clickMenu(ctx, openid, String(input.key ?? '')));
  act('view', (openid, input) => viewMenu(ctx, openid, String(input.url ?? '')));

  // A scan: a ticket, or the text a camera read. Only the account's own QR codes push an event;
  // anything else is handed back for the phone to open (a URL) or show (text).
  app.post('/sandbox/api/users/:openid/scan', async (request: Req) => {
    const input = body(request);
    const openid = request.params.openid!;
    requireUser(ctx, openid);
    let ticket = typeof input.ticket === 'string' ? input.ticket : undefined;
    const content = typeof input.content === 'string' ? input.content.trim() : '';
    if (!ticket && content) ticket = qrByContent(ctx, content)?.ticket;
    if (ticket) return { kind: 'event', ...actionAnswer(await scanQr(ctx, openid, ticket)) };
    if (!content) throw new ActionError(400, 'ticket or content required');
    return { kind: /^https?:\/\//.test(content) ? 'url' : 'text', content };
  });

  // The menu a given user sees (personalised menus included), or the default one.
  app.get('/sandbox/api/menu', async (request: Req) => {
    const openid = (request.query as Json).openid;
    return menuFor(ctx, typeof openid === 'string' ? store.user(openid) : undefined);
  });

  app.get('/sandbox/api/qrcodes', async () =>
    store.data.qrcodes.map((q) => ({
      ...q,
      scene: sceneOf(q),
      expired: !liveQr(ctx, q.ticket),
      imageUrl: `${ctx.config.publicUrl}/cgi-bin/showqrcode?ticket=${encodeURIComponent(q.ticket)}`,
    })),
  );

  app.get('/sandbox/api/tokens', async () => ({
    live: store.data.tokens.filter((t) => t.expiresAt > ctx.clock.now()).length,
    calls: store.data.tokenCalls,
  }));
  app.post('/sandbox/api/tokens/invalidate', async () => ({
    invalidated: invalidateTokens(ctx),
  }));

  app.get('/sandbox/api/clock', async () => ({ now: ctx.clock.now(), offsetMs: ctx.clock.offset }));
  app.post('/sandbox/api/clock', async (request: Req) => {
    ctx.clock.advance(Number(body(request).advanceSeconds ?? 0) * 1000);
    return { now: ctx.clock.now(), offsetMs: ctx.clock.offset };
  });

  app.get('/sandbox/api/faults', async () => ctx.faults.list());
  app.post('/sandbox/api/faults', async (request: Req) => {
    const input = body(request);
    const times = typeof input.times === 'number' ? input.times : undefined;
    for (const [name, value] of Object.entries(input)) {
      if (name === 'times') continue;
      if (!FAULT_NAMES.includes(name as FaultName)) {
        throw new ActionError(400, `unknown fault ${name}; known: ${FAULT_NAMES.join(', ')}`);
      }
      const fault = value as Fault & { times?: number };
      ctx.faults.set(name as FaultName, fault, fault.times ?? times);
    }
    return ctx.faults.list();
  });
  app.delete('/sandbox/api/faults', async () => {
    ctx.faults.clear();
    return {};
  });

  app.post('/sandbox/api/media', async (request: Req) => {
    const mediaId = imageData(ctx, body(request));
    return { mediaId, url: `${ctx.config.publicUrl}/sandbox/media/${mediaId}` };
  });

  app.post('/sandbox/api/jssdk/verify', async (request: Req) => {
    const input = body(request);
    const signature = String(input.signature ?? '');
    if (input.appId !== ctx.config.appId) return { ok: false, errMsg: 'config:invalid appId' };
    const url = String(input.url ?? '');
    const ok = validTickets(ctx).some(
      (t) =>
        jsapiSignature(t, String(input.nonceStr ?? ''), String(input.timestamp ?? ''), url) ===
        signature,
    );
    return ok
      ? { ok: true, errMsg: 'config:ok' }
      : { ok: false, errMsg: 'config:invalid signature' };
  });

  app.post('/sandbox/api/pay/sheet', async (request: Req) => {
    const p = body(request) as Record<string, string>;
    const fail = (why: string) => ({ ok: false, errMsg: 'get_brand_wcpay_request:fail', why });
    if (p.appId !== ctx.config.appId) return fail('appId 与公众号不一致');
    if (p.signType !== 'RSA') return fail('signType 须为 RSA');
    const prepayId = /^prepay_id=(.+)$/.exec(p.package ?? '')?.[1];
    if (!prepayId) return fail('package 须为 prepay_id=…');
    const signed = {
      appId: p.appId,
      timeStamp: String(p.timeStamp ?? ''),
      nonceStr: String(p.nonceStr ?? ''),
      package: p.package!,
      paySign: String(p.paySign ?? ''),
    };
    if (!verifyPaySign(ctx.config, signed)) return fail('支付验证签名失败');
    const order = store.data.orders.find((o) => o.prepayId === prepayId);
    if (!order) return fail('prepay_id 不存在');
    const refused = payable(ctx, order);
    if (refused) return fail(refused);
    if (p.openid && p.openid !== order.payerOpenid) return fail('当前微信用户与下单用户不一致');
    return {
      ok: true,
      order: {
        prepayId,
        outTradeNo: order.outTradeNo,
        description: order.description,
        total: order.total,
        merchant: ctx.config.accountName,
      },
    };
  });

  app.get('/sandbox/api/pay/orders', async () => store.data.orders);
  const order = (request: Req) => {
    const found = findOrder(ctx, request.params.id!);
    if (!found) throw new ActionError(404, 'no such order');
    return found;
  };
  app.post('/sandbox/api/pay/orders/:id/pay', async (request: Req) => {
    const { openid, at } = body(request);
    const paid = payOrder(
      ctx,
      order(request),
      typeof openid === 'string' ? openid : undefined,
      typeof at === 'string' ? Date.parse(at) : undefined,
    );
    return { errMsg: 'get_brand_wcpay_request:ok', order: paid };
  });
  app.post('/sandbox/api/pay/orders/:id/cancel', async (request: Req) => ({
    errMsg: 'get_brand_wcpay_request:cancel',
    order: order(request),
  }));
  app.post('/sandbox/api/pay/orders/:id/fail', async (request: Req) => ({
    errMsg: 'get_brand_wcpay_request:fail',
    order: order(request),
  }));

  app.get('/sandbox/api/pay/refunds', async () => store.data.refunds);
  app.post('/sandbox/api/pay/refunds/:no/complete', async (request: Req) => {
    const refund = store.data.refunds.find((r) => r.outRefundNo === request.params.no);
    if (!refund) throw new ActionError(404, 'no such refund');
    const status = body(request).status as 'SUCCESS' | 'ABNORMAL' | 'CLOSED' | undefined;
    return completeRefund(ctx, refund, status ?? 'SUCCESS');
  });

  app.get('/sandbox/api/pay/notifications', async () => ctx.payNotifier.list());
  app.get('/sandbox/api/pushes', async () => ctx.pusher.list());
  app.post('/sandbox/api/callback/verify', async () => ctx.pusher.verifyUrl());
}
