import { execFileSync } from 'node:child_process';
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throw-away self-signed certificate made with the openssl CLI (node:crypto cannot create
 * certificates). Test-only: it stands in for a WeChat Pay platform certificate.
 */
export function selfSignedCertificate(serialHex: string): { pem: string; privateKey: KeyObject } {
  const dir = mkdtempSync(join(tmpdir(), 'wechat-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-subj',
        '/CN=Tenpay.com Root CA test',
        '-days',
        '2',
        '-set_serial',
        `0x${serialHex}`,
      ],
      { stdio: 'ignore' },
    );
    return {
      pem: readFileSync(join(dir, 'cert.pem'), 'utf8'),
      privateKey: createPrivateKey(readFileSync(join(dir, 'key.pem'), 'utf8')),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
