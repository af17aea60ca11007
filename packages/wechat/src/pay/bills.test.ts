import { createHash, generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  PayApiError,
  PayBillHashMismatchError,
  PayFormatError,
  WechatArgumentError,
} from '../errors';
import { FakePay } from '../../test/fake-pay';
import { parseTradeBill, yuanToFen } from './bill-format';
import { PayClient } from './client';

// A hand-written ALL bill in WeChat Pay's layout: two payments (one written with a single decimal,
// as some bills do) and a partial refund of the first, whose fee is partly given back.
const HEADER =
  '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,' +
  '付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,' +
  '退款类型,退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注';
const SUMMARY_HEADER =
  '总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额';
const line = (...fields: string[]) => fields.map((f) => '`' + f).join(',');
const PAID_1 = line(
  ...['2026-01-01 09:15:02', 'wx_app_0001', '1900000109', '0', ''],
  ...['4200002001202601010000000001', 'REG20260101001', 'o_payer_1', 'JSAPI', 'SUCCESS'],
  ...['OTHERS', 'CNY', '12.50', '0.00', '0', '0', '0.00', '0.00', '', ''],
  ...['挂号费-内科', 'dept=42', '0.08000', '0.60%', '12.50', '0.00', ''],
);
const PAID_2 = line(
  ...['2026-01-01 10:02:40', 'wx_app_0001', '1900000109', '0', ''],
  ...['4200002001202601010000000002', 'REG20260101002', 'o_payer_2', 'JSAPI', 'SUCCESS'],
  ...['CMB_DEBIT', 'CNY', '0.1', '0.0', '0', '0', '0.0', '0.0', '', ''],
  ...['检查费', '', '0.00000', '0.60%', '0.1', '0.0', ''],
);
const REFUNDED = line(
  ...['2026-01-01 11:30:00', 'wx_app_0001', '1900000109', '0', ''],
  ...['4200002001202601010000000001', 'REG20260101001', 'o_payer_1', 'JSAPI', 'REFUND'],
  ...['OTHERS', 'CNY', '0.00', '0.00', '50300001202601010000000001', 'RF20260101001'],
  ...['5.00', '0.00', 'ORIGINAL', 'SUCCESS'],
  ...['挂号费-内科', 'dept=42', '-0.03000', '0.60%', '0.00', '5.00', ''],
);
const SUMMARY = line('3', '12.60', '5.00', '0.00', '0.05000', '12.60', '5.00');
const BILL = [HEADER, PAID_1, PAID_2, REFUNDED, SUMMARY_HEADER, SUMMARY, ''].join('\n');

describe('yuanToFen', () => {
  it('reads yuan as integer fen from the digits, never through floating point', () => {
    expect(yuanToFen('0.10')).toBe(10);
    expect(yuanToFen('1234.56')).toBe(123456);
    expect(yuanToFen('0.1')).toBe(10);
    expect(yuanToFen('0.0')).toBe(0);
    expect(yuanToFen('7')).toBe(700);
    expect(yuanToFen('0.29')).toBe(29); // 0.29 * 100 is 28.999999999999996 in floating point
    expect(yuanToFen('-0.03000', 5)).toBe(-3);
    expect(Object.is(yuanToFen('-0.00'), 0)).toBe(true);
  });

  it('refuses malformed amounts and fractions of a fen with PayFormatError', () => {
    const bad = ['', '1.234', '1,000.00', '1e3', '.5', '1.', '+1.00', ' 1.00', 'NaN', '¥1.00'];
    for (const value of [...bad, '12345678901234.00']) {
      expect(() => yuanToFen(value), value).toThrow(PayFormatError);
    }
    expect(() => yuanToFen('0.00600', 5)).toThrow(/whole number of fen/);
    expect(() => yuanToFen('0.000001', 5)).toThrow(PayFormatError);
  });
});

describe('parseTradeBill', () => {
  it('reads payment and refund lines by column name, amounts in fen', () => {
    const { rows, summary } = parseTradeBill(BILL);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatchObject({
      tradeTime: '2026-01-01T09:15:02+08:00',
      appId: 'wx_app_0001',
      mchId: '1900000109',
      transactionId: '4200002001202601010000000001',
      outTradeNo: 'REG20260101001',
      openid: 'o_payer_1',
      tradeType: 'JSAPI',
      tradeState: 'SUCCESS',
      totalFen: 1250,
      couponFen: 0,
      description: '挂号费-内科',
      attach: 'dept=42',
      feeFen: 8,
      feeRate: '0.60%',
      orderAmountFen: 1250,
    });
    // A direct merchant's 0 in 特约商户号 and the refund columns of a payment line mean "none".
    expect(rows[0]).not.toHaveProperty('subMchId');
    expect(rows[0]).not.toHaveProperty('refundId');
    expect(rows[0]).not.toHaveProperty('refundFen');
    expect(rows[1]).toMatchObject({ totalFen: 10, orderAmountFen: 10, feeFen: 0 });
    expect(rows[1]).not.toHaveProperty('attach');
    expect(rows[2]).toMatchObject({
      tradeState: 'REFUND',
      totalFen: 0,
      refundId: '50300001202601010000000001',
      outRefundNo: 'RF20260101001',
      refundFen: 500,
      refundRequestFen: 500,
      refundType: 'ORIGINAL',
      refundStatus: 'SUCCESS',
      feeFen: -3,
    });
    expect(rows[2]!.columns['退款金额']).toBe('5.00');
    expect(summary).toEqual({
      count: 3,
      settledTotalFen: 1260,
      refundTotalFen: 500,
      rechargeCouponRefundTotalFen: 0,
      feeTotalFen: 5,
      orderTotalFen: 1260,
      refundRequestTotalFen: 500,
    });
  });

  it('reads a day without lines as an empty bill with a zero summary', () => {
    const empty = [
      HEADER,
      SUMMARY_HEADER,
      line('0', '0.00', '0.00', '0.00', '0.00000', '0.00', '0.00'),
    ];
    const bill = parseTradeBill(empty.join('\r\n') + '\r\n');
    expect(bill.rows).toEqual([]);
    expect(bill.summary).toMatchObject({ count: 0, settledTotalFen: 0, feeTotalFen: 0 });
  });

  it('reads SUCCESS bills without refund columns and REFUND bills with their time columns', () => {
    const successHeader =
      '交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,' +
      '付款银行,货币种类,应结订单金额,代金券金额,商品名称,商户数据包,手续费,费率,订单金额,费率备注';
    const success = [
      '\uFEFF' + successHeader,
      line(
        ...['2026-01-01 09:15:02', 'wx_app_0001', '1900000109', '0', '', '42000020', 'REG1'],
        ...['o_payer_1', 'JSAPI', 'SUCCESS', 'OTHERS', 'CNY', '12.50', '0.00', '挂号费', ''],
        ...['0.08000', '0.60%', '12.50', ''],
      ),
      SUMMARY_HEADER,
      line('1', '12.50', '0.00', '0.00', '0.08000', '12.50', '0.00'),
    ].join('\r\n');
    expect(parseTradeBill(success).rows[0]).toMatchObject({ outTradeNo: 'REG1', totalFen: 1250 });

    const refundBill = [
      HEADER + ',退款申请时间,退款成功时间',
      REFUNDED + ',`2026-01-01 11:29:58,`2026-01-01 11:30:00',
      SUMMARY_HEADER,
      line('1', '0.00', '5.00', '0.00', '-0.03000', '0.00', '5.00'),
    ].join('\n');
    const { rows, summary } = parseTradeBill(refundBill);
    expect(rows[0]).toMatchObject({
      refundFen: 500,
      refundCreateTime: '2026-01-01T11:29:58+08:00',
      refundSuccessTime: '2026-01-01T11:30:00+08:00',
    });
    expect(summary.feeTotalFen).toBe(-3);
  });

  it('refuses a bill it cannot read faithfully, naming the problem', () => {
    const replace = (from: string, to: string) => BILL.replace(from, to);
    expect(() => parseTradeBill(replace('`12.50,`0.00,`0,`0', '`12.5O,`0.00,`0,`0'))).toThrow(
      /应结订单金额/,
    );
    // An unescaped comma in free text shifts every later column: refused, not misread.
    expect(() => parseTradeBill(replace('`检查费', '`检查费,加急'))).toThrow(/28 fields/);
    expect(() => parseTradeBill(replace('`o_payer_2', 'o_payer_2'))).toThrow(/backtick/);
    expect(() => parseTradeBill([HEADER, PAID_1].join('\n'))).toThrow(/总交易单数/);
    expect(() => parseTradeBill(BILL + SUMMARY + '\n')).toThrow(/one summary line/);
    expect(() => parseTradeBill(replace('2026-01-01 09:15:02', '2026/01/01 09:15'))).toThrow(
      /交易时间/,
    );
    expect(() => parseTradeBill(replace('`3,`12.60', '`three,`12.60'))).toThrow(PayFormatError);
  });
});

// The bill flow against an emulated WeChat Pay that checks our signatures on both requests.
describe('PayClient.bills.tradeBill', () => {
  const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicKeyId = 'PUB_KEY_ID_0119000001092025010100000000000001';
  const pay = new FakePay('1900000109', merchant.publicKey, 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6', {
    serial: publicKeyId,
    privateKey: platform.privateKey,
  });
  let client: PayClient;

  beforeAll(async () => {
    await pay.start();
    client = new PayClient({
      mchId: '1900000109',
      merchantSerialNo: '3775B6A45ACD588826D15E583A95F5DD00000001',
      privateKey: merchant.privateKey,
      apiV3Key: pay.apiV3Key,
      verification: { mode: 'publicKey', publicKeyId, publicKey: platform.publicKey },
      baseUrl: pay.baseUrl,
    });
  });
  afterAll(() => pay.stop());
  afterEach(() => {
    pay.bills.clear();
    pay.billError = undefined;
    pay.billHashOverride = undefined;
    pay.billDownloadOrigin = undefined;
  });

  it('requests, downloads with a signed request, checks the SHA1 and parses the bill', async () => {
    pay.bills.set('2026-01-01/ALL', BILL);
    const signedBefore = pay.authorizations.length;
    const bill = await client.bills.tradeBill('2026-01-01');
    expect(bill).toMatchObject({
      date: '2026-01-01',
      type: 'ALL',
      text: BILL,
      sha1: createHash('sha1').update(BILL).digest('hex'),
      summary: { count: 3, settledTotalFen: 1260, refundTotalFen: 500, feeTotalFen: 5 },
    });
    expect(bill!.rows.map((r) => r.tradeState)).toEqual(['SUCCESS', 'SUCCESS', 'REFUND']);
    // Both the request and the download carried a valid Authorization (FakePay refuses otherwise).
    expect(pay.authorizations.length - signedBefore).toBe(2);
    expect(pay.billDownloads.at(-1)).toMatch(/^\/v3\/billdownload\/file\?token=[0-9a-f]+$/);
  });

  it('checks the hash over the decompressed file when asking for GZIP', async () => {
    pay.bills.set('2026-01-01/REFUND', BILL);
    const bill = await client.bills.tradeBill('2026-01-01', 'REFUND', { gzip: true });
    expect(bill?.text).toBe(BILL);
  });

  it('answers null for a day without any transaction (NO_STATEMENT_EXIST)', async () => {
    expect(await client.bills.tradeBill('2026-01-02')).toBeNull();
  });

  it('raises a bill not generated yet (STATEMENT_CREATING) as PayApiError', async () => {
    pay.billError = { status: 400, code: 'STATEMENT_CREATING', message: '账单生成中' };
    const err = await client.bills.tradeBill('2026-01-01').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PayApiError);
    expect(err).toMatchObject({ status: 400, payCode: 'STATEMENT_CREATING' });
  });

  it('refuses a tampered bill whose SHA1 differs from the announced one', async () => {
    pay.bills.set('2026-01-01/ALL', BILL.replace('`12.60', '`1260.00'));
    pay.billHashOverride = createHash('sha1').update(BILL).digest('hex');
    const err = await client.bills.tradeBill('2026-01-01').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PayBillHashMismatchError);
    expect(err).toMatchObject({ code: 'PAY_BILL_HASH_MISMATCH', expected: pay.billHashOverride });
  });

  it('never sends the signed download request to a host other than the Pay API', async () => {
    let contacted = 0;
    const elsewhere = createServer((_req, res) => {
      contacted++;
      res.end('x');
    });
    await new Promise<void>((r) => elsewhere.listen(0, '127.0.0.1', r));
    try {
      pay.bills.set('2026-01-01/ALL', BILL);
      pay.billDownloadOrigin = `http://127.0.0.1:${(elsewhere.address() as AddressInfo).port}`;
      await expect(client.bills.tradeBill('2026-01-01')).rejects.toThrow(PayFormatError);
      expect(contacted).toBe(0);
    } finally {
      await new Promise<void>((r) => elsewhere.close(() => r()));
    }
  });

  it('refuses an impossible date or an unknown bill type before calling', async () => {
    const before = pay.authorizations.length;
    for (const date of ['2026-02-30', '2026-1-1', '20260101', '2026-01-01T00:00:00']) {
      await expect(client.bills.tradeBill(date), date).rejects.toThrow(WechatArgumentError);
    }
    await expect(client.bills.tradeBill('2026-01-01', 'RECHARGE_REFUND' as 'ALL')).rejects.toThrow(
      WechatArgumentError,
    );
    expect(pay.authorizations.length).toBe(before);
  });
});
