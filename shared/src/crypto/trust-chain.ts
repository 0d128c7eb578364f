import { getSodium, toBase64 } from './sodium';
import { sealTo } from './sealing';
import { signStatement, type SignedStatement } from './statements';

/** The platform signing key pair (Ed25519): its public half is pinned in the apps' configuration. */
export async function generatePlatformSigningKey(): Promise<{ publicKey: string; secretKey: Uint8Array }> {
  const sodium = await getSodium();
  const pair = sodium.crypto_sign_keypair();
  return { publicKey: toBase64(sodium, pair.publicKey), secretKey: pair.privateKey };
}

/** A platform admin certifies a center admin's public keys for one center. */
export function certifyCenterAdmin(
  platformSignSecretKey: Uint8Array,
  subject: { centerId: string; accountId: string; signPublicKey: string; boxPublicKey: string },
  issuedAt = new Date(),
): Promise<SignedStatement> {
  return signStatement(
    { type: 'center-admin', ...subject, issuedAt: issuedAt.toISOString() },
    platformSignSecretKey,
  );
}

export interface TeamMember {
  accountId: string;
  boxPublicKey: string;
  signPublicKey: string;
}

export interface TeamKeyEpoch {
  teamKey: SignedStatement;
  memberList: SignedStatement;
  /** The team private key sealed to each member's box key. */
  grants: Array<{ accountId: string; sealedKey: string }>;
  boxPublicKey: Uint8Array;
  boxSecretKey: Uint8Array;
}

/**
 * A center admin makes a new team key epoch: a fresh X25519 pair, the signed team-key
 * statement, the signed member list, and one sealed copy of the private key per member.
 * Also used to rotate the key when a member leaves (they are simply not listed).
 */
export async function createTeamKeyEpoch(input: {
  centerId: string;
  epoch: number;
  memberListVersion: number;
  members: TeamMember[];
  adminSignSecretKey: Uint8Array;
  issuedAt?: Date;
}): Promise<TeamKeyEpoch> {
  const sodium = await getSodium();
  const pair = sodium.crypto_box_keypair();
  const issuedAt = (input.issuedAt ?? new Date()).toISOString();
  const boxPublicKey = toBase64(sodium, pair.publicKey);
  const teamKey = await signStatement(
    { type: 'team-key', centerId: input.centerId, epoch: input.epoch, boxPublicKey, issuedAt },
    input.adminSignSecretKey,
  );
  const memberList = await signStatement(
    {
      type: 'member-list',
      centerId: input.centerId,
      version: input.memberListVersion,
      members: input.members.map(({ accountId, boxPublicKey: box, signPublicKey }) => ({
        accountId,
        boxPublicKey: box,
        signPublicKey,
      })),
      issuedAt,
    },
    input.adminSignSecretKey,
  );
  const grants = await Promise.all(
    input.members.map(async (member) => ({
      accountId: member.accountId,
      sealedKey: await sealTo(member.boxPublicKey, pair.privateKey),
    })),
  );
  return { teamKey, memberList, grants, boxPublicKey: pair.publicKey, boxSecretKey: pair.privateKey };
}
