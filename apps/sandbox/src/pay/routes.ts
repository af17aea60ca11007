// The WeChat Pay v3 HTTP surface (api.mch.weixin.qq.com): every request's signature verified,
// every response signed with the platform key, errors as `{code, message}` with HTTP status.
import { X509Certificate } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { payTime } from '../clock';
import type { Ctx } from '../context';
import type { Fault, FaultName } from '../faults';
import { sleep } from '../faults';
import { BILL_TYPES, BillDownloads, checkBillDate, tradeBillText, type BillType } from './bills';
import {
  closeOrder,
  completeRefund,
  createJsapiOrder,
  createRefund,
  findOrder,
  PayError,
  REFUND_SECONDS,
  refundOf,
  transactionOf,
} from './orders';
import { encryptResource, platformHeaders, requestId, verifyMerchantRequest } from './sign';

type Json = Record<string, unknown>;

function json(request: FastifyRequest): Json {
  const raw = typeof request.body === 'string' ? request.body : '';
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Json;
  } catch {
    // answered below
  }
  throw new PayError(400, 'PARAM_ERROR', '请求体不是合法的 JSON 对象');
}

/** Applies the fault armed for `name` (delay, error answer) and returns it for the rest. */
async function fault(ctx: Ctx, name: FaultName): Promise<Fault | undefined> {
  const f = ctx.faults.take(name);
  if (!f) return undefined;
  if (f.delayMs) await sleep(f.delayMs);
  if (f.httpStatus || f.code) {
    throw new PayError(f.httpStatus ?? 500, f.code ?? 'SYSTEM_ERROR', f.message ?? '系统错误');
  }
  return f;
}

function requireMchid(ctx: Ctx, value: unknown): void {
  if (value !== ctx.config.mchId) throw new PayError(400, 'PARAM_ERROR', 'mchid 与商户号不一致');
}

/** Registers the /v3 routes; mount with prefix '/v3'. */
export async function payRoutes(app: FastifyInstance, ctx: Ctx): Promise<void> {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.addHook('preHandler', async (request) => {
    const body = typeof request.body === 'string' ? request.body : '';
    const refused = verifyMerchantRequest(
      ctx.config,
      request.method,
      request.url,
      request.headers.authorization,
      body,
      ctx.clock.seconds(),
    );
    if (refused) throw new PayError(401, 'SIGN_ERROR', refused);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('Request-ID', requestId());
    // A bill file is not signed: its integrity comes from hash_value in the signed answer.
    if (request.url.startsWith('/v3/billdownload/') && reply.statusCode === 200) return payload;
    const body = payload === null || payload === undefined ? '' : String(payload);
    reply.headers(platformHeaders(ctx.config, body, ctx.clock.seconds()));
    return payload;
  });

  app.setErrorHandler((error, _request, reply) => {
    if (error instanceof PayError) {
      return reply.code(error.status).send({ code: error.code, message: error.message });
    }
    return reply.code(500).send({ code: 'SYSTEM_ERROR', message: (error as Error).message });
  });
  app.setNotFoundHandler((_request, reply) =>
    reply.code(404).send({ code: 'NOT_FOUND', message: '沙箱未模拟此接口' }),
  );

  app.post('/pay/transactions/jsapi', async (request) => {
    await fault(ctx, 'payJsapi');
    return createJsapiOrder(ctx, json(request));
  });

  const query = async (request: FastifyRequest, id: string, byTransaction: boolean) => {
    await fault(ctx, 'payQuery');
    requireMchid(ctx, (request.query as Json).mchid);
    const order = findOrder(ctx, id);
    const matches = order && (byTransaction ? order.transactionId === id : order.outTradeNo === id);
    if (!order || !matches) throw new PayError(404, 'ORDER_NOT_EXIST', '订单不存在');
    return transactionOf(order);
  };
  app.get<{ Params: { no: string } }>('/pay/transactions/out-trade-no/:no', (request) =>
    query(request, request.params.no, false),
  );
  app.get<{ Params: { id: string } }>('/pay/transactions/id/:id', (request) =>
    query(request, request.params.id, true),
  );

  app.post<{ Params: { no: string } }>(
    '/pay/transactions/out-trade-no/:no/close',
    async (request, reply) => {
      await fault(ctx, 'payClose');
      requireMchid(ctx, json(request).mchid);
      const order = findOrder(ctx, request.params.no);
      if (!order || order.outTradeNo !== request.params.no) {
        throw new PayError(404, 'ORDER_NOT_EXIST', '订单不存在');
      }
      closeOrder(ctx, order);
      return reply.code(204).send();
    },
  );

  app.post('/refund/domestic/refunds', async (request) => {
    const hold = ctx.faults.peek('refund')?.hold;
    await fault(ctx, 'refund');
    const refund = createRefund(ctx, json(request));
    if (!hold && refund.status === 'PROCESSING') {
      ctx.payNotifier.after(REFUND_SECONDS * 1000 * ctx.config.timeScale, () => {
        if (refund.status === 'PROCESSING') completeRefund(ctx, refund);
      });
    }
    return refundOf(refund);
  });

  app.get<{ Params: { no: string } }>('/refund/domestic/refunds/:no', async (request) => {
    await fault(ctx, 'refundQuery');
    const refund = ctx.store.data.refunds.find((r) => r.outRefundNo === request.params.no);
    if (!refund) throw new PayError(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
    return refundOf(refund);
  });

  const downloads = new BillDownloads();
  app.get('/bill/tradebill', async (request) => {
    const armed = await fault(ctx, 'bill');
    const q = request.query as Json;
    const date = checkBillDate(ctx, q.bill_date);
    const type = (q.bill_type ?? 'ALL') as BillType;
    if (!BILL_TYPES.includes(type)) {
      throw new PayError(400, 'PARAM_ERROR', `bill_type 须为 ${BILL_TYPES.join('、')} 之一`);
    }
    if (q.tar_type !== undefined && q.tar_type !== 'GZIP') {
      throw new PayError(400, 'PARAM_ERROR', 'tar_type 仅支持 GZIP');
    }
    const text = tradeBillText(ctx, date, type);
    if (text === null) throw new PayError(400, 'NO_STATEMENT_EXIST', '账单文件不存在');
    // download_url is on the host the merchant called, as WeChat's is on its API host.
    return downloads.issue(ctx, `${request.protocol}://${request.host}`, text, {
      gzip: q.tar_type === 'GZIP',
      tamper: armed?.tamper === true,
    });
  });

  app.get('/billdownload/file', async (request, reply) => {
    const bytes = downloads.take(ctx, (request.query as Json).token);
    return reply.header('content-type', 'application/octet-stream').send(bytes);
  });

  app.get('/certificates', async () => {
    await fault(ctx, 'certificates');
    const pem = ctx.config.platformCertificatePem;
    if (!pem) {
      throw new PayError(404, 'RESOURCE_NOT_EXISTS', '商户使用微信支付公钥验签，无平台证书');
    }
    const cert = new X509Certificate(pem);
    return {
      data: [
        {
          serial_no: cert.serialNumber,
          effective_time: payTime(Date.parse(cert.validFrom)),
          expire_time: payTime(Date.parse(cert.validTo)),
          encrypt_certificate: encryptResource(ctx.config.apiV3Key, pem, 'certificate'),
        },
      ],
    };
  });
}
