import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, BeratungClient } from '@beratung/shared';
import type { ImportCenter } from '@beratung/shared/schemas/import-format';
import { importCenters } from '../src/importexport/import.service';
import { startTestServer, type TestServer } from './support/app';

let server: TestServer;
let centerId: string;
let otherCenterId: string;
let admin: BeratungClient;

const demo = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../src/demo/demo-data.json'), 'utf8')) as {
  format: string;
  version: number;
  centers: ImportCenter[];
};

beforeAll(async () => {
  server = await startTestServer();
  const result = await importCenters(server.db, { ...demo, centers: demo.centers.slice(0, 2) }, null);
  [centerId, otherCenterId] = result.centers.map((c) => c.id) as [string, string];
  const staff = await server.createStaff({ centerId, role: 'center_admin' });
  admin = await server.loginStaff(staff.email, staff.password);
});
afterAll(() => server?.close());

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  return (await promise.catch((e: unknown) => e)) as ApiError;
}

describe('center self-service profile', () => {
  it('reads and updates the profile, deleting entries it no longer lists, with an audit entry', async () => {
    const profile = await admin.api.get<ImportCenter>(`/api/centers/${centerId}/profile`);
    expect(profile.externalId).toBe(demo.centers[0]!.externalId);
    const announcement = {
      externalId: 'neu-1',
      text: 'Am 24.12. geschlossen',
      startsAt: '2026-12-01T00:00:00Z',
      endsAt: '2026-12-27T00:00:00Z',
    };
    const updated = await admin.api.put<ImportCenter>(`/api/centers/${centerId}/profile`, {
      ...profile,
      name: 'Suchtberatung am Rheinufer',
      announcements: [announcement],
    });
    expect(updated.name).toBe('Suchtberatung am Rheinufer');
    expect(updated.announcements.map((a) => a.externalId)).toEqual(['neu-1']);
    // Visible in the public search at once.
    const found = await server
      .client()
      .api.get<{ items: Array<{ id: string; name: string }> }>('/api/centers', { q: 'Rheinufer' });
    expect(found.items.find((item) => item.id === centerId)?.name).toBe('Suchtberatung am Rheinufer');
    const audit = await admin.auditLog(centerId);
    expect(audit[0]).toMatchObject({ action: 'center.profile.updated' });
  });

  it('answers invalid updates with 422 and the path of each problem', async () => {
    const profile = await admin.api.get<ImportCenter>(`/api/centers/${centerId}/profile`);
    const location = profile.locations[0]!;
    const broken = {
      ...profile,
      locations: [
        {
          ...location,
          email: 'keine-adresse',
          openingHours: {
            mon: [
              { start: '09:00', end: '12:00' },
              { start: '11:00', end: '13:00' },
            ],
            tue: [{ start: '15:00', end: '10:00' }],
          },
        },
        ...profile.locations.slice(1),
      ],
    };
    const error = await failure(admin.api.put(`/api/centers/${centerId}/profile`, broken));
    expect(error.status).toBe(422);
    const paths = error.details!.map((d) => d.path);
    expect(paths).toContain('$.locations[0].email');
    expect(paths).toEqual(
      expect.arrayContaining([
        '$.locations[0].openingHours.mon[1]',
        '$.locations[0].openingHours.tue[0].end',
      ]),
    );

    const unknownTopic = await failure(
      admin.api.put(`/api/centers/${centerId}/profile`, {
        ...profile,
        topics: [...profile.topics, 'astrologie'],
      }),
    );
    expect(unknownTopic.status).toBe(422);
    expect(unknownTopic.details).toEqual([
      { path: `$.topics[${profile.topics.length}]`, message: 'unknown topic "astrologie"' },
    ]);

    const otherId = await failure(
      admin.api.put(`/api/centers/${centerId}/profile`, { ...profile, externalId: 'fremd' }),
    );
    expect(otherId.details).toEqual([{ path: '$.externalId', message: expect.any(String) }]);
    // Nothing of the failed updates was written.
    expect((await admin.api.get<ImportCenter>(`/api/centers/${centerId}/profile`)).topics).toEqual(
      profile.topics,
    );
  });

  it('refuses a center admin of another center (403)', async () => {
    const profile = await failure(admin.api.get(`/api/centers/${otherCenterId}/profile`));
    expect(profile.status).toBe(403);
    const update = await failure(admin.api.put(`/api/centers/${otherCenterId}/profile`, {}));
    expect(update.status).toBe(403);
  });
});
