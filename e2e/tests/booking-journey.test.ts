import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { artifactsDir, startHarness, type Harness } from '../harness';

let harness: Harness;
before(async () => {
  harness = await startHarness(5);
});
after(() => harness.close());

interface ScheduleSummary {
  id: string;
  date: string;
  feeFen: number;
  bookable: boolean;
  doctor: { name: string };
}

/** A paid schedule of the department, bookable now, as the public API lists it. */
async function bookableSchedule(departmentId: string): Promise<ScheduleSummary> {
  const response = await fetch(
    `${harness.demo.serverUrl}/api/public/schedules?departmentId=${departmentId}`,
  );
  const { items } = (await response.json()) as { items: ScheduleSummary[] };
  // A later day, so that online cancellation (until 0:00 of the visit day) is still open.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const found = items.find((s) => s.bookable && s.feeFen > 0 && s.date > today);
  assert.ok(found, 'the demo has a bookable paid clinic in the next days');
  return found;
}

/** The template notices the phone received (服务通知), newest first. */
async function notices(page: Page): Promise<string> {
  await page.reload();
  await page.click('#more');
  await page.click('[data-act=notices]');
  const list = page.locator('#notice-list');
  await list.waitFor();
  return (await list.textContent()) ?? '';
}

describe('booking in the sandbox phone', () => {
  it('books, pays, sees the confirmation notice, cancels and sees the refund', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${harness.demo.sandboxUrl}/`);
    await page.fill('#new-user input[name=nickname]', '预约患者');
    await page.click('#new-user button');
    await page.click('#follow');
    await page.getByText('欢迎关注').first().waitFor();
    await page.click('#menu-buttons button:has-text("就医服务")');
    await page.click('button:has-text("科室导航")');
    const frame = page.frameLocator('#h5-frame');
    await frame.locator('[data-test="hospital-name"]').waitFor({ timeout: 20_000 });

    // The patient, bound through the API of this session (the binding pages have their own test).
    const h5 = page.frames().find((f) => f.url().includes('/h5/'))!;
    const bound = (await h5.evaluate(`(async () => {
      const me = await (await fetch('/api/wechat/me')).json();
      const response = await fetch('/api/patients', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ name: '张三', idType: 'resident_id', idNumber: '11010519491231002X',
          phone: '13812345678', relation: 'self', consent: true }),
      });
      const hospital = await (await fetch('/api/public/hospital')).json();
      const cardio = hospital.departments.flatMap((d) => d.children).find((d) => d.name === '心血管内科');
      return { patient: await response.json(), departmentId: cardio.id };
    })()`)) as { patient: { id: string }; departmentId: string };
    const schedule = await bookableSchedule(bound.departmentId);

    // 预约挂号 › 心血管内科 › the date › the doctor's clinic › a time › confirm.
    await page.reload();
    await page.click('#menu-buttons button:has-text("就医服务")');
    await page.click('button:has-text("科室导航")');
    const phone = page.frameLocator('#h5-frame');
    await phone.locator('[data-test="service-booking"]').click();
    const booking = phone.locator('[data-test="booking-page"]');
    await booking.locator('.van-collapse-item__title:has-text("内科")').click();
    await booking.locator('[data-test="department-link"]:has-text("心血管内科")').click();
    await phone.locator(`[data-test="date-${schedule.date}"]`).click();
    await phone.locator(`[data-schedule-id="${schedule.id}"] [data-test="schedule-book"]`).click();
    await phone.locator('[data-test="slots-page"]').waitFor();
    await phone.locator('[data-available="true"]').first().click();
    await phone.locator('[data-test="booking-confirm"]').waitFor();
    await phone.locator(`[data-test="patient-${bound.patient.id}"]`).click();
    await phone.locator('[data-test="confirm-booking"]').click();

    // WeChat Pay's sheet opens over the page; the amount is the clinic's fee.
    await page.locator('#pay-sheet').waitFor({ state: 'visible', timeout: 20_000 });
    const fee = `${Math.floor(schedule.feeFen / 100)}.${String(schedule.feeFen % 100).padStart(2, '0')}`;
    assert.match((await page.locator('#pay-amount').textContent()) ?? '', new RegExp(fee));
    await page.click('#pay-confirm');
    await phone
      .locator('[data-test="booking-result"][data-status="confirmed"]')
      .waitFor({ timeout: 20_000 });
    await page.screenshot({ path: `${artifactsDir}booking-confirmed.png` });

    // The confirmation reaches the phone as a template message (预约成功通知).
    await page.waitForTimeout(500);
    let received = '';
    for (let attempt = 0; attempt < 20 && !received.includes('预约成功通知'); attempt++) {
      received = await notices(page);
      if (!received.includes('预约成功通知')) await page.waitForTimeout(1000);
    }
    assert.match(received, /预约成功通知/);
    assert.match(received, /心血管内科/);

    // 我的预约 › the appointment › cancel: the fee goes back.
    await page.reload();
    await page.click('#menu-buttons button:has-text("就医服务")');
    await page.click('button:has-text("科室导航")');
    const again = page.frameLocator('#h5-frame');
    await again.locator('[data-test="service-appointments"]').click();
    await again.locator('[data-appointment-id]').first().click();
    await again.locator('[data-test="appointment-status"][data-status="confirmed"]').waitFor();
    await again.locator('[data-test="cancel-appointment"]').click();
    await again.locator('.van-dialog__confirm').click();
    await again.locator('[data-test="appointment-status"][data-status="cancelled"]').waitFor();
    // The sandbox completes refunds after a few seconds and notifies the server; the page, left
    // open, reads the appointment again until the refund has arrived.
    await again.locator('[data-test="refund-status"]').waitFor();
    await again
      .locator('[data-test="refund-status"][data-status="succeeded"]')
      .waitFor({ timeout: 40_000 });
    await page.screenshot({ path: `${artifactsDir}booking-refunded.png` });
    let told = '';
    for (let attempt = 0; attempt < 20 && !told.includes('退款成功'); attempt++) {
      told = await notices(page);
      if (!told.includes('退款成功')) await page.waitForTimeout(1000);
    }
    assert.match(told, /退款成功/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('lets the administrator set the reminder time, and the window filter by department', async () => {
    const admin = await harness.consoleAs('admin');
    await admin.goto(`${harness.demo.serverUrl}/admin/booking/settings`);
    const field = admin.locator('[data-test="setting-visitReminderTime"]');
    const reminder = field.locator('input');
    const savedReminder = () =>
      admin.evaluate(async () => {
        const response = await fetch('/api/admin/booking/settings');
        return ((await response.json()) as { visitReminderTime: string | null }).visitReminderTime;
      });
    const save = async () => {
      await admin.locator('[data-test="booking-settings-dirty"]').waitFor();
      await admin.click('[data-test="booking-settings-save"]');
      await admin.locator('[data-test="booking-settings-dirty"]').waitFor({ state: 'detached' });
    };
    await admin.waitForFunction(
      () =>
        document.querySelector<HTMLInputElement>('[data-test="setting-visitReminderTime"] input')
          ?.value === '18:00',
    );
    // Cleared: no reminders at all.
    await reminder.hover();
    await field.locator('.clear-icon').click();
    await save();
    assert.equal(await savedReminder(), null);
    // Typed into the open picker, as a keyboard user does.
    await reminder.click();
    await admin.locator('.el-time-panel').waitFor();
    await reminder.fill('20:30');
    await reminder.press('Enter');
    await save();
    assert.equal(await savedReminder(), '20:30');
    await admin.close();

    // The registration window reads appointments, and may now filter them by department.
    const window = await harness.consoleAs('registrar');
    await window.goto(`${harness.demo.serverUrl}/admin/booking/appointments`);
    await window.click('[data-test="appointments-department"]');
    await window.locator('.el-select-dropdown__item:has-text("心血管内科")').first().waitFor();
    await window.close();
  });
});
