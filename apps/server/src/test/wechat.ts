import { createSandbox, type Sandbox } from '@zhangyi/sandbox';
import { createSecrets, sandboxConfigFor, wechatEnv } from '../../../../scripts/demo-lib';
import { startTestServer, type TestServer } from './server';

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
): Promise<SandboxedServer> {
  const secrets = createSecrets();
  const sandbox = await createSandbox(
    sandboxConfigFor(secrets, {
      port: 0,
      // Nothing listens there: pushes fail fast, which outbox tests do not need.
      callbackUrl: 'http://127.0.0.1:9/wechat/callback',
      timeScale: 0.001,
      templates: TEST_TEMPLATES,
    }) as unknown as Parameters<typeof createSandbox>[0],
  );
  const server = await startTestServer({ ...wechatEnv(secrets, sandbox.url), ...overrides });
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
    control,
    follower: async (nickname) =>
      (await control<{ openid: string }>('POST', '/users', { nickname, subscribed: true })).openid,
    close: async () => {
      await server.close();
      await sandbox.close();
    },
  };
}
