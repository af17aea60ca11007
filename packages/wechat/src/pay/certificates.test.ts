import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PaySerialUnknownError, PaySignatureError } from '../errors';
import { FakePay } from '../../test/fake-pay';
import { selfSignedCertificate } from '../../test/openssl';
import { PayClient } from './client';

// Platform-certificate mode with real X.509 certificates (made by openssl for the test).
const SERIAL_A = '5157F09EFDC096DE15EBE81A47057A7232F1B8E1';
const SERIAL_B = '0A2B3C4D5E6F708192A3B4C5D6E7F8091A2B3C4D';
const certA = selfSignedCertificate(SERIAL_A);
const certB = selfSignedCertificate(SERIAL_B);
const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
const apiV3Key = 'c1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6';
const mchId = '1900000109';
const pay = new FakePay(mchId, merchant.publicKey, apiV3Key, {
  serial: SERIAL_A,
  privateKey: certA.privateKey,
});
let now = Date.now();
let client: PayClient;

beforeAll(async () => {
  await pay.start();
  pay.certificates = [{ serial: SERIAL_A, pem: certA.pem }];
  client = new PayClient({
    mchId,
    merchantSerialNo: '3775B6A45ACD588826D15E583A95F5DD00000001',
    privateKey: merchant.privateKey,
    apiV3Key,
    verification: { mode: 'certificates' },
    baseUrl: pay.baseUrl,
    clock: { now: () => now },
  });
});
afterAll(() => pay.stop());

const paid = {
  appid: 'wx1',
  mchid: mchId,
  out_trade_no: 'REG1',
  trade_state: 'SUCCESS',
  transaction_id: 'T1',
  amount: { total: 100 },
};

describe('Pay v3 platform-certificate mode', () => {
  it('downloads and decrypts the certificates, then verifies answers and notifications with them', async () => {
    await expect(client.transactions.queryByOutTradeNo('NOSUCH01')).rejects.toMatchObject({
      payCode: 'ORDER_NOT_EXIST',
    });
    const { headers, body } = pay.notification('TRANSACTION.SUCCESS', paid);
    expect(await client.notifications.parse(headers, body)).toMatchObject({ kind: 'transaction' });
    expect(pay.certificateDownloads).toBe(1);
    expect(client.certificates!.list().map((c) => c.serialNo)).toEqual([SERIAL_A]);
  });

  it('rotates: a notification signed with a new serial triggers one download and verifies', async () => {
    pay.certificates = [
      { serial: SERIAL_A, pem: certA.pem },
      { serial: SERIAL_B, pem: certB.pem },
    ];
    now += 61_000;
    const { headers, body } = pay.notification('TRANSACTION.SUCCESS', paid, {
      signer: { serial: SERIAL_B, privateKey: certB.privateKey },
    });
    expect(await client.notifications.parse(headers, body)).toMatchObject({ kind: 'transaction' });
    expect(pay.certificateDownloads).toBe(2);
    // Serials compare without regard to case or leading zeros.
    const lower = pay.notification('TRANSACTION.SUCCESS', paid, {
      signer: { serial: SERIAL_B.toLowerCase().slice(1), privateKey: certB.privateKey },
    });
    await expect(client.notifications.parse(lower.headers, lower.body)).resolves.toMatchObject({
      kind: 'transaction',
    });
  });

  it('refuses an unknown serial, re-downloading at most once a minute', async () => {
    now += 61_000;
    const evil = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const forged = () =>
      pay.notification('TRANSACTION.SUCCESS', paid, {
        signer: { serial: 'DEADBEEF', privateKey: evil },
      });
    const before = pay.certificateDownloads;
    for (let i = 0; i < 5; i++) {
      const { headers, body } = forged();
      await expect(client.notifications.parse(headers, body)).rejects.toBeInstanceOf(
        PaySerialUnknownError,
      );
    }
    expect(pay.certificateDownloads).toBe(before + 1);
  });

  it('refuses a notification with a known serial but a forged signature', async () => {
    const evil = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    const { headers, body } = pay.notification('TRANSACTION.SUCCESS', paid, {
      signer: { serial: SERIAL_A, privateKey: evil },
    });
    await expect(client.notifications.parse(headers, body)).rejects.toBeInstanceOf(
      PaySignatureError,
    );
  });

  it('refuses a certificate list not signed by one of its own certificates', async () => {
    const fresh = new PayClient({
      mchId,
      merchantSerialNo: '3775B6A45ACD588826D15E583A95F5DD00000001',
      privateKey: merchant.privateKey,
      apiV3Key,
      verification: { mode: 'certificates' },
      baseUrl: pay.baseUrl,
    });
    pay.forgeWith = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    try {
      const { headers, body } = pay.notification('TRANSACTION.SUCCESS', paid);
      await expect(fresh.notifications.parse(headers, body)).rejects.toBeInstanceOf(
        PaySignatureError,
      );
      expect(fresh.certificates!.list()).toEqual([]);
    } finally {
      pay.forgeWith = undefined;
    }
  });
});
