import type { ErrorEnvelope } from './errors';
import type { RouteBody, RouteDef, RouteParams, RouteQuery, RouteResponse } from './route';

/** An error answered by the API, carrying the envelope's code, message and details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiClientOptions {
  /** Prefix for every path, e.g. `''` in the browser or `http://127.0.0.1:3000` in tests. */
  baseUrl?: string;
  /** The CSRF token of the current session, sent on state-changing requests. */
  csrfToken?: () => string | undefined;
  /** Accept-Language to send, so error messages come back in the UI's language. */
  locale?: () => string;
  fetch?: typeof fetch;
}

type Input<D> = (RouteParams<D> extends undefined
  ? { params?: undefined }
  : { params: RouteParams<D> }) &
  (RouteQuery<D> extends undefined ? { query?: undefined } : { query?: RouteQuery<D> }) &
  (RouteBody<D> extends undefined ? { body?: undefined } : { body: RouteBody<D> });

/** Fills `:name` placeholders of a route path. */
export function fillPath(path: string, params: Record<string, unknown> | undefined): string {
  return path.replace(/:([A-Za-z_]+)/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`missing path parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}

/** A typed caller of the routes defined in this package. */
export function createApiClient(options: ApiClientOptions = {}) {
  const doFetch = options.fetch ?? fetch;
  return async function call<D extends RouteDef>(
    route: D,
    input: Input<D> = {} as Input<D>,
  ): Promise<RouteResponse<D>> {
    const { params, query, body } = input as {
      params?: Record<string, unknown>;
      query?: Record<string, unknown>;
      body?: unknown;
    };
    let url = (options.baseUrl ?? '') + fillPath(route.path, params);
    if (query) {
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(query)) {
        if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
      }
      const text = search.toString();
      if (text) url += `?${text}`;
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    const locale = options.locale?.();
    if (locale) headers['accept-language'] = locale;
    if (route.method !== 'GET') {
      const token = options.csrfToken?.();
      if (token) headers['x-csrf-token'] = token;
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await doFetch(url, {
      method: route.method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
    });
    if (response.status === 204) return undefined as RouteResponse<D>;
    const payload: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const envelope = payload as ErrorEnvelope | undefined;
      throw new ApiError(
        response.status,
        envelope?.error?.code ?? 'INTERNAL_ERROR',
        envelope?.error?.message ?? response.statusText,
        envelope?.error?.details,
      );
    }
    return payload as RouteResponse<D>;
  };
}

export type ApiCall = ReturnType<typeof createApiClient>;
