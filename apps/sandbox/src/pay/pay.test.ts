import { createVerify, X509Certificate } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  baseConfig,
  decryptResource,
  eventually,
  generateKeys,
  merchantRequest,
  paySign,
  platformSignatureValid,
  sandbox,
  selfSignedCertificate,
  startServer,
  type FakeServer,
  type Keys,
} from '../test/helpers';
import type { SandboxConfig } from '../config';

let keys: Keys;
beforeAll(() => {
  keys = generateKeys();
});

interface Notification {
  event_type: string;
  resource: { ciphertext: string; nonce: string; associated_data: string; original_type: string };
}

describe('WeChat Pay v3', () => {
  let server: FakeServer;
  let sb: Awaited<ReturnType<typeof sandbox>>;
  let config: SandboxConfig;
  afterEach(async () => {
    await sb?.close();
    await server?.close();
  });

  async function start(overrides: Partial<SandboxConfig> = {}, handler = () => ({ status: 204 })) {
    server = await startServer(handler);
    config = baseConfig(keys, overrides);
    sb = await sandbox(config);
    const openid = String((await sb.call('POST', '/sandbox/api/users', {})).json.openid);
    return openid;
  }

  const order = (openid: string, outTradeNo = `ZY${Date.now()}`) =>
    merchantRequest(sb.url, keys, config, 'POST', '/v3/pay/transactions/jsapi', {
      appid: config.appId,
      mchid: config.mchId,
      description: '挂号费-内科门诊',
      out_trade_no: outTradeNo,
      notify_url: `${server.url}/pay/notify`,
      amount: { total: 1500, currency: 'CNY' },
      payer: { openid },
    });

  it('refuses a request whose signature does not match with 401 SIGN_ERROR', async () => {
    const openid = await start();
    const forged = await merchantRequest(
      sb.url,
      keys,
      config,
      'POST',
      '/v3/pay/transactions/jsapi',
      { appid: config.appId, mchid: config.mchId, payer: { openid } },
      (message) => message.replace('jsapi', 'native'),
    );
    expect(forged.status).toBe(401);
    expect(forged.json.code).toBe('SIGN_ERROR');
    const unsigned = await fetch(
      `${sb.url}/v3/pay/transactions/out-trade-no/x?mchid=${config.mchId}`,
    );
    expect(unsigned.status).toBe(401);
  });

  it('answers a JSAPI order with a prepay_id, signed by the platform key under the public key id', async () => {
    const openid = await start();
    const res = await order(openid);
    expect(res.status).toBe(200);
    expect(String(res.json.prepay_id)).toMatch(/^wx\d{14}[0-9a-f]+$/);
    expect(res.headers.get('wechatpay-serial')).toBe(config.platformPublicKeyId);
    expect(platformSignatureValid(keys.platformPublicKeyPem, res.headers, res.raw)).toBe(true);
  });

  it('after the user pays, notifies notify_url with a signed body whose resource decrypts with the APIv3 key', async () => {
    const openid = await start();
    const prepayId = String((await order(openid, 'ZY-PAY-0001')).json.prepay_id);
    const sheet = await sb.call('POST', '/sandbox/api/pay/sheet', {
      ...paySign(keys, config.appId, prepayId),
      openid,
    });
    expect(sheet.json).toMatchObject({
      ok: true,
      order: { total: 1500, description: '挂号费-内科门诊' },
    });
    await sb.call('POST', `/sandbox/api/pay/orders/${prepayId}/pay`, { openid });
    const req = await eventually(() => server.received[0]);
    expect(req.url.pathname).toBe('/pay/notify');
    expect(req.headers['wechatpay-serial']).toBe(config.platformPublicKeyId);
    expect(platformSignatureValid(keys.platformPublicKeyPem, req.headers, req.body)).toBe(true);
    const body = JSON.parse(req.body) as Notification;
    expect(body.event_type).toBe('TRANSACTION.SUCCESS');
    const transaction = JSON.parse(decryptResource(config.apiV3Key, body.resource));
    expect(transaction).toMatchObject({
      out_trade_no: 'ZY-PAY-0001',
      trade_state: 'SUCCESS',
      amount: { total: 1500 },
      payer: { openid },
    });
    const query = await merchantRequest(
      sb.url,
      keys,
      config,
      'GET',
      `/v3/pay/transactions/out-trade-no/ZY-PAY-0001?mchid=${config.mchId}`,
    );
    expect(query.json).toMatchObject({
      trade_state: 'SUCCESS',
      transaction_id: transaction.transaction_id,
    });
  });

  it('refuses a pay sheet whose paySign was not made with the merchant key', async () => {
    const openid = await start();
    const prepayId = String((await order(openid)).json.prepay_id);
    const params = paySign(keys, config.appId, prepayId);
    const sheet = await sb.call('POST', '/sandbox/api/pay/sheet', {
      ...params,
      nonceStr: 'changed',
    });
    expect(sheet.json).toMatchObject({ ok: false, errMsg: 'get_brand_wcpay_request:fail' });
  });

  it('retries the notification at 15s/15s/30s/3m (scaled) until the merchant answers 2xx', async () => {
    let answered = 0;
    const openid = await start({ timeScale: 0.01 }, () => {
      answered += 1;
      return answered <= 4 ? { status: 500 } : { status: 200 };
    });
    const prepayId = String((await order(openid)).json.prepay_id);
    await sb.call('POST', `/sandbox/api/pay/orders/${prepayId}/pay`, {});
    // 150 + 150 + 300 + 1800 ms of waits at timeScale 0.01.
    await eventually(() => server.received.length >= 5 || undefined, 6000);
    const gaps = server.received.slice(1).map((r, i) => r.at - server.received[i]!.at);
    const expected = [150, 150, 300, 1800];
    gaps.forEach((gap, i) => {
      expect(gap).toBeGreaterThanOrEqual(expected[i]! - 5);
      expect(gap).toBeLessThan(expected[i]! + 250);
    });
    const deliveries = (await sb.call('GET', '/sandbox/api/pay/notifications')).json as {
      state: string;
      attempts: unknown[];
    }[];
    expect(deliveries[0]).toMatchObject({ state: 'delivered' });
    expect(deliveries[0]!.attempts).toHaveLength(5);
    await new Promise((r) => setTimeout(r, 300));
    expect(server.received).toHaveLength(5);
  });

  it('closes an unpaid order and will not let the user pay it afterwards', async () => {
    const openid = await start();
    const prepayId = String((await order(openid, 'ZY-CLOSE-1')).json.prepay_id);
    const closed = await merchantRequest(
      sb.url,
      keys,
      config,
      'POST',
      '/v3/pay/transactions/out-trade-no/ZY-CLOSE-1/close',
      { mchid: config.mchId },
    );
    expect(closed.status).toBe(204);
    expect(platformSignatureValid(keys.platformPublicKeyPem, closed.headers, '')).toBe(true);
    const pay = await sb.call('POST', `/sandbox/api/pay/orders/${prepayId}/pay`, {});
    expect(pay.status).toBe(400);
  });

  it('refunds a paid order: PROCESSING at once, then REFUND.SUCCESS notified', async () => {
    const openid = await start();
    const prepayId = String((await order(openid, 'ZY-REF-1')).json.prepay_id);
    await sb.call('POST', `/sandbox/api/pay/orders/${prepayId}/pay`, {});
    await eventually(() => server.received[0]);
    const refund = await merchantRequest(
      sb.url,
      keys,
      config,
      'POST',
      '/v3/refund/domestic/refunds',
      {
        out_trade_no: 'ZY-REF-1',
        out_refund_no: 'RF-1',
        reason: '停诊退号',
        notify_url: `${server.url}/refund/notify`,
        amount: { refund: 1500, total: 1500, currency: 'CNY' },
      },
    );
    expect(refund.json).toMatchObject({ status: 'PROCESSING', out_refund_no: 'RF-1' });
    const note = await eventually(() =>
      server.received.find((r) => r.url.pathname === '/refund/notify'),
    );
    const body = JSON.parse(note.body) as Notification;
    expect(body.event_type).toBe('REFUND.SUCCESS');
    expect(JSON.parse(decryptResource(config.apiV3Key, body.resource))).toMatchObject({
      out_refund_no: 'RF-1',
      refund_status: 'SUCCESS',
      amount: { refund: 1500, total: 1500 },
    });
    const again = await merchantRequest(
      sb.url,
      keys,
      config,
      'POST',
      '/v3/refund/domestic/refunds',
      {
        out_trade_no: 'ZY-REF-1',
        out_refund_no: 'RF-2',
        amount: { refund: 1, total: 1500, currency: 'CNY' },
      },
    );
    expect(again.status).toBe(400);
  });

  it('holds refunds PROCESSING under the hold fault until completed through the control API', async () => {
    const openid = await start();
    const prepayId = String((await order(openid, 'ZY-REF-2')).json.prepay_id);
    await sb.call('POST', `/sandbox/api/pay/orders/${prepayId}/pay`, {});
    await sb.call('POST', '/sandbox/api/faults', { refund: { hold: true } });
    await merchantRequest(sb.url, keys, config, 'POST', '/v3/refund/domestic/refunds', {
      out_trade_no: 'ZY-REF-2',
      out_refund_no: 'RF-HOLD',
      amount: { refund: 500, total: 1500, currency: 'CNY' },
    });
    await new Promise((r) => setTimeout(r, 50));
    const query = () =>
      merchantRequest(sb.url, keys, config, 'GET', '/v3/refund/domestic/refunds/RF-HOLD');
    expect((await query()).json.status).toBe('PROCESSING');
    await sb.call('POST', '/sandbox/api/pay/refunds/RF-HOLD/complete', { status: 'ABNORMAL' });
    expect((await query()).json.status).toBe('ABNORMAL');
  });

  it('in certificate mode signs under the certificate serial and serves the certificate encrypted', async () => {
    const cert = selfSignedCertificate(keys.platformPrivateKeyPem);
    const serial = new X509Certificate(cert).serialNumber;
    await start({
      payMode: 'certificate',
      platformCertificatePem: cert,
      platformPublicKeyId: undefined,
    });
    const res = await merchantRequest(sb.url, keys, config, 'GET', '/v3/certificates');
    expect(res.headers.get('wechatpay-serial')).toBe(serial);
    const entry = (
      res.json.data as { serial_no: string; encrypt_certificate: Notification['resource'] }[]
    )[0]!;
    expect(entry.serial_no).toBe(serial);
    const pem = decryptResource(config.apiV3Key, entry.encrypt_certificate);
    const key = new X509Certificate(pem).publicKey;
    const ok = createVerify('RSA-SHA256')
      .update(
        `${res.headers.get('wechatpay-timestamp')}\n${res.headers.get('wechatpay-nonce')}\n${res.raw}\n`,
      )
      .verify(key, res.headers.get('wechatpay-signature')!, 'base64');
    expect(ok).toBe(true);
  });
});
