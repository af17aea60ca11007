import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { createSandbox, type Sandbox } from '@zhangyi/sandbox';
import {
  createSecrets,
  sandboxConfigFor,
  wechatEnv,
  type DemoSecrets,
} from '../../../../scripts/demo-lib';
import { startTestServer, type TestServer } from './server';

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Templates the test Official Account owns in the sandbox. */
export const TEST_TEMPLATES = [
  {
    templateId: 'TPL_BOOKED',
    title: '预约成功通知',
    content: '就诊人：{{keyword1.DATA}}\n医生：{{keyword2.DATA}}',
  },
  { templateId: 'TPL_TEST', title: '测试通知', content: '{{keyword1.DATA}}' },
];

export interface SandboxedServer {
  server: TestServer;
  sandbox: Sandbox;
  /** The identities both sides were configured with (keys to forge or sign test messages). */
  secrets: DemoSecrets;
  /** Calls the sandbox's control API. */
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  /** Creates a simulated user who follows the account; returns the OpenID. */
  follower(nickname?: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A test server whose WeChat is a real sandbox on an ephemeral port, configured with a matching
 * pair of freshly generated identities, exactly as the demo does.
 */
export async function startSandboxedServer(
  overrides: Record<string, string> = {},
  options: { listen?: boolean } = {},
): Promise<SandboxedServer> {
  const secrets = createSecrets();
  // When the server listens, the sandbox pushes messages to it; otherwise nothing listens there
  // and pushes fail fast, which outbox tests do not need.
  const serverPort = options.listen ? await freePort() : 9;
  const sandbox = await createSandbox({
    ...(sandboxConfigFor(secrets, {
      port: 0,
      callbackUrl: `http://127.0.0.1:${serverPort}/wechat/callback`,
      timeScale: 0.001,
      templates: TEST_TEMPLATES,
    }) as unknown as Parameters<typeof createSandbox>[0]),
    replyTimeoutMs: 5000,
  });
  const server = await startTestServer({
    ...wechatEnv(secrets, sandbox.url),
    ...(options.listen && { PUBLIC_URL: `http://127.0.0.1:${serverPort}` }),
    ...overrides,
  });
  if (options.listen) await server.app.listen({ host: '127.0.0.1', port: serverPort });
  const control = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${sandbox.url}/sandbox/api${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`sandbox ${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    server,
    sandbox,
    secrets,
    control,
    follower: async (nickname) =>
      (await control<{ openid: string }>('POST', '/users', { nickname, subscribed: true })).openid,
    close: async () => {
      await server.close();
      await sandbox.close();
    },
  };
}
