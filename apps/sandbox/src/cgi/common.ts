// Conventions shared by the emulated Official Account APIs (api.weixin.qq.com): HTTP 200 with a
// JSON errcode, access_token in the query, bodies parsed as JSON whatever their Content-Type.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Ctx } from '../context';
import { sleep, type Fault, type FaultName } from '../faults';
import { randomString } from '../ids';

/** A WeChat error answer. */
export interface WxError {
  errcode: number;
  errmsg: string;
}

/** Builds an error answer; like WeChat, errmsg ends with a request id hint. */
export function wxError(errcode: number, errmsg: string): WxError {
  const rid = `${randomString(8, '0123456789abcdef')}-${randomString(8, '0123456789abcdef')}`;
  return { errcode, errmsg: `${errmsg} rid: ${rid}` };
}

/** The `{errcode:0, errmsg:'ok'}` answer. */
export const OK = { errcode: 0, errmsg: 'ok' } as const;

/** Registers the catch-all body parser (raw Buffer) that WeChat's lenient parsing needs. */
export function rawBodies(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
}

/** The request body parsed as JSON, or a 47001 error. */
export function jsonBody(request: FastifyRequest): Record<string, unknown> | WxError {
  const raw = request.body;
  if (!Buffer.isBuffer(raw) || raw.length === 0) return wxError(44002, 'empty post data');
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      return parsed as Record<string, unknown>;
    }
  } catch {
    // fall through to WeChat's answer for unparsable data
  }
  return wxError(47001, 'data format error');
}

/** True when `value` is an error answer rather than data. */
export function isWxError(value: unknown): value is WxError {
  return typeof value === 'object' && value !== null && 'errcode' in value && 'errmsg' in value;
}

/** Query string values by name. */
export function query(request: FastifyRequest): Record<string, string | undefined> {
  return request.query as Record<string, string | undefined>;
}

/** Checks `access_token` in the query: 41001 missing, 40001 unknown or superseded, 42001 expired. */
export function checkAccessToken(ctx: Ctx, request: FastifyRequest): WxError | null {
  const token = query(request).access_token;
  if (!token) return wxError(41001, 'access_token missing');
  const found = ctx.store.data.tokens.find((t) => t.token === token);
  if (!found) {
    return wxError(40001, 'invalid credential, access_token is invalid or not latest');
  }
  if (found.expiresAt <= ctx.clock.now()) {
    if (found.replaced) {
      return wxError(40001, 'invalid credential, access_token is invalid or not latest');
    }
    return wxError(42001, 'access_token expired');
  }
  return null;
}

/** Applies an armed fault: waits if asked, then returns the error to answer, if any. */
export async function applyFault(ctx: Ctx, name: FaultName): Promise<WxError | null> {
  const fault: Fault | undefined = ctx.faults.take(name);
  if (!fault) return null;
  if (fault.delayMs) await sleep(fault.delayMs);
  if (fault.errcode !== undefined) {
    return wxError(fault.errcode, fault.errmsg ?? defaultErrmsg(fault.errcode));
  }
  return null;
}

function defaultErrmsg(errcode: number): string {
  const known: Record<number, string> = {
    [-1]: 'system error',
    40001: 'invalid credential, access_token is invalid or not latest',
    42001: 'access_token expired',
    43004: 'require subscribe',
    45009: 'reach max api daily quota limit',
    45015: 'response out of time limit or subscription is canceled',
    45047: 'out of response count limit',
  };
  return known[errcode] ?? 'sandbox fault';
}

/** Byte length in UTF-8, the unit of WeChat's length limits. */
export function bytes(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}
