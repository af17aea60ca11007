import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext, Frame, FrameLocator, Page } from 'playwright-core';
import { artifactsDir, DEMO_PASSWORD, startHarness, type Harness } from '../harness';

let harness: Harness;
before(async () => {
  // Offset 6 would put the server on 3306, MySQL's and MariaDB's port, often taken on a developer's
  // machine; 8 is free of the other test files' offsets.
  harness = await startHarness(8);
});
after(() => harness.close());

/** A staff session opened through the API: its cookie and CSRF token. */
async function staffSession(username: string): Promise<{ cookie: string; csrf: string }> {
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
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
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

describe('fault reporting in the sandbox phone', () => {
  it('scans a label, reports with a photo, the engineer accepts and resolves, the reporter rates; the statistics show MTTA and MTTR', async () => {
    const errors: string[] = [];
    const admin = await staffSession('admin');
    const devices = await staffGet<{ items: { id: string; assetNo: string }[] }>(
      admin,
      '/api/admin/equipment/devices?q=IT-PRN-0001',
    );
    const printer = devices.items.find((d) => d.assetNo === 'IT-PRN-0001');
    assert.ok(printer, 'the demo registers the printer IT-PRN-0001');
    const label = await staffGet<{ url: string }>(
      admin,
      `/api/admin/equipment/devices/${printer.id}/label`,
    );
    assert.match(label.url, /\/r\/[A-Za-z0-9]{22}$/);

    // The reporter scans the printer's label with WeChat's scanner.
    const reporter = await phoneOf('门诊护士');
    reporter.page.on('pageerror', (error) => errors.push(error.message));
    await reporter.page.click('#more');
    await reporter.page.click('[data-act=scan]');
    await reporter.page.fill('#scan-text', label.url);
    await reporter.page.click('#scan-form button');
    const phone = reporter.page.frameLocator('#h5-frame');
    await phone
      .locator('[data-test="repair-device"][data-asset-no="IT-PRN-0001"]')
      .waitFor({ timeout: 20_000 });
    assert.match(h5Frame(reporter.page).url(), /\/h5\/repair\/label\/[A-Za-z0-9]{22}(#.*)?$/);

    // A first-time reporter: fault type, description, a photo, name, phone and department once.
    await phone.locator('[data-test="fault-type"][data-fault-name="卡纸"]').click();
    await phone.locator('[data-test="report-description"] textarea').fill('进纸口卡纸，取不出来');
    await phone.locator('[data-test="photo-add"]').click();
    await reporter.page.click('#image-sample');
    await phone
      .locator('[data-test="photo-item"][data-status="done"]')
      .waitFor({ timeout: 20_000 });
    await phone.locator('[data-test="contact-name"] input').fill('陈护士');
    await phone.locator('[data-test="contact-phone"] input').fill('13912345678');
    await phone.locator('[data-test="contact-department"]').click();
    await phone.locator('.van-picker-column__item:has-text("心血管内科")').click();
    await phone.locator('.van-picker__confirm').click();
    // A double tap sends one report.
    await phone.locator('[data-test="report-submit"]').dblclick();
    await phone
      .locator('[data-test="ticket-page"] [data-test="ticket-status"][data-status="submitted"]')
      .waitFor({ timeout: 20_000 });
    const ticketId = /\/h5\/tickets\/([0-9a-f-]{36})/.exec(h5Frame(reporter.page).url())?.[1];
    assert.ok(ticketId, 'the report page moves on to the ticket');
    assert.equal(await phone.locator('[data-test="ticket-photo"]').count(), 1);
    await reporter.page.screenshot({ path: `${artifactsDir}repair-reported.png` });
    const mine = (await h5Frame(reporter.page).evaluate(
      `fetch('/api/tickets/mine').then((r) => r.json())`,
    )) as { total: number };
    assert.equal(mine.total, 1, 'the double tap made one ticket');

    // Scanning again shows the open ticket: the reporter is already involved.
    await reporter.page.click('#h5-close');
    await reporter.page.click('#more');
    await reporter.page.click('[data-act=scan]');
    await reporter.page.fill('#scan-text', label.url);
    await reporter.page.click('#scan-form button');
    await phone.locator(`[data-test="open-ticket"][data-ticket-id="${ticketId}"]`).waitFor();
    await phone.locator('[data-test="view-open-ticket"]').waitFor();

    // The engineer, on another phone, binds the staff account once and takes the ticket.
    const engineer = await phoneOf('工程师赵磊');
    engineer.page.on('pageerror', (error) => errors.push(error.message));
    const work = await openInPhone(engineer.page, '/h5/staff-binding');
    await work.locator('[data-test="staff-username"] input').fill('engineer');
    await work.locator('[data-test="staff-password"] input').fill(DEMO_PASSWORD);
    await work.locator('[data-test="staff-bind"]').click();
    await work.locator('[data-test="staff-bound-name"]').waitFor();
    await work.locator('[data-test="go-engineer"]').click();
    await work.locator('[data-test="queue-tab-unassigned"]').click();
    await work.locator(`[data-test="ticket-item"][data-ticket-id="${ticketId}"]`).click();
    await work.locator('[data-test="ticket-action-accept"]').click();
    await work.locator('[data-test="ticket-status"][data-status="accepted"]').waitFor();
    await work.locator('[data-test="ticket-action-resolve"]').click();
    const sheet = work.locator('[data-test="action-sheet"][data-action="resolve"]');
    await sheet.locator('[data-test="action-resolution"] textarea').fill('取出卡纸，清洁搓纸轮');
    await sheet.locator('[data-test="part-name"] input').fill('搓纸轮');
    await sheet.locator('[data-test="part-quantity"] input').fill('1');
    await sheet.locator('[data-test="part-cost"] input').fill('35');
    await sheet.locator('[data-test="part-add"]').click();
    await sheet.locator('[data-test="action-submit"]').click();
    await work.locator('[data-test="ticket-status"][data-status="resolved"]').waitFor();
    await engineer.page.screenshot({ path: `${artifactsDir}repair-resolved.png` });

    // The reporter confirms and rates five stars.
    await reporter.page.click('#h5-close');
    const back = await openInPhone(reporter.page, `/h5/tickets/${ticketId}`);
    await back.locator('[data-test="ticket-status"][data-status="resolved"]').waitFor();
    await back.locator('[data-test="ticket-resolution"]').waitFor();
    await back.locator('[data-test="ticket-action-confirm"]').click();
    const rate = back.locator('[data-test="action-sheet"][data-action="confirm"]');
    await rate.locator('[data-test="action-rating"] .van-rate__item').nth(4).click();
    await rate.locator('[data-test="action-note"] textarea').fill('修得很快');
    await rate.locator('[data-test="action-submit"]').click();
    await back.locator('[data-test="ticket-status"][data-status="closed"]').waitFor();
    await back.locator('[data-test="ticket-rating"][data-rating="5"]').waitFor();
    await reporter.page.screenshot({ path: `${artifactsDir}repair-rated.png` });

    // The statistics page of the console shows the ticket's MTTA and MTTR.
    const console = await harness.consoleAs('admin');
    await console.waitForSelector('[data-test="dashboard"]');
    await console.goto(`${harness.demo.serverUrl}/admin/tickets/statistics`);
    const mtta = console.locator('[data-test="stat-mtta-median"]');
    const mttr = console.locator('[data-test="stat-mttr-median"]');
    await mtta.waitFor({ timeout: 20_000 });
    await console.waitForFunction(() =>
      /\d/.test(document.querySelector('[data-test="stat-mttr-median"]')?.textContent ?? ''),
    );
    assert.match((await mtta.textContent()) ?? '', /\d+(\.\d+)?/);
    assert.match((await mttr.textContent()) ?? '', /\d+(\.\d+)?/);
    await console.screenshot({ path: `${artifactsDir}repair-statistics.png` });

    // The same figures from the statistics API: one ticket, accepted and restored.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
      new Date(),
    );
    const stats = await staffGet<{
      totals: { closed: number };
      mtta: { count: number; median: number | null };
      mttr: { count: number; median: number | null };
    }>(admin, `/api/admin/tickets/stats?from=${today}&to=${today}`);
    assert.equal(stats.totals.closed, 1);
    assert.equal(stats.mtta.count, 1);
    assert.equal(stats.mttr.count, 1);
    assert.equal(typeof stats.mtta.median, 'number');
    assert.equal(typeof stats.mttr.median, 'number');

    assert.deepEqual(errors, []);
    await reporter.context.close();
    await engineer.context.close();
    await console.close();
  });
});
