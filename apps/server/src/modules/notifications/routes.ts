import type { FastifyInstance } from 'fastify';
import { notificationRoutes } from '@zhangyi/contracts';
import type { Deps } from '../../context';
import { registerRoute } from '../../http/route';
import type { Scheduler } from '../scheduler/scheduler';
import { listNotifications, notificationDetail, retryNotification, testSend } from './service';
import { listTemplates, previewTemplate, saveTemplate } from './templates';

/** Template mapping, the notification log, and the scheduled jobs page. */
export function notificationsRoutes(app: FastifyInstance, deps: Deps, scheduler: Scheduler): void {
  registerRoute(app, deps, notificationRoutes.templates, {
    access: 'notifications.read',
    handler: () => listTemplates(deps.db),
  });
  registerRoute(app, deps, notificationRoutes.saveTemplate, {
    access: 'notifications.manage',
    handler: ({ meta, params, body }) => saveTemplate(deps, meta, params.kind, body),
  });
  registerRoute(app, deps, notificationRoutes.preview, {
    access: 'notifications.manage',
    handler: async ({ params, body }) => previewTemplate(params.kind, body, deps.config.publicUrl),
  });
  registerRoute(app, deps, notificationRoutes.testSend, {
    access: 'notifications.manage',
    handler: ({ meta, params, body }) => testSend(deps, meta, params.kind, body.openid),
  });
  registerRoute(app, deps, notificationRoutes.list, {
    access: 'notifications.read',
    handler: ({ query }) => listNotifications(deps.db, query),
  });
  registerRoute(app, deps, notificationRoutes.detail, {
    access: 'notifications.read',
    handler: ({ params }) => notificationDetail(deps.db, params.id),
  });
  registerRoute(app, deps, notificationRoutes.retry, {
    access: 'notifications.manage',
    handler: ({ meta, params }) => retryNotification(deps, meta, params.id),
  });
  registerRoute(app, deps, notificationRoutes.jobs, {
    access: 'jobs.read',
    handler: () => scheduler.summaries(),
  });
  registerRoute(app, deps, notificationRoutes.jobRuns, {
    access: 'jobs.read',
    handler: ({ params }) => scheduler.runs(params.name),
  });
}
