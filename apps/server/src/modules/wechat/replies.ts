import { asc, eq } from 'drizzle-orm';
import type { AutoReply, AutoReplyBody, ReplySettings } from '@zhangyi/contracts';
import type { Deps, RequestMeta } from '../../context';
import type { Executor } from '../../db/client';
import { DomainError } from '../../http/errors';
import { recordAudit } from '../audit/service';
import { wechatAutoReplies, wechatSettings } from './schema';

export const DEFAULT_WELCOME =
  '欢迎关注！点击下方菜单可以预约挂号、查看报告、绑定就诊人；院内同事可扫描设备标签报修、借用设备。';

/** Welcome and default replies (defaults until the hospital sets its own). */
export async function replySettings(db: Executor): Promise<ReplySettings> {
  const [row] = await db.select().from(wechatSettings);
  return {
    welcomeReply: row?.welcomeReply ?? DEFAULT_WELCOME,
    defaultReply: row?.defaultReply ?? null,
  };
}

/** Changes the welcome and default replies. */
export async function saveReplySettings(
  deps: Deps,
  meta: RequestMeta,
  input: ReplySettings,
): Promise<ReplySettings> {
  const values = {
    welcomeReply: input.welcomeReply,
    defaultReply: input.defaultReply,
    updatedAt: deps.clock.now(),
  };
  await deps.db.transaction(async (tx) => {
    await tx
      .insert(wechatSettings)
      .values({ id: 1, ...values })
      .onConflictDoUpdate({ target: wechatSettings.id, set: values });
    await recordAudit(tx, meta, { action: 'wechat.reply_settings.save', result: 'success' });
  });
  return replySettings(deps.db);
}

function toAutoReply(row: typeof wechatAutoReplies.$inferSelect): AutoReply {
  return {
    id: row.id,
    matchType: row.matchType as AutoReply['matchType'],
    keyword: row.keyword,
    reply: row.reply,
    enabled: row.enabled,
    priority: row.priority,
  };
}

/** Every keyword rule, in matching order. */
export async function listAutoReplies(db: Executor): Promise<AutoReply[]> {
  const rows = await db
    .select()
    .from(wechatAutoReplies)
    .orderBy(asc(wechatAutoReplies.priority), asc(wechatAutoReplies.createdAt));
  return rows.map(toAutoReply);
}

/** Adds a keyword rule. */
export async function createAutoReply(
  deps: Deps,
  meta: RequestMeta,
  input: AutoReplyBody,
): Promise<AutoReply> {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx.insert(wechatAutoReplies).values(input).returning();
    await recordAudit(tx, meta, {
      action: 'wechat.auto_reply.create',
      result: 'success',
      objectType: 'wechat_auto_reply',
      objectId: row!.id,
    });
    return toAutoReply(row!);
  });
}

/** Changes a keyword rule. */
export async function updateAutoReply(
  deps: Deps,
  meta: RequestMeta,
  id: string,
  input: AutoReplyBody,
): Promise<AutoReply> {
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .update(wechatAutoReplies)
      .set(input)
      .where(eq(wechatAutoReplies.id, id))
      .returning();
    if (!row) throw new DomainError('NOT_FOUND');
    await recordAudit(tx, meta, {
      action: 'wechat.auto_reply.update',
      result: 'success',
      objectType: 'wechat_auto_reply',
      objectId: id,
    });
    return toAutoReply(row);
  });
}

/** Removes a keyword rule. */
export async function deleteAutoReply(deps: Deps, meta: RequestMeta, id: string): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const rows = await tx
      .delete(wechatAutoReplies)
      .where(eq(wechatAutoReplies.id, id))
      .returning({ id: wechatAutoReplies.id });
    if (rows.length === 0) throw new DomainError('NOT_FOUND');
    await recordAudit(tx, meta, {
      action: 'wechat.auto_reply.delete',
      result: 'success',
      objectType: 'wechat_auto_reply',
      objectId: id,
    });
  });
}

/** The reply for a text (or a menu key): exact rules first, then "contains", by priority. */
export async function matchKeyword(db: Executor, text: string): Promise<string | undefined> {
  const rules = (await listAutoReplies(db)).filter((r) => r.enabled);
  const needle = text.trim();
  const exact = rules.find((r) => r.matchType === 'exact' && r.keyword === needle);
  if (exact) return exact.reply;
  return rules.find((r) => r.matchType === 'contains' && needle.includes(r.keyword))?.reply;
}
