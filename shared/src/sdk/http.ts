import type { ApiErrorBody } from '../schemas/common';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Array<{ path: string; message: string }>,
    readonly retryAfterSeconds?: number,
    /** Further fields of the error body (e.g. `suggestions` of UNKNOWN_PLACE). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiClientOptions {
  /** e.g. `http://127.0.0.1:3000`; empty for same-origin use in a browser. */
  baseUrl?: string;
  /**
   * Outside a browser: keep cookies in memory and send this Origin header, as a
   * browser would. In a browser leave both unset: it does that itself.
   */
  nodeOrigin?: string;
  fetch?: typeof fetch;
}

export interface RequestOptions {
  body?: unknown;
  /** A binary body, sent as it is (instead of `body` as JSON). */
  bytes?: Uint8Array;
  query?: Record<string, string | number | boolean | string[] | undefined>;
  headers?: Record<string, string>;
}

/** Thin fetch wrapper: JSON in and out, CSRF header, typed errors. */
export class ApiClient {
  csrfToken: string | undefined;
  private readonly cookies = new Map<string, string>();
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly options: ApiClientOptions = {}) {
    this.baseUrl = options.baseUrl?.replace(/\/$/, '') ?? '';
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  url(path: string, query?: RequestOptions['query']): string {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
    }
    const qs = search.toString();
    return `${this.baseUrl}${path}${qs ? `?${qs}` : ''}`;
  }

  async raw(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (method !== 'GET' && method !== 'HEAD' && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    if (this.options.nodeOrigin) {
      headers.origin ??= this.options.nodeOrigin;
      if (this.cookies.size > 0) {
        headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
      }
    }
    const response = await this.fetchImpl(this.url(path, options.query), {
      method,
      headers,
      body: options.bytes
        ? (options.bytes as Uint8Array<ArrayBuffer>)
        : options.body === undefined
          ? undefined
          : JSON.stringify(options.body),
      credentials: 'include',
    });
    if (this.options.nodeOrigin) this.storeCookies(response);
    return response;
  }

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.raw(method, path, options);
    if (!response.ok) return this.fail(response);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Uploads bytes (application/octet-stream); the answer is JSON. */
  async upload<T>(method: 'PUT' | 'POST', path: string, bytes: Uint8Array): Promise<T> {
    const response = await this.raw(method, path, {
      headers: { 'content-type': 'application/octet-stream' },
      bytes,
    });
    if (!response.ok) return this.fail(response);
    return (await response.json()) as T;
  }

  /** A binary response as bytes; errors are thrown as by request(). */
  async download(path: string): Promise<Uint8Array> {
    const response = await this.raw('GET', path, { headers: { accept: 'application/octet-stream' } });
    if (!response.ok) return this.fail(response);
    return new Uint8Array(await response.arrayBuffer());
  }

  /** A non-JSON response (a file) as text; errors are thrown as by request(). */
  async text(method: string, path: string, options: RequestOptions = {}): Promise<string> {
    const response = await this.raw(method, path, options);
    if (!response.ok) return this.fail(response);
    return response.text();
  }

  private async fail(response: Response): Promise<never> {
    const text = await response.text();
    let body: ApiErrorBody | undefined;
    try {
      body = text ? (JSON.parse(text) as ApiErrorBody) : undefined;
    } catch {
      body = undefined;
    }
    const error = body?.error;
    const retryAfter = response.headers.get('retry-after');
    const { code, message, details, ...extra } = (error ?? {}) as Partial<NonNullable<typeof error>> &
      Record<string, unknown>;
    throw new ApiError(
      response.status,
      code ?? 'HTTP_ERROR',
      message ?? response.statusText,
      details,
      retryAfter ? Number(retryAfter) : undefined,
      Object.keys(extra).length > 0 ? extra : undefined,
    );
  }

  get<T>(path: string, query?: RequestOptions['query']): Promise<T> {
    return this.request<T>('GET', path, { query });
  }
  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('POST', path, { body: body ?? {} });
  }
  put<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PUT', path, { body: body ?? {} });
  }
  patch<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('PATCH', path, { body: body ?? {} });
  }
  delete<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>('DELETE', path, { body });
  }

  /** Where the API lives ('' for the page's own origin). */
  get base(): string {
    return this.baseUrl;
  }

  /**
   * Headers a Node client adds to a WebSocket handshake so it carries the session like
   * a browser would; in a browser the browser does it (empty).
   */
  socketHeaders(): Record<string, string> {
    if (!this.options.nodeOrigin) return {};
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    return { origin: this.options.nodeOrigin, ...(cookie ? { cookie } : {}) };
  }

  /** Cookies as a Node client holds them (for tests that inspect them). */
  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  private storeCookies(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index).trim();
      const value = pair!.slice(index + 1).trim();
      const expired = attributes.some(
        (a) => /^\s*max-age=0/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a),
      );
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}
