import type { FastifyInstance } from 'fastify';
import { hospitalRoutes } from '@zhangyi/contracts';
import type { Deps } from '../../context';
import { registerRoute } from '../../http/route';
import { hospitalOverview } from './service';

/** Public hospital information for the H5 pages. */
export function directoryRoutes(app: FastifyInstance, deps: Deps): void {
  registerRoute(app, deps, hospitalRoutes.overview, {
    access: 'public',
    handler: () => hospitalOverview(deps.db),
  });
}
