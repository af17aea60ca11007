import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyRequest,
} from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import helmet, { type HelmetOptions } from 'helmet';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { Redis } from 'ioredis';
import type { Deps } from './context';
import type { Database } from './db/client';
import { ping } from './db/client';
import { migrationsApplied } from './db/migrate';
import { DomainError, installErrorHandling, sendError } from './http/errors';
import { accountsRoutes } from './modules/accounts/routes';
import { dashboardRoutesPlugin } from './modules/dashboard/routes';
import { directoryRoutes } from './modules/directory/routes';
import { notificationsRoutes } from './modules/notifications/routes';
import type { Scheduler } from './modules/scheduler/scheduler';
import { wechatRoutesPlugin } from './modules/wechat/routes';
import { patientsRoutes } from './modules/patients/routes';
import { contentRoutesPlugin } from './modules/content/routes';
import { equipmentRoutesPlugin } from './modules/equipment/routes';
import { ticketRoutesPlugin } from './modules/tickets/routes';
import { staffBindingRoutesPlugin } from './modules/accounts/wechat-binding-routes';
import { bookingRoutesPlugin } from './modules/booking/routes';
import { paymentsRoutes } from './modules/payments/routes';
import { lendingRoutesPlugin } from './modules/lending/routes';

export interface AppOptions {
  deps: Deps;
  database: Database;
  /** Shared rate-limit counters when configured. */
  redis: Redis | undefined;
  scheduler: Scheduler;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

// Bodies are validated strictly (an unknown or mistyped field is an error); query strings and path
// parameters arrive as text, so there numbers and booleans are coerced from strings.
function validators() {
  const common = {
    allErrors: true,
    useDefaults: true,
    removeAdditional: false as const,
    strict: false,
  };
  const strict = addFormats.default(new Ajv({ ...common, coerceTypes: false }));
  const coercing = addFormats.default(new Ajv({ ...common, coerceTypes: 'array' }));
  return ({ schema, httpPart }: { schema: object; httpPart?: string }) =>
    (httpPart === 'body' ? strict : coercing).compile(schema);
}

/** Builds the HTTP server: plumbing, security, documentation, module routes and front ends. */
export async function buildApp({
  deps,
  database,
  redis,
  scheduler,
}: AppOptions): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.setValidatorCompiler(validators());
  installErrorHandling(app);

  // Once closing starts, answers still in flight end their connection: otherwise a keep-alive
  // connection that was busy when close began holds the close open for the keep-alive timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    if (closing) reply.header('connection', 'close');
    if (request.url.startsWith('/api/') && !request.url.startsWith('/api/docs')) {
      reply.header('cache-control', 'no-store');
    }
  });

  await app.register(cookie, { secret: config.session.secret });
  // Helmet's headers do not depend on the request: worked out once, not for every request.
  const securityHeaders = helmetHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // The JS-SDK (jweixin) loads from WeChat's CDN, or wherever WECHAT_JSSDK_URL points.
        scriptSrc: [
          "'self'",
          ...config.frameAncestors,
          ...(config.wechat ? [new URL(config.wechat.jssdkUrl).origin] : []),
        ],
        // Vant and Element Plus set inline styles on components.
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Article images and doctor photos may live on the hospital's CDN or WeChat's; images run nothing.
        imgSrc: ["'self'", 'data:', 'blob:', 'https:', ...config.frameAncestors],
        connectSrc: ["'self'"],
        frameAncestors: ["'self'", ...config.frameAncestors],
        upgradeInsecureRequests: config.publicUrl.startsWith('https:') ? [] : null,
      },
    },
    // frame-ancestors above replaces X-Frame-Options, which cannot name another origin.
    frameguard: false,
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
  });
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(securityHeaders);
    done();
  });

  await app.register(rateLimit, {
    global: true,
    max: config.rateLimit.perIpPerMinute,
    timeWindow: 60_000,
    ...(redis && { redis, nameSpace: 'zhangyi-rl:' }),
    errorResponseBuilder: () => new DomainError('RATE_LIMITED'),
  });
  const accountLimiter = app.createRateLimit({
    max: config.rateLimit.perAccountPerMinute,
    timeWindow: 60_000,
    keyGenerator: (request: FastifyRequest) => `account:${accountOfRequest.get(request) ?? ''}`,
  });
  const accountOfRequest = new WeakMap<FastifyRequest, string>();
  app.decorate('limitPerAccount', async (request: FastifyRequest, reply, accountId: string) => {
    accountOfRequest.set(request, accountId);
    const outcome = await accountLimiter(request);
    // isAllowed means "on the allow list"; isExceeded is the verdict.
    if (!outcome.isAllowed && outcome.isExceeded) {
      reply.header('retry-after', String(outcome.ttlInSeconds));
      throw new DomainError('RATE_LIMITED');
    }
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Zhangyi (掌医) API',
        version: '0.1.0',
        description: 'Hospital platform behind a WeChat Official Account',
      },
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: config.session.cookieSecure ? '__Host-zy_sid' : 'zy_sid',
          },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (request, reply) => {
    const databaseReachable = await ping(deps.db);
    const migrations = databaseReachable && (await migrationsApplied(database));
    if (!databaseReachable || !migrations) {
      return sendError(request, reply, 'SERVICE_UNAVAILABLE', {
        databaseReachable,
        migrationsApplied: migrations,
      });
    }
    return { status: 'ready', database: database.kind };
  });

  accountsRoutes(app, deps);
  directoryRoutes(app, deps);
  dashboardRoutesPlugin(app, deps);
  notificationsRoutes(app, deps, scheduler);
  wechatRoutesPlugin(app, deps);
  patientsRoutes(app, deps);
  contentRoutesPlugin(app, deps);
  staffBindingRoutesPlugin(app, deps);
  equipmentRoutesPlugin(app, deps);
  ticketRoutesPlugin(app, deps);
  bookingRoutesPlugin(app, deps);
  paymentsRoutes(app, deps);
  lendingRoutesPlugin(app, deps);

  await serveFrontEnds(app, deps);
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    for (const [prefix, dir] of frontEndDirs(deps)) {
      // Client-side routes of a single-page app all answer with its index.html.
      if (path.startsWith(prefix) && request.method === 'GET' && existsSync(`${dir}/index.html`)) {
        return reply.type('text/html').sendFile('index.html', dir);
      }
    }
    return sendError(request, reply, 'ROUTE_NOT_FOUND');
  });
  return app;
}

function frontEndDirs(deps: Deps): [string, string][] {
  return [
    ['/h5/', deps.config.staticDirs.h5],
    ['/admin/', deps.config.staticDirs.admin],
  ];
}

async function serveFrontEnds(app: FastifyInstance, deps: Deps): Promise<void> {
  let decorated = false;
  for (const [prefix, dir] of frontEndDirs(deps)) {
    if (!existsSync(dir)) {
      app.log.warn({ dir }, `front end for ${prefix} is not built; run npm run build`);
      continue;
    }
    await app.register(fastifyStatic, {
      root: dir,
      prefix,
      decorateReply: !decorated,
      wildcard: true,
      index: 'index.html',
      // Hashed assets never change; index.html must always be revalidated.
      setHeaders: (reply, filePath) => {
        reply.header(
          'cache-control',
          filePath.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
    decorated = true;
  }
  if (!decorated) await app.register(fastifyStatic, { root: process.cwd(), serve: false });
  app.get('/', { schema: { hide: true } }, (_request, reply) => reply.redirect('/h5/'));
}

/** The headers Helmet's middleware sets for these options (it reads nothing from the request). */
function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const response = {
    setHeader: (name: string, value: string | number) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  helmet(options)(
    {} as Parameters<ReturnType<typeof helmet>>[0],
    response as unknown as Parameters<ReturnType<typeof helmet>>[1],
    (error?: unknown) => {
      if (error) throw error;
    },
  );
  return headers;
}
