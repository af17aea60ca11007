import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import {
  PayApiError,
  PayBillHashMismatchError,
  PayFormatError,
  WechatArgumentError,
} from '../errors';
import { parseTradeBill, type ParsedTradeBill, type TradeBillType } from './bill-format';
import type { PayHttp } from './http';

// Bills come in two steps: a signed answer naming a short-lived download_url and the SHA1 of the
// file, then the file itself, which WeChat Pay does not sign. The hash from the signed answer is
// what makes the file trustworthy, so nothing of it is used before the hash matches.

/** A verified and parsed trade bill. */
export interface TradeBill extends ParsedTradeBill {
  /** 账单日期, as asked (a date in China Standard Time). */
  date: string;
  type: TradeBillType;
  /** The file as downloaded (decompressed), after the hash check: keep it as the evidence. */
  text: string;
  /** Its SHA1, lower-case hex, equal to the announced `hash_value`. */
  sha1: string;
}

/** Options of a trade bill request. */
export interface TradeBillOptions {
  /** Ask for `tar_type=GZIP`; the announced hash is over the decompressed file either way. */
  gzip?: boolean;
}

const BILL_TYPES: readonly string[] = ['ALL', 'SUCCESS', 'REFUND'];
// A compressed answer is bounded by the HTTP client's size limit, its decompression by this one,
// so a gzip bomb cannot exhaust memory. A hospital's day is a few thousand lines of ~300 bytes.
const MAX_BILL_BYTES = 256 * 1024 * 1024;

/** Bills (`/v3/bill/…`): for the daily reconciliation against WeChat Pay's records. */
export class BillsApi {
  constructor(private readonly http: PayHttp) {}

  /**
   * Fetches the trade bill (交易账单) of `date` (`YYYY-MM-DD`, a China Standard Time day): requests
   * it, downloads it, checks its SHA1 and parses it. Resolves to `null` when WeChat Pay answers
   * `NO_STATEMENT_EXIST`, i.e. no payment or refund that day (a normal answer, not to be retried).
   * A bill not generated yet (`STATEMENT_CREATING`: WeChat makes them from 09:00 the next day,
   * ready by about 10:00) is a PayApiError like every other refusal; try again later.
   * Throws PayBillHashMismatchError when the file is not the one announced, PayFormatError when it
   * cannot be read (including an amount that is not a whole number of fen).
   */
  async tradeBill(
    date: string,
    type: TradeBillType = 'ALL',
    options: TradeBillOptions = {},
  ): Promise<TradeBill | null> {
    assertBillDate(date);
    if (!BILL_TYPES.includes(type)) {
      throw new WechatArgumentError(`bill type must be one of ${BILL_TYPES.join(', ')}`);
    }
    const query = new URLSearchParams({ bill_date: date, bill_type: type });
    if (options.gzip) query.set('tar_type', 'GZIP');
    let answer: unknown;
    try {
      answer = await this.http.json('GET', `/v3/bill/tradebill?${query.toString()}`);
    } catch (e) {
      if (e instanceof PayApiError && e.payCode === 'NO_STATEMENT_EXIST') return null;
      throw e;
    }
    const link = toBillLink(answer);
    const res = await this.http.download(link.downloadUrl);
    const raw = options.gzip ? gunzip(res.body) : res.body;
    const sha1 = createHash('sha1').update(raw).digest('hex');
    if (sha1 !== link.hashValue) throw new PayBillHashMismatchError(link.hashValue, sha1);
    const text = utf8(raw);
    return { date, type, text, sha1, ...parseTradeBill(text) };
  }
}

/** Throws unless `date` is a real calendar date written `YYYY-MM-DD`. */
function assertBillDate(date: string): void {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (!m || Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) {
    throw new WechatArgumentError(`bill date must be YYYY-MM-DD, not ${JSON.stringify(date)}`);
  }
}

function toBillLink(value: unknown): { hashValue: string; downloadUrl: string } {
  const o = (value ?? {}) as Record<string, unknown>;
  const { hash_type: hashType, hash_value: hashValue, download_url: downloadUrl } = o;
  if (hashType !== 'SHA1') {
    // A hash we cannot check means a file we cannot trust.
    throw new PayFormatError(`bill hash_type ${JSON.stringify(hashType)} is not SHA1`);
  }
  if (typeof hashValue !== 'string' || !/^[0-9a-fA-F]{40}$/.test(hashValue)) {
    throw new PayFormatError('bill hash_value is not a SHA1 in hex');
  }
  if (typeof downloadUrl !== 'string') throw new PayFormatError('bill download_url is missing');
  return { hashValue: hashValue.toLowerCase(), downloadUrl };
}

function gunzip(body: Buffer): Buffer {
  try {
    return gunzipSync(body, { maxOutputLength: MAX_BILL_BYTES });
  } catch {
    throw new PayFormatError('bill is not valid gzip, or decompresses beyond the size limit');
  }
}

function utf8(raw: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new PayFormatError('bill is not UTF-8');
  }
}
