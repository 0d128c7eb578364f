import { describe, expect, it } from 'vitest';
import { generateIdentity, publicIdentity, verifyPublicIdentity } from './identity';
import { openSealed } from './sealing';
import { TrustError, verifyCenterKeyChain } from './statements';
import { certifyCenterAdmin, createTeamKeyEpoch, generatePlatformSigningKey } from './trust-chain';

const centerId = '11111111-1111-4111-8111-111111111111';
const adminId = '22222222-2222-4222-8222-222222222222';
const counselorId = '33333333-3333-4333-8333-333333333333';

async function setup() {
  const platform = await generatePlatformSigningKey();
  const admin = await generateIdentity();
  const counselor = await generateIdentity();
  const adminPublic = await publicIdentity(admin);
  const counselorPublic = await publicIdentity(counselor);
  const certificate = await certifyCenterAdmin(platform.secretKey, {
    centerId,
    accountId: adminId,
    ...adminPublic,
  });
  const epoch = await createTeamKeyEpoch({
    centerId,
    epoch: 1,
    memberListVersion: 1,
    adminSignSecretKey: admin.signSecretKey,
    members: [
      { accountId: adminId, ...adminPublic },
      { accountId: counselorId, ...counselorPublic },
    ],
  });
  const chain = {
    centerId,
    adminCertificates: [{ ...certificate, accountId: adminId }],
    teamKey: { ...epoch.teamKey, signedBy: adminId },
    memberList: { ...epoch.memberList, signedBy: adminId },
  };
  return { platform, admin, counselor, chain, epoch };
}

describe('trust chain', () => {
  it('verifies platform → center admin → team key and member list; members can open their grant', async () => {
    const { platform, counselor, chain, epoch } = await setup();
    const verified = await verifyCenterKeyChain(platform.publicKey, chain);
    expect(verified.teamKey.epoch).toBe(1);
    expect(verified.memberList?.members.map((m) => m.accountId)).toEqual([adminId, counselorId]);
    const grant = epoch.grants.find((g) => g.accountId === counselorId)!;
    const teamSecret = await openSealed(grant.sealedKey, counselor.boxPublicKey, counselor.boxSecretKey);
    expect(teamSecret).toEqual(epoch.boxSecretKey);
  });

  it('detects a server that substitutes the team key', async () => {
    const { platform, chain } = await setup();
    const rogue = await generateIdentity();
    const forged = await createTeamKeyEpoch({
      centerId,
      epoch: 1,
      memberListVersion: 1,
      adminSignSecretKey: rogue.signSecretKey,
      members: [],
    });
    await expect(
      verifyCenterKeyChain(platform.publicKey, {
        ...chain,
        teamKey: { ...forged.teamKey, signedBy: adminId },
      }),
    ).rejects.toThrow(TrustError);
  });

  it('detects a server that certifies its own admin key', async () => {
    const { platform, chain } = await setup();
    const serverKey = await generatePlatformSigningKey();
    const rogueAdmin = await generateIdentity();
    const roguePublic = await publicIdentity(rogueAdmin);
    const rogueCert = await certifyCenterAdmin(serverKey.secretKey, {
      centerId,
      accountId: adminId,
      ...roguePublic,
    });
    await expect(
      verifyCenterKeyChain(platform.publicKey, {
        ...chain,
        adminCertificates: [{ ...rogueCert, accountId: adminId }],
      }),
    ).rejects.toThrow(TrustError);
  });

  it('detects a tampered member list (a member added by the server)', async () => {
    const { platform, chain } = await setup();
    const payload = JSON.parse(chain.memberList.payload) as { members: unknown[] };
    payload.members.push({
      accountId: '44444444-4444-4444-8444-444444444444',
      boxPublicKey: 'x',
      signPublicKey: 'y',
    });
    await expect(
      verifyCenterKeyChain(platform.publicKey, {
        ...chain,
        memberList: { ...chain.memberList, payload: JSON.stringify(payload) },
      }),
    ).rejects.toThrow(TrustError);
  });

  it('binds box and signing keys of an identity', async () => {
    const identity = await publicIdentity(await generateIdentity());
    expect(await verifyPublicIdentity(identity)).toBe(true);
    const other = await publicIdentity(await generateIdentity());
    expect(await verifyPublicIdentity({ ...identity, boxPublicKey: other.boxPublicKey })).toBe(false);
  });
});
