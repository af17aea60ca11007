// The WeChat sandbox: emulated WeChat servers (Official Account APIs, OAuth2, Pay v3), pushes to
// the server as WeChat would, and the phone simulator page, in one Fastify process.
import Fastify from 'fastify';
import type { AddressInfo } from 'node:net';
import { rawBodies } from './cgi/common';
import { mediaRoutes } from './cgi/media';
import { menuRoutes } from './cgi/menu';
import { messageRoutes } from './cgi/message';
import { qrcodeRoutes } from './cgi/qrcode';
import { subscribeRoutes } from './cgi/subscribe';
import { tokenRoutes } from './cgi/token';
import { userRoutes } from './cgi/user';
import { Clock } from './clock';
import { resolveConfig, type SandboxConfig } from './config';
import type { Ctx } from './context';
import { controlRoutes } from './control/routes';
import { Faults } from './faults';
import { oauthRoutes } from './oauth/oauth';
import { PayNotifier } from './pay/notify';
import { payRoutes } from './pay/routes';
import { phoneRoutes } from './phone/routes';
import { Pusher } from './push/pusher';
import { Store } from './store';

export type { SandboxConfig, SandboxTemplate } from './config';

/** A running sandbox. */
export interface Sandbox {
  /** Where it listens, e.g. http://127.0.0.1:3100. */
  url: string;
  close(): Promise<void>;
}

/** Starts the sandbox on `config.port` (0 = any free port) and resolves once it listens. */
export async function createSandbox(config: SandboxConfig): Promise<Sandbox> {
  const resolved = resolveConfig(config);
  // A stand-in for WeChat: on close it drops its connections at once rather than wait out keep-alives.
  const app = Fastify({ logger: false, bodyLimit: 20 << 20, forceCloseConnections: true });
  const ctx = {
    config: resolved,
    store: new Store(resolved.dataFile),
    clock: new Clock(),
    faults: new Faults(),
  } as Ctx;
  ctx.pusher = new Pusher(ctx);
  ctx.payNotifier = new PayNotifier(ctx);

  await app.register(async (scope) => {
    rawBodies(scope);
    tokenRoutes(scope, ctx);
    menuRoutes(scope, ctx);
    qrcodeRoutes(scope, ctx);
    messageRoutes(scope, ctx);
    subscribeRoutes(scope, ctx);
    userRoutes(scope, ctx);
    mediaRoutes(scope, ctx);
  });
  await app.register(async (scope) => oauthRoutes(scope, ctx));
  await app.register(async (scope) => payRoutes(scope, ctx), { prefix: '/v3' });
  await app.register(async (scope) => controlRoutes(scope, ctx));
  await app.register(async (scope) => phoneRoutes(scope, ctx));

  await app.listen({ port: resolved.port, host: resolved.host });
  const { port } = app.server.address() as AddressInfo;
  const host = resolved.host === '0.0.0.0' || resolved.host === '::' ? '127.0.0.1' : resolved.host;
  const url = `http://${host}:${port}`;
  if (!resolved.publicUrl) resolved.publicUrl = url;
  return {
    url,
    async close() {
      ctx.pusher.stop();
      ctx.payNotifier.stop();
      ctx.store.flush();
      await app.close();
    },
  };
}
