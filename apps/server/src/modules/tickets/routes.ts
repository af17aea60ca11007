import type { FastifyInstance, FastifyReply } from 'fastify';
import {
  adminTicketRoutes as admin,
  engineerRoutes as engineer,
  PHOTO_MAX_BYTES,
  repairRoutes as repair,
  XLSX_TYPE,
} from '@zhangyi/contracts';
import type { Deps, RequestMeta } from '../../context';
import { DomainError } from '../../http/errors';
import { registerRoute } from '../../http/route';
import { departments } from '../directory/schema';
import { actOnTicket } from './act';
import { requireWorker, ticketActor } from './actor';
import {
  addShift,
  createGroup,
  deleteGroup,
  deleteShift,
  listAssignees,
  listDispatchRules,
  listGroups,
  listShifts,
  saveDispatchRules,
  saveSlaTargets,
  saveTicketSettings,
  slaTargets,
  ticketSettingsOf,
  updateGroup,
} from './dispatch';
import { createFaultType, deleteFaultType, listFaultTypes, updateFaultType } from './fault-types';
import { photoRow, uploadedBy, uploadPhoto } from './photos';
import {
  departmentDevices,
  deviceContext,
  genericFaultTypes,
  joinTicket,
  labelContext,
  recordPhoneReport,
  repairDepartments,
  reporterOf,
  saveContact,
  submitReport,
} from './report';
import { ticketGroups } from './schema';
import { ticketStats } from './stats';
import { statsWorkbook } from './stats-export';
import {
  adminTickets,
  engineerMe,
  engineerQueue,
  myTickets,
  standing,
  ticketDetail,
  ticketRow,
} from './views';

const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'application/octet-stream'];

/** Sends a photo the caller may see: attached ones to those who see the ticket, others to their uploader. */
async function sendPhoto(deps: Deps, meta: RequestMeta, id: string, reply: FastifyReply) {
  const actor = await ticketActor(deps, meta);
  const photo = await photoRow(deps.db, id);
  let allowed = false;
  if (photo?.ticketId) {
    const ticket = await ticketRow(deps.db, photo.ticketId);
    allowed = (await standing(deps.db, actor, ticket)).viewer !== undefined;
  } else if (photo) allowed = uploadedBy(photo, actor);
  if (!photo || !allowed) throw new DomainError('NOT_FOUND');
  reply.type(photo.contentType).header('content-length', String(photo.size)).send(photo.bytes);
}

/** Reporting and the reporter's tickets, engineers' pages, and the console's ticket administration. */
export function ticketRoutesPlugin(app: FastifyInstance, deps: Deps): void {
  // Photos arrive as the raw image; the type is judged from the bytes, not from this header.
  for (const type of IMAGE_TYPES) {
    if (!app.hasContentTypeParser(type))
      app.addContentTypeParser(
        type,
        { parseAs: 'buffer', bodyLimit: 2 * PHOTO_MAX_BYTES },
        (_request, body, done) => done(null, body),
      );
  }
  const photoBody = (body: unknown): Buffer => {
    if (!Buffer.isBuffer(body)) throw new DomainError('PHOTO_TYPE');
    return body;
  };

  // ——— H5: reporting (any WeChat user) ———
  registerRoute(app, deps, repair.labelContext, {
    access: 'wechat_user',
    handler: ({ meta, params }) => labelContext(deps, meta, params.token),
  });
  registerRoute(app, deps, repair.deviceContext, {
    access: 'wechat_user',
    handler: ({ meta, params }) => deviceContext(deps, meta, params.id),
  });
  registerRoute(app, deps, repair.devices, {
    access: 'wechat_user',
    handler: ({ query }) => departmentDevices(deps, query.departmentId, query.q),
  });
  registerRoute(app, deps, repair.departments, {
    access: 'wechat_user',
    handler: () => repairDepartments(deps.db),
  });
  registerRoute(app, deps, repair.faultTypes, {
    access: 'wechat_user',
    handler: () => genericFaultTypes(deps.db),
  });
  registerRoute(app, deps, repair.me, {
    access: 'wechat_user',
    handler: async ({ meta }) => reporterOf(deps, await ticketActor(deps, meta)),
  });
  registerRoute(app, deps, repair.saveContact, {
    access: 'wechat_user',
    handler: ({ meta, body }) => saveContact(deps, meta, body),
  });
  registerRoute(app, deps, repair.uploadPhoto, {
    access: 'wechat_user',
    handler: async ({ meta, request }) =>
      uploadPhoto(deps, await ticketActor(deps, meta), photoBody(request.body)),
  });
  registerRoute(app, deps, repair.photo, {
    access: 'wechat_user',
    rawReply: true,
    handler: ({ meta, params, reply }) => sendPhoto(deps, meta, params.id, reply),
  });
  registerRoute(app, deps, repair.report, {
    access: 'wechat_user',
    handler: ({ meta, body }) => submitReport(deps, meta, body),
  });
  registerRoute(app, deps, repair.join, {
    access: 'wechat_user',
    handler: ({ meta, params, body }) => joinTicket(deps, meta, params.id, body),
  });
  registerRoute(app, deps, repair.mine, {
    access: 'wechat_user',
    handler: async ({ meta, query }) => myTickets(deps, await ticketActor(deps, meta), query),
  });
  registerRoute(app, deps, repair.ticket, {
    access: 'wechat_user',
    handler: async ({ meta, params }) =>
      ticketDetail(deps, meta, await ticketActor(deps, meta), params.id),
  });
  registerRoute(app, deps, repair.act, {
    access: 'wechat_user',
    handler: ({ meta, params, body }) => actOnTicket(deps, meta, params.id, body),
  });

  // ——— H5: engineers (staff bound to the WeChat user) ———
  registerRoute(app, deps, engineer.me, {
    access: 'wechat_user',
    handler: async ({ meta }) => engineerMe(deps, await ticketActor(deps, meta)),
  });
  registerRoute(app, deps, engineer.queue, {
    access: 'wechat_user',
    handler: async ({ meta, query }) => engineerQueue(deps, await ticketActor(deps, meta), query),
  });
  registerRoute(app, deps, engineer.assignees, {
    access: 'wechat_user',
    handler: async ({ meta }) => {
      requireWorker(await ticketActor(deps, meta));
      return listAssignees(deps);
    },
  });

  // ——— Console ———
  const work = 'tickets.work' as const;
  const manage = 'tickets.manage' as const;
  registerRoute(app, deps, admin.list, {
    access: work,
    handler: async ({ meta, query }) => adminTickets(deps, await ticketActor(deps, meta), query),
  });
  registerRoute(app, deps, admin.ticket, {
    access: work,
    handler: async ({ meta, params }) =>
      ticketDetail(deps, meta, await ticketActor(deps, meta), params.id),
  });
  registerRoute(app, deps, admin.act, {
    access: work,
    handler: ({ meta, params, body }) => actOnTicket(deps, meta, params.id, body),
  });
  registerRoute(app, deps, admin.create, {
    access: work,
    handler: ({ meta, body }) => recordPhoneReport(deps, meta, body),
  });
  registerRoute(app, deps, admin.photo, {
    access: work,
    rawReply: true,
    handler: ({ meta, params, reply }) => sendPhoto(deps, meta, params.id, reply),
  });
  registerRoute(app, deps, admin.uploadPhoto, {
    access: work,
    handler: async ({ meta, request }) =>
      uploadPhoto(deps, await ticketActor(deps, meta), photoBody(request.body)),
  });
  registerRoute(app, deps, admin.assignees, {
    access: work,
    handler: () => listAssignees(deps),
  });
  registerRoute(app, deps, admin.faultTypes, {
    access: work,
    handler: () => listFaultTypes(deps.db),
  });
  registerRoute(app, deps, admin.createFaultType, {
    access: manage,
    handler: ({ meta, body }) => createFaultType(deps, meta, body),
  });
  registerRoute(app, deps, admin.updateFaultType, {
    access: manage,
    handler: ({ meta, params, body }) => updateFaultType(deps, meta, params.id, body),
  });
  registerRoute(app, deps, admin.deleteFaultType, {
    access: manage,
    handler: ({ meta, params }) => deleteFaultType(deps, meta, params.id),
  });
  registerRoute(app, deps, admin.groups, {
    access: work,
    handler: () => listGroups(deps),
  });
  registerRoute(app, deps, admin.createGroup, {
    access: manage,
    handler: ({ meta, body }) => createGroup(deps, meta, body),
  });
  registerRoute(app, deps, admin.updateGroup, {
    access: manage,
    handler: ({ meta, params, body }) => updateGroup(deps, meta, params.id, body),
  });
  registerRoute(app, deps, admin.deleteGroup, {
    access: manage,
    handler: ({ meta, params }) => deleteGroup(deps, meta, params.id),
  });
  registerRoute(app, deps, admin.dispatchRules, {
    access: work,
    handler: () => listDispatchRules(deps.db),
  });
  registerRoute(app, deps, admin.saveDispatchRules, {
    access: manage,
    handler: ({ meta, body }) => saveDispatchRules(deps, meta, body),
  });
  registerRoute(app, deps, admin.roster, {
    access: work,
    handler: ({ query }) => listShifts(deps, query),
  });
  registerRoute(app, deps, admin.addShift, {
    access: manage,
    handler: ({ meta, body }) => addShift(deps, meta, body),
  });
  registerRoute(app, deps, admin.deleteShift, {
    access: manage,
    handler: ({ meta, params }) => deleteShift(deps, meta, params.id),
  });
  registerRoute(app, deps, admin.sla, {
    access: work,
    handler: () => slaTargets(deps.db),
  });
  registerRoute(app, deps, admin.saveSla, {
    access: manage,
    handler: ({ meta, body }) => saveSlaTargets(deps, meta, body),
  });
  registerRoute(app, deps, admin.settings, {
    access: work,
    handler: () => ticketSettingsOf(deps.db),
  });
  registerRoute(app, deps, admin.saveSettings, {
    access: manage,
    handler: ({ meta, body }) => saveTicketSettings(deps, meta, body),
  });
  registerRoute(app, deps, admin.stats, {
    access: 'tickets.stats',
    handler: async ({ query }) => (await ticketStats(deps, query)).stats,
  });
  registerRoute(app, deps, admin.statsExport, {
    access: 'tickets.stats',
    rawReply: true,
    handler: async ({ query, reply }) => {
      const { stats, tickets } = await ticketStats(deps, query);
      const depts = await deps.db
        .select({ id: departments.id, name: departments.name })
        .from(departments);
      const groups = await deps.db
        .select({ id: ticketGroups.id, name: ticketGroups.name })
        .from(ticketGroups);
      const workbook = await statsWorkbook(stats, tickets, deps.config.timeZone, {
        department: new Map(depts.map((d) => [d.id, d.name])),
        group: new Map(groups.map((g) => [g.id, g.name])),
      });
      reply
        .type(XLSX_TYPE)
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(`报修统计-${query.from}-${query.to}.xlsx`)}`,
        )
        .send(workbook);
    },
  });
}
