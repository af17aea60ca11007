import type { FastifyInstance } from 'fastify';
import {
  dedupeKey,
  replyTo,
  SUCCESS_REPLY,
  WechatError,
  type CallbackQuery,
} from '@zhangyi/wechat';
import type { Deps } from '../../context';
import { sendError } from '../../http/errors';
import { handleInbound } from './inbound';

/** WeChat retries an unanswered message for about 15 s; remember keys a little longer. */
const DEDUPE_SECONDS = 60;

/**
 * The Official Account's message URL: GET answers WeChat's URL verification, POST receives
 * messages and events (plain, compatible or safe mode, as configured) and answers within 5 s.
 */
export function callbackRoutes(app: FastifyInstance, deps: Deps): void {
  app.addContentTypeParser(
    ['text/xml', 'application/xml'],
    { parseAs: 'string' },
    (_request, body, done) => done(null, body),
  );

  app.get('/wechat/callback', { schema: { hide: true } }, async (request, reply) => {
    if (!deps.wechat) return sendError(request, reply, 'WECHAT_NOT_CONFIGURED');
    try {
      const echo = deps.wechat.messages.verifyUrl(request.query as CallbackQuery);
      return reply.type('text/plain').send(echo);
    } catch (error) {
      if (error instanceof WechatError)
        return sendError(request, reply, 'FORBIDDEN', { reason: error.code });
      throw error;
    }
  });

  app.post('/wechat/callback', { schema: { hide: true } }, async (request, reply) => {
    if (!deps.wechat) return sendError(request, reply, 'WECHAT_NOT_CONFIGURED');
    const wechat = deps.wechat;
    let inbound;
    try {
      inbound = wechat.messages.parse(
        request.query as CallbackQuery,
        typeof request.body === 'string' ? request.body : '',
      );
    } catch (error) {
      if (error instanceof WechatError) {
        request.log.warn({ reason: error.code }, 'refused a WeChat callback');
        return sendError(
          request,
          reply,
          error.code === 'SIGNATURE_MISMATCH' ? 'FORBIDDEN' : 'VALIDATION_FAILED',
          {
            reason: error.code,
          },
        );
      }
      throw error;
    }
    const { message } = inbound;
    if (!(await wechat.dedupe.firstSeen(dedupeKey(message), DEDUPE_SECONDS))) {
      return reply.type('text/plain').send(SUCCESS_REPLY);
    }
    const answer = await handleInbound(deps, message);
    if (!answer) return reply.type('text/plain').send(SUCCESS_REPLY);
    const xml = replyTo(message, answer, Math.floor(deps.clock.now().getTime() / 1000));
    return reply.type('application/xml').send(wechat.messages.reply(inbound, xml));
  });
}
