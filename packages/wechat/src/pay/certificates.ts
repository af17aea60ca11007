import { X509Certificate, type KeyObject } from 'node:crypto';
import { systemClock, type Clock } from '../core';
import { PayFormatError, PaySerialUnknownError, PaySignatureError } from '../errors';
import type { HttpResponse } from '../api/http';
import { decryptResource } from './aesgcm';
import { rsaVerify, signatureMessage } from './signer';
import { readWechatpayHeaders, type PayVerifier } from './verifier';

// Platform-certificate mode: WeChat Pay's signing certificates are downloaded from
// /v3/certificates, where each is AES-GCM-encrypted with the APIv3 key. WeChat rotates them
// with overlap, so a notification may name a serial we have not seen yet: then the list is
// downloaded again, but at most once per `minRefreshIntervalMs`, so forged serials cannot make
// us hammer the API.

/** A WeChat Pay platform certificate. */
export interface PlatformCertificate {
  /** Upper-case hex serial, as WeChat Pay writes it. */
  serialNo: string;
  publicKey: KeyObject;
  /** End of validity, ms since epoch. */
  notAfter: number;
  pem: string;
}

/** Options of the certificate store. */
export interface PlatformCertificatesOptions {
  /** Performs the signed GET /v3/certificates (PayClient supplies it). */
  download: () => Promise<HttpResponse>;
  apiV3Key: string;
  clock?: Clock;
  /** Re-download this often even without an unknown serial. Default 12 h. */
  refreshIntervalMs?: number;
  /** Never re-download more often than this. Default 60 s. */
  minRefreshIntervalMs?: number;
}

interface CertificateEntry {
  serial_no: string;
  effective_time?: string;
  expire_time?: string;
  encrypt_certificate: {
    algorithm: string;
    nonce: string;
    associated_data?: string;
    ciphertext: string;
  };
}

/** Normalises a serial for comparison (case, leading zeros). */
export function normaliseSerial(serial: string): string {
  return serial.toUpperCase().replace(/^0+(?=.)/, '');
}

/** Downloads, decrypts, caches and rotates platform certificates; a PayVerifier. */
export class PlatformCertificates implements PayVerifier {
  private readonly bySerial = new Map<string, PlatformCertificate>();
  private lastRefresh = -Infinity;
  private inflight: Promise<void> | undefined;
  private readonly clock: Clock;
  private readonly refreshIntervalMs: number;
  private readonly minRefreshIntervalMs: number;

  constructor(private readonly options: PlatformCertificatesOptions) {
    this.clock = options.clock ?? systemClock;
    this.refreshIntervalMs = options.refreshIntervalMs ?? 12 * 3600_000;
    this.minRefreshIntervalMs = options.minRefreshIntervalMs ?? 60_000;
  }

  /** The certificates currently held. */
  list(): PlatformCertificate[] {
    return [...this.bySerial.values()];
  }

  async verify(serial: string, message: string, signature: string): Promise<boolean> {
    const now = this.clock.now();
    let cert = this.bySerial.get(normaliseSerial(serial));
    const due = now - this.lastRefresh >= this.refreshIntervalMs;
    const allowed = now - this.lastRefresh >= this.minRefreshIntervalMs;
    if ((!cert && allowed) || due) {
      await this.refresh();
      cert = this.bySerial.get(normaliseSerial(serial));
    }
    if (!cert || cert.notAfter < now) throw new PaySerialUnknownError(serial);
    return rsaVerify(message, signature, cert.publicKey);
  }

  /** Downloads the certificate list now (single flight). */
  refresh(): Promise<void> {
    this.inflight ??= this.download()
      .catch((e: unknown) => {
        // With nothing cached yet, let the next caller try again at once.
        if (this.bySerial.size === 0) this.lastRefresh = -Infinity;
        throw e;
      })
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
  }

  private async download(): Promise<void> {
    this.lastRefresh = this.clock.now();
    const res = await this.options.download();
    const body = res.body.toString('utf8');
    let entries: CertificateEntry[];
    try {
      entries = (JSON.parse(body) as { data: CertificateEntry[] }).data;
      if (!Array.isArray(entries)) throw new Error('no data');
    } catch {
      throw new PayFormatError('/v3/certificates answer is not a certificate list');
    }
    const fresh = new Map<string, PlatformCertificate>();
    for (const entry of entries) {
      // Authenticated by the APIv3 key: only WeChat Pay (and we) can produce these.
      const pem = decryptResource(this.options.apiV3Key, {
        ciphertext: entry.encrypt_certificate.ciphertext,
        nonce: entry.encrypt_certificate.nonce,
        associatedData: entry.encrypt_certificate.associated_data ?? '',
      });
      let x509: X509Certificate;
      try {
        x509 = new X509Certificate(pem);
      } catch {
        throw new PayFormatError('a downloaded platform certificate is not X.509');
      }
      if (normaliseSerial(x509.serialNumber) !== normaliseSerial(entry.serial_no)) {
        throw new PayFormatError('certificate serial differs from its listing');
      }
      fresh.set(normaliseSerial(entry.serial_no), {
        serialNo: entry.serial_no.toUpperCase(),
        publicKey: x509.publicKey,
        notAfter: Date.parse(x509.validTo),
        pem,
      });
    }
    // The answer itself must be signed by one of the certificates it carries.
    const h = readWechatpayHeaders(res.headers);
    const signer = fresh.get(normaliseSerial(h.serial));
    if (!signer) throw new PaySerialUnknownError(h.serial);
    if (!rsaVerify(signatureMessage(h.timestamp, h.nonce, body), h.signature, signer.publicKey)) {
      throw new PaySignatureError('the /v3/certificates answer is not signed by its certificates');
    }
    // Keep certificates that are still valid but no longer listed: notifications signed just
    // before a rotation may still arrive.
    const now = this.clock.now();
    for (const [serial, cert] of this.bySerial) {
      if (!fresh.has(serial) && cert.notAfter > now) fresh.set(serial, cert);
    }
    this.bySerial.clear();
    for (const [serial, cert] of fresh) this.bySerial.set(serial, cert);
  }
}
