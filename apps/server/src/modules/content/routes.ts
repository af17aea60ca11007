import type { FastifyInstance } from 'fastify';
import { contentRoutes as routes } from '@zhangyi/contracts';
import type { Deps } from '../../context';
import { registerRoute } from '../../http/route';
import {
  allArticles,
  createArticle,
  deleteArticle,
  publishedArticle,
  publishedArticles,
  pushArticle,
  setPublished,
  updateArticle,
} from './service';

/** Articles and announcements: public reading, administration, push to followers. */
export function contentRoutesPlugin(app: FastifyInstance, deps: Deps): void {
  const manage = 'content.manage' as const;
  registerRoute(app, deps, routes.list, {
    access: 'public',
    handler: ({ query }) => publishedArticles(deps.db, query),
  });
  registerRoute(app, deps, routes.detail, {
    access: 'public',
    handler: ({ params }) => publishedArticle(deps.db, params.id),
  });
  registerRoute(app, deps, routes.adminList, {
    access: manage,
    handler: ({ query }) => allArticles(deps.db, query),
  });
  registerRoute(app, deps, routes.create, {
    access: manage,
    handler: ({ meta, body }) => createArticle(deps, meta, body),
  });
  registerRoute(app, deps, routes.update, {
    access: manage,
    handler: ({ meta, params, body }) => updateArticle(deps, meta, params.id, body),
  });
  registerRoute(app, deps, routes.remove, {
    access: manage,
    handler: ({ meta, params }) => deleteArticle(deps, meta, params.id),
  });
  registerRoute(app, deps, routes.publish, {
    access: manage,
    handler: ({ meta, params }) => setPublished(deps, meta, params.id, true),
  });
  registerRoute(app, deps, routes.unpublish, {
    access: manage,
    handler: ({ meta, params }) => setPublished(deps, meta, params.id, false),
  });
  registerRoute(app, deps, routes.push, {
    access: manage,
    handler: ({ meta, params }) => pushArticle(deps, meta, params.id),
  });
}
