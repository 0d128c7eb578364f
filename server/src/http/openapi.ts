import { z } from 'zod';
import type { AnyRouteSpec } from './routes';
import { apiErrorSchema } from '@beratung/shared';

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
}

function describeAccess(access: AnyRouteSpec['access']): string {
  if (typeof access === 'object') return `center member with role ${access.centerRole} (or platform admin)`;
  return access;
}

/** OpenAPI 3.1 from the route declarations: the zod schemas are the single source. */
export function buildOpenApi(routes: AnyRouteSpec[], info: { version: string; serverUrl: string }) {
  const paths: Record<string, Record<string, unknown>> = {};
  const errorResponse = {
    description: 'Error',
    content: { 'application/json': { schema: toJsonSchema(apiErrorSchema, 'output') } },
  };
  for (const route of routes) {
    const path = route.path.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const name of [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!)) {
      parameters.push({ name, in: 'path', required: true, schema: { type: 'string' } });
    }
    if (route.query) {
      const schema = toJsonSchema(route.query, 'input') as {
        properties?: Record<string, unknown>;
        required?: string[];
      };
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        parameters.push({
          name,
          in: 'query',
          required: schema.required?.includes(name) ?? false,
          schema: property,
        });
      }
    }
    const status = String(route.status ?? (route.response ? 200 : 204));
    const operation: Record<string, unknown> = {
      summary: route.summary,
      tags: [route.tag],
      description: `Access: ${describeAccess(route.access)}`,
      ...(parameters.length ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: toJsonSchema(route.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [status]: route.response
          ? {
              description: 'Success',
              content: {
                [route.produces ?? 'application/json']: { schema: toJsonSchema(route.response, 'output') },
              },
            }
          : { description: 'Success' },
        '4XX': errorResponse,
      },
      ...(route.access === 'public' ? { security: [] } : {}),
      ...(route.access === 'media_node' ? { security: [{ mediaSecret: [] }] } : {}),
    };
    paths[path] = { ...paths[path], [route.method]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Beratung API',
      version: info.version,
      description:
        'Online counseling and appointment service. State-changing requests need the X-CSRF-Token header of the session; errors are `{ error: { code, message, details? } }`.',
    },
    servers: [{ url: info.serverUrl }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'beratung_sid' },
        mediaSecret: { type: 'apiKey', in: 'header', name: 'X-Media-Secret' },
      },
    },
    security: [{ session: [] }],
    paths,
  };
}

/** A readable docs page that needs no inline script (the CSP forbids it). */
export const DOCS_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Beratung API</title><link rel="stylesheet" href="/api/docs/docs.css"></head>
<body><main id="docs"><h1>Beratung API</h1><p>Loading <a href="/api/openapi.json">openapi.json</a>…</p></main>
<script src="/api/docs/docs.js"></script></body></html>`;

export const DOCS_CSS = `body{font-family:system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1b1b1b}
h2{border-bottom:1px solid #ccc;margin-top:2rem}.op{margin:.75rem 0;padding:.5rem .75rem;border-left:4px solid #0b5;background:#f6f8f7}
.m{font-weight:700;text-transform:uppercase;display:inline-block;min-width:4rem}.p{font-family:monospace}
details pre{background:#fff;border:1px solid #ddd;padding:.5rem;overflow:auto;font-size:.8rem}.a{color:#555;font-size:.9rem}`;

export const DOCS_JS = `(async () => {
  const spec = await (await fetch('/api/openapi.json')).json();
  const main = document.getElementById('docs');
  main.replaceChildren();
  const h1 = document.createElement('h1'); h1.textContent = spec.info.title + ' ' + spec.info.version; main.append(h1);
  const intro = document.createElement('p'); intro.textContent = spec.info.description; main.append(intro);
  const byTag = {};
  for (const [path, ops] of Object.entries(spec.paths)) for (const [method, op] of Object.entries(ops)) (byTag[op.tags[0]] ??= []).push({ path, method, op });
  for (const [tag, ops] of Object.entries(byTag)) {
    const h2 = document.createElement('h2'); h2.textContent = tag; main.append(h2);
    for (const { path, method, op } of ops) {
      const div = document.createElement('div'); div.className = 'op';
      const m = document.createElement('span'); m.className = 'm'; m.textContent = method;
      const p = document.createElement('span'); p.className = 'p'; p.textContent = path;
      const s = document.createElement('p'); s.textContent = op.summary;
      const a = document.createElement('p'); a.className = 'a'; a.textContent = op.description;
      div.append(m, p, s, a);
      const details = document.createElement('details'); const summary = document.createElement('summary'); summary.textContent = 'Schemas';
      const pre = document.createElement('pre'); pre.textContent = JSON.stringify({ requestBody: op.requestBody, parameters: op.parameters, responses: op.responses }, null, 2);
      details.append(summary, pre); div.append(details); main.append(div);
    }
  }
})();`;
