import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  PayDecryptError,
  PayFormatError,
  PaySerialUnknownError,
  PaySignatureError,
  TimestampOutOfWindowError,
} from '../errors';
import { FakePay } from '../../test/fake-pay';
import { PAY_NOTIFICATION_ACK, PayNotifications, payNotificationFailure } from './notifications';
import { PublicKeyVerifier } from './verifier';

const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
const apiV3Key = 'Z1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
const serial = 'PUB_KEY_ID_0000000000000001';
// Only the notification builder of the emulator is used here: no server needed.
const wechatPay = new FakePay('1900000109', platform.publicKey, apiV3Key, {
  serial,
  privateKey: platform.privateKey,
});
const now = Date.now();
const notifications = new PayNotifications({
  apiV3Key,
  verifier: new PublicKeyVerifier(serial, platform.publicKey),
  clock: { now: () => now },
});

const paid = {
  appid: 'wx_app_0001',
  mchid: '1900000109',
  out_trade_no: 'REG20260101001',
  transaction_id: '4200000001202601010000000001',
  trade_type: 'JSAPI',
  trade_state: 'SUCCESS',
  trade_state_desc: '支付成功',
  bank_type: 'OTHERS',
  success_time: '2026-01-01T10:00:00+08:00',
  payer: { openid: 'o_payer' },
  amount: { total: 1250, payer_total: 1250, currency: 'CNY', payer_currency: 'CNY' },
};

describe('Pay v3 notifications', () => {
  it('verifies, decrypts and types a payment notification', async () => {
    const { headers, body } = wechatPay.notification('TRANSACTION.SUCCESS', paid);
    const n = await notifications.parse(headers, body);
    expect(n.kind).toBe('transaction');
    if (n.kind !== 'transaction') return;
    expect(n.eventType).toBe('TRANSACTION.SUCCESS');
    expect(n.transaction).toMatchObject({
      outTradeNo: 'REG20260101001',
      transactionId: '4200000001202601010000000001',
      tradeState: 'SUCCESS',
      payerOpenid: 'o_payer',
      amount: { total: 1250, payerTotal: 1250 },
    });
  });

  it('types a refund notification (refund_status) and accepts Fetch Headers and bytes', async () => {
    const resource = {
      mchid: '1900000109',
      out_trade_no: 'REG1',
      transaction_id: 'T1',
      out_refund_no: 'RF1',
      refund_id: 'R1',
      refund_status: 'SUCCESS',
      success_time: '2026-01-01T11:00:05+08:00',
      user_received_account: '支付用户零钱',
      amount: { total: 5000, refund: 2000, payer_total: 5000, payer_refund: 2000 },
    };
    const { headers, body } = wechatPay.notification('REFUND.SUCCESS', resource);
    const n = await notifications.parse(new Headers(headers), Buffer.from(body));
    expect(n).toMatchObject({
      kind: 'refund',
      refund: { outRefundNo: 'RF1', status: 'SUCCESS', amount: { refund: 2000, total: 5000 } },
    });
  });

  it('refuses a tampered body with PaySignatureError', async () => {
    const { headers, body } = wechatPay.notification('TRANSACTION.SUCCESS', paid);
    await expect(
      notifications.parse(headers, body.replace('支付成功', '支付成功 ')),
    ).rejects.toBeInstanceOf(PaySignatureError);
    const { 'wechatpay-signature': _, ...unsigned } = headers;
    await expect(notifications.parse(unsigned, body)).rejects.toBeInstanceOf(PaySignatureError);
    // WeChat Pay's own probe signatures must fail verification.
    await expect(
      notifications.parse({ ...headers, 'wechatpay-signature': 'WECHATPAY/SIGNTEST/abc' }, body),
    ).rejects.toBeInstanceOf(PaySignatureError);
  });

  it('refuses a wrong serial with PaySerialUnknownError', async () => {
    const { headers, body } = wechatPay.notification('TRANSACTION.SUCCESS', paid, {
      signer: { serial: 'PUB_KEY_ID_EVIL', privateKey: platform.privateKey },
    });
    await expect(notifications.parse(headers, body)).rejects.toBeInstanceOf(PaySerialUnknownError);
  });

  it('refuses a stale notification with TimestampOutOfWindowError', async () => {
    const { headers, body } = wechatPay.notification('TRANSACTION.SUCCESS', paid, {
      timestamp: Math.floor(now / 1000) - 301,
    });
    await expect(notifications.parse(headers, body)).rejects.toBeInstanceOf(
      TimestampOutOfWindowError,
    );
  });

  it('refuses a resource encrypted with another APIv3 key with PayDecryptError', async () => {
    const { headers, body } = wechatPay.notification('TRANSACTION.SUCCESS', paid, {
      apiV3Key: 'ffffffffffffffffffffffffffffffff',
    });
    await expect(notifications.parse(headers, body)).rejects.toBeInstanceOf(PayDecryptError);
  });

  it('refuses a signed notification whose amount is not integer fen', async () => {
    const { headers, body } = wechatPay.notification('TRANSACTION.SUCCESS', {
      ...paid,
      amount: { total: 12.5 },
    });
    await expect(notifications.parse(headers, body)).rejects.toBeInstanceOf(PayFormatError);
  });

  it('passes unknown event types through and gives the documented answers', async () => {
    const { headers, body } = wechatPay.notification('MCHTRANSFER.BILL.FINISHED', { x: 1 });
    expect(await notifications.parse(headers, body)).toMatchObject({
      kind: 'unknown',
      resource: { x: 1 },
    });
    expect(PAY_NOTIFICATION_ACK).toEqual({ status: 204, body: '' });
    expect(JSON.parse(payNotificationFailure('db down').body)).toEqual({
      code: 'FAIL',
      message: 'db down',
    });
  });
});
