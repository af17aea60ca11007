import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PayDecryptError } from '../errors';
import { P1, P2, P3 } from '../../test/pay-vectors';
import { decryptResource, encryptResource } from './aesgcm';
import { loadPrivateKey, PayRequestSigner, rsaSign, rsaVerify, signatureMessage } from './signer';

describe('Pay v3 request signing', () => {
  it('signs P1 (wechatpay-go signer test) to the published signature', () => {
    expect(rsaSign(P1.message, loadPrivateKey(P1.privateKey))).toBe(P1.signature);
  });

  it('builds the documented message for GET /v3/certificates (签名生成 example)', () => {
    expect(
      signatureMessage(
        'GET',
        '/v3/certificates',
        '1554208460',
        '593BEC0C930BF1AFEB40B4A08C8FB242',
        '',
      ),
    ).toBe('GET\n/v3/certificates\n1554208460\n593BEC0C930BF1AFEB40B4A08C8FB242\n\n');
  });

  it('builds a WECHATPAY2-SHA256-RSA2048 header that verifies with the merchant public key', () => {
    const signer = new PayRequestSigner({
      mchId: P1.mchId,
      serialNo: P1.serialNo,
      privateKey: P1.privateKey,
    });
    const body = '{"mchid":"1234567890"}';
    const header = signer.authorization(
      'post',
      '/v3/pay/transactions/out-trade-no/A1/close',
      body,
      { timestamp: '1554208460', nonce: 'N1' },
    );
    const signature = /signature="([^"]+)"/.exec(header)![1]!;
    expect(header).toBe(
      `WECHATPAY2-SHA256-RSA2048 mchid="1234567890",nonce_str="N1",signature="${signature}",timestamp="1554208460",serial_no="F5765756002FDD77"`,
    );
    const publicKey = createPublicKey(loadPrivateKey(P1.privateKey));
    const message = signatureMessage(
      'POST',
      '/v3/pay/transactions/out-trade-no/A1/close',
      '1554208460',
      'N1',
      body,
    );
    expect(rsaVerify(message, signature, publicKey)).toBe(true);
    expect(rsaVerify(message.replace('A1', 'A2'), signature, publicKey)).toBe(false);
    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey;
    expect(rsaVerify(message, signature, other)).toBe(false);
    expect(rsaVerify(message, 'not base64 at all', publicKey)).toBe(false);
  });
});

describe('Pay v3 AES-GCM resources', () => {
  it('decrypts P2 (wechatpay-go aes_test) to "Hello World"', () => {
    expect(decryptResource(P2.key, P2)).toBe(P2.plaintext);
  });

  it('decrypts and re-encrypts P3 (EasyWeChat AesGcmTest) exactly', () => {
    const plain = decryptResource(P3.key, P3);
    expect(plain).toBe(P3.plaintext);
    expect(createHash('sha256').update(plain).digest('hex').slice(0, 16)).toBe('ed367a8bf358b8b4');
    expect((JSON.parse(plain) as { transaction_id: string }).transaction_id).toBe(
      '1217752501201407033233368018',
    );
    expect(encryptResource(P3.key, P3.plaintext, P3.nonce, P3.associatedData)).toBe(P3.ciphertext);
  });

  it('refuses a wrong key, wrong AAD, flipped byte, bad base64 and short input with PayDecryptError', () => {
    expect(() => decryptResource('testAPIv3Key1111', P2)).toThrow(PayDecryptError);
    expect(() => decryptResource(P2.key, { ...P2, associatedData: 'x' })).toThrow(PayDecryptError);
    const bytes = Buffer.from(P3.ciphertext, 'base64');
    bytes[5]! ^= 1;
    expect(() => decryptResource(P3.key, { ...P3, ciphertext: bytes.toString('base64') })).toThrow(
      PayDecryptError,
    );
    expect(() => decryptResource(P2.key, { ...P2, ciphertext: 'invalid cipher' })).toThrow(
      PayDecryptError,
    );
    expect(() => decryptResource(P2.key, { ...P2, ciphertext: 'SGVsbG8gV29ybGQK' })).toThrow(
      PayDecryptError,
    );
    expect(() => decryptResource('not a aes key', P2)).toThrow(PayDecryptError);
  });
});
