// The console's HTTP client: JSON in and out, the bearer token on every call, one error type that
// keeps the server's status and code (409 and 403 are shown as such), and a hook for 401 so the app
// can return to the login form wherever the session ran out.
import type { ApiErrorBody } from './api-types.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
  /** The route does not exist on this server (a feature not deployed yet), as opposed to a record not found. */
  get missing(): boolean {
    return this.status === 404 && (this.code === 'http_404' || /^no route\b/i.test(this.message));
  }
}

export interface ApiOptions {
  getToken(): string | null;
  /** Called on any 401 from an authenticated call. */
  onUnauthorized(): void;
  fetch?: typeof fetch;
}

export type Query = Record<string, string | number | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}${path.includes('?') ? '&' : '?'}${qs}` : path;
}

async function errorOf(res: Response): Promise<ApiError> {
  let body: Partial<ApiErrorBody> | null = null;
  try {
    body = (await res.json()) as Partial<ApiErrorBody>;
  } catch {
    body = null;
  }
  const code = body?.error?.code ?? `http_${res.status}`;
  const message = body?.error?.message ?? res.statusText ?? `HTTP ${res.status}`;
  return new ApiError(res.status, code, message);
}

export function createApi(opts: ApiOptions) {
  const doFetch = opts.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => fetch(input, init));

  async function request<T>(method: string, path: string, body?: unknown, auth = true): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const token = auth ? opts.getToken() : null;
    if (token) headers.authorization = `Bearer ${token}`;
    let res: Response;
    try {
      res = await doFetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (err) {
      throw new ApiError(0, 'network', err instanceof Error ? err.message : String(err));
    }
    if (!res.ok) {
      const error = await errorOf(res);
      if (res.status === 401 && auth) opts.onUnauthorized();
      throw error;
    }
    if (res.status === 204) return undefined as T;
    const type = res.headers.get('content-type') ?? '';
    return (type.includes('json') ? await res.json() : await res.text()) as T;
  }

  return {
    get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
    post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
    /** Login is the one call without a token, and its 401 means "wrong password", not "log in again". */
    postAnonymous: <T>(path: string, body: unknown) => request<T>('POST', path, body, false),
    /** A file download (CSV export) through the same authorisation. */
    async blob(path: string, query?: Query): Promise<Blob> {
      const token = opts.getToken();
      const res = await doFetch(withQuery(path, query), { headers: token ? { authorization: `Bearer ${token}` } : {} });
      if (!res.ok) {
        const error = await errorOf(res);
        if (res.status === 401) opts.onUnauthorized();
        throw error;
      }
      return res.blob();
    },
  };
}

export type Api = ReturnType<typeof createApi>;
