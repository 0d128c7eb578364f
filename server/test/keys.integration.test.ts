import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  certifyCenterAdmin,
  createTeamKeyEpoch,
  generatePlatformSigningKey,
  openSealed,
  publicIdentity,
  verifyCenterKeyChain,
  type CenterKeyChain,
} from '@beratung/shared';
import { grantPlatformKey, provisionStaffAccount } from '../src/accounts/provision';
import { writePlatformPublicKey } from '../src/platform/platform-key';
import { PasswordHasher } from '../src/security/password-hasher';
import { startTestServer, type TestServer } from './support/app';

let server: TestServer;
let platform: Awaited<ReturnType<typeof generatePlatformSigningKey>>;
beforeAll(async () => {
  server = await startTestServer();
  platform = await generatePlatformSigningKey();
  writePlatformPublicKey(server.dataDir, platform.publicKey);
});
afterAll(() => server?.close());

describe('trust chain through the API', () => {
  it('platform admin certifies a center admin, who publishes the team key; a seeker client verifies it', async () => {
    const hasher = new PasswordHasher(1);
    const platformAdmin = await provisionStaffAccount(server.db, hasher, {
      email: 'plattform@test.example',
      displayName: 'Plattform',
      password: 'Plattform-Passwort-1!',
      platformAdmin: true,
    });
    await grantPlatformKey(server.db, platformAdmin.accountId, platformAdmin.identity, platform);
    await hasher.close();
    const centerId = await server.createCenter('Schuldnerberatung am Markt');
    const admin = await server.createStaff({ centerId, role: 'center_admin' });
    const counselor = await server.createStaff({ centerId, role: 'counselor' });

    // Platform admin: unseal the platform key from the grant and certify the pending admin.
    const platformClient = await server.loginStaff('plattform@test.example', 'Plattform-Passwort-1!');
    const grant = await platformClient.api.get<{ sealedKey: string; signPublicKey: string }>(
      '/api/platform/key-grant',
    );
    const platformSecret = await openSealed(
      grant.sealedKey,
      platformClient.identity!.boxPublicKey,
      platformClient.identity!.boxSecretKey,
    );
    const pending = await platformClient.api.get<
      Array<{ accountId: string; centerId: string; signPublicKey: string; boxPublicKey: string }>
    >('/api/platform/pending-certificates');
    const subject = pending.find((p) => p.accountId === admin.accountId)!;
    expect(subject).toBeDefined();
    const certificate = await certifyCenterAdmin(platformSecret, {
      centerId,
      accountId: admin.accountId,
      signPublicKey: subject.signPublicKey,
      boxPublicKey: subject.boxPublicKey,
    });
    await platformClient.api.post(`/api/centers/${centerId}/admin-certificates`, {
      ...certificate,
      accountId: admin.accountId,
    });

    // A certificate signed by any other key is refused.
    const rogue = await generatePlatformSigningKey();
    const forged = await certifyCenterAdmin(rogue.secretKey, {
      centerId,
      accountId: admin.accountId,
      signPublicKey: subject.signPublicKey,
      boxPublicKey: subject.boxPublicKey,
    });
    await expect(
      platformClient.api.post(`/api/centers/${centerId}/admin-certificates`, {
        ...forged,
        accountId: admin.accountId,
      }),
    ).rejects.toMatchObject({ status: 422, code: 'SIGNATURE_INVALID' });

    // Center admin: publish team key epoch 1 for both members.
    const adminClient = await server.loginStaff(admin.email, admin.password);
    const staff = await adminClient.staff(centerId);
    const epoch = await createTeamKeyEpoch({
      centerId,
      epoch: 1,
      memberListVersion: 1,
      adminSignSecretKey: adminClient.identity!.signSecretKey,
      members: staff.map((s) => ({
        accountId: s.accountId,
        boxPublicKey: s.boxPublicKey,
        signPublicKey: s.signPublicKey,
      })),
    });
    expect(await adminClient.api.post(`/api/centers/${centerId}/team-key`, epoch)).toEqual({ epoch: 1 });
    await expect(adminClient.api.post(`/api/centers/${centerId}/team-key`, epoch)).rejects.toMatchObject({
      status: 409,
    });

    // Anyone (a help seeker's client) verifies the chain against the pinned platform key.
    const anonymous = server.client();
    const config = await anonymous.config();
    expect(config.platformSignPublicKey).toBe(platform.publicKey);
    const chain = await anonymous.api.get<CenterKeyChain>(`/api/centers/${centerId}/key-chain`);
    const verified = await verifyCenterKeyChain(platform.publicKey, chain);
    expect(verified.teamKey.epoch).toBe(1);
    await expect(verifyCenterKeyChain(rogue.publicKey, chain)).rejects.toThrow();

    // The counselor opens their own grant and gets the team private key.
    const counselorClient = await server.loginStaff(counselor.email, counselor.password);
    const myGrant = await counselorClient.api.get<{ sealedKey: string }>(
      `/api/centers/${centerId}/team-key-grant`,
    );
    const teamSecret = await openSealed(
      myGrant.sealedKey,
      counselorClient.identity!.boxPublicKey,
      counselorClient.identity!.boxSecretKey,
    );
    expect(teamSecret).toEqual(epoch.boxSecretKey);
    expect((await publicIdentity(counselorClient.identity!)).boxPublicKey).toBe(
      staff.find((s) => s.accountId === counselor.accountId)!.boxPublicKey,
    );
  });

  it('refuses a team key from an admin without a certificate', async () => {
    const centerId = await server.createCenter();
    const admin = await server.createStaff({ centerId, role: 'center_admin' });
    const adminClient = await server.loginStaff(admin.email, admin.password);
    const staff = await adminClient.staff(centerId);
    const epoch = await createTeamKeyEpoch({
      centerId,
      epoch: 1,
      memberListVersion: 1,
      adminSignSecretKey: adminClient.identity!.signSecretKey,
      members: staff.map((s) => ({
        accountId: s.accountId,
        boxPublicKey: s.boxPublicKey,
        signPublicKey: s.signPublicKey,
      })),
    });
    await expect(adminClient.api.post(`/api/centers/${centerId}/team-key`, epoch)).rejects.toMatchObject({
      status: 403,
      code: 'NOT_CERTIFIED',
    });
  });
});
