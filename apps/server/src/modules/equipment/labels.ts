import { randomBytes } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LABEL_REPORT_PAGE } from '@zhangyi/contracts';
import type { Deps, RequestMeta } from '../../context';
import type { Executor } from '../../db/client';
import { DomainError } from '../../http/errors';
import { signedCookie } from '../../http/route';
import { recordAudit } from '../audit/service';
import { WECHAT_SESSION_COOKIE } from '../wechat/oauth';
import { resolveWechatSession } from '../wechat/sessions';
import { labelUrl, recordDeviceEvent } from './devices';
import { equipmentDevices, equipmentLabels, equipmentSettings } from './schema';

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
/** 22 base62 characters carry 130.9 bits: far beyond guessing, short enough for a small QR code. */
export const TOKEN_LENGTH = 22;
const TOKEN_PATTERN = /^[A-Za-z0-9]{16,40}$/;

/** A random base62 token; bytes ≥ 248 are dropped so every character is equally likely. */
export function newLabelToken(): string {
  let token = '';
  while (token.length < TOKEN_LENGTH) {
    for (const byte of randomBytes(32)) {
      if (byte < 248 && token.length < TOKEN_LENGTH) token += BASE62[byte % 62];
    }
  }
  return token;
}

/**
 * The active tokens of these devices, issuing one for each device without: reprinting keeps a
 * token, so labels already on devices stay valid.
 */
export async function ensureLabels(
  deps: Deps,
  meta: RequestMeta,
  deviceIds: string[],
): Promise<Map<string, { token: string; issuedAt: Date }>> {
  if (deviceIds.length === 0) return new Map();
  return deps.db.transaction(async (tx) => {
    const existing = await tx
      .select()
      .from(equipmentLabels)
      .where(and(inArray(equipmentLabels.deviceId, deviceIds), isNull(equipmentLabels.revokedAt)));
    const out = new Map(
      existing.map((l) => [l.deviceId, { token: l.token, issuedAt: l.createdAt }]),
    );
    const now = deps.clock.now();
    const missing = deviceIds.filter((id) => !out.has(id));
    for (const deviceId of missing) {
      const token = newLabelToken();
      // A concurrent print may have issued one a moment ago: keep whichever landed first.
      const [row] = await tx
        .insert(equipmentLabels)
        .values({ deviceId, token, createdAt: now })
        .onConflictDoNothing()
        .returning();
      if (row) {
        out.set(deviceId, { token, issuedAt: now });
        await recordDeviceEvent(tx, deviceId, 'label_issued', now, meta);
      } else {
        const [other] = await tx
          .select()
          .from(equipmentLabels)
          .where(and(eq(equipmentLabels.deviceId, deviceId), isNull(equipmentLabels.revokedAt)));
        out.set(deviceId, { token: other!.token, issuedAt: other!.createdAt });
      }
    }
    if (missing.length) {
      await recordAudit(tx, meta, {
        action: 'device.label_issue',
        result: 'success',
        objectType: 'device',
        details: { count: missing.length },
      });
    }
    return out;
  });
}

/** The QR code of a URL as an SVG document. */
export async function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
}

/** The device's label (issued now if it has none), with a QR preview. */
export async function labelPreview(deps: Deps, meta: RequestMeta, deviceId: string) {
  const [device] = await deps.db
    .select({ id: equipmentDevices.id })
    .from(equipmentDevices)
    .where(eq(equipmentDevices.id, deviceId));
  if (!device) throw new DomainError('NOT_FOUND');
  const label = (await ensureLabels(deps, meta, [deviceId])).get(deviceId)!;
  const url = labelUrl(deps, label.token);
  return { url, svg: await qrSvg(url), issuedAt: label.issuedAt.toISOString() };
}

/** Revokes the device's active label: printed copies answer "revoked" from now on. */
export async function revokeLabel(
  deps: Deps,
  meta: RequestMeta,
  deviceId: string,
  reason: string,
): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    const revoked = await tx
      .update(equipmentLabels)
      .set({
        revokedAt: now,
        revokedBy: meta.actor.type === 'staff' ? meta.actor.accountId : null,
        revokeReason: reason,
      })
      .where(and(eq(equipmentLabels.deviceId, deviceId), isNull(equipmentLabels.revokedAt)))
      .returning({ id: equipmentLabels.id });
    if (revoked.length === 0) throw new DomainError('NOT_FOUND');
    await recordDeviceEvent(tx, deviceId, 'label_revoked', now, meta, { reason });
    await recordAudit(tx, meta, {
      action: 'device.label_revoke',
      result: 'success',
      objectType: 'device',
      objectId: deviceId,
    });
  });
}

/** Every label a device has had, newest first. */
export async function deviceLabels(deps: Deps, deviceId: string) {
  const rows = await deps.db
    .select()
    .from(equipmentLabels)
    .where(eq(equipmentLabels.deviceId, deviceId))
    .orderBy(equipmentLabels.createdAt);
  return rows.reverse().map((l) => ({
    id: l.id,
    url: labelUrl(deps, l.token),
    issuedAt: l.createdAt.toISOString(),
    revokedAt: l.revokedAt?.toISOString() ?? null,
    revokeReason: l.revokeReason,
  }));
}

/**
 * The device a scanned token names. An unknown token is LABEL_NOT_FOUND; a revoked one
 * LABEL_REVOKED, so the page can say the label itself is the problem.
 */
export async function deviceOfLabel(db: Executor, token: string): Promise<string> {
  if (!TOKEN_PATTERN.test(token)) throw new DomainError('LABEL_NOT_FOUND');
  const [label] = await db.select().from(equipmentLabels).where(eq(equipmentLabels.token, token));
  if (!label) throw new DomainError('LABEL_NOT_FOUND');
  if (label.revokedAt) throw new DomainError('LABEL_REVOKED');
  return label.deviceId;
}

/** Hotline and title printed on labels. */
export async function equipmentSettingsOf(db: Executor) {
  const [row] = await db.select().from(equipmentSettings);
  return { repairHotline: row?.repairHotline ?? null, labelTitle: row?.labelTitle ?? null };
}

/** Changes what labels print besides the device. */
export async function saveEquipmentSettings(
  deps: Deps,
  meta: RequestMeta,
  body: { repairHotline: string | null; labelTitle: string | null },
) {
  const values = { ...body, updatedAt: deps.clock.now() };
  await deps.db
    .insert(equipmentSettings)
    .values({ id: 1, ...values })
    .onConflictDoUpdate({ target: equipmentSettings.id, set: values });
  await recordAudit(deps.db, meta, { action: 'equipment.settings', result: 'success' });
  return equipmentSettingsOf(deps.db);
}

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

function labelProblemPage(
  reply: FastifyReply,
  status: number,
  title: string,
  text: string,
  hotline: string | null,
) {
  const call = hotline
    ? `<a class="primary" href="tel:${escapeHtml(hotline)}">拨打报修电话 ${escapeHtml(hotline)}</a>`
    : '';
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:0;padding:48px 24px;text-align:center;color:#333}
h1{font-size:20px}p{color:#666;font-size:15px;line-height:1.6}a{display:block;margin:16px auto;max-width:280px;padding:12px;border-radius:8px;text-decoration:none}
.primary{background:#1989fa;color:#fff}.secondary{border:1px solid #ddd;color:#333}</style></head>
<body data-test="label-problem"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>${call}
<a class="secondary" href="/h5/repair">手动选择设备报修</a></body></html>`;
  return reply
    .status(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(html);
}

async function hasWechatSession(deps: Deps, request: FastifyRequest): Promise<boolean> {
  const id = signedCookie(request, WECHAT_SESSION_COOKIE);
  if (!id) return false;
  try {
    await resolveWechatSession(deps, id);
    return true;
  } catch {
    return false;
  }
}

/**
 * `GET /r/<token>`, what a label's QR code opens: the report page for the device, through silent
 * OAuth when the phone has no WeChat session yet. Unknown and revoked labels answer with a page
 * saying so, the hotline, and a way to report without the label.
 */
export function labelEntryRoute(app: FastifyInstance, deps: Deps): void {
  app.get('/r/:token', { schema: { hide: true } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    try {
      await deviceOfLabel(deps.db, token);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const { repairHotline } = await equipmentSettingsOf(deps.db);
      return error.code === 'LABEL_REVOKED'
        ? labelProblemPage(
            reply,
            410,
            '标签已停用',
            '这个设备标签已经停用，不能再用来报修。请手动选择设备报修，并联系信息科更换新标签。',
            repairHotline,
          )
        : labelProblemPage(
            reply,
            404,
            '无法识别的标签',
            '这个二维码不是本院的设备标签，或已损坏。请手动选择设备报修。',
            repairHotline,
          );
    }
    const page = LABEL_REPORT_PAGE.replace(':token', token);
    if (await hasWechatSession(deps, request)) return reply.redirect(page);
    return reply.redirect(`/wechat/oauth/start?next=${encodeURIComponent(page)}`);
  });
}
