import { createCredentials, publicIdentity, sealTo, type Identity } from '@beratung/shared';
import type { Db } from '../db/database';
import type { StaffRole } from '../db/schema';
import type { PasswordHasher } from '../security/password-hasher';
import { addMembership, insertAccount, linkCounselorRecords } from './accounts.repository';
import { credentialColumns } from './accounts.service';

/**
 * Operator-side account creation (bootstrap CLI, demo data): runs the client half of
 * the protocol locally, then stores exactly what a client would have sent.
 */
export async function provisionStaffAccount(
  db: Db,
  hasher: PasswordHasher,
  input: {
    email: string;
    displayName: string;
    password: string;
    platformAdmin?: boolean;
    memberships?: Array<{ centerId: string; role: StaffRole }>;
  },
): Promise<{ accountId: string; identity: Identity }> {
  const { material, identity } = await createCredentials(input.password);
  const authHash = await hasher.hash(material.authKey);
  const account = await insertAccount(db, {
    kind: 'staff',
    login: input.email.toLowerCase(),
    display_name: input.displayName,
    email: input.email.toLowerCase(),
    is_platform_admin: input.platformAdmin ?? false,
    ...credentialColumns(material, authHash),
    recovery: JSON.stringify(null),
  });
  for (const membership of input.memberships ?? []) {
    await addMembership(db, account.id, membership.centerId, membership.role);
    await linkCounselorRecords(db, account.id, membership.centerId, input.email);
  }
  return { accountId: account.id, identity };
}

export async function provisionSeekerAccount(
  db: Db,
  hasher: PasswordHasher,
  input: { pseudonym: string; password: string },
): Promise<{ accountId: string; identity: Identity }> {
  const { material, identity } = await createCredentials(input.password);
  const account = await insertAccount(db, {
    kind: 'seeker',
    login: input.pseudonym.toLowerCase(),
    display_name: input.pseudonym,
    ...credentialColumns(material, await hasher.hash(material.authKey)),
    recovery: JSON.stringify(null),
  });
  return { accountId: account.id, identity };
}

/** Seals the platform signing secret to a platform admin, who can then certify center admins. */
export async function grantPlatformKey(
  db: Db,
  accountId: string,
  identity: Identity,
  platform: { publicKey: string; secretKey: Uint8Array },
): Promise<void> {
  const { boxPublicKey } = await publicIdentity(identity);
  const grant = {
    sign_public_key: platform.publicKey,
    sealed_key: await sealTo(boxPublicKey, platform.secretKey),
  };
  await db
    .insertInto('platform_key_grants')
    .values({ account_id: accountId, ...grant })
    .onConflict((oc) => oc.column('account_id').doUpdateSet(grant))
    .execute();
}
