import { eq } from 'drizzle-orm';
import {
  notificationKinds,
  type NotificationKind,
  type NotificationTemplate,
  type RenderedNotice,
  type SaveNotificationTemplateBody,
} from '@zhangyi/contracts';
import type { Deps, RequestMeta } from '../../context';
import type { Executor } from '../../db/client';
import { DomainError } from '../../http/errors';
import { recordAudit } from '../audit/service';
import { notificationTemplates } from './schema';

type TemplateRow = typeof notificationTemplates.$inferSelect;

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;

/** True for a kind in the catalogue. */
export function isNotificationKind(kind: string): kind is NotificationKind {
  return Object.hasOwn(notificationKinds, kind);
}

function requireKind(kind: string): NotificationKind {
  if (!isNotificationKind(kind)) throw new DomainError('NOTIFICATION_KIND_UNKNOWN', { kind });
  return kind;
}

function availableFields(kind: NotificationKind): string[] {
  return Object.keys(notificationKinds[kind].fields);
}

function toTemplate(kind: NotificationKind, row: TemplateRow | undefined): NotificationTemplate {
  return {
    kind,
    templateId: row?.templateId ?? null,
    fields: row?.fields ?? {},
    url: row?.url ?? null,
    enabled: row?.enabled ?? false,
    availableFields: availableFields(kind),
  };
}

/** Every kind of the catalogue with the hospital's mapping (or none yet). */
export async function listTemplates(db: Executor): Promise<NotificationTemplate[]> {
  const rows = await db.select().from(notificationTemplates);
  const byKind = new Map(rows.map((row) => [row.kind, row]));
  return (Object.keys(notificationKinds) as NotificationKind[]).map((kind) =>
    toTemplate(kind, byKind.get(kind)),
  );
}

/** The stored mapping of a kind, if any. */
export async function templateFor(db: Executor, kind: string): Promise<TemplateRow | undefined> {
  const [row] = await db
    .select()
    .from(notificationTemplates)
    .where(eq(notificationTemplates.kind, kind));
  return row;
}

/** Placeholders that name data the kind does not carry. */
function unknownPlaceholders(kind: NotificationKind, patterns: string[]): string[] {
  const known = new Set(availableFields(kind));
  const unknown = new Set<string>();
  for (const pattern of patterns) {
    for (const match of pattern.matchAll(PLACEHOLDER))
      if (!known.has(match[1]!)) unknown.add(match[1]!);
  }
  return [...unknown];
}

function validateMapping(kind: NotificationKind, body: SaveNotificationTemplateBody): void {
  const unknown = unknownPlaceholders(kind, [...Object.values(body.fields), body.url ?? '']);
  if (unknown.length > 0)
    throw new DomainError('TEMPLATE_FIELD_UNKNOWN', {
      fields: unknown,
      available: availableFields(kind),
    });
}

/** Saves the hospital's template for a kind, after checking every placeholder exists. */
export async function saveTemplate(
  deps: Deps,
  meta: RequestMeta,
  kindName: string,
  body: SaveNotificationTemplateBody,
): Promise<NotificationTemplate> {
  const kind = requireKind(kindName);
  validateMapping(kind, body);
  return deps.db.transaction(async (tx) => {
    const values = {
      templateId: body.templateId,
      fields: body.fields,
      url: body.url,
      enabled: body.enabled,
      updatedAt: deps.clock.now(),
    };
    const [row] = await tx
      .insert(notificationTemplates)
      .values({ kind, ...values })
      .onConflictDoUpdate({ target: notificationTemplates.kind, set: values })
      .returning();
    await recordAudit(tx, meta, {
      action: 'notification_template.save',
      result: 'success',
      objectType: 'notification_template',
      objectId: kind,
    });
    return toTemplate(kind, row);
  });
}

/** A placeholder whose value the notice does not have; sending it would show an empty field. */
export class MissingNoticeDataError extends Error {
  constructor(readonly field: string) {
    super(`notice data has no "${field}"`);
  }
}

function fill(pattern: string, data: Record<string, string>): string {
  return pattern.replace(PLACEHOLDER, (_, name: string) => {
    const value = data[name];
    if (value === undefined) throw new MissingNoticeDataError(name);
    return value;
  });
}

/** Renders a mapping with a notice's data into WeChat's template-message shape. */
export function renderNotice(
  mapping: { templateId: string; fields: Record<string, string>; url: string | null },
  data: Record<string, string>,
  publicUrl: string,
): RenderedNotice {
  const rendered: RenderedNotice['data'] = {};
  for (const [keyword, pattern] of Object.entries(mapping.fields))
    rendered[keyword] = { value: fill(pattern, data) };
  let url: string | null = null;
  if (mapping.url) {
    const filled = fill(mapping.url, data);
    url = /^https?:\/\//.test(filled)
      ? filled
      : `${publicUrl}${filled.startsWith('/') ? '' : '/'}${filled}`;
  }
  return { templateId: mapping.templateId, url, data: rendered };
}

/** Renders an unsaved mapping with the kind's sample data, for the admin's preview. */
export function previewTemplate(
  kindName: string,
  body: SaveNotificationTemplateBody,
  publicUrl: string,
): RenderedNotice {
  const kind = requireKind(kindName);
  validateMapping(kind, body);
  return renderNotice(body, notificationKinds[kind].fields, publicUrl);
}

/** The sample data of a kind (test sends). */
export function sampleData(kind: NotificationKind): Record<string, string> {
  return { ...notificationKinds[kind].fields };
}
