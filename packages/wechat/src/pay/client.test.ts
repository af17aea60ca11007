import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PayApiError,
  PaySerialUnknownError,
  PaySignatureError,
  TimestampOutOfWindowError,
  WechatArgumentError,
} from '../errors';
import { FakePay } from '../../test/fake-pay';
import { PayClient } from './client';
import { rsaVerify, signatureMessage } from './signer';

// Public-key mode against an emulated WeChat Pay that checks our signatures and signs its own.
const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
const platform = generateKeyPairSync('rsa', { modulusLength: 2048 });
const apiV3Key = 'a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
const mchId = '1900000109';
const publicKeyId = 'PUB_KEY_ID_0119000001092025010100000000000001';
const pay = new FakePay(mchId, merchant.publicKey, apiV3Key, {
  serial: publicKeyId,
  privateKey: platform.privateKey,
});
let client: PayClient;

const newClient = (extra: Partial<ConstructorParameters<typeof PayClient>[0]> = {}) =>
  new PayClient({
    mchId,
    merchantSerialNo: '3775B6A45ACD588826D15E583A95F5DD00000001',
    privateKey: merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    apiV3Key,
    verification: {
      mode: 'publicKey',
      publicKeyId,
      publicKey: platform.publicKey.export({ type: 'spki', format: 'pem' }) as string,
    },
    baseUrl: pay.baseUrl,
    ...extra,
  });

beforeAll(async () => {
  await pay.start();
  client = newClient();
});
afterAll(() => pay.stop());

const order = (outTradeNo: string, amountFen = 1250) => ({
  appId: 'wx_app_0001',
  description: '挂号费-内科',
  outTradeNo,
  notifyUrl: 'https://h.example/pay/notify',
  amountFen,
  payerOpenid: 'o_payer',
});

describe('Pay v3 client (public-key mode)', () => {
  it('places a JSAPI order and signs the bridge parameters for getBrandWCPayRequest', async () => {
    const { prepayId } = await client.transactions.createJsapiOrder(order('REG20260101001'));
    expect(prepayId).toBe(pay.orders.get('REG20260101001')!.prepay_id);
    const params = client.transactions.bridgeParams('wx_app_0001', prepayId, {
      timeStamp: '1414561699',
      nonceStr: '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
    });
    expect(params).toMatchObject({
      appId: 'wx_app_0001',
      timeStamp: '1414561699',
      package: `prepay_id=${prepayId}`,
      signType: 'RSA',
    });
    const message = signatureMessage(
      'wx_app_0001',
      '1414561699',
      '5K8264ILTKCH16CQ2502SI8ZNMTM67VS',
      `prepay_id=${prepayId}`,
    );
    expect(rsaVerify(message, params.paySign, merchant.publicKey)).toBe(true);
  });

  it('queries by out_trade_no and by transaction id, amounts in integer fen', async () => {
    await client.transactions.createJsapiOrder(order('REG20260101002', 3000));
    expect(await client.transactions.queryByOutTradeNo('REG20260101002')).toMatchObject({
      tradeState: 'NOTPAY',
      amount: { total: 3000 },
    });
    const paid = pay.pay('REG20260101002');
    const tx = await client.transactions.queryByTransactionId(paid.transaction_id!);
    expect(tx).toMatchObject({
      outTradeNo: 'REG20260101002',
      tradeState: 'SUCCESS',
      payerOpenid: 'o_payer',
      amount: { total: 3000, payerTotal: 3000, currency: 'CNY' },
    });
  });

  it('closes an unpaid order (204 with a signed empty body)', async () => {
    await client.transactions.createJsapiOrder(order('REG20260101003'));
    await expect(client.transactions.close('REG20260101003')).resolves.toBeUndefined();
    expect(pay.orders.get('REG20260101003')!.state).toBe('CLOSED');
  });

  it('raises WeChat Pay errors as PayApiError with status, payCode and message', async () => {
    const err = await client.transactions
      .queryByOutTradeNo('NOSUCHORDER1')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PayApiError);
    expect(err).toMatchObject({
      status: 404,
      payCode: 'ORDER_NOT_EXIST',
      payMessage: '订单不存在',
      endpoint: '/v3/pay/transactions/out-trade-no/NOSUCHORDER1',
    });
  });

  it('is refused by WeChat Pay when signing with the wrong merchant key', async () => {
    const impostor = newClient({
      privateKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey,
    });
    await expect(impostor.transactions.queryByOutTradeNo('REG20260101001')).rejects.toMatchObject({
      status: 401,
      payCode: 'SIGN_ERROR',
    });
  });

  it('refunds and queries the refund', async () => {
    await client.transactions.createJsapiOrder(order('REG20260101004', 5000));
    pay.pay('REG20260101004');
    const refund = await client.refunds.create({
      outTradeNo: 'REG20260101004',
      outRefundNo: 'RF20260101004',
      refundFen: 2000,
      totalFen: 5000,
      reason: '停诊退费',
    });
    expect(refund).toMatchObject({
      outRefundNo: 'RF20260101004',
      status: 'PROCESSING',
      amount: { refund: 2000, total: 5000 },
    });
    expect(await client.refunds.query('RF20260101004')).toMatchObject({
      status: 'SUCCESS',
      successTime: '2026-01-01T11:00:05+08:00',
    });
  });

  it('refuses non-integer or non-positive fen and inconsistent refunds before calling', async () => {
    await expect(
      client.transactions.createJsapiOrder(order('REG20260101005', 12.5)),
    ).rejects.toBeInstanceOf(WechatArgumentError);
    await expect(
      client.transactions.createJsapiOrder(order('REG20260101005', 0)),
    ).rejects.toBeInstanceOf(WechatArgumentError);
    await expect(client.transactions.createJsapiOrder(order('bad no', 100))).rejects.toBeInstanceOf(
      WechatArgumentError,
    );
    await expect(
      client.refunds.create({ outTradeNo: 'A', outRefundNo: 'B', refundFen: 6, totalFen: 5 }),
    ).rejects.toBeInstanceOf(WechatArgumentError);
    await expect(
      client.refunds.create({ outRefundNo: 'B', refundFen: 1, totalFen: 5 }),
    ).rejects.toBeInstanceOf(WechatArgumentError);
    expect(pay.orders.has('REG20260101005')).toBe(false);
  });

  it('refuses an answer signed by someone else (PaySignatureError)', async () => {
    pay.forgeWith = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    try {
      await expect(client.transactions.queryByOutTradeNo('REG20260101001')).rejects.toBeInstanceOf(
        PaySignatureError,
      );
    } finally {
      pay.forgeWith = undefined;
    }
  });

  it('refuses an answer naming an unknown serial (PaySerialUnknownError)', async () => {
    pay.answerSigner = { serial: 'PUB_KEY_ID_OTHER', privateKey: platform.privateKey };
    try {
      await expect(client.transactions.queryByOutTradeNo('REG20260101001')).rejects.toBeInstanceOf(
        PaySerialUnknownError,
      );
    } finally {
      pay.answerSigner = { serial: publicKeyId, privateKey: platform.privateKey };
    }
  });

  it('refuses an answer whose timestamp is out of the window', async () => {
    pay.clockSkewSeconds = -600;
    try {
      await expect(client.transactions.queryByOutTradeNo('REG20260101001')).rejects.toBeInstanceOf(
        TimestampOutOfWindowError,
      );
    } finally {
      pay.clockSkewSeconds = 0;
    }
  });

  it('refuses an APIv3 key that is not 32 bytes', () => {
    expect(() => newClient({ apiV3Key: 'short' })).toThrow(WechatArgumentError);
    expect(createPublicKey(merchant.privateKey)).toBeDefined();
  });
});
