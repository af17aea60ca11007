import { Type, type Static } from 'typebox';
import { defineRoute } from './route';
import { IdParams, Timestamp } from './common';

export const WechatMe = Type.Object({
  openid: Type.String(),
  subscribed: Type.Boolean(),
  /** Send back as `X-CSRF-Token` on state-changing requests of this session. */
  csrfToken: Type.String(),
  expiresAt: Timestamp,
});
export type WechatMe = Static<typeof WechatMe>;

const MenuLeafFields = {
  name: Type.String({ minLength: 1, maxLength: 60 }),
  type: Type.Optional(Type.String({ maxLength: 32 })),
  key: Type.Optional(Type.String({ maxLength: 128 })),
  url: Type.Optional(Type.String({ maxLength: 1024 })),
  appid: Type.Optional(Type.String({ maxLength: 64 })),
  pagepath: Type.Optional(Type.String({ maxLength: 256 })),
  media_id: Type.Optional(Type.String({ maxLength: 128 })),
  article_id: Type.Optional(Type.String({ maxLength: 128 })),
};
const MenuLeaf = Type.Object(MenuLeafFields, { additionalProperties: false });

/** A custom-menu button in WeChat's own JSON shape (two levels at most). */
export const MenuButton = Type.Object(
  { ...MenuLeafFields, sub_button: Type.Optional(Type.Array(MenuLeaf, { maxItems: 5 })) },
  { additionalProperties: false },
);
export type MenuButton = Static<typeof MenuButton>;

export const Menu = Type.Object(
  { button: Type.Array(MenuButton, { maxItems: 3 }) },
  { additionalProperties: false },
);
export type Menu = Static<typeof Menu>;

export const MenuState = Type.Object({
  draft: Menu,
  published: Type.Union([Menu, Type.Null()]),
  publishedAt: Type.Union([Timestamp, Type.Null()]),
});

export const ReplySettings = Type.Object(
  {
    welcomeReply: Type.String({ minLength: 1, maxLength: 600 }),
    defaultReply: Type.Union([Type.String({ minLength: 1, maxLength: 600 }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type ReplySettings = Static<typeof ReplySettings>;

export const AutoReplyBody = Type.Object(
  {
    matchType: Type.Union([Type.Literal('exact'), Type.Literal('contains')]),
    keyword: Type.String({ minLength: 1, maxLength: 30 }),
    reply: Type.String({ minLength: 1, maxLength: 600 }),
    enabled: Type.Boolean(),
    priority: Type.Integer({ minimum: 0, maximum: 1000 }),
  },
  { additionalProperties: false },
);
export type AutoReplyBody = Static<typeof AutoReplyBody>;

export const AutoReply = Type.Object({ id: Type.String(), ...AutoReplyBody.properties });
export type AutoReply = Static<typeof AutoReply>;

export const JssdkConfig = Type.Object({
  /** Where the page loads `jweixin-1.6.0.js` from (WeChat's CDN in production). */
  scriptUrl: Type.String(),
  appId: Type.String(),
  timestamp: Type.Integer(),
  nonceStr: Type.String(),
  signature: Type.String(),
});
export type JssdkConfig = Static<typeof JssdkConfig>;

export const wechatRoutes = {
  jssdkConfig: defineRoute({
    method: 'GET',
    path: '/api/wechat/jssdk-config',
    summary: 'The wx.config signature for a page URL of ours (the URL without #…)',
    tag: 'wechat',
    query: Type.Object(
      { url: Type.String({ minLength: 8, maxLength: 1024 }) },
      { additionalProperties: false },
    ),
    response: JssdkConfig,
  }),
  me: defineRoute({
    method: 'GET',
    path: '/api/wechat/me',
    summary: 'The WeChat user of this H5 session (after OAuth)',
    tag: 'wechat',
    response: WechatMe,
  }),
  replySettings: defineRoute({
    method: 'GET',
    path: '/api/admin/wechat/reply-settings',
    summary: 'Welcome and default replies',
    tag: 'wechat',
    response: ReplySettings,
  }),
  saveReplySettings: defineRoute({
    method: 'PUT',
    path: '/api/admin/wechat/reply-settings',
    summary: 'Change the welcome and default replies',
    tag: 'wechat',
    body: ReplySettings,
    response: ReplySettings,
  }),
  autoReplies: defineRoute({
    method: 'GET',
    path: '/api/admin/wechat/auto-replies',
    summary: 'Keyword auto-replies',
    tag: 'wechat',
    response: Type.Array(AutoReply),
  }),
  createAutoReply: defineRoute({
    method: 'POST',
    path: '/api/admin/wechat/auto-replies',
    summary: 'Add a keyword auto-reply',
    tag: 'wechat',
    body: AutoReplyBody,
    response: AutoReply,
  }),
  updateAutoReply: defineRoute({
    method: 'PUT',
    path: '/api/admin/wechat/auto-replies/:id',
    summary: 'Change a keyword auto-reply',
    tag: 'wechat',
    params: IdParams,
    body: AutoReplyBody,
    response: AutoReply,
  }),
  deleteAutoReply: defineRoute({
    method: 'DELETE',
    path: '/api/admin/wechat/auto-replies/:id',
    summary: 'Remove a keyword auto-reply',
    tag: 'wechat',
    params: IdParams,
  }),
  menu: defineRoute({
    method: 'GET',
    path: '/api/admin/wechat/menu',
    summary: 'The custom menu: draft and last published',
    tag: 'wechat',
    response: MenuState,
  }),
  saveMenu: defineRoute({
    method: 'PUT',
    path: '/api/admin/wechat/menu',
    summary: "Save the menu draft (checked against WeChat's limits)",
    tag: 'wechat',
    body: Menu,
    response: MenuState,
  }),
  publishMenu: defineRoute({
    method: 'POST',
    path: '/api/admin/wechat/menu/publish',
    summary: 'Publish the draft menu to WeChat',
    tag: 'wechat',
    response: MenuState,
  }),
  liveMenu: defineRoute({
    method: 'GET',
    path: '/api/admin/wechat/menu/live',
    summary: 'The menu WeChat currently shows',
    tag: 'wechat',
    response: Type.Object({ menu: Type.Union([Menu, Type.Null()]) }),
  }),
};
