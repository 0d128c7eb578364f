import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '@beratung/shared';
import { startTestServer, type TestServer } from './support/app';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const demo = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../src/demo/demo-data.json'), 'utf8')) as {
  centers: Array<Record<string, unknown>>;
};

describe('import and export over the API (platform admin)', () => {
  it('imports a file all or nothing, answers errors by JSON path, and exports it again', async () => {
    const admin = await server.createStaff({ platformAdmin: true });
    const client = await server.loginStaff(admin.email, admin.password);
    const file = { ...demo, centers: demo.centers.slice(0, 3) };

    const broken = structuredClone(file);
    (broken.centers[1]!.locations as Array<Record<string, unknown>>)[0]!.postalCode = '4021';
    const error = (await client.api.post('/api/import', broken).catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(422);
    expect(error.details!.map((d) => d.path)).toContain('$.centers[1].locations[0].postalCode');
    const before = await server.db.selectFrom('centers').select('id').execute();
    expect(before).toHaveLength(0);

    await client.api.post('/api/import', file);
    const exported = await client.api.get<{ centers: Array<{ externalId: string }> }>('/api/export');
    expect(exported.centers.map((c) => c.externalId).sort()).toEqual(
      file.centers.map((c) => c.externalId as string).sort(),
    );
    const audit = await server.db
      .selectFrom('audit_log')
      .select(['action', 'actor_account_id'])
      .where('action', '=', 'import')
      .execute();
    expect(audit).toEqual([{ action: 'import', actor_account_id: admin.accountId }]);
  });
});
