import type { FastifyInstance } from 'fastify';
import { accountRoutes, authRoutes } from '@zhangyi/contracts';
import type { Deps } from '../../context';
import { registerRoute, sessionCookieName, sessionIdFrom } from '../../http/route';
import { createAccount, listAccounts, updateAccount } from './service';
import { pickStaff } from './picker';
import { signIn, signOut, type StaffSession } from './sessions';
import { permissionsOf } from '../../policy';

function sessionInfo(session: StaffSession) {
  const actor = {
    type: 'staff' as const,
    accountId: session.account.id,
    roles: session.account.roles,
  };
  return {
    ...session,
    expiresAt: session.expiresAt.toISOString(),
    permissions: permissionsOf(actor),
  };
}

/** Sign-in, sign-out, the current session, and staff account administration. */
export function accountsRoutes(app: FastifyInstance, deps: Deps): void {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.session.cookieSecure,
    signed: true,
  };

  registerRoute(app, deps, authRoutes.login, {
    access: 'public',
    fastify: {
      config: {
        rateLimit: { max: deps.config.rateLimit.signInPerIpPerMinute, timeWindow: 60_000 },
      },
    },
    handler: async ({ meta, body, request, reply }) => {
      const { sessionId, session } = await signIn(deps, meta, {
        ...body,
        previousSessionId: sessionIdFrom(request, deps),
        userAgent: request.headers['user-agent'],
      });
      reply.setCookie(sessionCookieName(deps), sessionId, {
        ...cookieOptions,
        expires: session.expiresAt,
      });
      return sessionInfo(session);
    },
  });

  registerRoute(app, deps, authRoutes.logout, {
    access: 'signed_in',
    handler: async ({ meta, request, reply }) => {
      const sessionId = sessionIdFrom(request, deps);
      if (sessionId) await signOut(deps, meta, sessionId);
      reply.clearCookie(sessionCookieName(deps), cookieOptions);
    },
  });

  registerRoute(app, deps, authRoutes.session, {
    access: 'signed_in',
    handler: async ({ session }) => sessionInfo(session!),
  });

  registerRoute(app, deps, accountRoutes.list, {
    access: 'accounts.read',
    handler: ({ meta, query }) => listAccounts(deps, meta, query),
  });

  registerRoute(app, deps, accountRoutes.create, {
    access: 'accounts.manage',
    handler: ({ meta, body }) => createAccount(deps, meta, body),
  });

  registerRoute(app, deps, accountRoutes.update, {
    access: 'accounts.manage',
    handler: ({ meta, params, body }) => updateAccount(deps, meta, params.id, body),
  });

  registerRoute(app, deps, accountRoutes.picker, {
    access: 'staff.pick',
    handler: ({ query }) => pickStaff(deps.db, query),
  });
}
