import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BeratungClient } from '@beratung/shared';
import type { AnyRouteSpec } from '../src/http/routes';
import { startTestServer, type TestServer } from './support/app';

/**
 * Every declared route, called with the wrong role: the access rule must hold for all
 * of them, including routes added later (this test reads the route registry).
 */
let server: TestServer;
let centerId: string;
let otherCenterId: string;
const clients: Record<
  'anonymous' | 'seeker' | 'counselor' | 'otherAdmin' | 'centerAdmin' | 'platformAdmin',
  BeratungClient
> = {} as never;

beforeAll(async () => {
  server = await startTestServer();
  centerId = await server.createCenter();
  otherCenterId = await server.createCenter();
  const seeker = await server.createSeeker();
  clients.anonymous = server.client();
  clients.seeker = server.client();
  await clients.seeker.login(seeker.pseudonym, seeker.password);
  const counselor = await server.createStaff({ centerId, role: 'counselor' });
  clients.counselor = await server.loginStaff(counselor.email, counselor.password);
  const otherAdmin = await server.createStaff({ centerId: otherCenterId, role: 'center_admin' });
  clients.otherAdmin = await server.loginStaff(otherAdmin.email, otherAdmin.password);
  const centerAdmin = await server.createStaff({ centerId, role: 'center_admin' });
  clients.centerAdmin = await server.loginStaff(centerAdmin.email, centerAdmin.password);
  const platformAdmin = await server.createStaff({ platformAdmin: true });
  clients.platformAdmin = await server.loginStaff(platformAdmin.email, platformAdmin.password);
}, 120_000);
afterAll(() => server?.close());

function concretePath(route: AnyRouteSpec): string {
  return route.path
    .replace(':centerId', centerId)
    .replace(':accountId', '99999999-9999-4999-8999-999999999999')
    .replace(':token', 't'.repeat(43))
    .replace(':nodeId', 'media-node-1');
}

type Who = keyof typeof clients;

/** Who must be refused for each access rule. */
function refusedFor(route: AnyRouteSpec): Who[] {
  const access = route.access;
  if (access === 'public') return [];
  if (access === 'session' || access === 'authenticated') return ['anonymous'];
  if (access === 'seeker') return ['anonymous', 'counselor', 'centerAdmin', 'platformAdmin'];
  if (access === 'staff') return ['anonymous', 'seeker'];
  if (access === 'platform_admin') return ['anonymous', 'seeker', 'counselor', 'centerAdmin'];
  // server-to-server with the media secret: no session of any role is enough
  if (access === 'media_node')
    return ['anonymous', 'seeker', 'counselor', 'otherAdmin', 'centerAdmin', 'platformAdmin'];
  if (access.centerRole === 'center_admin') return ['anonymous', 'seeker', 'counselor', 'otherAdmin'];
  return ['anonymous', 'seeker', 'otherAdmin'];
}

describe('authorization on every route', () => {
  it('has routes of every kind registered', () => {
    const kinds = new Set(
      server.app.registry.routes.map((r) => (typeof r.access === 'object' ? r.access.centerRole : r.access)),
    );
    expect([...kinds]).toEqual(
      expect.arrayContaining([
        'public',
        'seeker',
        'platform_admin',
        'center_admin',
        'counselor',
        'media_node',
      ]),
    );
  });

  it('refuses the wrong role with 401 (no session) or 403 (wrong role) before doing anything', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const route of server.app.registry.routes) {
      for (const who of refusedFor(route)) {
        const response = await clients[who].api.raw(route.method.toUpperCase(), concretePath(route), {
          body: route.method === 'get' ? undefined : {},
        });
        checked++;
        // without the media secret nobody is known to a media_node route: 401 for all
        const expected = who === 'anonymous' || route.access === 'media_node' ? 401 : 403;
        if (response.status !== expected)
          failures.push(`${route.method} ${route.path} as ${who}: ${response.status}, expected ${expected}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(40);
  });

  it('lets a center admin act on their own center only', async () => {
    expect(await clients.centerAdmin.staff(centerId)).toHaveLength(2);
    await expect(clients.centerAdmin.staff(otherCenterId)).rejects.toMatchObject({ status: 403 });
    expect(await clients.platformAdmin.staff(otherCenterId)).toHaveLength(1);
  });
});
