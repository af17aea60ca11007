// /cgi-bin/token and /cgi-bin/stable_token: credentials checked, tokens expiring after 7200 s,
// the old token kept for 5 minutes after a refresh, a daily quota counted.
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../context';
import { newAccessToken } from '../ids';
import type { AccessToken } from '../store';
import { applyFault, isWxError, jsonBody, query, wxError, type WxError } from './common';

const LIFETIME_MS = 7200_000;
const GRACE_MS = 300_000;
/** /cgi-bin/token calls allowed per day. */
export const TOKEN_DAILY_QUOTA = 2000;
const FORCE_REFRESH_DAILY = 20;

/** Registers the two token endpoints. */
export function tokenRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.get('/cgi-bin/token', async (request) => {
    const q = query(request);
    const fault = await applyFault(ctx, 'token');
    if (fault) return fault;
    if (q.grant_type !== 'client_credential') return wxError(40002, 'invalid grant_type');
    const bad = checkCredentials(ctx, q.appid, q.secret);
    if (bad) return bad;
    const calls = countCall(ctx);
    if (calls.count > TOKEN_DAILY_QUOTA) {
      return wxError(45009, 'reach max api daily quota limit');
    }
    const issued = issue(ctx, 'token', GRACE_MS);
    return { access_token: issued.token, expires_in: LIFETIME_MS / 1000 };
  });

  app.post('/cgi-bin/stable_token', async (request) => {
    const body = jsonBody(request);
    if (isWxError(body)) return body;
    const fault = await applyFault(ctx, 'stableToken');
    if (fault) return fault;
    if (body.grant_type !== 'client_credential') return wxError(40002, 'invalid grant_type');
    const bad = checkCredentials(ctx, str(body.appid), str(body.secret));
    if (bad) return bad;
    const now = ctx.clock.now();
    if (body.force_refresh === true) {
      const calls = countCall(ctx, true);
      if (calls.forceRefresh > FORCE_REFRESH_DAILY) {
        return wxError(45009, 'reach max api daily quota limit');
      }
      // Forced refresh invalidates the previous stable token at once.
      const issued = issue(ctx, 'stable', 0);
      return { access_token: issued.token, expires_in: LIFETIME_MS / 1000 };
    }
    const current = ctx.store.data.tokens.find(
      (t) => t.kind === 'stable' && !t.replaced && t.expiresAt - now > GRACE_MS,
    );
    if (current) {
      return {
        access_token: current.token,
        expires_in: Math.floor((current.expiresAt - now) / 1000),
      };
    }
    const issued = issue(ctx, 'stable', GRACE_MS);
    return { access_token: issued.token, expires_in: LIFETIME_MS / 1000 };
  });
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function checkCredentials(
  ctx: Ctx,
  appid: string | undefined,
  secret: string | undefined,
): WxError | null {
  if (!appid) return wxError(41002, 'appid missing');
  if (appid !== ctx.config.appId) return wxError(40013, 'invalid appid');
  if (!secret) return wxError(41004, 'appsecret missing');
  if (secret !== ctx.config.appSecret) return wxError(40125, 'invalid appsecret');
  return null;
}

function countCall(ctx: Ctx, forced = false): { count: number; forceRefresh: number } {
  // Quotas reset at midnight Beijing time.
  const day = new Date(ctx.clock.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const calls = ctx.store.data.tokenCalls;
  if (calls.day !== day) Object.assign(calls, { day, count: 0, forceRefresh: 0 });
  if (forced) calls.forceRefresh += 1;
  else calls.count += 1;
  ctx.store.changed();
  return calls;
}

/** Issues a token of `kind`, leaving earlier ones of that kind valid for `graceMs` more. */
function issue(ctx: Ctx, kind: AccessToken['kind'], graceMs: number): AccessToken {
  const now = ctx.clock.now();
  const tokens = ctx.store.data.tokens;
  for (const t of tokens) {
    if (t.kind === kind && !t.replaced) {
      t.replaced = true;
      t.expiresAt = Math.min(t.expiresAt, now + graceMs);
    }
  }
  // Keep expired tokens a day so that late callers get the right errcode, then forget them.
  ctx.store.data.tokens = tokens.filter((t) => t.expiresAt > now - 86_400_000);
  const token: AccessToken = { token: newAccessToken(), kind, expiresAt: now + LIFETIME_MS };
  ctx.store.data.tokens.push(token);
  ctx.store.changed();
  return token;
}

/** Invalidates every access token at once (control API), so callers get 40001. */
export function invalidateTokens(ctx: Ctx): number {
  const count = ctx.store.data.tokens.length;
  ctx.store.data.tokens = [];
  ctx.store.changed();
  return count;
}
