import { Type, type Static } from 'typebox';
import { defineRoute } from './route';

export const roles = [
  'admin',
  'equipment_manager',
  'engineer',
  'clinician',
  'doctor',
  'registrar',
] as const;
export type Role = (typeof roles)[number];
export const Role = Type.Union([
  Type.Literal('admin'),
  Type.Literal('equipment_manager'),
  Type.Literal('engineer'),
  Type.Literal('clinician'),
  Type.Literal('doctor'),
  /** Registration window staff (挂号收费): check patients in. */
  Type.Literal('registrar'),
]);

export const SessionAccount = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(Role),
});
export type SessionAccount = Static<typeof SessionAccount>;

export const SessionInfo = Type.Object({
  account: SessionAccount,
  /** Send back as `X-CSRF-Token` on every state-changing request of this session. */
  csrfToken: Type.String(),
  expiresAt: Type.String({ format: 'date-time' }),
  /** What the server lets this account do, e.g. `accounts.manage`; front ends hide the rest. */
  permissions: Type.Array(Type.String()),
});
export type SessionInfo = Static<typeof SessionInfo>;

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

export const authRoutes = {
  login: defineRoute({
    method: 'POST',
    path: '/api/auth/login',
    summary: 'Sign in a staff account with username and password',
    tag: 'auth',
    body: LoginBody,
    response: SessionInfo,
  }),
  logout: defineRoute({
    method: 'POST',
    path: '/api/auth/logout',
    summary: 'End the current session',
    tag: 'auth',
  }),
  session: defineRoute({
    method: 'GET',
    path: '/api/auth/session',
    summary: 'The signed-in account and its CSRF token',
    tag: 'auth',
    response: SessionInfo,
  }),
};
