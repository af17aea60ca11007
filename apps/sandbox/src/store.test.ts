import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseConfig, generateKeys, sandbox, type Keys } from './test/helpers';

let keys: Keys;
beforeAll(() => {
  keys = generateKeys();
});

describe('persistence and the command line', () => {
  it('keeps users, menus and tokens in dataFile across a restart', async () => {
    const dataFile = join(mkdtempSync(join(tmpdir(), 'sandbox-data-')), 'state.json');
    const config = baseConfig(keys, { dataFile });
    const first = await sandbox(config);
    const user = (await first.call('POST', '/sandbox/api/users', { nickname: '持久' })).json;
    const token = await first.token();
    await first.call('POST', `/cgi-bin/menu/create?access_token=${token}`, {
      button: [{ type: 'click', name: '菜单', key: 'K' }],
    });
    await first.close();

    const second = await sandbox(config);
    try {
      const users = (await second.call('GET', '/sandbox/api/users')).json as { openid: string }[];
      expect(users.map((u) => u.openid)).toEqual([user.openid]);
      const menu = await second.call('GET', `/cgi-bin/menu/get?access_token=${token}`);
      expect(menu.json.menu).toBeTruthy();
    } finally {
      await second.close();
    }
  });

  it('starts from SANDBOX_CONFIG and prints one line with its URL', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sandbox-cli-')), 'sandbox.json');
    writeFileSync(file, JSON.stringify(baseConfig(keys)));
    const root = join(dirname(fileURLToPath(import.meta.url)), '..');
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { ...process.env, SANDBOX_CONFIG: file },
    });
    try {
      const line = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => resolve(d.toString()));
        child.on('exit', (code) => reject(new Error(`exited ${code}`)));
      });
      const url = /https?:\/\/[\d.]+:\d+/.exec(line)?.[0];
      expect(url).toBeTruthy();
      const page = await fetch(`${url}/`);
      expect(await page.text()).toContain('微信沙箱');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
