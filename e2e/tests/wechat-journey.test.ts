import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { artifactsDir, startHarness, type Harness } from '../harness';

let harness: Harness;
before(async () => {
  harness = await startHarness(1);
});
after(() => harness.close());

describe('a new WeChat user in the sandbox phone', () => {
  it('follows, is welcomed, taps the menu, opens an H5 page through OAuth and is recognised by OpenID', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${harness.demo.sandboxUrl}/`);
    await page.fill('#new-user input[name=nickname]', '新患者');
    await page.click('#new-user button');
    await page.click('#follow');
    await page.getByText('欢迎关注').first().waitFor();

    // 院内服务 › 联系我们 is answered by the server with the hospital's contact.
    await page.click('#menu-buttons button:has-text("院内服务")');
    await page.click('button:has-text("联系我们")');
    await page.getByText('电话：020-12345678').waitFor();

    // 我的 is an H5 page: silent OAuth through the sandbox, then the page knows the user.
    await page.locator('#menu-buttons button', { hasText: /^我的$/ }).click();
    const frame = page.frameLocator('#h5-frame');
    const openidCell = frame.locator('[data-test="wechat-openid"]');
    await openidCell.waitFor({ timeout: 20_000 });
    const users = (await (await fetch(`${harness.demo.sandboxUrl}/sandbox/api/users`)).json()) as {
      openid: string;
      nickname: string;
    }[];
    const me = users.find((u) => u.nickname === '新患者');
    assert.ok(me, 'the sandbox knows the new user');
    assert.equal(await openidCell.getAttribute('data-openid'), me.openid);
    await page.screenshot({ path: `${artifactsDir}sandbox-phone-h5.png` });
    assert.deepEqual(errors, []);
    await page.close();
  });
});
