import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import {
  localeFromAcceptLanguage,
  type Locale,
  type RouteBody,
  type RouteDef,
  type RouteParams,
  type RouteQuery,
  type RouteResponse,
} from '@zhangyi/contracts';
import type { Deps, RequestMeta } from '../context';
import { authorize, type Actor, type Permission } from '../policy';
import { resolveSession, type StaffSession } from '../modules/accounts/sessions';
import { recordAudit } from '../modules/audit/service';
import { WECHAT_SESSION_COOKIE } from '../modules/wechat/oauth';
import { resolveWechatSession, type WechatSession } from '../modules/wechat/sessions';
import { DomainError } from './errors';

/**
 * Who may call a route: anyone, any signed-in staff member, or holders of a permission. Every route
 * states it; the check happens here and nowhere else.
 */
export type Access = 'public' | 'signed_in' | 'wechat_user' | Permission;

export interface RouteContext<D> {
  deps: Deps;
  meta: RequestMeta;
  session: StaffSession | undefined;
  /** The WeChat user of an H5 session (routes with access `wechat_user`). */
  wechatSession: WechatSession | undefined;
  params: RouteParams<D>;
  query: RouteQuery<D>;
  body: RouteBody<D>;
  /** The caller's language, for messages built by the operation. */
  locale: Locale;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteOptions<D> {
  access: Access;
  handler: (ctx: RouteContext<D>) => Promise<RouteResponse<D>>;
  /** Extra Fastify route options (e.g. a stricter rate limit). */
  fastify?: RouteShorthandOptions;
  /** The handler sends the answer itself (files); no JSON response is shaped. */
  rawReply?: boolean;
}

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function sessionCookieName(deps: Deps): string {
  // The __Host- prefix binds the cookie to this exact origin, but browsers only accept it on HTTPS.
  return deps.config.session.cookieSecure ? '__Host-zy_sid' : 'zy_sid';
}

/** The value of a signed cookie, or undefined when absent or tampered with. */
export function signedCookie(request: FastifyRequest, name: string): string | undefined {
  const raw = request.cookies[name];
  if (!raw) return undefined;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : undefined;
}

/** The raw staff session id from its signed cookie. */
export function sessionIdFrom(request: FastifyRequest, deps: Deps): string | undefined {
  return signedCookie(request, sessionCookieName(deps));
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Cross-site requests announce themselves in Origin; ours come from our own origin only. */
function originAllowed(request: FastifyRequest, deps: Deps): boolean {
  const origin = request.headers.origin;
  if (!origin) return true;
  const host = request.headers.host;
  return origin === deps.config.publicUrl || (host !== undefined && new URL(origin).host === host);
}

/** Registers one route of the contracts package with its schemas, access rule and CSRF check. */
export function registerRoute<D extends RouteDef>(
  app: FastifyInstance,
  deps: Deps,
  def: D,
  options: RouteOptions<D>,
): void {
  const schema: Record<string, unknown> = { summary: def.summary, tags: [def.tag] };
  if (def.params) schema.params = def.params;
  if (def.query) schema.querystring = def.query;
  if (def.body) schema.body = def.body;
  schema.response = def.response
    ? { 200: def.response }
    : { 204: { type: 'null', description: 'No content' } };
  if (options.access !== 'public') schema.security = [{ session: [] }];

  app.route({
    ...options.fastify,
    method: def.method,
    url: def.path,
    schema,
    handler: async (request, reply) => {
      let actor: Actor = { type: 'anonymous' };
      let session: StaffSession | undefined;
      let wechatSession: WechatSession | undefined;
      const sessionId = options.access === 'wechat_user' ? undefined : sessionIdFrom(request, deps);
      const wechatSessionId =
        options.access === 'wechat_user' ? signedCookie(request, WECHAT_SESSION_COOKIE) : undefined;
      if (wechatSessionId) {
        wechatSession = await resolveWechatSession(deps, wechatSessionId);
        actor = { type: 'wechat_user', openid: wechatSession.openid };
      }
      if (sessionId) {
        try {
          session = await resolveSession(deps, sessionId);
          actor = { type: 'staff', accountId: session.account.id, roles: session.account.roles };
        } catch (error) {
          // A dead session on a public route is simply no session; elsewhere it is the answer.
          if (options.access !== 'public') throw error;
        }
      }
      const meta: RequestMeta = { actor, ip: request.ip, requestId: request.id };

      if (UNSAFE_METHODS.has(def.method)) {
        if (!originAllowed(request, deps)) throw new DomainError('CSRF_TOKEN_INVALID');
        // Public routes (sign-in) have no token to check yet; Origin and SameSite cover them.
        const expected =
          options.access === 'public' ? undefined : (session ?? wechatSession)?.csrfToken;
        if (expected) {
          const token = request.headers['x-csrf-token'];
          if (typeof token !== 'string' || !sameToken(token, expected)) {
            throw new DomainError('CSRF_TOKEN_INVALID');
          }
        }
      }
      if (options.access === 'signed_in' && actor.type !== 'staff')
        throw new DomainError('UNAUTHENTICATED');
      if (options.access === 'wechat_user' && actor.type !== 'wechat_user')
        throw new DomainError('UNAUTHENTICATED');
      if (
        options.access !== 'public' &&
        options.access !== 'signed_in' &&
        options.access !== 'wechat_user'
      ) {
        try {
          authorize(actor, options.access);
        } catch (error) {
          if (error instanceof DomainError && error.code === 'FORBIDDEN') {
            await recordAudit(deps.db, meta, {
              action: 'access.denied',
              result: 'denied',
              details: { route: `${def.method} ${def.path}`, permission: options.access },
            });
          }
          throw error;
        }
      }
      if (actor.type === 'staff') await app.limitPerAccount(request, reply, actor.accountId);

      const result = await options.handler({
        deps,
        meta,
        session,
        wechatSession,
        locale: localeFromAcceptLanguage(request.headers['accept-language']),
        params: request.params as RouteParams<D>,
        query: request.query as RouteQuery<D>,
        body: request.body as RouteBody<D>,
        request,
        reply,
      });
      if (options.rawReply) return reply;
      if (!def.response) return reply.status(204).send();
      return result;
    },
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Per-account rate limit, applied once the session is known (see app.ts). */
    limitPerAccount(request: FastifyRequest, reply: FastifyReply, accountId: string): Promise<void>;
  }
}
