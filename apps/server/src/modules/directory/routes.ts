import type { FastifyInstance } from 'fastify';
import { directoryRoutes as routes, hospitalRoutes } from '@zhangyi/contracts';
import type { Deps } from '../../context';
import { registerRoute } from '../../http/route';
import { departmentDetail, doctorDetail, hospitalOverview, searchDoctors } from './service';

/** Public hospital information for the H5 pages. */
export function directoryRoutes(app: FastifyInstance, deps: Deps): void {
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
