import type { FastifyInstance } from 'fastify';
import {
  CSV_TYPE,
  equipmentRoutes as routes,
  LABEL_SHEET_MAX,
  PDF_TYPE,
  XLSX_TYPE,
} from '@zhangyi/contracts';
import type { Deps } from '../../context';
import { DomainError } from '../../http/errors';
import { registerRoute } from '../../http/route';
import { departments } from '../directory/schema';
import { deviceTicketHistory, repairLookup } from '../tickets/views';
import {
  categoryTree,
  createCategory,
  deleteCategory,
  listCategories,
  updateCategory,
} from './categories';
import {
  allDevices,
  createDevice,
  deleteDevice,
  deviceById,
  deviceHistory,
  listDevices,
  updateDevice,
} from './devices';
import { deviceImportTemplate, exportDevicesWorkbook, importDevices } from './import';
import { labelSheetPdf } from './label-pdf';
import {
  deviceLabels,
  ensureLabels,
  equipmentSettingsOf,
  labelEntryRoute,
  labelPreview,
  revokeLabel,
  saveEquipmentSettings,
} from './labels';
import { labelUrl } from './devices';

const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

/** The registry for the console, the label sheets, and the `/r/<token>` entry of every label. */
export function equipmentRoutesPlugin(app: FastifyInstance, deps: Deps): void {
  const read = 'equipment.read' as const;
  const manage = 'equipment.manage' as const;
  const repairs = repairLookup(deps);
  labelEntryRoute(app, deps);

  // Imports arrive as the raw file; the directory module may have taken the .xlsx parser already.
  for (const type of [XLSX_TYPE, CSV_TYPE, 'application/vnd.ms-excel']) {
    if (!app.hasContentTypeParser(type))
      app.addContentTypeParser(
        type,
        { parseAs: 'buffer', bodyLimit: 5 * 1024 * 1024 },
        (_request, body, done) => done(null, body),
      );
  }

  registerRoute(app, deps, routes.categories, {
    access: read,
    handler: () => listCategories(deps.db),
  });
  registerRoute(app, deps, routes.createCategory, {
    access: manage,
    handler: ({ meta, body }) => createCategory(deps, meta, body),
  });
  registerRoute(app, deps, routes.updateCategory, {
    access: manage,
    handler: ({ meta, params, body }) => updateCategory(deps, meta, params.id, body),
  });
  registerRoute(app, deps, routes.deleteCategory, {
    access: manage,
    handler: ({ meta, params }) => deleteCategory(deps, meta, params.id),
  });

  registerRoute(app, deps, routes.devices, {
    access: read,
    handler: ({ query }) => listDevices(deps, query, repairs),
  });
  registerRoute(app, deps, routes.device, {
    access: read,
    handler: async ({ params }) => ({
      device: await deviceById(deps, params.id, repairs),
      history: await deviceHistory(deps.db, params.id),
      labels: await deviceLabels(deps, params.id),
      tickets: await deviceTicketHistory(deps.db, params.id),
    }),
  });
  registerRoute(app, deps, routes.createDevice, {
    access: manage,
    handler: ({ meta, body }) => createDevice(deps, meta, body),
  });
  registerRoute(app, deps, routes.updateDevice, {
    access: manage,
    handler: ({ meta, params, body }) => updateDevice(deps, meta, params.id, body, repairs),
  });
  registerRoute(app, deps, routes.deleteDevice, {
    access: manage,
    handler: ({ meta, params }) => deleteDevice(deps, meta, params.id),
  });
  registerRoute(app, deps, routes.exportDevices, {
    access: read,
    rawReply: true,
    handler: async ({ query, reply }) => {
      const { page: _page, pageSize: _size, ...filters } = query;
      const list = await allDevices(deps, filters, repairs);
      const tree = await categoryTree(deps.db);
      const depts = await deps.db
        .select({ id: departments.id, code: departments.code })
        .from(departments);
      const workbook = await exportDevicesWorkbook(
        list,
        new Map(depts.map((d) => [d.id, d.code])),
        new Map(tree.rows.map((c) => [c.id, c.code])),
      );
      reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment('设备台账.xlsx'))
        .send(workbook);
    },
  });
  registerRoute(app, deps, routes.importDevices, {
    access: manage,
    handler: async ({ meta, request }) => {
      if (!Buffer.isBuffer(request.body)) throw new DomainError('UNSUPPORTED_MEDIA_TYPE');
      return importDevices(deps, meta, request.body);
    },
  });
  registerRoute(app, deps, routes.importTemplate, {
    access: manage,
    rawReply: true,
    handler: async ({ reply }) => {
      reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment('设备导入模板.xlsx'))
        .send(await deviceImportTemplate());
    },
  });

  registerRoute(app, deps, routes.labelSheet, {
    access: manage,
    rawReply: true,
    handler: async ({ meta, query, reply, request }) => {
      const { size, ids, ...filters } = query;
      const chosen = ids ? [...new Set(ids.split(','))] : undefined;
      if (chosen && chosen.length > LABEL_SHEET_MAX) throw new DomainError('LABELS_TOO_MANY');
      const list = await allDevices(deps, filters, repairs, chosen);
      if (list.length > LABEL_SHEET_MAX) throw new DomainError('LABELS_TOO_MANY');
      if (list.length === 0) throw new DomainError('NOT_FOUND');
      const tokens = await ensureLabels(
        deps,
        meta,
        list.map((d) => d.id),
      );
      const settings = await equipmentSettingsOf(deps.db);
      const { pdf, cjk } = await labelSheetPdf(
        list.map((d) => ({
          url: labelUrl(deps, tokens.get(d.id)!.token),
          assetNo: d.assetNo,
          name: d.name,
        })),
        { size, title: settings.labelTitle, hotline: settings.repairHotline },
      );
      if (!cjk)
        request.log.warn(
          'labels printed without Chinese text: no CJK font (set LABEL_FONT_PATH or apt-get install fonts-wqy-microhei)',
        );
      reply
        .type(PDF_TYPE)
        .header('content-disposition', `inline; filename="labels-${size}.pdf"`)
        .header('x-label-font', cjk ? 'cjk' : 'none')
        .send(pdf);
    },
  });
  registerRoute(app, deps, routes.deviceLabel, {
    access: manage,
    handler: ({ meta, params }) => labelPreview(deps, meta, params.id),
  });
  registerRoute(app, deps, routes.revokeLabel, {
    access: manage,
    handler: ({ meta, params, body }) => revokeLabel(deps, meta, params.id, body.reason),
  });
  registerRoute(app, deps, routes.departments, {
    access: read,
    handler: () =>
      deps.db
        .select({
          id: departments.id,
          parentId: departments.parentId,
          code: departments.code,
          name: departments.name,
        })
        .from(departments)
        .orderBy(departments.sortOrder, departments.name),
  });
  registerRoute(app, deps, routes.settings, {
    access: read,
    handler: () => equipmentSettingsOf(deps.db),
  });
  registerRoute(app, deps, routes.saveSettings, {
    access: manage,
    handler: ({ meta, body }) => saveEquipmentSettings(deps, meta, body),
  });
}
