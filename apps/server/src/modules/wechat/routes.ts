import type { FastifyInstance } from 'fastify';
import { wechatRoutes } from '@zhangyi/contracts';
import type { Deps } from '../../context';
import { registerRoute } from '../../http/route';
import { callbackRoutes } from './callback';
import { liveMenu, menuState, publishMenu, saveMenuDraft } from './menu';
import { oauthRoutes } from './oauth';
import { jssdkConfig } from './jssdk';
import {
  createAutoReply,
  deleteAutoReply,
  listAutoReplies,
  replySettings,
  saveReplySettings,
  updateAutoReply,
} from './replies';

/** The callback, OAuth entry, the H5 user's identity, and the account's replies and menu. */
export function wechatRoutesPlugin(app: FastifyInstance, deps: Deps): void {
  callbackRoutes(app, deps);
  oauthRoutes(app, deps);

  registerRoute(app, deps, wechatRoutes.jssdkConfig, {
    access: 'wechat_user',
    handler: ({ query }) => jssdkConfig(deps, query.url),
  });
  registerRoute(app, deps, wechatRoutes.me, {
    access: 'wechat_user',
    handler: async ({ wechatSession }) => ({
      openid: wechatSession!.openid,
      subscribed: wechatSession!.subscribed,
      csrfToken: wechatSession!.csrfToken,
      expiresAt: wechatSession!.expiresAt.toISOString(),
    }),
  });

  registerRoute(app, deps, wechatRoutes.replySettings, {
    access: 'wechat.manage',
    handler: () => replySettings(deps.db),
  });
  registerRoute(app, deps, wechatRoutes.saveReplySettings, {
    access: 'wechat.manage',
    handler: ({ meta, body }) => saveReplySettings(deps, meta, body),
  });
  registerRoute(app, deps, wechatRoutes.autoReplies, {
    access: 'wechat.manage',
    handler: () => listAutoReplies(deps.db),
  });
  registerRoute(app, deps, wechatRoutes.createAutoReply, {
    access: 'wechat.manage',
    handler: ({ meta, body }) => createAutoReply(deps, meta, body),
  });
  registerRoute(app, deps, wechatRoutes.updateAutoReply, {
    access: 'wechat.manage',
    handler: ({ meta, params, body }) => updateAutoReply(deps, meta, params.id, body),
  });
  registerRoute(app, deps, wechatRoutes.deleteAutoReply, {
    access: 'wechat.manage',
    handler: ({ meta, params }) => deleteAutoReply(deps, meta, params.id),
  });
  registerRoute(app, deps, wechatRoutes.menu, {
    access: 'wechat.manage',
    handler: () => menuState(deps),
  });
  registerRoute(app, deps, wechatRoutes.saveMenu, {
    access: 'wechat.manage',
    handler: ({ meta, body }) => saveMenuDraft(deps, meta, body),
  });
  registerRoute(app, deps, wechatRoutes.publishMenu, {
    access: 'wechat.manage',
    handler: ({ meta }) => publishMenu(deps, meta),
  });
  registerRoute(app, deps, wechatRoutes.liveMenu, {
    access: 'wechat.manage',
    handler: () => liveMenu(deps),
  });
}
