import type { FastifyInstance } from 'fastify';
import { patientRoutes } from '@zhangyi/contracts';
import type { Deps } from '../../context';
import { registerRoute } from '../../http/route';
import {
  addPatient,
  bindCard,
  listPatients,
  patientQrCode,
  revealPatient,
  unbindPatient,
  updatePatient,
} from './service';

/** The WeChat user's patients; every route is for the owner only. */
export function patientsRoutes(app: FastifyInstance, deps: Deps): void {
  registerRoute(app, deps, patientRoutes.list, {
    access: 'wechat_user',
    handler: ({ meta }) => listPatients(deps, meta),
  });
  registerRoute(app, deps, patientRoutes.add, {
    access: 'wechat_user',
    handler: ({ meta, body, locale }) => addPatient(deps, meta, body, locale),
  });
  registerRoute(app, deps, patientRoutes.update, {
    access: 'wechat_user',
    handler: ({ meta, params, body, locale }) => updatePatient(deps, meta, params.id, body, locale),
  });
  registerRoute(app, deps, patientRoutes.unbind, {
    access: 'wechat_user',
    handler: ({ meta, params }) => unbindPatient(deps, meta, params.id),
  });
  registerRoute(app, deps, patientRoutes.reveal, {
    access: 'wechat_user',
    handler: ({ meta, params }) => revealPatient(deps, meta, params.id),
  });
  registerRoute(app, deps, patientRoutes.bindCard, {
    access: 'wechat_user',
    handler: ({ meta, params, body }) => bindCard(deps, meta, params.id, body),
  });
  registerRoute(app, deps, patientRoutes.qrcode, {
    access: 'wechat_user',
    handler: ({ meta, params }) => patientQrCode(deps, meta, params.id),
  });
}
