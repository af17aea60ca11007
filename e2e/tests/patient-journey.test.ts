import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FrameLocator } from 'playwright-core';
import { artifactsDir, startHarness, type Harness } from '../harness';

let harness: Harness;
before(async () => {
  harness = await startHarness(2);
});
after(() => harness.close());

/** Picks the first option of one of the H5 pickers (document type, relation). */
async function pickFirst(frame: FrameLocator, field: string): Promise<void> {
  await frame.locator(`[data-test="${field}"]`).click();
  await frame.locator('.van-picker__confirm').last().click();
}

describe('a patient in the sandbox phone', () => {
  it('follows, opens the H5 pages through OAuth, binds patients and a card, and browses the directory', async () => {
    const page = await harness.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${harness.demo.sandboxUrl}/`);
    await page.fill('#new-user input[name=nickname]', '张三家属');
    await page.click('#new-user button');
    await page.click('#follow');
    await page.getByText('欢迎关注').first().waitFor();

    // 就医服务 › 科室导航 opens the H5 home page through silent OAuth.
    await page.click('#menu-buttons button:has-text("就医服务")');
    await page.click('button:has-text("科室导航")');
    const frame = page.frameLocator('#h5-frame');
    await frame.locator('[data-test="hospital-name"]').waitFor({ timeout: 20_000 });

    // 我的 › 就诊人管理 › 添加就诊人
    await frame.locator('[data-test="tabbar"] >> text=我的').click();
    await frame.locator('[data-test="mine-patients"]').click();
    await frame.locator('[data-test="patients-list"]').waitFor();
    await frame.locator('[data-test="patient-add"]').click();
    await frame.locator('[data-test="patient-form"]').waitFor();
    await frame.locator('[data-test="field-name"] input').fill('张三');
    await frame.locator('[data-test="field-id-number"] input').fill('110105194912310021');
    await frame.locator('[data-test="field-phone"] input').fill('13812345678');
    await pickFirst(frame, 'field-relation');
    await frame.locator('[data-test="consent"]').click();
    await frame.locator('[data-test="patient-submit"]').click();
    // A wrong check digit is refused under the field, and nothing is bound.
    await frame.getByText('身份证号校验位不正确').waitFor();
    await frame.locator('[data-test="field-id-number"] input').fill('11010519491231002X');
    await frame.locator('[data-test="patient-submit"]').click();
    await frame.locator('[data-test="patient-card"]').first().waitFor();
    assert.equal(await frame.locator('[data-test="patient-card"]').count(), 1);
    assert.match(
      (await frame.locator('[data-test="patient-card"]').first().textContent()) ?? '',
      /110\*+002X/,
    );

    // Bind the outpatient card the hospital's records hold for 张三.
    await frame.locator('[data-test="patient-action-card"]').first().click();
    await frame.locator('[data-test="field-card-number"] input').fill('C10001');
    await frame.locator('[data-test="bind-card-submit"]').click();
    await frame.locator('[data-test="bind-card-done"]').waitFor();
    await page.screenshot({ path: `${artifactsDir}patient-card-bound.png` });

    // Four more family members through the API of the same session, then the sixth is refused.
    // Passed as source text: the test runner's transpiler would add helpers the page does not have.
    const h5 = page.frames().find((f) => f.url().includes('/h5/'))!;
    const refused = (await h5.evaluate(`(async () => {
      const me = await (await fetch('/api/wechat/me')).json();
      const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
      const id = (first17) => first17 + '10X98765432'[[...first17].reduce((acc, d, i) => acc + Number(d) * weights[i], 0) % 11];
      const add = (n) => fetch('/api/patients', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ name: '家人' + '甲乙丙丁戊'[n], idType: 'resident_id', idNumber: id('32010219900101' + (100 + n)),
          phone: '13900000000', relation: 'relative', consent: true }),
      });
      for (let n = 0; n < 4; n += 1) {
        const response = await add(n);
        if (!response.ok) throw new Error('bind ' + n + ': ' + response.status + ' ' + (await response.text()));
      }
      const sixth = await add(4);
      return { status: sixth.status, body: await sixth.json() };
    })()`)) as { status: number; body: { error: { code: string } } };
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'PATIENT_LIMIT_REACHED');
    await page.reload();
    await page.locator('#menu-buttons button', { hasText: /^我的$/ }).click();
    const reopened = page.frameLocator('#h5-frame');
    await reopened.locator('[data-test="mine-patients"]').click();
    await reopened.locator('[data-test="patients-limit"]').waitFor();
    assert.equal(await reopened.locator('[data-test="patient-card"]').count(), 5);
    assert.ok(await reopened.locator('[data-test="patient-add"]').isDisabled());

    // The directory: a department and one of its doctors, from 就医服务 › 科室导航.
    await page.click('#h5-close');
    await page.click('#menu-buttons button:has-text("就医服务")');
    await page.click('button:has-text("科室导航")');
    await reopened.locator('[data-test="hospital-name"]').waitFor();
    await reopened.locator('.van-collapse-item__title:has-text("内科")').click();
    await reopened.locator('[data-test="department-link"]:has-text("心血管内科")').click();
    await reopened.locator('[data-test="department-name"]:has-text("心血管内科")').waitFor();
    await reopened.locator('[data-test="doctor-item"]:has-text("张建国")').click();
    await reopened.locator('[data-test="doctor-name"]:has-text("张建国")').waitFor();
    // The weekly clinics come from the hospital's system (the built-in HIS in the demo).
    await reopened.locator('[data-test="doctor-clinics"]:has-text("周一 上午")').waitFor();
    await page.screenshot({ path: `${artifactsDir}doctor-page.png` });
    assert.deepEqual(errors, []);
    await page.close();
  });
});
