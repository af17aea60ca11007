import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorMessage, localeFromAcceptLanguage } from '@zhangyi/contracts';
import { OAuthCodeError, WechatError } from '@zhangyi/wechat';
import type { Deps } from '../../context';
import { recordAudit } from '../audit/service';
import { openWechatSession } from './sessions';
import { recordVisit } from './users';

export const WECHAT_SESSION_COOKIE = 'zy_wx';
const STATE_COOKIE = 'zy_oauth';

/** Only our own H5 pages may be the destination, so the flow cannot be used as an open redirect. */
function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/h5(\/[^\s\\]*)?$/.test(next) && !next.startsWith('//')
    ? next
    : '/h5/';
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

/** A page in the phone's language saying what went wrong, with a way to try again and a way home. */
function errorPage(
  request: FastifyRequest,
  reply: FastifyReply,
  status: number,
  reason: string,
  next: string,
) {
  const locale = localeFromAcceptLanguage(request.headers['accept-language']);
  const en = locale === 'en';
  const retry = `/wechat/oauth/start?next=${encodeURIComponent(next)}`;
  const html = `<!doctype html><html lang="${en ? 'en' : 'zh-CN'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${en ? 'Sign-in failed' : '授权失败'}</title>
<style>body{font-family:system-ui,sans-serif;margin:0;padding:48px 24px;text-align:center;color:#333}
h1{font-size:20px}p{color:#666;font-size:15px;line-height:1.6}a{display:block;margin:16px auto;max-width:280px;padding:12px;border-radius:8px;text-decoration:none}
.primary{background:#1989fa;color:#fff}.secondary{border:1px solid #ddd;color:#333}</style></head>
<body data-test="oauth-error"><h1>${escapeHtml(errorMessage('WECHAT_AUTH_FAILED', locale))}</h1><p>${escapeHtml(reason)}</p>
<a class="primary" href="${escapeHtml(retry)}">${en ? 'Try again' : '重新进入'}</a>
<a class="secondary" href="/h5/">${en ? 'Home' : '返回首页'}</a></body></html>`;
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(html);
}

/**
 * Silent OAuth (`snsapi_base`) in front of every H5 page: `/wechat/oauth/start` sends the phone to
 * WeChat with a one-time state bound to this browser; `/wechat/oauth/callback` checks the state,
 * trades the code for the OpenID, opens a session and returns to the page.
 */
export function oauthRoutes(app: FastifyInstance, deps: Deps): void {
  const cookieBase = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.session.cookieSecure,
    signed: true,
  };

  app.get('/wechat/oauth/start', { schema: { hide: true } }, async (request, reply) => {
    const next = safeNext((request.query as Record<string, unknown>).next);
    if (!deps.wechat)
      return errorPage(request, reply, 503, errorMessage('WECHAT_NOT_CONFIGURED', 'zh-CN'), next);
    const state = randomBytes(12).toString('hex');
    reply.setCookie(STATE_COOKIE, `${state}|${next}`, { ...cookieBase, maxAge: 600 });
    const url = deps.wechat.oauth.authorizeUrl({
      redirectUri: `${deps.config.publicUrl}/wechat/oauth/callback`,
      scope: 'snsapi_base',
      state,
    });
    return reply.redirect(url);
  });

  app.get('/wechat/oauth/callback', { schema: { hide: true } }, async (request, reply) => {
    const { code, state } = request.query as Record<string, string | undefined>;
    const raw = request.cookies[STATE_COOKIE];
    const unsigned = raw ? request.unsignCookie(raw) : undefined;
    const [expected, storedNext] =
      unsigned?.valid && unsigned.value ? unsigned.value.split('|') : [];
    const next = safeNext(storedNext);
    const meta = { actor: { type: 'anonymous' as const }, ip: request.ip, requestId: request.id };
    reply.clearCookie(STATE_COOKIE, cookieBase);
    if (!deps.wechat)
      return errorPage(request, reply, 503, errorMessage('WECHAT_NOT_CONFIGURED', 'zh-CN'), next);
    if (!state || !expected || state !== expected) {
      await recordAudit(deps.db, meta, {
        action: 'wechat.oauth',
        result: 'failure',
        details: { reason: 'state' },
      });
      return errorPage(
        request,
        reply,
        400,
        '授权链接已失效或不是在本页面发起的（state 不匹配）。',
        next,
      );
    }
    if (!code) return errorPage(request, reply, 400, '用户未同意授权，或授权链接缺少 code。', next);
    let openid: string;
    let unionid: string | undefined;
    try {
      const token = await deps.wechat.oauth.exchangeCode(code);
      openid = token.openid;
      unionid = token.unionid;
    } catch (error) {
      const reason =
        error instanceof OAuthCodeError
          ? '授权码已使用或已过期，请重新进入。'
          : error instanceof WechatError
            ? `微信接口暂时不可用（${error.code}）。`
            : '授权时发生错误。';
      await recordAudit(deps.db, meta, {
        action: 'wechat.oauth',
        result: 'failure',
        details: { reason: error instanceof WechatError ? error.code : 'error' },
      });
      if (!(error instanceof WechatError)) request.log.error({ err: error }, 'oauth failed');
      return errorPage(request, reply, 400, reason, next);
    }
    await recordVisit(deps.db, openid, unionid, deps.clock.now());
    const { sessionId, expiresAt } = await openWechatSession(deps, openid);
    reply.setCookie(WECHAT_SESSION_COOKIE, sessionId, { ...cookieBase, expires: expiresAt });
    return reply.redirect(next);
  });
}
