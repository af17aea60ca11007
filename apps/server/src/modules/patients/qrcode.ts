import { createHmac, timingSafeEqual } from 'node:crypto';
import QRCode from 'qrcode';

/**
 * The patient's QR code for the window and kiosks: patient id and expiry, signed. It changes every
 * refresh, so a screenshot passed around stops working within minutes.
 */
export const QR_LIFETIME_SECONDS = 120;

function signature(key: string, body: string): string {
  return createHmac('sha256', `patient-qr:${key}`).update(body).digest('base64url').slice(0, 22);
}

/** Issues a token for `patientId` valid until `now + lifetime`. */
export function issuePatientQrToken(
  key: string,
  patientId: string,
  now: Date,
): { token: string; expiresAt: Date } {
  const expiresAt = new Date(Math.floor(now.getTime() / 1000 + QR_LIFETIME_SECONDS) * 1000);
  const body = `P1.${patientId}.${Math.floor(expiresAt.getTime() / 1000)}`;
  return { token: `${body}.${signature(key, body)}`, expiresAt };
}

/** The patient id of a valid, unexpired token, or undefined. */
export function verifyPatientQrToken(key: string, token: string, now: Date): string | undefined {
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== 'P1') return undefined;
  const body = parts.slice(0, 3).join('.');
  const expected = Buffer.from(signature(key, body));
  const given = Buffer.from(parts[3]!);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  if (Number(parts[2]) * 1000 <= now.getTime()) return undefined;
  return parts[1];
}

/** The QR code of a token as an SVG document. */
export function qrSvg(token: string): Promise<string> {
  return QRCode.toString(token, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
}
