import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  KeyVerificationError,
  generatePlatformSigningKey,
  getSodium,
  keyFingerprint,
  openSealed,
  publicIdentity,
  toBase64,
  type BeratungClient,
} from '@beratung/shared';
import { grantPlatformKey } from '../src/accounts/provision';
import { writePlatformPublicKey } from '../src/platform/platform-key';
import { startTestServer, type TestServer } from './support/app';

let server: TestServer;
let platform: Awaited<ReturnType<typeof generatePlatformSigningKey>>;
let platformClient: BeratungClient;

beforeAll(async () => {
  server = await startTestServer();
  platform = await generatePlatformSigningKey();
  writePlatformPublicKey(server.dataDir, platform.publicKey);
  const platformAdmin = await server.createStaff({ platformAdmin: true });
  platformClient = await server.loginStaff(platformAdmin.email, platformAdmin.password);
  await grantPlatformKey(server.db, platformAdmin.accountId, platformClient.identity!, platform);
});
afterAll(() => server?.close());

/** The team private key a member opens from their own grant. */
async function openGrant(client: BeratungClient, centerId: string) {
  const grant = await client.api.get<{ epoch: number; sealedKey: string }>(
    `/api/centers/${centerId}/team-key-grant`,
  );
  const secret = await openSealed(
    grant.sealedKey,
    client.identity!.boxPublicKey,
    client.identity!.boxSecretKey,
  );
  return { epoch: grant.epoch, secret };
}

describe('trust chain through the SDK', () => {
  it('certifies a center admin, who publishes and renews the team key; members open their grants', async () => {
    const centerId = await server.createCenter('Familienberatung Nord');
    const admin = await server.createStaff({ centerId, role: 'center_admin' });
    const counselor = await server.createStaff({ centerId, role: 'counselor' });
    const adminClient = await server.loginStaff(admin.email, admin.password);

    // Not certified yet: the server refuses the team key.
    await expect(adminClient.publishTeamKey(centerId)).rejects.toMatchObject({
      status: 403,
      code: 'NOT_CERTIFIED',
    });
    expect(await adminClient.centerKeyStatus(centerId)).toEqual({ none: true });

    // Platform admin: the admin is waiting; certifying takes them off the list.
    const pending = await platformClient.pendingCertificates();
    const subject = pending.find((p) => p.accountId === admin.accountId && p.centerId === centerId);
    expect(subject).toMatchObject({ centerName: 'Familienberatung Nord' });
    // The fingerprint the platform admin reads matches what the center admin sees of their own keys.
    expect(subject!.fingerprint).toBe(await adminClient.ownKeyFingerprint());
    expect(pending.some((p) => p.accountId === counselor.accountId)).toBe(false);
    await platformClient.certifyPendingAdmin(subject!);
    expect((await platformClient.pendingCertificates()).some((p) => p.accountId === admin.accountId)).toBe(
      false,
    );

    // Center admin: epoch 1 for both members.
    const first = await adminClient.publishTeamKey(centerId);
    expect(first.epoch).toBe(1);
    expect(first.fingerprint).toMatch(/^(\d{5} ){7}\d{5}$/);
    expect(await adminClient.centerKeyStatus(centerId)).toEqual({
      epoch: 1,
      members: 2,
      fingerprint: first.fingerprint,
    });

    // The counselor opens their grant: it is the private half of the published key.
    const counselorClient = await server.loginStaff(counselor.email, counselor.password);
    const grant = await openGrant(counselorClient, centerId);
    expect(grant.epoch).toBe(1);
    const sodium = await getSodium();
    const teamPublic = toBase64(sodium, sodium.crypto_scalarmult_base(grant.secret));
    expect(await keyFingerprint(teamPublic)).toBe(first.fingerprint);

    // Renewing gives epoch 2 with a new key; an anonymous client verifies it too.
    const second = await adminClient.publishTeamKey(centerId);
    expect(second.epoch).toBe(2);
    expect(second.fingerprint).not.toBe(first.fingerprint);
    const status = await server.client().centerKeyStatus(centerId);
    expect(status).toEqual({ epoch: 2, members: 2, fingerprint: second.fingerprint });
    expect((await openGrant(counselorClient, centerId)).epoch).toBe(2);
  });

  it('refuses to certify keys that do not belong together', async () => {
    const centerId = await server.createCenter();
    const admin = await server.createStaff({ centerId, role: 'center_admin' });
    const subject = (await platformClient.pendingCertificates()).find(
      (p) => p.accountId === admin.accountId,
    )!;
    const other = await publicIdentity(platformClient.identity!);
    await expect(
      platformClient.certifyPendingAdmin({ ...subject, boxPublicKey: other.boxPublicKey }),
    ).rejects.toBeInstanceOf(KeyVerificationError);
  });

  it('refuses a key chain signed under another platform key', async () => {
    const centerId = await server.createCenter();
    const admin = await server.createStaff({ centerId, role: 'center_admin' });
    const subject = (await platformClient.pendingCertificates()).find(
      (p) => p.accountId === admin.accountId,
    )!;
    await platformClient.certifyPendingAdmin(subject);
    const adminClient = await server.loginStaff(admin.email, admin.password);
    await adminClient.publishTeamKey(centerId);

    // The apps pin another platform key than the one that signed the chain.
    const pinnedElsewhere = server.client();
    const rogue = await generatePlatformSigningKey();
    pinnedElsewhere.config = async () => ({
      ...(await server.client().config()),
      platformSignPublicKey: rogue.publicKey,
    });
    await expect(pinnedElsewhere.centerKeyStatus(centerId)).rejects.toMatchObject({
      code: 'TRUST_CHAIN_INVALID',
    });
  });

  it('reads and changes the second-factor policy of a center', async () => {
    const centerId = await server.createCenter();
    const admin = await server.createStaff({ centerId, role: 'center_admin' });
    const adminClient = await server.loginStaff(admin.email, admin.password);
    const counselor = await server.createStaff({ centerId, role: 'counselor' });
    const counselorClient = await server.loginStaff(counselor.email, counselor.password);
    await expect(counselorClient.centerSettings(centerId)).rejects.toMatchObject({ status: 403 });

    expect(await adminClient.centerSettings(centerId)).toEqual({ counselorMfaRequired: false });
    expect(await adminClient.updateCenterSettings(centerId, { counselorMfaRequired: true })).toEqual({
      counselorMfaRequired: true,
    });
    expect(await adminClient.centerSettings(centerId)).toEqual({ counselorMfaRequired: true });
  });
});
