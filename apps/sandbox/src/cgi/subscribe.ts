// 订阅通知 (subscribe messages, /cgi-bin/message/subscribe/bizsend), the successor of template
// messages. Hospitals may send long-term ones; the sandbox treats every follower as having
// accepted, and reports the outcome with a subscribe_msg_sent_event like WeChat.
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../context';
import { eventTime } from '../push/actions';
import { applyFault, checkAccessToken, isWxError, jsonBody, OK, wxError } from './common';
import { renderTemplate } from './message';

type Data = Record<string, { value: string }>;

/** Registers subscribe/bizsend. */
export function subscribeRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.post('/cgi-bin/message/subscribe/bizsend', async (request) => {
    const denied = checkAccessToken(ctx, request);
    if (denied) return denied;
    const fault = await applyFault(ctx, 'subscribeSend');
    if (fault) return fault;
    const body = jsonBody(request);
    if (isWxError(body)) return body;
    const user = ctx.store.user(String(body.touser ?? ''));
    if (!user) return wxError(40003, 'invalid openid');
    const template = ctx.config.templates.find((t) => t.templateId === body.template_id);
    if (!template) return wxError(40037, 'invalid template_id');
    if (!user.subscribed) return wxError(43101, 'user refuse to accept the msg');
    const data = body.data as Data | undefined;
    if (!data || typeof data !== 'object') return wxError(47003, 'argument invalid! data is empty');
    const msgid = Number(ctx.store.nextMsgId().slice(-10));
    ctx.store.addMessage({
      openid: user.openid,
      at: ctx.clock.now(),
      kind: 'template',
      msgType: 'subscribe',
      title: template.title,
      content: renderTemplate(template.content, data),
      url: typeof body.page === 'string' ? body.page : undefined,
      template: { templateId: template.templateId, title: template.title, data, msgid },
    });
    ctx.pusher.pushLater(
      user.openid,
      {
        CreateTime: eventTime(ctx, user),
        MsgType: 'event',
        Event: 'subscribe_msg_sent_event',
        SubscribeMsgSentEvent: {
          List: {
            TemplateId: template.templateId,
            MsgID: msgid,
            ErrorCode: 0,
            ErrorStatus: 'success',
          },
        },
      },
      Math.round(1000 * ctx.config.timeScale),
    );
    return { ...OK, msgid };
  });
}
