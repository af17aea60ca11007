// Template messages (shown as 服务通知) and customer-service messages (shown in the chat), with
// WeChat's checks: known template, follower, the 48 h service window, TEMPLATESENDJOBFINISH.
import type { FastifyInstance } from 'fastify';
import type { Ctx } from '../context';
import { eventTime } from '../push/actions';
import type { Article, ChatMessage } from '../store';
import { applyFault, checkAccessToken, isWxError, jsonBody, OK, wxError } from './common';

const SERVICE_WINDOW_MS = 48 * 3600_000;

type TemplateData = Record<string, { value: string; color?: string }>;

/** Fills `{{name.DATA}}` placeholders of a template body. */
export function renderTemplate(content: string, data: TemplateData): string {
  return content.replace(/\{\{\s*([\w-]+)\.DATA\s*\}\}/g, (_, k: string) => data[k]?.value ?? '');
}

/** Registers template/send, custom/send, custom/typing and the template list. */
export function messageRoutes(app: FastifyInstance, ctx: Ctx): void {
  app.post('/cgi-bin/message/template/send', async (request) => {
    const denied = checkAccessToken(ctx, request);
    if (denied) return denied;
    const jobStatus = ctx.faults.peek('templateSend')?.jobStatus;
    const fault = await applyFault(ctx, 'templateSend');
    if (fault) return fault;
    const body = jsonBody(request);
    if (isWxError(body)) return body;
    const user = ctx.store.user(String(body.touser ?? ''));
    if (!user) return wxError(40003, 'invalid openid');
    const template = ctx.config.templates.find((t) => t.templateId === body.template_id);
    if (!template) return wxError(40037, 'invalid template_id');
    if (!user.subscribed) return wxError(43004, 'require subscribe');
    const data = (body.data ?? {}) as TemplateData;
    if (typeof data !== 'object') return wxError(47001, 'data format error');
    const msgid = Number(ctx.store.nextMsgId().slice(-10));
    const miniprogram = body.miniprogram as { appid: string; pagepath?: string } | undefined;
    ctx.store.addMessage({
      openid: user.openid,
      at: ctx.clock.now(),
      kind: 'template',
      msgType: 'template',
      title: template.title,
      content: renderTemplate(template.content, data),
      url: typeof body.url === 'string' ? body.url : undefined,
      template: {
        templateId: template.templateId,
        title: template.title,
        data,
        msgid,
        miniprogram,
      },
    });
    ctx.pusher.pushLater(
      user.openid,
      {
        CreateTime: eventTime(ctx, user),
        MsgType: 'event',
        Event: 'TEMPLATESENDJOBFINISH',
        MsgID: msgid,
        Status: jobStatus ?? 'success',
      },
      Math.round(1000 * ctx.config.timeScale),
    );
    return { ...OK, msgid };
  });

  app.post('/cgi-bin/message/custom/send', async (request) => {
    const denied = checkAccessToken(ctx, request);
    if (denied) return denied;
    const fault = await applyFault(ctx, 'customSend');
    if (fault) return fault;
    const body = jsonBody(request);
    if (isWxError(body)) return body;
    const user = ctx.store.user(String(body.touser ?? ''));
    if (!user) return wxError(40003, 'invalid openid');
    const last = user.lastInteractionAt ?? 0;
    if (!user.subscribed || ctx.clock.now() - last > SERVICE_WINDOW_MS) {
      return wxError(45015, 'response out of time limit or subscription is canceled');
    }
    const shown = customMessage(ctx, body);
    if (isWxError(shown)) return shown;
    ctx.store.addMessage({ ...shown, openid: user.openid, at: ctx.clock.now(), kind: 'custom' });
    return OK;
  });

  app.post('/cgi-bin/message/custom/typing', async (request) => {
    return checkAccessToken(ctx, request) ?? OK;
  });

  app.get('/cgi-bin/template/get_all_private_template', async (request) => {
    const denied = checkAccessToken(ctx, request);
    if (denied) return denied;
    return {
      template_list: ctx.config.templates.map((t) => ({
        template_id: t.templateId,
        title: t.title,
        content: t.content,
        primary_industry: '医药护理',
        deputy_industry: '医药医疗',
        example: '',
      })),
    };
  });
}

type Shown = Omit<ChatMessage, 'id' | 'openid' | 'at' | 'kind'>;

function customMessage(ctx: Ctx, body: Record<string, unknown>) {
  const part = (name: string) => (body[name] ?? {}) as Record<string, unknown>;
  switch (body.msgtype) {
    case 'text': {
      const content = part('text').content;
      if (typeof content !== 'string' || !content) return wxError(44004, 'empty content');
      return { msgType: 'text', content } satisfies Shown;
    }
    case 'image': {
      const mediaId = String(part('image').media_id ?? '');
      if (!ctx.store.data.media.some((m) => m.mediaId === mediaId)) {
        return wxError(40007, 'invalid media_id');
      }
      return { msgType: 'image', mediaId } satisfies Shown;
    }
    case 'news': {
      const list = (part('news').articles ?? []) as Record<string, string>[];
      if (!Array.isArray(list) || list.length !== 1) {
        return wxError(45008, 'article size out of limit');
      }
      const articles: Article[] = list.map((a) => ({
        title: a.title ?? '',
        description: a.description ?? '',
        url: a.url ?? '',
        picUrl: a.picurl ?? '',
      }));
      return { msgType: 'news', articles } satisfies Shown;
    }
    case 'msgmenu': {
      const menu = part('msgmenu') as { head_content?: string; tail_content?: string };
      const items = (part('msgmenu').list ?? []) as { content?: string }[];
      const lines = [menu.head_content, ...items.map((i) => `· ${i.content ?? ''}`)];
      return {
        msgType: 'text',
        content: [...lines, menu.tail_content].filter(Boolean).join('\n'),
      } satisfies Shown;
    }
    case 'miniprogrampage': {
      const page = part('miniprogrampage') as { title?: string; pagepath?: string };
      return {
        msgType: 'miniprogrampage',
        title: page.title ?? '小程序',
        description: page.pagepath ?? '',
      } satisfies Shown;
    }
    default:
      return wxError(40008, 'invalid message type');
  }
}
