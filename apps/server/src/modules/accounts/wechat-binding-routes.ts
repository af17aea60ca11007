import type { FastifyInstance } from 'fastify';
import { staffBindingRoutes as routes } from '@zhangyi/contracts';
import type { Deps } from '../../context';
import { registerRoute } from '../../http/route';
import {
  bindingStatus,
  bindStaff,
  listStaffBindings,
  removeStaffBinding,
  unbindSelf,
} from './wechat-binding';

/** Staff bind their WeChat in the H5 pages; administrators see and remove bindings. */
export function staffBindingRoutesPlugin(app: FastifyInstance, deps: Deps): void {
  registerRoute(app, deps, routes.status, {
    access: 'wechat_user',
    handler: ({ meta }) => bindingStatus(deps, meta),
  });
  registerRoute(app, deps, routes.bind, {
    access: 'wechat_user',
    // Password guessing is slowed by the account lockout and by this per-address limit.
    fastify: {
      config: {
        rateLimit: { max: deps.config.rateLimit.signInPerIpPerMinute, timeWindow: 60_000 },
      },
    },
    handler: ({ meta, body }) => bindStaff(deps, meta, body),
  });
  registerRoute(app, deps, routes.unbind, {
    access: 'wechat_user',
    handler: ({ meta }) => unbindSelf(deps, meta),
  });
  registerRoute(app, deps, routes.list, {
    access: 'accounts.read',
    handler: () => listStaffBindings(deps),
  });
  registerRoute(app, deps, routes.remove, {
    access: 'accounts.manage',
    handler: ({ meta, params }) => removeStaffBinding(deps, meta, params.id),
  });
}
