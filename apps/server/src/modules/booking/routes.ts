import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { bookingAdminRoutes as admin, bookingRoutes as routes } from '@zhangyi/contracts';
import type { Deps } from '../../context';
import { DomainError } from '../../http/errors';
import { registerRoute } from '../../http/route';
import { yuanNumber } from '../../lib/money';
import { sheetWorkbook, sendXlsx } from '../../lib/xlsx';
import { adminAppointment, adminAppointments, appointmentsForExport } from './admin';
import {
  PERIOD_ZH,
  book,
  cancelAppointment,
  checkIn,
  myAppointment,
  myAppointments,
  payAppointment,
  stopClinic,
  stopProgress,
  syncAppointment,
} from './appointments';
import {
  adminSchedule,
  adminSchedules,
  changeOnlineRatio,
  createTemplate,
  deleteTemplate,
  generateSchedules,
  listTemplates,
  publicSchedule,
  publicSchedules,
  updateTemplate,
} from './schedules';
import {
  bookingSettingsView,
  loadSettings,
  rulesOf,
  saveBookingSettings,
  setDepartmentRatio,
} from './settings';

const STATUS_ZH: Record<string, string> = {
  held: '待支付',
  confirmed: '已预约',
  checked_in: '已报到',
  expired: '已失效',
  cancelled: '已取消',
  no_show: '爽约',
};

const digest = (text: string) => createHash('sha256').update(text).digest();

/** The kiosk presenting a configured key (`Authorization: Bearer <key>`), or undefined. */
function kioskOf(deps: Deps, request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header?.startsWith('Bearer ')) return undefined;
  const given = digest(header.slice(7).trim());
  // Compare digests so every comparison takes the same time whatever the key's length.
  return deps.config.kiosks.find((k) => timingSafeEqual(digest(k.key), given))?.name;
}

/** Schedules and appointments for patients, check-in, and the administration of number sources. */
export function bookingRoutesPlugin(app: FastifyInstance, deps: Deps): void {
  registerRoute(app, deps, routes.schedules, {
    access: 'public',
    handler: async ({ query }) => ({
      rules: rulesOf(await loadSettings(deps.db)),
      items: await publicSchedules(deps, query),
    }),
  });
  registerRoute(app, deps, routes.schedule, {
    access: 'public',
    handler: ({ params }) => publicSchedule(deps, params.id),
  });
  registerRoute(app, deps, routes.book, {
    access: 'wechat_user',
    handler: ({ meta, wechatSession, body }) => book(deps, meta, wechatSession!.openid, body),
  });
  registerRoute(app, deps, routes.list, {
    access: 'wechat_user',
    handler: ({ wechatSession, query }) =>
      myAppointments(deps, wechatSession!.openid, query.scope ?? 'upcoming'),
  });
  registerRoute(app, deps, routes.get, {
    access: 'wechat_user',
    handler: ({ wechatSession, params }) => myAppointment(deps, wechatSession!.openid, params.id),
  });
  registerRoute(app, deps, routes.pay, {
    access: 'wechat_user',
    handler: ({ wechatSession, params }) => payAppointment(deps, wechatSession!.openid, params.id),
  });
  registerRoute(app, deps, routes.sync, {
    access: 'wechat_user',
    handler: ({ wechatSession, params }) => syncAppointment(deps, wechatSession!.openid, params.id),
  });
  registerRoute(app, deps, routes.cancel, {
    access: 'wechat_user',
    handler: ({ meta, wechatSession, params, body }) =>
      cancelAppointment(deps, meta, wechatSession!.openid, params.id, body.reason),
  });
  registerRoute(app, deps, routes.checkIn, {
    access: 'appointments.check_in',
    handler: ({ meta, body }) =>
      checkIn(deps, meta, body.token, {
        actorType: 'staff',
        actorId: meta.actor.type === 'staff' ? meta.actor.accountId : null,
      }),
  });
  registerRoute(app, deps, routes.kioskCheckIn, {
    access: 'public',
    handler: ({ meta, body, request }) => {
      const kiosk = kioskOf(deps, request);
      if (!kiosk) throw new DomainError('UNAUTHENTICATED');
      return checkIn(deps, meta, body.token, { actorType: 'kiosk', actorId: kiosk });
    },
  });

  const manage = 'booking.manage' as const;
  registerRoute(app, deps, admin.settings, {
    access: manage,
    handler: () => bookingSettingsView(deps.db),
  });
  registerRoute(app, deps, admin.saveSettings, {
    access: manage,
    handler: ({ meta, body }) => saveBookingSettings(deps, meta, body),
  });
  registerRoute(app, deps, admin.setDepartmentRatio, {
    access: manage,
    handler: ({ meta, params, body }) =>
      setDepartmentRatio(deps, meta, params.id, body.onlineRatioPercent),
  });
  registerRoute(app, deps, admin.templates, {
    access: manage,
    handler: ({ query }) => listTemplates(deps.db, query),
  });
  registerRoute(app, deps, admin.createTemplate, {
    access: manage,
    handler: ({ meta, body }) => createTemplate(deps, meta, body),
  });
  registerRoute(app, deps, admin.updateTemplate, {
    access: manage,
    handler: ({ meta, params, body }) => updateTemplate(deps, meta, params.id, body),
  });
  registerRoute(app, deps, admin.deleteTemplate, {
    access: manage,
    handler: ({ meta, params }) => deleteTemplate(deps, meta, params.id),
  });
  registerRoute(app, deps, admin.generate, {
    access: manage,
    handler: async () => ({ created: await generateSchedules(deps) }),
  });
  const progress = (id: string) => stopProgress(deps, id);
  registerRoute(app, deps, admin.schedules, {
    access: manage,
    handler: ({ query }) => adminSchedules(deps, query, progress),
  });
  registerRoute(app, deps, admin.schedule, {
    access: manage,
    handler: ({ params }) => adminSchedule(deps, params.id, progress),
  });
  registerRoute(app, deps, admin.updateSchedule, {
    access: manage,
    handler: async ({ meta, params, body }) => {
      await changeOnlineRatio(deps, meta, params.id, body.onlineRatioPercent);
      return adminSchedule(deps, params.id, progress);
    },
  });
  registerRoute(app, deps, admin.stop, {
    access: manage,
    handler: async ({ meta, params, body }) => {
      await stopClinic(deps, meta, params.id, body.reason);
      return adminSchedule(deps, params.id, progress);
    },
  });
  registerRoute(app, deps, admin.appointments, {
    access: 'appointments.read',
    handler: ({ query }) => adminAppointments(deps, query),
  });
  registerRoute(app, deps, admin.exportAppointments, {
    access: 'appointments.read',
    rawReply: true,
    handler: async ({ query, reply }) => {
      const items = await appointmentsForExport(deps, query);
      const book = await sheetWorkbook(
        '预约记录',
        [
          { header: '就诊日期' },
          { header: '时段' },
          { header: '序号' },
          { header: '科室' },
          { header: '医生' },
          { header: '就诊人' },
          { header: '手机' },
          { header: '状态' },
          { header: '挂号费（元）' },
          { header: '支付状态' },
          { header: '商户订单号', width: 30 },
          { header: '预约时间', width: 22 },
        ],
        items.map((a) => [
          a.date,
          PERIOD_ZH[a.period] ?? a.period,
          a.seq,
          a.departmentName,
          a.doctorName,
          a.patientName,
          a.patientPhoneMasked,
          STATUS_ZH[a.status] ?? a.status,
          yuanNumber(a.feeFen),
          a.paymentStatus,
          a.outTradeNo,
          a.createdAt,
        ]),
      );
      sendXlsx(reply, '预约记录.xlsx', book);
    },
  });
  registerRoute(app, deps, admin.appointment, {
    access: 'appointments.read',
    handler: ({ params }) => adminAppointment(deps, params.id),
  });
}
