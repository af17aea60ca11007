import { authRoutes, type RouteBody, type SessionInfo } from '@zhangyi/contracts';
import { call } from './client';

export type Credentials = RouteBody<typeof authRoutes.login>;

/** Signs in with username and password; the answer carries the session's CSRF token. */
export function signIn(credentials: Credentials): Promise<SessionInfo> {
  return call(authRoutes.login, { body: credentials });
}

/** Ends the current session. */
export function signOut(): Promise<void> {
  return call(authRoutes.logout);
}

/** The signed-in account, or a 401 ApiError when there is none. */
export function fetchSession(): Promise<SessionInfo> {
  return call(authRoutes.session);
}
