import { createHash } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PayApiError, PayBillHashMismatchError, PayClient } from '@zhangyi/wechat';
import {
  baseConfig,
  eventually,
  generateKeys,
  sandbox,
  startServer,
  type FakeServer,
  type Keys,
} from '../test/helpers';
import type { SandboxConfig } from '../config';

// The bill as the hospital's server will fetch it: through the real PayClient of packages/wechat,
// whose requests the sandbox verifies and whose hash check and parser read what the sandbox wrote.
let keys: Keys;
beforeAll(() => {
  keys = generateKeys();
});

const DAY_MS = 86_400_000;

describe('WeChat Pay v3 trade bills', () => {
  let server: FakeServer;
  let sb: Awaited<ReturnType<typeof sandbox>>;
  let config: SandboxConfig;
  let offsetMs = 0;
  let client: PayClient;
  afterEach(async () => {
    await sb?.close();
    await server?.close();
  });

  /** Moves the sandbox clock forward; the client's clock follows so its signatures stay fresh. */
  async function advance(ms: number): Promise<void> {
    const res = await sb.call('POST', '/sandbox/api/clock', {
      advanceSeconds: Math.ceil(ms / 1000),
    });
    offsetMs = Number(res.json.offsetMs);
  }

  async function start(): Promise<string> {
    server = await startServer(() => ({ status: 204 }));
    config = baseConfig(keys);
    sb = await sandbox(config);
    offsetMs = 0;
    client = new PayClient({
      mchId: config.mchId,
      merchantSerialNo: config.merchantSerialNo,
      privateKey: keys.merchantPrivateKeyPem,
      apiV3Key: config.apiV3Key,
      verification: {
        mode: 'publicKey',
        publicKeyId: config.platformPublicKeyId!,
        publicKey: keys.platformPublicKeyPem,
      },
      baseUrl: sb.url,
      clock: { now: () => Date.now() + offsetMs },
    });
    // Work at 10:00 China Standard Time so the whole test stays within one day.
    const msOfDay = (Date.now() + 8 * 3600_000) % DAY_MS;
    await advance((10 * 3600_000 - msOfDay + DAY_MS) % DAY_MS);
    return String((await sb.call('POST', '/sandbox/api/users', {})).json.openid);
  }

  async function paidOrder(openid: string, outTradeNo: string, amountFen: number) {
    const { prepayId } = await client.transactions.createJsapiOrder({
      appId: config.appId,
      description: '挂号费-内科门诊',
      outTradeNo,
      notifyUrl: `${server.url}/pay/notify`,
      amountFen,
      payerOpenid: openid,
    });
    await sb.call('POST', `/sandbox/api/pay/orders/${prepayId}/pay`, {});
    return client.transactions.queryByOutTradeNo(outTradeNo);
  }

  /** Yesterday (sandbox clock): 15.00 paid and 5.00 of it refunded, 0.10 paid, one order unpaid. */
  async function yesterday() {
    const openid = await start();
    const big = await paidOrder(openid, 'ZY-BILL-0001', 1500);
    const small = await paidOrder(openid, 'ZY-BILL-0002', 10);
    await client.transactions.createJsapiOrder({
      appId: config.appId,
      description: '检查费',
      outTradeNo: 'ZY-BILL-0003',
      notifyUrl: `${server.url}/pay/notify`,
      amountFen: 2000,
      payerOpenid: openid,
    });
    await client.refunds.create({
      outTradeNo: 'ZY-BILL-0001',
      outRefundNo: 'RF-BILL-0001',
      refundFen: 500,
      totalFen: 1500,
      reason: '停诊退费',
    });
    const refund = await eventually(async () => {
      const r = await client.refunds.query('RF-BILL-0001');
      return r.status === 'SUCCESS' ? r : undefined;
    });
    const date = big.successTime!.slice(0, 10);
    await expect(client.bills.tradeBill(date)).rejects.toMatchObject({
      payCode: 'STATEMENT_CREATING',
    });
    await advance(DAY_MS);
    return { openid, big, small, refund, date };
  }

  it("lists yesterday's payments and partial refund with their totals, read through PayClient", async () => {
    const { openid, big, small, refund, date } = await yesterday();
    const bill = await client.bills.tradeBill(date);
    expect(bill?.rows).toHaveLength(3);
    const [first, second, refunded] = bill!.rows;
    expect(first).toMatchObject({
      tradeTime: big.successTime,
      appId: config.appId,
      mchId: config.mchId,
      transactionId: big.transactionId,
      outTradeNo: 'ZY-BILL-0001',
      openid,
      tradeType: 'JSAPI',
      tradeState: 'SUCCESS',
      totalFen: 1500,
      orderAmountFen: 1500,
      description: '挂号费-内科门诊',
      feeFen: 9,
      feeRate: '0.60%',
    });
    expect(first).not.toHaveProperty('refundId');
    expect(second).toMatchObject({ outTradeNo: 'ZY-BILL-0002', totalFen: 10, feeFen: 0 });
    expect(small.transactionId).toBe(second!.transactionId);
    expect(refunded).toMatchObject({
      tradeTime: refund.successTime,
      tradeState: 'REFUND',
      transactionId: big.transactionId,
      outTradeNo: 'ZY-BILL-0001',
      totalFen: 0,
      refundId: refund.refundId,
      outRefundNo: 'RF-BILL-0001',
      refundFen: 500,
      refundRequestFen: 500,
      refundStatus: 'SUCCESS',
      feeFen: -3,
    });
    expect(bill!.summary).toEqual({
      count: 3,
      settledTotalFen: 1510,
      refundTotalFen: 500,
      rechargeCouponRefundTotalFen: 0,
      feeTotalFen: 6,
      orderTotalFen: 1510,
      refundRequestTotalFen: 500,
    });
    expect(bill!.text).toContain('`ZY-BILL-0001,');
    expect(bill!.text).not.toContain('ZY-BILL-0003');
  });

  it('gives SUCCESS and REFUND bills their own lines, gzipped on request, and no bill for a quiet day', async () => {
    const { refund, date } = await yesterday();
    const success = await client.bills.tradeBill(date, 'SUCCESS', { gzip: true });
    expect(success?.rows.map((r) => r.outTradeNo)).toEqual(['ZY-BILL-0001', 'ZY-BILL-0002']);
    expect(success?.rows[0]!.columns).not.toHaveProperty('退款金额');
    const refunds = await client.bills.tradeBill(date, 'REFUND');
    expect(refunds?.rows).toHaveLength(1);
    expect(refunds?.rows[0]).toMatchObject({
      refundFen: 500,
      refundCreateTime: refund.createTime,
      refundSuccessTime: refund.successTime,
    });
    expect(refunds?.summary).toMatchObject({ count: 1, settledTotalFen: 0, refundTotalFen: 500 });
    const dayBefore = new Date(Date.parse(`${date}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
    expect(await client.bills.tradeBill(dayBefore)).toBeNull();
  });

  it('refuses malformed, future and too old dates and unknown types with PARAM_ERROR', async () => {
    await start();
    const ask = (query: string) =>
      client.http.json('GET', `/v3/bill/tradebill?${query}`).catch((e: unknown) => e);
    for (const date of ['2026-13-01', '2026-02-30', '20260101', '2999-01-01', '2020-01-01']) {
      expect(await ask(`bill_date=${date}`), date).toMatchObject({ payCode: 'PARAM_ERROR' });
    }
    const yesterdayDate = new Date(Date.now() + offsetMs + 8 * 3600_000 - DAY_MS)
      .toISOString()
      .slice(0, 10);
    expect(await ask(`bill_date=${yesterdayDate}&bill_type=RECHARGE_REFUND`)).toMatchObject({
      payCode: 'PARAM_ERROR',
    });
    expect(await ask(`bill_date=${yesterdayDate}&tar_type=ZIP`)).toMatchObject({
      payCode: 'PARAM_ERROR',
    });
    expect(await ask(`bill_date=${yesterdayDate}`)).toMatchObject({
      status: 400,
      payCode: 'NO_STATEMENT_EXIST',
    });
  });

  it('fails the bill request under the bill fault, and serves a tampered file with tamper', async () => {
    const { date } = await yesterday();
    await sb.call('POST', '/sandbox/api/faults', {
      bill: { httpStatus: 500, code: 'SYSTEM_ERROR', times: 1 },
    });
    const err = await client.bills.tradeBill(date).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PayApiError);
    expect(err).toMatchObject({ status: 500, payCode: 'SYSTEM_ERROR' });
    await sb.call('POST', '/sandbox/api/faults', { bill: { tamper: true, times: 1 } });
    await expect(client.bills.tradeBill(date)).rejects.toBeInstanceOf(PayBillHashMismatchError);
    expect((await client.bills.tradeBill(date))?.rows).toHaveLength(3);
  });

  it('serves the file unsigned, only to a signed request, for 30 seconds', async () => {
    const { date } = await yesterday();
    // The sandbox clock is a day ahead, so requests are signed by the client's clock-aware signer.
    const link = await client.http.json<{ hash_value: string; download_url: string }>(
      'GET',
      `/v3/bill/tradebill?bill_date=${date}`,
    );
    const url = new URL(link!.download_url);
    expect(url.origin).toBe(sb.url);
    expect(url.pathname).toBe('/v3/billdownload/file');
    expect((await fetch(url)).status).toBe(401);
    const file = await client.http.download(url.href);
    expect(file.status).toBe(200);
    expect(file.headers.get('wechatpay-signature')).toBeNull();
    expect(createHash('sha1').update(file.body).digest('hex')).toBe(link!.hash_value);
    await advance(31_000);
    await expect(client.http.download(url.href)).rejects.toMatchObject({
      status: 400,
      payCode: 'INVALID_REQUEST',
    });
  });
});
