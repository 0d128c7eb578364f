import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/app';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe('public API base', () => {
  it('serves an OpenAPI 3.1 document that lists every declared route', async () => {
    const spec = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, Record<string, unknown>>;
    };
    expect(spec.openapi).toBe('3.1.0');
    for (const route of server.app.registry.routes) {
      const path = route.path.replace(/:(\w+)/g, '{$1}');
      expect(spec.paths[path]?.[route.method], `${route.method} ${path}`).toBeDefined();
    }
    const register = spec.paths['/api/auth/register']!.post as {
      requestBody: { content: Record<string, { schema: { properties: object } }> };
    };
    expect(Object.keys(register.requestBody.content['application/json']!.schema.properties)).toEqual(
      expect.arrayContaining(['pseudonym', 'credentials']),
    );
  });

  it('serves a docs page that needs no inline script', async () => {
    const response = await fetch(`${server.url}/api/docs`);
    const html = await response.text();
    expect(response.headers.get('content-type')).toMatch(/html/);
    expect(html).toContain('<script src="/api/docs/docs.js"></script>');
    expect(html).not.toMatch(/<script>[^<]/);
    expect((await fetch(`${server.url}/api/docs/docs.js`)).status).toBe(200);
  });

  it('has health, readiness and Prometheus metrics', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect(await (await fetch(`${server.url}/readyz`)).json()).toMatchObject({ status: 'ready' });
    await fetch(`${server.url}/api/config`);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('http_request_duration_seconds_bucket');
    expect(metrics).toContain('process_cpu_user_seconds_total');
    expect(metrics).not.toMatch(/route="\/api\/invites\/[A-Za-z0-9_-]{20,}/);
  });

  it('answers errors in one JSON shape', async () => {
    const response = await fetch(`${server.url}/api/centers/00000000-0000-4000-8000-000000000000/key-chain`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'NO_TEAM_KEY', message: expect.any(String) } });
  });
});
