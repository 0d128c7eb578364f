import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as connectSocket, type Socket } from 'socket.io-client';
import { deriveLoginKeys, type ApiError } from '@beratung/shared';
import { startTestServer, type TestServer } from './support/app';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ RATE_LIMIT_LOGIN_PER_NAME: '3', RATE_LIMIT_REGISTER_PER_CLIENT: '10000' });
});
afterAll(() => server?.close());

async function loggedInSeeker() {
  const seeker = await server.createSeeker();
  const client = server.client();
  await client.login(seeker.pseudonym, seeker.password);
  return { seeker, client };
}

describe('CSRF protection', () => {
  it('refuses a state-changing request without the session CSRF token', async () => {
    const { client } = await loggedInSeeker();
    const token = client.api.csrfToken;
    client.api.csrfToken = undefined;
    await expect(client.api.post('/api/auth/logout-all')).rejects.toMatchObject({
      status: 403,
      code: 'CSRF_TOKEN',
    });
    client.api.csrfToken = 'x'.repeat(token!.length);
    await expect(client.api.post('/api/auth/logout-all')).rejects.toMatchObject({
      status: 403,
      code: 'CSRF_TOKEN',
    });
    client.api.csrfToken = token;
    expect(await client.currentSession()).toBeDefined();
  });

  it('refuses requests from a foreign origin, even with the right token', async () => {
    const { client } = await loggedInSeeker();
    const response = await client.api.raw('POST', '/api/auth/logout-all', {
      body: {},
      headers: { origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('CSRF_ORIGIN');
  });

  it('refuses form posts (a cross-site form cannot send JSON)', async () => {
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'login=a&authKey=b',
    });
    expect(response.status).toBe(403);
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After after too many logins for one name', async () => {
    const seeker = await server.createSeeker();
    const client = server.client();
    const { kdf } = await client.api.post<{ kdf: Parameters<typeof deriveLoginKeys>[1] }>(
      '/api/auth/prelogin',
      { login: seeker.pseudonym },
    );
    const wrongKey = (await deriveLoginKeys('Ganz-falsch-2026!', kdf)).authKey;
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 5; i++) {
      const response = await client.api.raw('POST', '/api/auth/login', {
        body: { login: seeker.pseudonym, authKey: wrongKey },
      });
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get('retry-after');
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // Even the right password is refused while limited.
    await expect(server.client().login(seeker.pseudonym, seeker.password)).rejects.toMatchObject({
      status: 429,
      code: 'RATE_LIMITED',
    });
  });

  it('limits registrations per client', async () => {
    const limited = await startTestServer({ RATE_LIMIT_REGISTER_PER_CLIENT: '2' });
    try {
      const body = { pseudonym: 'x', credentials: {} };
      const statuses = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await limited.client().api.raw('POST', '/api/auth/register', { body })).status);
      expect(statuses).toEqual([422, 422, 429]);
    } finally {
      await limited.close();
    }
  });

  it('limits invite acceptance per token', async () => {
    const statuses = [];
    const token = 'a'.repeat(43);
    for (let i = 0; i < 7; i++) {
      statuses.push(
        (await server.client().api.raw('POST', `/api/invites/${token}/accept`, { body: {} })).status,
      );
    }
    expect(statuses.slice(0, 5).every((s) => s === 422)).toBe(true);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});

describe('bad input', () => {
  it('answers malformed JSON with 400 and a code', async () => {
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"login":',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: { code: 'MALFORMED_JSON', message: expect.any(String) } });
  });

  it('answers an invalid body with 422 and the path of each problem', async () => {
    const error = (await server
      .client()
      .api.post('/api/auth/register', { pseudonym: 'a@b', credentials: { kdf: { alg: 'md5' } } })
      .catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(422);
    expect(error.code).toBe('VALIDATION_FAILED');
    const paths = error.details!.map((d) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(['$.pseudonym', '$.credentials.kdf.alg', '$.credentials.authKey']),
    );
  });

  it('answers unknown routes and malformed ids with 404', async () => {
    expect((await fetch(`${server.url}/api/nothing-here`)).status).toBe(404);
    await expect(server.client().api.get('/api/centers/not-a-uuid/key-chain')).rejects.toMatchObject({
      status: 404,
    });
  });

  it('answers a too large body with 413', async () => {
    const response = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'x'.repeat(2_000_000) }),
    });
    expect(response.status).toBe(413);
  });
});

describe('security headers and CORS', () => {
  it('sends a strict CSP and the other headers', async () => {
    const response = await fetch(`${server.url}/api/config`);
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toMatch(/'unsafe-eval'/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('x-powered-by')).toBeNull();
  });

  it('allows CORS only for configured origins', async () => {
    const foreign = await fetch(`${server.url}/api/config`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    const own = await fetch(`${server.url}/api/config`, {
      method: 'OPTIONS',
      headers: { origin: server.origin, 'access-control-request-method': 'POST' },
    });
    expect(own.headers.get('access-control-allow-origin')).toBe(server.origin);
  });
});

describe('Socket.IO handshake', () => {
  function connect(headers: Record<string, string>): Promise<{ socket: Socket; result: string }> {
    return new Promise((resolve) => {
      const socket = connectSocket(server.url, {
        transports: ['websocket'],
        extraHeaders: headers,
        reconnection: false,
        timeout: 5000,
      });
      socket.on('session:ready', () => resolve({ socket, result: 'ready' }));
      socket.on('connect_error', (error) => resolve({ socket, result: `error:${error.message}` }));
    });
  }

  it('refuses a foreign Origin, refuses no session, accepts a session of our origin', async () => {
    const { client } = await loggedInSeeker();
    const cookie = `beratung_sid=${client.api.cookie('beratung_sid')}`;
    const foreign = await connect({ origin: 'https://evil.example', cookie });
    foreign.socket.close();
    expect(foreign.result).toMatch(/^error:/);
    const anonymous = await connect({ origin: server.origin });
    anonymous.socket.close();
    expect(anonymous.result).toBe('error:UNAUTHENTICATED');
    const own = await connect({ origin: server.origin, cookie });
    own.socket.close();
    expect(own.result).toBe('ready');
  });
});

describe('Socket.IO and session end', () => {
  it('tells the sockets of an account when it logs out everywhere, and closes them', async () => {
    const { client } = await loggedInSeeker();
    const socket = connectSocket(server.url, {
      transports: ['websocket'],
      extraHeaders: { origin: server.origin, cookie: `beratung_sid=${client.api.cookie('beratung_sid')}` },
      reconnection: false,
    });
    await new Promise((resolve) => socket.once('session:ready', resolve));
    const ended = new Promise((resolve) => socket.once('session:ended', resolve));
    const disconnected = new Promise((resolve) => socket.once('disconnect', resolve));
    await client.logoutEverywhere();
    expect(await ended).toEqual({ reason: 'logout' });
    await disconnected;
    socket.close();
  });
});
