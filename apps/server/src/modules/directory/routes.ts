import type { FastifyInstance } from 'fastify';
import {
  adminDirectoryRoutes as admin,
  directoryRoutes as routes,
  hospitalRoutes,
} from '@zhangyi/contracts';
import {
  adminDepartments,
  adminDoctors,
  createDepartment,
  createDoctor,
  deleteDepartment,
  deleteDoctor,
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
  registerRoute(app, deps, admin.departments, {
    access: manage,
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
    access: manage,
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
    handler: ({ params }) => doctorDetail(deps.db, params.id),
  });
  registerRoute(app, deps, routes.searchDoctors, {
    access: 'public',
    handler: ({ query }) => searchDoctors(deps.db, query.q),
  });
}
