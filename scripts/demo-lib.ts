/**
 * The demo launcher's parts, shared by `npm run demo` and the browser tests: generate a matching
 * pair of configurations (server and WeChat sandbox) on first start, build the front ends, start
 * both processes, wait until they answer.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface DemoOptions {
  dataDir: string;
  port: number;
  sandboxPort: number;
  /** Build the front ends before starting (skipped when false and builds exist). */
  build: boolean;
  /** Where the processes' output goes; `inherit` shows it on this terminal. */
  logDir: string;
}

/** Secrets and WeChat identities of one demo installation, created once and kept in the data dir. */
export interface DemoSecrets {
  sessionSecret: string;
  piiKey: string;
  piiHashKey: string;
  wechat: {
    appId: string;
    appSecret: string;
    token: string;
    encodingAESKey: string;
    mchId: string;
    merchantSerialNo: string;
    merchantPrivateKeyPem: string;
    merchantPublicKeyPem: string;
    apiV3Key: string;
    platformPublicKeyId: string;
    platformPrivateKeyPem: string;
    platformPublicKeyPem: string;
  };
}

const alphanumeric = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const randomText = (length: number) =>
  Array.from({ length }, () => alphanumeric[randomInt(alphanumeric.length)]).join('');

function rsaPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/** Reads the demo's secrets, creating them on first start. */
export function demoSecrets(dataDir: string): DemoSecrets {
  const file = join(dataDir, 'demo-secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DemoSecrets;
  const secrets = createSecrets();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

/** Fresh random secrets and WeChat identities (a matching pair for server and sandbox). */
export function createSecrets(): DemoSecrets {
  const merchant = rsaPair();
  const platform = rsaPair();
  const secrets: DemoSecrets = {
    sessionSecret: randomBytes(32).toString('hex'),
    piiKey: randomBytes(32).toString('base64'),
    piiHashKey: randomBytes(32).toString('base64'),
    wechat: {
      appId: `wx${randomBytes(8).toString('hex')}`,
      appSecret: randomBytes(16).toString('hex'),
      token: randomText(32),
      encodingAESKey: randomText(43),
      mchId: String(1_900_000_000 + randomInt(99_999_999)),
      merchantSerialNo: randomBytes(20).toString('hex').toUpperCase(),
      merchantPrivateKeyPem: merchant.privateKeyPem,
      merchantPublicKeyPem: merchant.publicKeyPem,
      apiV3Key: randomText(32),
      platformPublicKeyId: `PUB_KEY_ID_0${Date.now()}${randomInt(1000)}`,
      platformPrivateKeyPem: platform.privateKeyPem,
      platformPublicKeyPem: platform.publicKeyPem,
    },
  };
  return secrets;
}

/** The server's WeChat settings pointing at a sandbox; a real account needs only other values. */
export function wechatEnv(secrets: DemoSecrets, sandboxUrl: string): Record<string, string> {
  const { wechat } = secrets;
  return {
    WECHAT_API_BASE_URL: sandboxUrl,
    WECHAT_OPEN_BASE_URL: sandboxUrl,
    WECHAT_MP_BASE_URL: sandboxUrl,
    WECHAT_PAY_BASE_URL: sandboxUrl,
    WECHAT_JSSDK_URL: `${sandboxUrl}/open/js/jweixin-1.6.0.js`,
    WECHAT_APP_ID: wechat.appId,
    WECHAT_APP_SECRET: wechat.appSecret,
    WECHAT_TOKEN: wechat.token,
    WECHAT_ENCODING_AES_KEY: wechat.encodingAESKey,
    WECHAT_MESSAGE_MODE: 'safe',
    WECHAT_PAY_MCH_ID: wechat.mchId,
    WECHAT_PAY_MERCHANT_SERIAL_NO: wechat.merchantSerialNo,
    WECHAT_PAY_MERCHANT_PRIVATE_KEY: wechat.merchantPrivateKeyPem,
    WECHAT_PAY_API_V3_KEY: wechat.apiV3Key,
    WECHAT_PAY_PUBLIC_KEY_ID: wechat.platformPublicKeyId,
    WECHAT_PAY_PUBLIC_KEY: wechat.platformPublicKeyPem,
  };
}

/** The sandbox configuration matching `wechatEnv` of the same secrets. */
export function sandboxConfigFor(
  secrets: DemoSecrets,
  options: {
    port: number;
    callbackUrl: string;
    timeScale: number;
    dataFile?: string;
    templates?: { templateId: string; title: string; content: string }[];
  },
): Record<string, unknown> & { port: number; callbackUrl: string } {
  const { wechat } = secrets;
  return {
    port: options.port,
    host: '127.0.0.1',
    appId: wechat.appId,
    appSecret: wechat.appSecret,
    token: wechat.token,
    encodingAESKey: wechat.encodingAESKey,
    messageMode: 'safe',
    callbackUrl: options.callbackUrl,
    templates: options.templates ?? [],
    mchId: wechat.mchId,
    merchantSerialNo: wechat.merchantSerialNo,
    merchantPublicKeyPem: wechat.merchantPublicKeyPem,
    apiV3Key: wechat.apiV3Key,
    platformPrivateKeyPem: wechat.platformPrivateKeyPem,
    platformPublicKeyId: wechat.platformPublicKeyId,
    payMode: 'publicKey',
    timeScale: options.timeScale,
    ...(options.dataFile && { dataFile: options.dataFile }),
  };
}

/** The server's environment for the demo: embedded database, demo seed, sandbox as WeChat. */
export function serverEnv(options: DemoOptions, secrets: DemoSecrets): Record<string, string> {
  const sandbox = `http://127.0.0.1:${options.sandboxPort}`;
  return {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(options.port),
    PUBLIC_URL: `http://127.0.0.1:${options.port}`,
    DATA_DIR: join(options.dataDir, 'pglite'),
    SESSION_SECRET: secrets.sessionSecret,
    COOKIE_SECURE: 'false',
    PII_ENCRYPTION_KEYS: `demo1:${secrets.piiKey}`,
    PII_HASH_KEY: secrets.piiHashKey,
    DEMO_SEED: 'true',
    FRAME_ANCESTORS: sandbox,
    LOG_LEVEL: 'info',
    ...wechatEnv(secrets, sandbox),
  };
}

/** The sandbox's configuration file content, matching the server's identities. */
export function sandboxConfig(options: DemoOptions, secrets: DemoSecrets): Record<string, unknown> {
  return sandboxConfigFor(secrets, {
    port: options.sandboxPort,
    callbackUrl: `http://127.0.0.1:${options.port}/wechat/callback`,
    timeScale: 1,
    dataFile: join(options.dataDir, 'sandbox-state.json'),
    templates: DEMO_TEMPLATES,
  });
}

/** Templates the demo's Official Account owns, one per notice kind the demo maps. */
export const DEMO_TEMPLATES = [
  {
    templateId: 'TPL_APPOINTMENT_BOOKED',
    title: '预约成功通知',
    content:
      '{{first.DATA}}\n就诊人：{{keyword1.DATA}}\n科室：{{keyword2.DATA}}\n医生：{{keyword3.DATA}}\n就诊时间：{{keyword4.DATA}}\n{{remark.DATA}}',
  },
  {
    templateId: 'TPL_TICKET_STATUS',
    title: '工单状态通知',
    content: '工单号：{{keyword1.DATA}}\n设备：{{keyword2.DATA}}\n状态：{{keyword3.DATA}}',
  },
  {
    templateId: 'TPL_GENERIC',
    title: '通用通知',
    content: '{{first.DATA}}\n{{keyword1.DATA}}\n{{keyword2.DATA}}\n{{remark.DATA}}',
  },
];

/** Builds the H5 and admin front ends (Vite). */
export function buildFrontEnds(): void {
  const result = spawnSync('npm', ['run', 'build', '-w', '@zhangyi/h5', '-w', '@zhangyi/admin'], {
    cwd: repoRoot,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error('building the front ends failed');
}

function frontEndsBuilt(): boolean {
  return ['apps/h5/dist/index.html', 'apps/admin/dist/index.html'].every((f) =>
    existsSync(join(repoRoot, f)),
  );
}

async function waitFor(
  url: string,
  child: ChildProcess,
  name: string,
  timeoutMs = 90_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited with code ${child.exitCode}; see its log`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${name} did not become ready at ${url} within ${timeoutMs / 1000} s`);
}

function startProcess(
  name: string,
  args: string[],
  env: Record<string, string>,
  logDir: string,
): ChildProcess {
  mkdirSync(logDir, { recursive: true });
  const log = createWriteStream(join(logDir, `${name}.log`), { flags: 'a' });
  // The server's own start flags (apps/server/package.json): a small young generation keeps RSS low.
  const child = spawn(process.execPath, ['--max-semi-space-size=4', '--import', 'tsx', ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  // Configuration errors are one line on stderr: show them here too.
  child.stderr!.on('data', (chunk: Buffer) =>
    process.stderr.write(`[${name}] ${chunk.toString()}`),
  );
  return child;
}

export interface RunningDemo {
  serverUrl: string;
  sandboxUrl: string | undefined;
  secrets: DemoSecrets;
  stop(): Promise<void>;
}

/** Starts the sandbox (when present) and the server, and resolves once both are ready. */
export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  mkdirSync(options.dataDir, { recursive: true });
  const secrets = demoSecrets(options.dataDir);
  if (options.build || !frontEndsBuilt()) buildFrontEnds();

  const children: ChildProcess[] = [];
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      ),
    );
  };
  try {
    let sandboxUrl: string | undefined;
    const sandboxMain = join(repoRoot, 'apps/sandbox/src/main.ts');
    if (existsSync(sandboxMain)) {
      const configFile = join(options.dataDir, 'sandbox.json');
      writeFileSync(configFile, JSON.stringify(sandboxConfig(options, secrets), null, 2), {
        mode: 0o600,
      });
      const sandbox = startProcess(
        'sandbox',
        [sandboxMain],
        { SANDBOX_CONFIG: configFile },
        options.logDir,
      );
      children.push(sandbox);
      sandboxUrl = `http://127.0.0.1:${options.sandboxPort}`;
      await waitFor(`${sandboxUrl}/`, sandbox, 'sandbox');
    }
    const server = startProcess(
      'server',
      [join(repoRoot, 'apps/server/src/main.ts')],
      serverEnv(options, secrets),
      options.logDir,
    );
    children.push(server);
    const serverUrl = `http://127.0.0.1:${options.port}`;
    await waitFor(`${serverUrl}/readyz`, server, 'server');
    return { serverUrl, sandboxUrl, secrets, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
