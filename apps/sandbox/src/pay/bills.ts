// Trade bills (交易账单) made from the sandbox's own orders and refunds, in WeChat Pay's layout:
// a header of column names, one backtick-prefixed line per payment or refund, the summary header
// and one summary line, amounts in yuan. WeChat makes yesterday's bill from 09:00; the sandbox
// makes any past day's bill on request, from what its store holds at that moment.
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { payTime } from '../clock';
import type { Ctx } from '../context';
import { randomString } from '../ids';
import type { PayOrder, PayRefund } from '../store';
import { PayError } from './orders';

/** The bill types the sandbox makes (WeChat also has RECHARGE_REFUND and personalised ones). */
export const BILL_TYPES = ['ALL', 'SUCCESS', 'REFUND'] as const;
export type BillType = (typeof BILL_TYPES)[number];

const REFUND_COLUMNS = [
  '微信退款单号',
  '商户退款单号',
  '退款金额',
  '充值券退款金额',
  '退款类型',
  '退款状态',
  '申请退款金额',
];
const ALL_COLUMNS = [
  ...['交易时间', '公众账号ID', '商户号', '特约商户号', '设备号', '微信订单号', '商户订单号'],
  ...['用户标识', '交易类型', '交易状态', '付款银行', '货币种类', '应结订单金额', '代金券金额'],
  ...['微信退款单号', '商户退款单号', '退款金额', '充值券退款金额', '退款类型', '退款状态'],
  ...['商品名称', '商户数据包', '手续费', '费率', '订单金额', '申请退款金额', '费率备注'],
];
// SUCCESS bills drop the refund columns (as in WeChat's samples); where WeChat puts the two time
// columns of REFUND bills is not documented, so they go last. Readers must go by column name.
const COLUMNS: Record<BillType, string[]> = {
  ALL: ALL_COLUMNS,
  SUCCESS: ALL_COLUMNS.filter((c) => !REFUND_COLUMNS.includes(c)),
  REFUND: [...ALL_COLUMNS, '退款申请时间', '退款成功时间'],
};
const SUMMARY_COLUMNS = [
  ...['总交易单数', '应结订单总金额', '退款总金额', '充值券退款总金额', '手续费总金额'],
  ...['订单总金额', '申请退款总金额'],
];

/** The sandbox's fee: 0.60 % (6 per mille, the common rate), rounded half up to the fen. */
const FEE_PER_MILLE = 6;
const FEE_RATE = '0.60%';

function feeOf(fen: number): number {
  return Math.floor((fen * FEE_PER_MILLE + 500) / 1000);
}

/** Integer fen as yuan with two decimals (`-0.03`), built from digits, not floats. */
function yuan(fen: number): string {
  const abs = Math.abs(fen);
  return `${fen < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Fees are written with five decimals, as WeChat does (`0.09000`). */
function feeYuan(fen: number): string {
  return `${yuan(fen)}000`;
}

/** `2026-01-01T10:00:05+08:00` → `2026-01-01 10:00:05`, China Standard Time as in the bill. */
function billTime(rfc3339: string): string {
  return rfc3339.slice(0, 19).replace('T', ' ');
}

// A comma or line break in free text would shift the columns. How WeChat escapes them is not
// documented; the sandbox writes a space instead, so its bills always parse.
function freeText(value: string | undefined): string {
  return (value ?? '').replace(/[,\r\n]/g, ' ');
}

interface Line {
  at: string;
  values: Record<string, string>;
  settled: number;
  refund: number;
  fee: number;
  order: number;
}

function common(order: PayOrder, at: string): Record<string, string> {
  return {
    交易时间: billTime(at),
    公众账号ID: order.appid,
    商户号: order.mchid,
    特约商户号: '0',
    设备号: '',
    微信订单号: order.transactionId ?? '',
    商户订单号: order.outTradeNo,
    用户标识: order.payerOpenid,
    交易类型: 'JSAPI',
    付款银行: 'OTHERS',
    货币种类: order.currency,
    代金券金额: '0.00',
    充值券退款金额: '0.00',
    商品名称: freeText(order.description),
    商户数据包: freeText(order.attach),
    费率: FEE_RATE,
    费率备注: '',
  };
}

function paymentLine(order: PayOrder): Line {
  const at = order.successTime!;
  const fee = feeOf(order.total);
  const values = {
    ...common(order, at),
    交易状态: 'SUCCESS',
    应结订单金额: yuan(order.total),
    微信退款单号: '0',
    商户退款单号: '0',
    退款金额: '0.00',
    退款类型: '',
    退款状态: '',
    手续费: feeYuan(fee),
    订单金额: yuan(order.total),
    申请退款金额: '0.00',
  };
  return { at, values, settled: order.total, refund: 0, fee, order: order.total };
}

// A refund line names the payment it refunds; the fee on the refunded part is given back.
function refundLine(refund: PayRefund, order: PayOrder): Line {
  const at = refund.successTime!;
  const fee = -feeOf(refund.refund);
  const values = {
    ...common(order, at),
    交易状态: 'REFUND',
    应结订单金额: '0.00',
    微信退款单号: refund.refundId,
    商户退款单号: refund.outRefundNo,
    退款金额: yuan(refund.refund),
    退款类型: 'ORIGINAL',
    退款状态: 'SUCCESS',
    手续费: feeYuan(fee),
    订单金额: '0.00',
    申请退款金额: yuan(refund.refund),
    退款申请时间: billTime(refund.createTime),
    退款成功时间: billTime(at),
  };
  return { at, values, settled: 0, refund: refund.refund, fee, order: 0 };
}

/**
 * The bill text of `date` (YYYY-MM-DD, China Standard Time): payments that succeeded that day
 * and refunds that succeeded that day. Null when there is none (WeChat: NO_STATEMENT_EXIST).
 */
export function tradeBillText(ctx: Ctx, date: string, type: BillType): string | null {
  const { orders, refunds } = ctx.store.data;
  const lines: Line[] = [];
  if (type !== 'REFUND') {
    for (const o of orders) {
      if (o.transactionId && o.successTime?.slice(0, 10) === date) lines.push(paymentLine(o));
    }
  }
  if (type !== 'SUCCESS') {
    for (const r of refunds) {
      const order = orders.find((o) => o.outTradeNo === r.outTradeNo);
      if (order && r.status === 'SUCCESS' && r.successTime?.slice(0, 10) === date) {
        lines.push(refundLine(r, order));
      }
    }
  }
  if (lines.length === 0) return null;
  lines.sort((a, b) => a.at.localeCompare(b.at));
  const columns = COLUMNS[type];
  const sum = (pick: (l: Line) => number) => lines.reduce((s, l) => s + pick(l), 0);
  const refundTotal = yuan(sum((l) => l.refund));
  const summary = [
    String(lines.length),
    yuan(sum((l) => l.settled)),
    refundTotal,
    '0.00',
    feeYuan(sum((l) => l.fee)),
    yuan(sum((l) => l.order)),
    refundTotal,
  ];
  const row = (values: string[]) => values.map((v) => '`' + v).join(',');
  return [
    columns.join(','),
    ...lines.map((l) => row(columns.map((c) => l.values[c] ?? ''))),
    SUMMARY_COLUMNS.join(','),
    row(summary),
    '',
  ].join('\n');
}

/**
 * Checks a bill_date against the sandbox clock: a real date, not in the future, at most three
 * months back. Today's bill does not exist yet: STATEMENT_CREATING, as before 10:00 the next day.
 */
export function checkBillDate(ctx: Ctx, date: unknown): string {
  const m = typeof date === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  const day = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !day || day.toISOString().slice(0, 10) !== date) {
    throw new PayError(400, 'PARAM_ERROR', 'bill_date 须为 yyyy-MM-DD 格式的日期');
  }
  const today = payTime(ctx.clock.now()).slice(0, 10);
  if (date > today) throw new PayError(400, 'PARAM_ERROR', 'bill_date 不能晚于今天');
  if (date === today) {
    throw new PayError(400, 'STATEMENT_CREATING', '账单生成中，请在次日 10 点后再获取');
  }
  const [y, mo, d] = today.split('-').map(Number) as [number, number, number];
  const earliest = new Date(Date.UTC(y, mo - 1 - 3, d)).toISOString().slice(0, 10);
  if (date < earliest) throw new PayError(400, 'PARAM_ERROR', '仅支持三个月内的账单下载申请');
  return date;
}

/** How long a download_url works: 30 s (the download page; the request page says 5 min). */
export const DOWNLOAD_SECONDS = 30;

interface Issued {
  bytes: Buffer;
  expiresAt: number;
}

/** Files handed out through download_url tokens, for one sandbox. */
export class BillDownloads {
  private readonly issued = new Map<string, Issued>();

  /**
   * Keeps a bill for download and returns the tradebill answer. The hash is over the text
   * itself, also when it is served gzipped; `tamper` serves a file that no longer matches it.
   */
  issue(
    ctx: Ctx,
    origin: string,
    text: string,
    options: { gzip: boolean; tamper: boolean },
  ): { hash_type: 'SHA1'; hash_value: string; download_url: string } {
    const now = ctx.clock.now();
    for (const [token, file] of this.issued) if (file.expiresAt <= now) this.issued.delete(token);
    const hash = createHash('sha1').update(text).digest('hex');
    const served = Buffer.from(options.tamper ? text.replace(/`(\d+)\./, '`1$1.') : text);
    const token = randomString(64);
    this.issued.set(token, {
      bytes: options.gzip ? gzipSync(served) : served,
      expiresAt: now + DOWNLOAD_SECONDS * 1000,
    });
    return {
      hash_type: 'SHA1',
      hash_value: hash,
      download_url: `${origin}/v3/billdownload/file?token=${token}`,
    };
  }

  /** The file behind a token, while it is valid. */
  take(ctx: Ctx, token: unknown): Buffer {
    const file = typeof token === 'string' ? this.issued.get(token) : undefined;
    if (!file || file.expiresAt <= ctx.clock.now()) {
      throw new PayError(400, 'INVALID_REQUEST', '下载地址无效或已过期，请重新申请账单');
    }
    return file.bytes;
  }
}
