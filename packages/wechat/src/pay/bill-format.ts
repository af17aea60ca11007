import { PayFormatError } from '../errors';

// The trade bill (交易账单) file: a header line of column names, one line per payment or refund
// with every field prefixed by a backtick (so Excel keeps long numbers as text), a summary header
// line starting with 总交易单数 and one summary line, also backtick-prefixed. Amounts are yuan.
// Columns are read by name, never by position: SUCCESS bills drop the refund columns, REFUND bills
// add two time columns, and older merchants' bills lack some columns altogether.

/** 账单类型: every row of the day, successful payments only, or refunds only. */
export type TradeBillType = 'ALL' | 'SUCCESS' | 'REFUND';

/** One payment or refund line of a trade bill. Money is integer fen. */
export interface TradeBillRow {
  /** 交易时间, as RFC 3339 in China Standard Time (the bill's zone), e.g. `2026-01-01T10:00:05+08:00`. */
  tradeTime: string;
  /** 公众账号ID. */
  appId: string;
  /** 商户号. */
  mchId: string;
  /** 特约商户号; absent for a direct merchant, for whom WeChat writes `0`. */
  subMchId?: string;
  /** 设备号. */
  deviceInfo?: string;
  /** 微信订单号. */
  transactionId: string;
  /** 商户订单号. */
  outTradeNo: string;
  /** 用户标识 (the payer's OpenID). */
  openid: string;
  /** 交易类型 (JSAPI, NATIVE, …); not the same list as the API's `trade_type`. */
  tradeType: string;
  /** 交易状态: SUCCESS for a payment line, REFUND for a refund line, REVOKED for a reversal. */
  tradeState: 'SUCCESS' | 'REFUND' | 'REVOKED' | (string & {});
  /** 付款银行. */
  bankType?: string;
  /** 货币种类. */
  currency?: string;
  /** 应结订单金额: order amount minus non-recharge coupons; 0 on refund lines. */
  totalFen: number;
  /** 代金券金额. */
  couponFen?: number;
  /** 微信退款单号; present on refund lines only. */
  refundId?: string;
  /** 商户退款单号. */
  outRefundNo?: string;
  /** 退款金额. */
  refundFen?: number;
  /** 充值券退款金额. */
  rechargeCouponRefundFen?: number;
  /** 退款类型 (ORIGINAL, BALANCE, …). */
  refundType?: string;
  /** 退款状态: the bill's own words (SUCCESS, PROCESSING, FAIL, CHANGE), not the refund API's. */
  refundStatus?: 'SUCCESS' | 'PROCESSING' | 'FAIL' | 'CHANGE' | (string & {});
  /** 商品名称 (the order's `description`). */
  description: string;
  /** 商户数据包 (the order's `attach`). */
  attach?: string;
  /** 手续费; negative on a refund line when the fee is given back. */
  feeFen?: number;
  /** 费率, as written (e.g. `0.60%`). */
  feeRate?: string;
  /** 订单金额: what the order was placed for, coupons included; compare this with `amount.total`. */
  orderAmountFen?: number;
  /** 申请退款金额. */
  refundRequestFen?: number;
  /** 费率备注. */
  feeRemark?: string;
  /** 退款申请时间 (REFUND bills), RFC 3339 in China Standard Time. */
  refundCreateTime?: string;
  /** 退款成功时间 (REFUND bills), RFC 3339 in China Standard Time. */
  refundSuccessTime?: string;
  /** Every column by its header name, backtick removed, for columns not typed here. */
  columns: Record<string, string>;
}

/** The summary line of a trade bill, integer fen. */
export interface TradeBillSummary {
  /** 总交易单数: lines in the bill, payments and refunds. */
  count: number;
  /** 应结订单总金额. */
  settledTotalFen: number;
  /** 退款总金额. */
  refundTotalFen: number;
  /** 充值券退款总金额. */
  rechargeCouponRefundTotalFen?: number;
  /** 手续费总金额 (net of fees given back). */
  feeTotalFen: number;
  /** 订单总金额. */
  orderTotalFen?: number;
  /** 申请退款总金额. */
  refundRequestTotalFen?: number;
}

/** A parsed trade bill. */
export interface ParsedTradeBill {
  rows: TradeBillRow[];
  summary: TradeBillSummary;
}

const SUMMARY_FIRST = '总交易单数';
// 13 digits of yuan, times 100, stay below Number.MAX_SAFE_INTEGER.
const MAX_INTEGER_DIGITS = 13;

/**
 * Converts a yuan amount written in a bill (`0.10`, `1234.56`, `0.0`, `-0.01000`) to integer fen
 * by reading its digits, never through floating point. Up to `maxDecimals` decimals are accepted,
 * but any digit beyond the second must be 0: a fraction of a fen is refused, never rounded.
 * Throws PayFormatError for anything else.
 */
export function yuanToFen(yuan: string, maxDecimals = 2): number {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(yuan);
  const whole = m?.[2];
  const fraction = m?.[3] ?? '';
  if (!m || whole === undefined || whole.length > MAX_INTEGER_DIGITS) {
    throw new PayFormatError(`${JSON.stringify(yuan)} is not an amount in yuan`);
  }
  if (fraction.length > maxDecimals) {
    throw new PayFormatError(`${JSON.stringify(yuan)} has more than ${maxDecimals} decimals`);
  }
  if (/[1-9]/.test(fraction.slice(2))) {
    throw new PayFormatError(`${JSON.stringify(yuan)} is not a whole number of fen`);
  }
  const fen = Number(whole) * 100 + Number(fraction.slice(0, 2).padEnd(2, '0'));
  return m[1] === '-' && fen !== 0 ? -fen : fen;
}

// WeChat writes fees with five decimals (`0.06000`); every other amount has at most two.
const FEE_DECIMALS = 5;

/** Parses the text of a trade bill (any of ALL, SUCCESS, REFUND). Throws PayFormatError. */
export function parseTradeBill(text: string): ParsedTradeBill {
  const lines = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line !== '');
  const summaryAt = lines.findIndex((line) => line.split(',')[0] === SUMMARY_FIRST);
  if (lines.length < 3 || summaryAt < 1) {
    throw new PayFormatError('trade bill has no header or no summary (总交易单数) line');
  }
  if (summaryAt !== lines.length - 2) {
    throw new PayFormatError('trade bill must end with one summary line after its header');
  }
  const header = lines[0]!.split(',');
  const rows = lines.slice(1, summaryAt).map((line, i) => toRow(record(header, line, i + 2)));
  const summaryLine = record(lines[summaryAt]!.split(','), lines[summaryAt + 1]!, lines.length);
  return { rows, summary: toSummary(summaryLine) };
}

// Pairs a backtick-prefixed data line with its header. A free-text field containing a comma would
// shift the columns; the count check turns that into an error instead of misread money.
function record(header: string[], line: string, lineNo: number): Record<string, string> {
  const fields = line.split(',');
  if (fields.length !== header.length) {
    throw new PayFormatError(
      `trade bill line ${lineNo} has ${fields.length} fields, its header ${header.length}`,
    );
  }
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  header.forEach((name, i) => {
    const field = fields[i]!;
    if (!field.startsWith('`')) {
      throw new PayFormatError(`trade bill line ${lineNo}, ${name}: field without its backtick`);
    }
    out[name] = field.slice(1);
  });
  return out;
}

function required(r: Record<string, string>, name: string): string {
  const value = r[name];
  if (value === undefined) throw new PayFormatError(`trade bill has no ${name} column`);
  return value;
}

function present(r: Record<string, string>, name: string): string | undefined {
  const value = r[name];
  return value === undefined || value === '' ? undefined : value;
}

// WeChat writes 0 for an empty identifier (特约商户号, 退款单号 on payment lines).
function id(r: Record<string, string>, name: string): string | undefined {
  const value = present(r, name);
  return value === '0' ? undefined : value;
}

function amount(r: Record<string, string>, name: string, decimals = 2): number | undefined {
  const value = present(r, name);
  if (value === undefined) return undefined;
  try {
    return yuanToFen(value, decimals);
  } catch (e) {
    throw new PayFormatError(`trade bill ${name}: ${(e as Error).message}`);
  }
}

function requiredAmount(r: Record<string, string>, name: string, decimals = 2): number {
  const fen = amount(r, name, decimals);
  if (fen === undefined) throw new PayFormatError(`trade bill has no ${name}`);
  return fen;
}

/** `2026-01-01 10:00:05` (China Standard Time) as RFC 3339. */
function chinaTime(value: string, name: string): string {
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(value)) {
    throw new PayFormatError(`trade bill ${name} ${JSON.stringify(value)} is not a time`);
  }
  return `${value.replace(' ', 'T')}+08:00`;
}

function defined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as Array<keyof T>) if (o[k] === undefined) delete o[k];
  return o;
}

function toRow(r: Record<string, string>): TradeBillRow {
  const refundId = id(r, '微信退款单号');
  const refundCreate = present(r, '退款申请时间');
  const refundSuccess = present(r, '退款成功时间');
  return defined({
    tradeTime: chinaTime(required(r, '交易时间'), '交易时间'),
    appId: required(r, '公众账号ID'),
    mchId: required(r, '商户号'),
    subMchId: id(r, '特约商户号'),
    deviceInfo: present(r, '设备号'),
    transactionId: required(r, '微信订单号'),
    outTradeNo: required(r, '商户订单号'),
    openid: required(r, '用户标识'),
    tradeType: required(r, '交易类型'),
    tradeState: required(r, '交易状态'),
    bankType: present(r, '付款银行'),
    currency: present(r, '货币种类'),
    totalFen: requiredAmount(r, '应结订单金额'),
    couponFen: amount(r, '代金券金额'),
    // Refund columns carry 0 and 0.00 on payment lines; they describe a refund only when it has an id.
    ...(refundId === undefined
      ? {}
      : {
          refundId,
          outRefundNo: id(r, '商户退款单号'),
          refundFen: amount(r, '退款金额'),
          rechargeCouponRefundFen: amount(r, '充值券退款金额'),
          refundType: present(r, '退款类型'),
          refundStatus: present(r, '退款状态'),
          refundRequestFen: amount(r, '申请退款金额'),
          refundCreateTime:
            refundCreate === undefined ? undefined : chinaTime(refundCreate, '退款申请时间'),
          refundSuccessTime:
            refundSuccess === undefined ? undefined : chinaTime(refundSuccess, '退款成功时间'),
        }),
    description: required(r, '商品名称'),
    attach: present(r, '商户数据包'),
    feeFen: amount(r, '手续费', FEE_DECIMALS),
    feeRate: present(r, '费率'),
    orderAmountFen: amount(r, '订单金额'),
    feeRemark: present(r, '费率备注'),
    columns: { ...r },
  });
}

function toSummary(r: Record<string, string>): TradeBillSummary {
  const count = required(r, SUMMARY_FIRST);
  if (!/^\d{1,9}$/.test(count)) {
    throw new PayFormatError(`trade bill ${SUMMARY_FIRST} ${JSON.stringify(count)} is not a count`);
  }
  return defined({
    count: Number(count),
    settledTotalFen: requiredAmount(r, '应结订单总金额'),
    refundTotalFen: requiredAmount(r, '退款总金额'),
    rechargeCouponRefundTotalFen: amount(r, '充值券退款总金额'),
    feeTotalFen: requiredAmount(r, '手续费总金额', FEE_DECIMALS),
    orderTotalFen: amount(r, '订单总金额'),
    refundRequestTotalFen: amount(r, '申请退款总金额'),
  });
}
