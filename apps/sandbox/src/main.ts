// CLI: `SANDBOX_CONFIG=path/to/sandbox.json tsx src/main.ts` (or the path as first argument).
import { readFileSync } from 'node:fs';
import { createSandbox, type SandboxConfig } from './index';

const file = process.env.SANDBOX_CONFIG ?? process.argv[2];
if (!file) {
  console.error('usage: SANDBOX_CONFIG=<config.json> tsx src/main.ts  (or pass the path)');
  process.exit(2);
}
const config = JSON.parse(readFileSync(file, 'utf8')) as SandboxConfig;
const sandbox = await createSandbox(config);
console.log(
  `WeChat sandbox listening on ${sandbox.url} (phone simulator: ${config.publicUrl ?? sandbox.url}/)`,
);

const stop = async () => {
  await sandbox.close();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
