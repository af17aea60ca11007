import type { Menu } from '@zhangyi/contracts';
import {
  validateMenu,
  WechatApiError,
  WechatError,
  type MenuButton as WechatMenuButton,
} from '@zhangyi/wechat';
import type { Deps, RequestMeta } from '../../context';
import { DomainError } from '../../http/errors';
import { recordAudit } from '../audit/service';
import { wechatSettings } from './schema';
import { DEFAULT_WELCOME } from './replies';

/** The menu a new installation starts with: 就医服务 / 院内服务 / 我的, all into the H5 pages. */
export function defaultMenu(publicUrl: string): Menu {
  const page = (path: string) => `${publicUrl}/h5/${path}`;
  return {
    button: [
      {
        name: '就医服务',
        sub_button: [
          { type: 'view', name: '预约挂号', url: page('coming-soon/booking') },
          { type: 'view', name: '我的预约', url: page('coming-soon/appointments') },
          { type: 'view', name: '报告查询', url: page('coming-soon/reports') },
          { type: 'view', name: '科室导航', url: page('') },
        ],
      },
      {
        name: '院内服务',
        sub_button: [
          { type: 'view', name: '设备报修', url: page('coming-soon/repair') },
          { type: 'view', name: '设备借用', url: page('coming-soon/lending') },
          { type: 'click', name: '联系我们', key: 'CONTACT_US' },
        ],
      },
      { type: 'view', name: '我的', url: page('mine') },
    ],
  };
}

type MenuStateRow = { draft: Menu; published: Menu | null; publishedAt: string | null };

/** The draft (the default menu until one is saved) and what was last published. */
export async function menuState(deps: Deps): Promise<MenuStateRow> {
  const [row] = await deps.db.select().from(wechatSettings);
  return {
    draft: (row?.menuDraft as Menu | null) ?? defaultMenu(deps.config.publicUrl),
    published: (row?.menuPublished as Menu | null) ?? null,
    publishedAt: row?.menuPublishedAt?.toISOString() ?? null,
  };
}

/** Checks a menu against WeChat's limits; MENU_INVALID names the problem. */
function checkMenu(menu: Menu): void {
  try {
    validateMenu(menu.button as WechatMenuButton[]);
  } catch (error) {
    if (error instanceof WechatError)
      throw new DomainError('MENU_INVALID', { problem: error.message });
    throw error;
  }
}

async function writeSettings(
  deps: Deps,
  values: Partial<typeof wechatSettings.$inferInsert>,
): Promise<void> {
  await deps.db
    .insert(wechatSettings)
    .values({ id: 1, welcomeReply: DEFAULT_WELCOME, ...values, updatedAt: deps.clock.now() })
    .onConflictDoUpdate({
      target: wechatSettings.id,
      set: { ...values, updatedAt: deps.clock.now() },
    });
}

/** Saves the draft after checking WeChat's limits. */
export async function saveMenuDraft(
  deps: Deps,
  meta: RequestMeta,
  menu: Menu,
): Promise<MenuStateRow> {
  checkMenu(menu);
  await writeSettings(deps, { menuDraft: menu });
  await recordAudit(deps.db, meta, { action: 'wechat.menu.save', result: 'success' });
  return menuState(deps);
}

/** Publishes the draft through WeChat's menu API. */
export async function publishMenu(deps: Deps, meta: RequestMeta): Promise<MenuStateRow> {
  if (!deps.wechat) throw new DomainError('WECHAT_NOT_CONFIGURED');
  const { draft } = await menuState(deps);
  checkMenu(draft);
  try {
    await deps.wechat.client.menu.create(draft.button as WechatMenuButton[]);
  } catch (error) {
    await recordAudit(deps.db, meta, { action: 'wechat.menu.publish', result: 'failure' });
    if (error instanceof WechatApiError)
      throw new DomainError('WECHAT_API_FAILED', { errcode: error.errcode, errmsg: error.errmsg });
    throw error;
  }
  await writeSettings(deps, {
    menuDraft: draft,
    menuPublished: draft,
    menuPublishedAt: deps.clock.now(),
  });
  await recordAudit(deps.db, meta, { action: 'wechat.menu.publish', result: 'success' });
  return menuState(deps);
}

const BUTTON_FIELDS = [
  'name',
  'type',
  'key',
  'url',
  'appid',
  'pagepath',
  'media_id',
  'article_id',
] as const;

/** WeChat's answer keeps empty `sub_button` lists and other extras; keep the fields we edit. */
function normalizeButton(button: unknown): Menu['button'][number] {
  const source = button as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const field of BUTTON_FIELDS)
    if (typeof source[field] === 'string') out[field] = source[field];
  const subs = source.sub_button;
  if (Array.isArray(subs) && subs.length > 0) out.sub_button = subs.map(normalizeButton);
  return out as Menu['button'][number];
}

/** The menu WeChat shows right now. */
export async function liveMenu(deps: Deps): Promise<{ menu: Menu | null }> {
  if (!deps.wechat) throw new DomainError('WECHAT_NOT_CONFIGURED');
  try {
    const result = await deps.wechat.client.menu.get();
    return { menu: result.menu ? { button: result.menu.button.map(normalizeButton) } : null };
  } catch (error) {
    // 46003: the account has no menu yet.
    if (error instanceof WechatApiError && error.errcode === 46003) return { menu: null };
    if (error instanceof WechatApiError)
      throw new DomainError('WECHAT_API_FAILED', { errcode: error.errcode, errmsg: error.errmsg });
    throw error;
  }
}

/** Publishes the default menu once, for a fresh demo; a failure is logged, not fatal. */
export async function publishMenuOnce(deps: Deps, meta: RequestMeta): Promise<void> {
  if (!deps.wechat || (await menuState(deps)).publishedAt) return;
  try {
    await publishMenu(deps, meta);
  } catch (error) {
    deps.log.warn({ err: error }, 'could not publish the default menu');
  }
}
