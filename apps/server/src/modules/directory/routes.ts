import type { FastifyInstance } from 'fastify';
import {
  adminDirectoryRoutes as admin,
  directoryRoutes as routes,
  hospitalRoutes,
  XLSX_TYPE,
} from '@zhangyi/contracts';
import { DomainError } from '../../http/errors';
import { importDirectory, importTemplate } from './import';
import {
  adminDepartments,
  adminDoctors,
  createDepartment,
  createDoctor,
  deleteDepartment,
  deleteDoctor,
  saveHospital,
  updateDepartment,
  updateDoctor,
} from './admin';
import { doctorQrCode } from './qrcodes';
import type { Deps } from '../../context';
import { registerRoute } from '../../http/route';
import { departmentDetail, doctorDetail, hospitalOverview, searchDoctors } from './service';

/** Public hospital information for the H5 pages. */
export function directoryRoutes(app: FastifyInstance, deps: Deps): void {
  const manage = 'directory.manage' as const;
  registerRoute(app, deps, admin.saveHospital, {
    access: manage,
    handler: async ({ meta, body }) => {
      await saveHospital(deps, meta, body);
      return hospitalOverview(deps.db);
    },
  });
  // Workbooks arrive as the raw .xlsx body; larger than JSON bodies, so their own limit.
  app.addContentTypeParser(
    XLSX_TYPE,
    { parseAs: 'buffer', bodyLimit: 5 * 1024 * 1024 },
    (_request, body, done) => done(null, body),
  );
  registerRoute(app, deps, admin.importDirectory, {
    access: manage,
    handler: async ({ meta, request }) => {
      if (!Buffer.isBuffer(request.body)) throw new DomainError('UNSUPPORTED_MEDIA_TYPE');
      return importDirectory(deps, meta, request.body);
    },
  });
  registerRoute(app, deps, admin.importTemplate, {
    access: manage,
    rawReply: true,
    handler: async ({ reply }) => {
      reply
        .type(XLSX_TYPE)
        .header(
          'content-disposition',
          "attachment; filename*=UTF-8''%E7%A7%91%E5%AE%A4%E5%8C%BB%E7%94%9F%E5%AF%BC%E5%85%A5.xlsx",
        )
        .send(await importTemplate());
    },
  });
  registerRoute(app, deps, admin.departments, {
    access: 'directory.read',
    handler: () => adminDepartments(deps.db),
  });
  registerRoute(app, deps, admin.createDepartment, {
    access: manage,
    handler: ({ meta, body }) => createDepartment(deps, meta, body),
  });
  registerRoute(app, deps, admin.updateDepartment, {
    access: manage,
    handler: ({ meta, params, body }) => updateDepartment(deps, meta, params.id, body),
  });
  registerRoute(app, deps, admin.deleteDepartment, {
    access: manage,
    handler: ({ meta, params }) => deleteDepartment(deps, meta, params.id),
  });
  registerRoute(app, deps, admin.doctors, {
    access: 'directory.read',
    handler: ({ query }) => adminDoctors(deps.db, query),
  });
  registerRoute(app, deps, admin.createDoctor, {
    access: manage,
    handler: ({ meta, body }) => createDoctor(deps, meta, body),
  });
  registerRoute(app, deps, admin.updateDoctor, {
    access: manage,
    handler: ({ meta, params, body }) => updateDoctor(deps, meta, params.id, body),
  });
  registerRoute(app, deps, admin.deleteDoctor, {
    access: manage,
    handler: ({ meta, params }) => deleteDoctor(deps, meta, params.id),
  });
  registerRoute(app, deps, admin.doctorQrCode, {
    access: manage,
    handler: ({ meta, params }) => doctorQrCode(deps, meta, params.id),
  });

  registerRoute(app, deps, hospitalRoutes.overview, {
    access: 'public',
    handler: () => hospitalOverview(deps.db),
  });
  registerRoute(app, deps, routes.department, {
    access: 'public',
    handler: ({ params }) => departmentDetail(deps.db, params.id),
  });
  registerRoute(app, deps, routes.doctor, {
    access: 'public',
    handler: ({ params }) => doctorDetail(deps.db, deps.his, params.id),
  });
  registerRoute(app, deps, routes.searchDoctors, {
    access: 'public',
    handler: ({ query }) => searchDoctors(deps.db, query.q),
  });
}
