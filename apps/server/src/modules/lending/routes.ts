import type { FastifyInstance } from 'fastify';
import { adminLendingRoutes as admin, lendingRoutes as h5 } from '@zhangyi/contracts';
import type { Deps, RequestMeta } from '../../context';
import { DomainError } from '../../http/errors';
import { registerRoute } from '../../http/route';
import { sendXlsx } from '../../lib/xlsx';
import { departments } from '../directory/schema';
import { eq } from 'drizzle-orm';
import { lendingActor } from './actor';
import {
  listApplicants,
  listLendingCategories,
  recallModel,
  removeApplicant,
  removeLendingCategory,
  removePoolDevice,
  saveApplicant,
  saveLendingCategory,
  savePoolDevice,
} from './admin';
import {
  allAnnouncements,
  deleteAnnouncement,
  publishedAnnouncement,
  publishedAnnouncements,
  saveAnnouncement,
} from './announcements';
import {
  confirmDisinfection,
  grantOverride,
  handOver,
  listOverrides,
  requestOverride,
  scanLabel,
  takeBack,
} from './custody';
import {
  approveLoan,
  cancelLoan,
  confirmLoan,
  rejectLoan,
  requestLoan,
  requestReturn,
} from './loans';
import { categoryAvailability, poolDevices } from './pool';
import { lendingSettingsOf, saveLendingSettings } from './settings';
import { monthlyStatement, statementWorkbook } from './statements';
import { lendingStats } from './stats';
import { statsWorkbook } from './stats-export';
import { listLoans, loanCounts, loanDetail } from './views';

/** 个人: the caller, their department and counts. */
async function me(deps: Deps, meta: RequestMeta) {
  const actor = await lendingActor(deps, meta);
  const [department] = actor.departmentId
    ? await deps.db
        .select({ id: departments.id, name: departments.name })
        .from(departments)
        .where(eq(departments.id, actor.departmentId))
    : [];
  return {
    accountId: actor.accountId!,
    name: actor.name,
    department: department ?? null,
    isApplicant: actor.departmentId !== null,
    isManager: actor.manager,
    counts: await loanCounts(deps, actor),
  };
}

/** A department's statement for an applicant; any (or every) department's for a manager. */
async function statementFor(deps: Deps, meta: RequestMeta, month: string, departmentId?: string) {
  const actor = await lendingActor(deps, meta);
  if (actor.manager) return monthlyStatement(deps, month, departmentId);
  if (actor.departmentId === null) throw new DomainError('LENDING_NOT_APPLICANT');
  return monthlyStatement(deps, month, actor.departmentId);
}

/**
 * H5 routes for bound staff (applicants and managers, told apart in the operations) and the
 * console's routes for equipment managers.
 */
export function lendingRoutesPlugin(app: FastifyInstance, deps: Deps): void {
  const staff = 'wechat_user' as const;
  const manage = 'lending.manage' as const;

  // ——— H5 ———
  registerRoute(app, deps, h5.me, { access: staff, handler: ({ meta }) => me(deps, meta) });
  registerRoute(app, deps, h5.categories, {
    access: staff,
    handler: async ({ meta }) => {
      await lendingActor(deps, meta);
      return categoryAvailability(deps);
    },
  });
  registerRoute(app, deps, h5.devices, {
    access: staff,
    handler: async ({ meta, query }) => {
      await lendingActor(deps, meta);
      return poolDevices(deps, deps.db, query);
    },
  });
  registerRoute(app, deps, h5.request, {
    access: staff,
    handler: ({ meta, body }) => requestLoan(deps, meta, body),
  });
  registerRoute(app, deps, h5.list, {
    access: staff,
    handler: async ({ meta, query }) => listLoans(deps, await lendingActor(deps, meta), query),
  });
  registerRoute(app, deps, h5.detail, {
    access: staff,
    handler: async ({ meta, params }) =>
      loanDetail(deps, await lendingActor(deps, meta), params.id),
  });
  registerRoute(app, deps, h5.scan, {
    access: staff,
    handler: ({ meta, params }) => scanLabel(deps, meta, params.token),
  });
  registerRoute(app, deps, h5.statement, {
    access: staff,
    handler: ({ meta, query }) => statementFor(deps, meta, query.month, query.departmentId),
  });
  registerRoute(app, deps, h5.announcements, {
    access: staff,
    handler: async ({ meta }) => {
      await lendingActor(deps, meta);
      return publishedAnnouncements(deps);
    },
  });
  registerRoute(app, deps, h5.announcement, {
    access: staff,
    handler: async ({ meta, params }) => {
      await lendingActor(deps, meta);
      return publishedAnnouncement(deps, params.id);
    },
  });

  // Operations shared by the H5 pages and the console.
  for (const [routes, access] of [
    [h5, staff],
    [admin, manage],
  ] as const) {
    registerRoute(app, deps, routes.cancel, {
      access,
      handler: ({ meta, params, body }) => cancelLoan(deps, meta, params.id, body.note),
    });
    registerRoute(app, deps, routes.approve, {
      access,
      handler: ({ meta, params, body }) => approveLoan(deps, meta, params.id, body.note),
    });
    registerRoute(app, deps, routes.reject, {
      access,
      handler: ({ meta, params, body }) => rejectLoan(deps, meta, params.id, body.reason),
    });
    registerRoute(app, deps, routes.confirm, {
      access,
      handler: ({ meta, params, body }) => confirmLoan(deps, meta, params.id, body.note),
    });
    registerRoute(app, deps, routes.handover, {
      access,
      handler: ({ meta, params, body }) => handOver(deps, meta, params.id, body),
    });
    registerRoute(app, deps, routes.return, {
      access,
      handler: ({ meta, body }) => takeBack(deps, meta, body),
    });
    registerRoute(app, deps, routes.disinfect, {
      access,
      handler: ({ meta, body }) => confirmDisinfection(deps, meta, body),
    });
    registerRoute(app, deps, routes.overrides, {
      access,
      handler: ({ meta }) => listOverrides(deps, meta),
    });
    registerRoute(app, deps, routes.requestOverride, {
      access,
      handler: ({ meta, body }) => requestOverride(deps, meta, body),
    });
    registerRoute(app, deps, routes.grantOverride, {
      access,
      handler: ({ meta, params }) => grantOverride(deps, meta, params.id),
    });
  }
  registerRoute(app, deps, h5.requestReturn, {
    access: staff,
    handler: ({ meta, params, body }) => requestReturn(deps, meta, params.id, body.note),
  });

  // ——— Console ———
  registerRoute(app, deps, admin.list, {
    access: manage,
    handler: async ({ meta, query }) => listLoans(deps, await lendingActor(deps, meta), query),
  });
  registerRoute(app, deps, admin.detail, {
    access: manage,
    handler: async ({ meta, params }) =>
      loanDetail(deps, await lendingActor(deps, meta), params.id),
  });
  registerRoute(app, deps, admin.devices, {
    access: manage,
    handler: ({ query }) => poolDevices(deps, deps.db, query),
  });
  registerRoute(app, deps, admin.saveDevice, {
    access: manage,
    handler: ({ meta, params, body }) => savePoolDevice(deps, meta, params.id, body),
  });
  registerRoute(app, deps, admin.removeDevice, {
    access: manage,
    handler: ({ meta, params }) => removePoolDevice(deps, meta, params.id),
  });
  registerRoute(app, deps, admin.recall, {
    access: manage,
    handler: ({ meta, body }) => recallModel(deps, meta, body),
  });
  registerRoute(app, deps, admin.categories, {
    access: manage,
    handler: () => listLendingCategories(deps),
  });
  registerRoute(app, deps, admin.saveCategory, {
    access: manage,
    handler: ({ meta, params, body }) => saveLendingCategory(deps, meta, params.id, body),
  });
  registerRoute(app, deps, admin.removeCategory, {
    access: manage,
    handler: ({ meta, params }) => removeLendingCategory(deps, meta, params.id),
  });
  registerRoute(app, deps, admin.applicants, {
    access: manage,
    handler: () => listApplicants(deps),
  });
  registerRoute(app, deps, admin.saveApplicant, {
    access: manage,
    handler: ({ meta, params, body }) =>
      saveApplicant(deps, meta, params.accountId, body.departmentId),
  });
  registerRoute(app, deps, admin.removeApplicant, {
    access: manage,
    handler: ({ meta, params }) => removeApplicant(deps, meta, params.accountId),
  });
  registerRoute(app, deps, admin.settings, {
    access: manage,
    handler: () => lendingSettingsOf(deps.db),
  });
  registerRoute(app, deps, admin.saveSettings, {
    access: manage,
    handler: ({ meta, body }) => saveLendingSettings(deps, meta, body),
  });
  registerRoute(app, deps, admin.announcements, {
    access: manage,
    handler: () => allAnnouncements(deps),
  });
  registerRoute(app, deps, admin.createAnnouncement, {
    access: manage,
    handler: ({ meta, body }) => saveAnnouncement(deps, meta, null, body),
  });
  registerRoute(app, deps, admin.updateAnnouncement, {
    access: manage,
    handler: ({ meta, params, body }) => saveAnnouncement(deps, meta, params.id, body),
  });
  registerRoute(app, deps, admin.deleteAnnouncement, {
    access: manage,
    handler: ({ meta, params }) => deleteAnnouncement(deps, meta, params.id),
  });
  registerRoute(app, deps, admin.statement, {
    access: manage,
    handler: ({ query }) => monthlyStatement(deps, query.month, query.departmentId),
  });
  registerRoute(app, deps, admin.statementExport, {
    access: manage,
    rawReply: true,
    handler: async ({ query, reply }) => {
      const statement = await monthlyStatement(deps, query.month, query.departmentId);
      sendXlsx(
        reply,
        `设备借用结算-${query.month}.xlsx`,
        await statementWorkbook(statement, deps.config.timeZone),
      );
    },
  });
  registerRoute(app, deps, admin.stats, {
    access: 'lending.stats',
    handler: ({ query }) => lendingStats(deps, query),
  });
  registerRoute(app, deps, admin.statsExport, {
    access: 'lending.stats',
    rawReply: true,
    handler: async ({ query, reply }) => {
      const stats = await lendingStats(deps, query);
      sendXlsx(reply, `设备调配统计-${query.from}-${query.to}.xlsx`, await statsWorkbook(stats));
    },
  });
}
