import type { Static, TSchema } from 'typebox';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * One API route as both sides see it: the server registers it with these schemas (validated at the
 * edge and published in the OpenAPI document), the front ends call it through the typed client.
 */
export interface RouteDef<
  P extends TSchema | undefined = TSchema | undefined,
  Q extends TSchema | undefined = TSchema | undefined,
  B extends TSchema | undefined = TSchema | undefined,
  R extends TSchema | undefined = TSchema | undefined,
> {
  method: HttpMethod;
  /** Fastify-style path, e.g. `/api/admin/accounts/:id`. */
  path: string;
  /** OpenAPI summary and tag. */
  summary: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Schema of the 2xx body; undefined for 204 responses. */
  response?: R;
}

export function defineRoute<
  P extends TSchema | undefined = undefined,
  Q extends TSchema | undefined = undefined,
  B extends TSchema | undefined = undefined,
  R extends TSchema | undefined = undefined,
>(def: RouteDef<P, Q, B, R>): RouteDef<P, Q, B, R> {
  return def;
}

type StaticOr<S, Fallback> = S extends TSchema ? Static<S> : Fallback;

export type RouteParams<D> = D extends RouteDef<infer P> ? StaticOr<P, undefined> : never;
export type RouteQuery<D> =
  D extends RouteDef<TSchema | undefined, infer Q> ? StaticOr<Q, undefined> : never;
export type RouteBody<D> =
  D extends RouteDef<TSchema | undefined, TSchema | undefined, infer B>
    ? StaticOr<B, undefined>
    : never;
export type RouteResponse<D> =
  D extends RouteDef<TSchema | undefined, TSchema | undefined, TSchema | undefined, infer R>
    ? StaticOr<R, void>
    : never;
