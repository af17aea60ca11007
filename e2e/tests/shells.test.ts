import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { artifactsDir, startHarness, submitSignIn, type Harness } from '../harness';

/** The demo's staff sign-ins, as the seed reads them. */
const DEMO_ACCOUNTS = (
  JSON.parse(
    readFileSync(new URL('../../apps/server/src/demo/demo-accounts.json', import.meta.url), 'utf8'),
  ) as { accounts: unknown[] }
).accounts.length;

let harness: Harness;
before(async () => {
  harness = await startHarness(0);
});
after(() => harness.close());

describe('front-end shells over the running demo', () => {
  it('lets the demo administrator sign in and see the dashboard with real counts', async () => {
    const page = await harness.consoleAs('admin', { width: 1280, height: 800 });
    await page.waitForSelector('[data-test="dashboard"]');
    await page.waitForFunction(
      (n) => document.querySelector('[data-test="count-accounts"]')?.textContent?.includes(n),
      String(DEMO_ACCOUNTS),
    );
    assert.match((await page.textContent('[data-test="count-departments"]')) ?? '', /19/);
    assert.match((await page.textContent('[data-test="count-doctors"]')) ?? '', /14/);
    await page.screenshot({ path: `${artifactsDir}admin-dashboard.png` });
    // The paged lists: the demo accounts, and the doctors found by a search.
    await page.goto(`${harness.demo.serverUrl}/admin/accounts`);
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-test="accounts-table"] tbody tr').length === n,
      DEMO_ACCOUNTS,
    );
    await page.goto(`${harness.demo.serverUrl}/admin/directory/doctors`);
    await page.waitForSelector('[data-test="doctors-table"] tbody tr:has-text("张建国")');
    await page.close();
  });

  it('shows the admin the API error for a wrong password', async () => {
    const page = await harness.browser.newPage();
    await submitSignIn(page, harness.demo.serverUrl, 'admin', 'not the password');
    const error = await page.waitForSelector('[data-test="login-error"]');
    assert.match((await error.textContent()) ?? '', /用户名或密码错误/);
    await page.close();
  });

  it('renders the H5 home page at 360×740 without sideways scrolling', async () => {
    // The page is opened as WeChat would: the sandbox knows which user holds the phone.
    const created = await fetch(`${harness.demo.sandboxUrl}/sandbox/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nickname: '访客' }),
    });
    const { openid } = (await created.json()) as { openid: string };
    const context = await harness.browser.newContext({
      viewport: { width: 360, height: 740 },
      deviceScaleFactor: 2,
    });
    await context.addCookies([
      { name: 'wxsandbox_openid', value: openid, domain: '127.0.0.1', path: '/' },
    ]);
    const page = await context.newPage();
    await page.goto(`${harness.demo.serverUrl}/h5/`);
    await page.waitForSelector('[data-test="home"]');
    await page.waitForFunction(() =>
      document.querySelector('[data-test="hospital-name"]')?.textContent?.includes('掌医示范医院'),
    );
    assert.ok(await page.isVisible('[data-test="tabbar"]'));
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the phone`);
    await page.screenshot({ path: `${artifactsDir}h5-home.png` });
    await context.close();
  });
});
