// OAuth2 web authorization (网页授权): /connect/oauth2/authorize redirects back with a single-use
// code valid 5 minutes; /sns/oauth2/access_token exchanges it; /sns/userinfo needs snsapi_userinfo.
import formbody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { applyFault, query, wxError } from '../cgi/common';
import type { Ctx } from '../context';
import { randomString } from '../ids';
import type { OAuthCode, SimUser, SnsToken } from '../store';
import { consentPage, errorPage, pickerPage } from './pages';

/** Cookie on the sandbox origin naming the user holding the phone (ports share cookies). */
export const PHONE_COOKIE = 'wxsandbox_openid';
const CODE_LIFETIME_MS = 300_000;
const TOKEN_LIFETIME_MS = 7200_000;
const REFRESH_LIFETIME_MS = 30 * 86_400_000;
const SCOPES = ['snsapi_base', 'snsapi_userinfo'] as const;
type Scope = (typeof SCOPES)[number];

function cookie(request: FastifyRequest, name: string): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** Redirect target with code and state added to the query, before any #fragment. */
function back(redirectUri: string, params: Record<string, string>): string {
  const url = new URL(redirectUri);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

function issueCode(ctx: Ctx, user: SimUser, scope: Scope): string {
  const now = ctx.clock.now();
  ctx.store.data.oauthCodes = ctx.store.data.oauthCodes.filter(
    (c) => c.expiresAt > now - 86_400_000,
  );
  const code: OAuthCode = {
    code: randomString(32),
    openid: user.openid,
    scope,
    expiresAt: now + CODE_LIFETIME_MS,
    used: false,
  };
  ctx.store.data.oauthCodes.push(code);
  ctx.store.changed();
  return code.code;
}

function snsToken(
  ctx: Ctx,
  request: FastifyRequest,
): SnsToken | { errcode: number; errmsg: string } {
  const q = query(request);
  if (!q.access_token) return wxError(41001, 'access_token missing');
  const token = ctx.store.data.snsTokens.find((t) => t.accessToken === q.access_token);
  if (!token) return wxError(40001, 'invalid credential, access_token is invalid or not latest');
  if (token.expiresAt <= ctx.clock.now()) return wxError(42001, 'access_token expired');
  if (q.openid && q.openid !== token.openid) return wxError(40003, 'invalid openid');
  return token;
}

/** Registers the authorize page, its consent form and the /sns endpoints. */
export async function oauthRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  await app.register(formbody);

  const authorize = (
    request: FastifyRequest,
    reply: FastifyReply,
    params: Record<string, string | undefined>,
  ) => {
    const html = (status: number, body: string) =>
      reply.code(status).type('text/html; charset=utf-8').send(body);
    if (params.appid !== ctx.config.appId) return html(400, errorPage(10016, 'appid 不正确'));
    if (params.response_type !== 'code') {
      return html(400, errorPage(10004, 'response_type 必须为 code'));
    }
    const scope = params.scope as Scope;
    if (!SCOPES.includes(scope))
      return html(400, errorPage(10005, '此公众号并没有这些 scope 的权限'));
    let redirect: URL;
    try {
      redirect = new URL(params.redirect_uri ?? '');
    } catch {
      return html(400, errorPage(10003, 'redirect_uri 参数错误'));
    }
    const state = params.state ?? '';
    if (Buffer.byteLength(state) > 128) return html(400, errorPage(10003, 'state 超过 128 字节'));
    const chosen = params.sandbox_openid ?? cookie(request, PHONE_COOKIE);
    const user = chosen ? ctx.store.user(chosen) : undefined;
    if (!user) return html(200, pickerPage(ctx.store.data.users, request.url));
    if (params.sandbox_openid) {
      reply.header('set-cookie', `${PHONE_COOKIE}=${user.openid}; Path=/; SameSite=Lax`);
    }
    // Followers arriving from the account are authorized silently even for snsapi_userinfo.
    if (scope === 'snsapi_userinfo' && !user.userinfoGranted && !user.subscribed) {
      return html(
        200,
        consentPage(ctx.config.accountName, user, {
          appid: params.appid,
          redirect_uri: redirect.toString(),
          scope,
          state,
          openid: user.openid,
        }),
      );
    }
    return reply.redirect(back(redirect.toString(), { code: issueCode(ctx, user, scope), state }));
  };

  app.get('/connect/oauth2/authorize', (request, reply) =>
    authorize(request, reply, query(request)),
  );

  app.post('/connect/oauth2/authorize/consent', (request, reply) => {
    const form = request.body as Record<string, string>;
    const user = ctx.store.user(form.openid ?? '');
    if (!user || form.appid !== ctx.config.appId) {
      return reply.code(400).type('text/html').send(errorPage(10016, '授权请求无效'));
    }
    const state = form.state ?? '';
    if (form.decision !== 'allow') {
      // A refusal returns to the page with the state only, no code.
      return reply.redirect(back(form.redirect_uri ?? '', { state }));
    }
    user.userinfoGranted = true;
    const code = issueCode(ctx, user, 'snsapi_userinfo');
    return reply.redirect(back(form.redirect_uri ?? '', { code, state }));
  });

  app.get('/sns/oauth2/access_token', async (request) => {
    const q = query(request);
    const fault = await applyFault(ctx, 'oauthAccessToken');
    if (fault) return fault;
    if (q.appid !== ctx.config.appId) return wxError(40013, 'invalid appid');
    if (q.secret !== ctx.config.appSecret) return wxError(40125, 'invalid appsecret');
    if (q.grant_type !== 'authorization_code') return wxError(40002, 'invalid grant_type');
    if (!q.code) return wxError(41008, 'missing code');
    const code = ctx.store.data.oauthCodes.find((c) => c.code === q.code);
    const now = ctx.clock.now();
    if (!code || code.expiresAt <= now) return wxError(40029, 'invalid code');
    if (code.used) return wxError(40163, 'code been used');
    code.used = true;
    const token: SnsToken = {
      accessToken: randomString(110),
      refreshToken: randomString(110),
      openid: code.openid,
      scope: code.scope,
      expiresAt: now + TOKEN_LIFETIME_MS,
      refreshExpiresAt: now + REFRESH_LIFETIME_MS,
    };
    ctx.store.data.snsTokens = ctx.store.data.snsTokens.filter((t) => t.refreshExpiresAt > now);
    ctx.store.data.snsTokens.push(token);
    ctx.store.changed();
    return {
      access_token: token.accessToken,
      expires_in: TOKEN_LIFETIME_MS / 1000,
      refresh_token: token.refreshToken,
      openid: token.openid,
      scope: token.scope,
    };
  });

  app.get('/sns/oauth2/refresh_token', async (request) => {
    const q = query(request);
    if (q.appid !== ctx.config.appId) return wxError(40013, 'invalid appid');
    if (q.grant_type !== 'refresh_token') return wxError(40002, 'invalid grant_type');
    const token = ctx.store.data.snsTokens.find((t) => t.refreshToken === q.refresh_token);
    if (!token) return wxError(40030, 'invalid refresh_token');
    const now = ctx.clock.now();
    if (token.refreshExpiresAt <= now) return wxError(42002, 'refresh_token expired');
    token.accessToken = randomString(110);
    token.expiresAt = now + TOKEN_LIFETIME_MS;
    ctx.store.changed();
    return {
      access_token: token.accessToken,
      expires_in: TOKEN_LIFETIME_MS / 1000,
      refresh_token: token.refreshToken,
      openid: token.openid,
      scope: token.scope,
    };
  });

  app.get('/sns/userinfo', async (request) => {
    const fault = await applyFault(ctx, 'snsUserinfo');
    if (fault) return fault;
    const token = snsToken(ctx, request);
    if ('errcode' in token) return token;
    if (token.scope !== 'snsapi_userinfo') return wxError(48001, 'api unauthorized');
    const user = ctx.store.user(token.openid);
    if (!user) return wxError(40003, 'invalid openid');
    return {
      openid: user.openid,
      nickname: user.nickname,
      sex: user.sex,
      province: '',
      city: '',
      country: '',
      headimgurl: user.headimgurl,
      privilege: [],
    };
  });

  app.get('/sns/auth', async (request) => {
    const token = snsToken(ctx, request);
    return 'errcode' in token ? token : { errcode: 0, errmsg: 'ok' };
  });
}
