import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, BeratungClient } from '@beratung/shared';
import { startTestServer, type TestServer } from './support/app';

let server: TestServer;
let centerId: string;
let admin: { accountId: string; client: BeratungClient };
let counselor: { accountId: string; client: BeratungClient };
let colleague: { accountId: string; client: BeratungClient };
let otherCounselor: BeratungClient;
let seeker: BeratungClient;

const fail = async (promise: Promise<unknown>) => (await promise.catch((e: unknown) => e)) as ApiError;

async function member(role: 'counselor' | 'center_admin', center = centerId) {
  const account = await server.createStaff({ centerId: center, role });
  return { accountId: account.accountId, client: await server.loginStaff(account.email, account.password) };
}

beforeAll(async () => {
  server = await startTestServer();
  centerId = await server.createCenter('Suchtberatung Kollegium');
  admin = await member('center_admin');
  counselor = await member('counselor');
  colleague = await member('counselor');
  otherCounselor = (await member('counselor', await server.createCenter())).client;
  const seekerAccount = await server.createSeeker();
  seeker = server.client();
  await seeker.login(seekerAccount.pseudonym, seekerAccount.password);
}, 120_000);
afterAll(async () => {
  await server?.close();
});

describe('colleagues of a center', () => {
  it('lists every member by id and name for counselors and admins of the center, nothing more', async () => {
    const list = await counselor.client.colleagues(centerId);
    expect(list.map((c) => c.accountId).sort()).toEqual(
      [admin.accountId, counselor.accountId, colleague.accountId].sort(),
    );
    for (const entry of list) expect(Object.keys(entry).sort()).toEqual(['accountId', 'displayName']);
    expect(list.map((c) => c.displayName)).toEqual([...list.map((c) => c.displayName)].sort());
    expect(await admin.client.colleagues(centerId)).toEqual(list);
  });

  it('refuses members of another center, help seekers and anonymous callers', async () => {
    expect(await fail(otherCounselor.colleagues(centerId))).toMatchObject({ status: 403 });
    expect(await fail(seeker.colleagues(centerId))).toMatchObject({ status: 403 });
    expect(await fail(server.client().colleagues(centerId))).toMatchObject({ status: 401 });
  });

  it('no longer lists a member the admin removed, who then cannot read the list either', async () => {
    await admin.client.removeStaff(centerId, colleague.accountId);
    const list = await counselor.client.colleagues(centerId);
    expect(list.some((c) => c.accountId === colleague.accountId)).toBe(false);
    // The removed member's sessions ended with their last membership.
    expect(await fail(colleague.client.colleagues(centerId))).toMatchObject({ status: 401 });
  });
});
