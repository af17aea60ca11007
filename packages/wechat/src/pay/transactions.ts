import { nowSeconds, randomString } from '../core';
import { PayFormatError, WechatArgumentError } from '../errors';
import type { PayHttp } from './http';
import type { PayRequestSigner } from './signer';
import { assertFen, toTransaction, type Transaction } from './types';

/** A JSAPI order (payment inside WeChat's browser). */
export interface JsapiOrder {
  /** The Official Account AppID the payer's OpenID belongs to. */
  appId: string;
  /** Shown to the payer, at most 127 characters. */
  description: string;
  /** Your order number: 6–32 characters of letters, digits, `_-|*`, unique per merchant. */
  outTradeNo: string;
  /** HTTPS URL receiving the payment notification. */
  notifyUrl: string;
  /** Total in fen. */
  amountFen: number;
  payerOpenid: string;
  /** RFC 3339 time after which the order cannot be paid. */
  timeExpire?: string;
  /** Returned as is in queries and notifications. */
  attach?: string;
}

/** What a page passes to `WeixinJSBridge.invoke('getBrandWCPayRequest', …)`. */
export interface JsapiBridgeParams {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA';
  paySign: string;
}

const OUT_TRADE_NO = /^[A-Za-z0-9_\-|*]{6,32}$/;

/** JSAPI payments: order, bridge parameters, query, close. */
export class TransactionsApi {
  constructor(
    private readonly http: PayHttp,
    private readonly signer: PayRequestSigner,
  ) {}

  /** Places a JSAPI order and returns its prepay_id (valid two hours). */
  async createJsapiOrder(order: JsapiOrder): Promise<{ prepayId: string }> {
    assertFen(order.amountFen, 'amountFen');
    if (!OUT_TRADE_NO.test(order.outTradeNo)) {
      throw new WechatArgumentError('outTradeNo must be 6-32 characters of [A-Za-z0-9_-|*]');
    }
    const r = await this.http.json<{ prepay_id?: string }>('POST', '/v3/pay/transactions/jsapi', {
      appid: order.appId,
      mchid: this.signer.mchId,
      description: order.description,
      out_trade_no: order.outTradeNo,
      time_expire: order.timeExpire,
      attach: order.attach,
      notify_url: order.notifyUrl,
      amount: { total: order.amountFen, currency: 'CNY' },
      payer: { openid: order.payerOpenid },
    });
    if (typeof r?.prepay_id !== 'string') throw new PayFormatError('answer has no prepay_id');
    return { prepayId: r.prepay_id };
  }

  /** Signs the `getBrandWCPayRequest` parameters: paySign over appId, timeStamp, nonceStr, package. */
  bridgeParams(
    appId: string,
    prepayId: string,
    stamp: { timeStamp?: string; nonceStr?: string } = {},
  ): JsapiBridgeParams {
    const timeStamp = stamp.timeStamp ?? String(nowSeconds(this.http.clock));
    const nonceStr = stamp.nonceStr ?? randomString(32);
    const pkg = `prepay_id=${prepayId}`;
    return {
      appId,
      timeStamp,
      nonceStr,
      package: pkg,
      signType: 'RSA',
      paySign: this.signer.sign(appId, timeStamp, nonceStr, pkg),
    };
  }

  /** Queries a payment by your order number. */
  async queryByOutTradeNo(outTradeNo: string): Promise<Transaction> {
    const path = `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?mchid=${encodeURIComponent(this.signer.mchId)}`;
    return toTransaction(await this.http.json('GET', path));
  }

  /** Queries a payment by WeChat Pay's transaction id. */
  async queryByTransactionId(transactionId: string): Promise<Transaction> {
    const path = `/v3/pay/transactions/id/${encodeURIComponent(transactionId)}?mchid=${encodeURIComponent(this.signer.mchId)}`;
    return toTransaction(await this.http.json('GET', path));
  }

  /** Closes an unpaid order (WeChat answers 204). */
  async close(outTradeNo: string): Promise<void> {
    await this.http.json(
      'POST',
      `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`,
      { mchid: this.signer.mchId },
    );
  }
}
