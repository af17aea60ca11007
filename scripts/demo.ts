/**
 * `npm run demo`: the whole of Zhangyi on this machine with nothing else installed: the embedded
 * database, the seeded demo hospital, the WeChat sandbox and the built front ends.
 *   --no-build   reuse existing front-end builds
 *   --reset      forget the demo's data and start over
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, startDemo } from './demo-lib';

const args = new Set(process.argv.slice(2));
const dataDir = process.env.DEMO_DATA_DIR ?? join(repoRoot, 'data');
if (args.has('--reset')) rmSync(dataDir, { recursive: true, force: true });

const port = Number(process.env.DEMO_PORT ?? 3000);
const sandboxPort = Number(process.env.DEMO_SANDBOX_PORT ?? 3100);

const demo = await startDemo({
  dataDir,
  port,
  sandboxPort,
  build: !args.has('--no-build'),
  logDir: join(dataDir, 'logs'),
});
const { password, accounts } = JSON.parse(
  readFileSync(join(repoRoot, 'apps/server/src/demo/demo-accounts.json'), 'utf8'),
) as { password: string; accounts: { username: string; displayName: string; roles: string[] }[] };

const lines = [
  '',
  '  掌医 Zhangyi demo is running',
  '',
  `  Admin console   ${demo.serverUrl}/admin/`,
  `  H5 (patients)   ${demo.serverUrl}/h5/`,
  ...(demo.sandboxUrl ? [`  WeChat sandbox  ${demo.sandboxUrl}/   (phone simulator)`] : []),
  `  API docs        ${demo.serverUrl}/api/docs`,
  '',
  `  Sign-ins (password for all: ${password})`,
  ...accounts.map(
    (a) => `    ${a.username.padEnd(10)} ${a.roles.join(', ').padEnd(18)} ${a.displayName}`,
  ),
  '',
  `  Logs in ${join(dataDir, 'logs')}. Press Ctrl+C to stop.`,
  '',
];
process.stdout.write(lines.join('\n') + '\n');

const shutdown = () => void demo.stop().then(() => process.exit(0));
process.once('SIGINT', shutdown);
process.once('SIGTERM', shutdown);
