// Parametric QR codes: temporary (QR_SCENE, QR_STR_SCENE) expiring, permanent (QR_LIMIT_*),
// and showqrcode serving a real PNG whose content the phone can scan back.
import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import type { Ctx } from '../context';
import { newTicket, randomString } from '../ids';
import type { QrCode } from '../store';
import { applyFault, checkAccessToken, isWxError, jsonBody, query, wxError } from './common';

const MAX_EXPIRE = 2_592_000;
const ACTIONS = ['QR_SCENE', 'QR_STR_SCENE', 'QR_LIMIT_SCENE', 'QR_LIMIT_STR_SCENE'] as const;

/** Creates a QR code from a qrcode/create body, or returns WeChat's error. */
function create(ctx: Ctx, body: Record<string, unknown>) {
  const action = body.action_name as QrCode['actionName'];
  if (!ACTIONS.includes(action)) return wxError(40035, 'invalid args, action_name');
  const info = body.action_info as { scene?: { scene_id?: unknown; scene_str?: unknown } };
  const scene = info?.scene ?? {};
  const temporary = action === 'QR_SCENE' || action === 'QR_STR_SCENE';
  const qr: QrCode = {
    ticket: newTicket(),
    actionName: action,
    url: `http://weixin.qq.com/q/${randomString(22)}`,
    createdAt: ctx.clock.now(),
  };
  if (action === 'QR_SCENE' || action === 'QR_LIMIT_SCENE') {
    const id = scene.scene_id;
    const max = temporary ? 0xffffffff : 100_000;
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 1 || id > max) {
      return wxError(40035, 'invalid args, scene_id');
    }
    qr.sceneId = id;
  } else {
    const s = scene.scene_str;
    if (typeof s !== 'string' || s.length < 1 || s.length > 64) {
      return wxError(40035, 'invalid args, scene_str');
    }
    qr.sceneStr = s;
  }
  let expireSeconds: number | undefined;
  if (temporary) {
    const asked = typeof body.expire_seconds === 'number' ? body.expire_seconds : 60;
    expireSeconds = Math.min(Math.max(1, Math.floor(asked)), MAX_EXPIRE);
    qr.expiresAt = qr.createdAt + expireSeconds * 1000;
  }
  ctx.store.data.qrcodes.push(qr);
  ctx.store.changed();
  return { ticket: qr.ticket, expire_seconds: expireSeconds, url: qr.url };
}

/** The QR code a ticket names, if it exists and has not expired. */
export function liveQr(ctx: Ctx, ticket: string): QrCode | undefined {
  const qr = ctx.store.data.qrcodes.find((q) => q.ticket === ticket);
  if (!qr || (qr.expiresAt !== undefined && qr.expiresAt <= ctx.clock.now())) return undefined;
  return qr;
}

/** The scene value a scan event carries: the id as text, or the string. */
export function sceneOf(qr: QrCode): string {
  return qr.sceneStr ?? String(qr.sceneId);
}

/** Registers qrcode/create and showqrcode. */
export function qrcodeRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.post('/cgi-bin/qrcode/create', async (request) => {
    const denied = checkAccessToken(ctx, request);
    if (denied) return denied;
    const fault = await applyFault(ctx, 'qrcodeCreate');
    if (fault) return fault;
    const body = jsonBody(request);
    if (isWxError(body)) return body;
    return create(ctx, body);
  });

  app.get('/cgi-bin/showqrcode', async (request, reply) => {
    const qr = liveQr(ctx, query(request).ticket ?? '');
    if (!qr) return reply.code(404).type('text/plain').send('ticket invalid or expired');
    const png = await QRCode.toBuffer(qr.url, { type: 'png', width: 430, margin: 2 });
    return reply.type('image/png').header('cache-control', 'max-age=300').send(png);
  });
}
