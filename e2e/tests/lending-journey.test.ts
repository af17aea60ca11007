import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Frame, FrameLocator, Page } from 'playwright-core';
import { artifactsDir, DEMO_PASSWORD, startHarness, type Harness } from '../harness';

let harness: Harness;
before(async () => {
  harness = await startHarness(7);
});
after(() => harness.close());

/** A staff session opened through the API: its cookie. */
async function staffSession(username: string): Promise<{ cookie: string }> {
  const response = await fetch(`${harness.demo.serverUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  assert.equal(response.status, 200, `${username} signs in`);
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie };
}

/** GET as a staff member, answering the JSON. */
async function staffGet<T>(session: { cookie: string }, path: string): Promise<T> {
  const response = await fetch(`${harness.demo.serverUrl}${path}`, {
    headers: { cookie: session.cookie },
  });
  assert.equal(response.status, 200, `GET ${path}`);
  return (await response.json()) as T;
}

/** A phone of its own (its own cookies) held by a new simulated user who follows the account. */
async function phoneOf(nickname: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await harness.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${harness.demo.sandboxUrl}/`);
  await page.fill('#new-user input[name=nickname]', nickname);
  await page.click('#new-user button');
  await page.click('#follow');
  await page.getByText('欢迎关注').first().waitFor();
  return { context, page };
}

/** Opens an address of the H5 pages in the phone, as a link in a chat would. */
async function openInPhone(page: Page, path: string): Promise<FrameLocator> {
  await page.fill('#open-url', `${harness.demo.serverUrl}${path}`);
  await page.press('#open-url', 'Enter');
  return page.frameLocator('#h5-frame');
}

/** The H5 frame of the phone, to read its address. */
function h5Frame(page: Page): Frame {
  return page.frames().find((f) => f.url().includes('/h5/'))!;
}

/** Binds the phone's WeChat to a staff account on the binding page, then opens the lending centre. */
async function bindAndOpenLending(page: Page, username: string): Promise<FrameLocator> {
  const phone = await openInPhone(page, '/h5/staff-binding');
  await phone.locator('[data-test="staff-username"] input').fill(username);
  await phone.locator('[data-test="staff-password"] input').fill(DEMO_PASSWORD);
  await phone.locator('[data-test="staff-bind"]').click();
  await phone.locator('[data-test="staff-bound-name"]').waitFor();
  await phone.locator('[data-test="go-lending"]').click();
  await phone.locator('[data-test="lending-me"]').waitFor();
  return phone;
}

/** Answers WeChat's scanner (opened by the page's wx.scanQRCode) with a label's URL. */
async function scanLabel(page: Page, url: string): Promise<void> {
  await page.locator('#scan-text').waitFor({ state: 'visible' });
  await page.fill('#scan-text', url);
  await page.click('#scan-form button');
}

describe('the lending centre in the sandbox phone', () => {
  it('requests a monitor, approves, hands over by scan, asks for and confirms the return, disinfects; the statement shows the charge', async () => {
    const errors: string[] = [];
    const admin = await staffSession('admin');
    const devices = await staffGet<{ items: { id: string; assetNo: string }[] }>(
      admin,
      '/api/admin/equipment/devices?q=LC-MON-001',
    );
    const monitor = devices.items.find((d) => d.assetNo === 'LC-MON-001');
    assert.ok(monitor, 'the demo centre has the monitor LC-MON-001');
    const label = await staffGet<{ url: string }>(
      admin,
      `/api/admin/equipment/devices/${monitor.id}/label`,
    );

    // The head nurse of 心血管内科 asks for a monitor for two hours.
    const nurse = await phoneOf('护士长陈静');
    nurse.page.on('pageerror', (error) => errors.push(error.message));
    const applicant = await bindAndOpenLending(nurse.page, 'nurse');
    await applicant.locator('[data-test="lending-tab-lending-apply"]').click();
    await applicant.locator('[data-test="lending-category"][data-category-name="监护仪"]').click();
    await applicant.locator('[data-test="loan-hours-2"]').click();
    await applicant.locator('[data-test="loan-purpose"] textarea').fill('术后患者心电监护');
    await applicant.locator('[data-test="loan-submit"]').click();
    await applicant.locator('[data-test="loan-status"][data-status="requested"]').waitFor();
    const loanId = /\/h5\/lending\/loans\/([0-9a-f-]{36})/.exec(h5Frame(nurse.page).url())?.[1];
    assert.ok(loanId, 'the request opens its loan page');

    // The equipment manager approves it and hands a monitor over by scanning its label.
    const managerPhone = await phoneOf('设备科李强');
    managerPhone.page.on('pageerror', (error) => errors.push(error.message));
    const manager = await bindAndOpenLending(managerPhone.page, 'manager');
    await manager.locator('[data-test="lending-manager"]').waitFor();
    await manager.locator('[data-test="count-awaiting-decision"]').click();
    await manager.locator(`[data-test="loan-item"][data-loan-id="${loanId}"]`).click();
    await manager.locator('[data-test="loan-action-approve"]').click();
    await manager.locator('[data-test="loan-status"][data-status="approved"]').waitFor();
    await manager.locator('[data-test="loan-action-handover"]').click();
    await scanLabel(managerPhone.page, label.url);
    await manager.locator('[data-test="loan-status"][data-status="handed_over"]').waitFor();
    await manager.locator('[data-test="loan-device-line"][data-asset-no="LC-MON-001"]').waitFor();
    await managerPhone.page.screenshot({ path: `${artifactsDir}lending-handed-over.png` });

    // The ward asks the centre to take it back.
    await nurse.page.click('#h5-close');
    const ward = await openInPhone(nurse.page, `/h5/lending/loans/${loanId}`);
    await ward.locator('[data-test="loan-status"][data-status="handed_over"]').waitFor();
    await ward.locator('[data-test="loan-action-request_return"]').click();
    await ward.locator('[data-test="loan-status"][data-status="return_requested"]').waitFor();

    // The manager checks it, scans it back in, then confirms its disinfection by another scan.
    await managerPhone.page.click('#h5-close');
    const centre = await openInPhone(managerPhone.page, `/h5/lending/loans/${loanId}`);
    await centre.locator('[data-test="loan-status"][data-status="return_requested"]').waitFor();
    await centre.locator('[data-test="loan-action-return"]').click();
    const check = centre.locator('[data-test="loan-sheet"][data-mode="return"]');
    await check.locator('[data-test="return-condition-ok"]').click();
    await check.locator('[data-test="loan-sheet-submit"]').click();
    await scanLabel(managerPhone.page, label.url);
    await centre.locator('[data-test="loan-status"][data-status="returned"]').waitFor();
    await centre.locator('[data-test="loan-action-disinfect"]').click();
    await scanLabel(managerPhone.page, label.url);
    await centre.locator('[data-test="loan-status"][data-status="disinfected"]').waitFor();
    await centre
      .locator(
        '[data-test="loan-device-line"][data-asset-no="LC-MON-001"][data-disinfected="true"]',
      )
      .waitFor();
    // Minutes of use cost the monitor's minimum: 6 元.
    assert.equal(await centre.locator('[data-test="loan-charge"]').getAttribute('data-fen'), '600');
    await managerPhone.page.screenshot({ path: `${artifactsDir}lending-disinfected.png` });

    // The department's statement shows the charge, in the H5 查询 tab…
    await nurse.page.click('#h5-close');
    const bill = await openInPhone(nurse.page, '/h5/lending/loans');
    await bill.locator('[data-test="loans-statement"]').click();
    await bill.locator('[data-test="h5-statement-total"][data-fen="600"]').waitFor();
    await bill.locator('[data-test="h5-statement-line"][data-fen="600"]').waitFor();

    // …and in the console's statements page.
    const console = await harness.consoleAs('manager');
    await console.goto(`${harness.demo.serverUrl}/admin/lending/statements`);
    const row = console.locator('[data-test="statement-row"]', { hasText: '心血管内科' });
    await row.waitFor({ timeout: 20_000 });
    assert.match((await row.locator('[data-test="statement-total"]').textContent()) ?? '', /6\.00/);
    await console.screenshot({ path: `${artifactsDir}lending-statement.png` });

    assert.deepEqual(errors, []);
    await nurse.context.close();
    await managerPhone.context.close();
    await console.close();
  });
});
