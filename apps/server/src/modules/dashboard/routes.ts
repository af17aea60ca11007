import type { FastifyInstance } from 'fastify';
import { dashboardRoutes } from '@zhangyi/contracts';
import type { Deps } from '../../context';
import { registerRoute } from '../../http/route';
import { accountCounts } from '../accounts/service';
import { countDepartments, countDoctors } from '../directory/service';

/** The admin dashboard: counts read from each module's own service functions. */
export function dashboardRoutesPlugin(app: FastifyInstance, deps: Deps): void {
  registerRoute(app, deps, dashboardRoutes.summary, {
    access: 'dashboard.read',
    handler: async () => ({
      accounts: await accountCounts(deps.db),
      departments: await countDepartments(deps.db),
      doctors: await countDoctors(deps.db),
    }),
  });
}
