import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import {
  certifyCenterAdmin,
  createTeamKeyEpoch,
  generatePlatformSigningKey,
  publicIdentity,
} from '@beratung/shared';
import type { Db } from '../db/database';
import type { PasswordHasher } from '../security/password-hasher';
import { importCenters } from '../importexport/import.service';
import { grantPlatformKey, provisionSeekerAccount, provisionStaffAccount } from '../accounts/provision';
import { writePlatformPublicKey } from '../platform/platform-key';

const demoFile = path.join(path.dirname(fileURLToPath(import.meta.url)), 'demo-data.json');

/** Demo logins (documented in the README). Only ever created by the demo data. */
export const DEMO_ACCOUNTS = {
  platformAdmin: {
    email: 'plattform@demo.beratung.local',
    displayName: 'Plattform-Admin (Demo)',
    password: 'Demo-Plattform-2026!',
  },
  centerAdmin: {
    email: 'leitung@demo.beratung.local',
    displayName: 'Leitung (Demo)',
    password: 'Demo-Leitung-2026!',
  },
  counselor: {
    email: 'beratung@demo.beratung.local',
    displayName: 'Berater*in (Demo)',
    password: 'Demo-Beratung-2026!',
  },
  seeker: { pseudonym: 'Sonnenblume', password: 'Demo-Hilfe-2026!' },
} as const;

/**
 * Loads the demo data into an empty database: the demo centers, demo logins, and a
 * working trust chain (platform key → certified center admin → team key) for the
 * first center. Returns false when the database already has centers.
 */
export async function seedDemoData(
  db: Db,
  hasher: PasswordHasher,
  options: { dataDir: string; configuredPlatformKey?: string; logger: Logger },
): Promise<boolean> {
  const existing = await db
    .selectFrom('centers')
    .select(({ fn }) => fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return false;
  const started = Date.now();
  const file = JSON.parse(fs.readFileSync(demoFile, 'utf8')) as unknown;
  const result = await importCenters(db, file, null);
  const firstExternalId = (file as { centers: Array<{ externalId: string }> }).centers[0]!.externalId;
  const center = await db
    .selectFrom('centers')
    .select(['id'])
    .where('external_id', '=', firstExternalId)
    .executeTakeFirstOrThrow();

  const platformAdmin = await provisionStaffAccount(db, hasher, {
    ...DEMO_ACCOUNTS.platformAdmin,
    platformAdmin: true,
  });
  const centerAdmin = await provisionStaffAccount(db, hasher, {
    ...DEMO_ACCOUNTS.centerAdmin,
    memberships: [{ centerId: center.id, role: 'center_admin' }],
  });
  const counselor = await provisionStaffAccount(db, hasher, {
    ...DEMO_ACCOUNTS.counselor,
    memberships: [{ centerId: center.id, role: 'counselor' }],
  });
  await provisionSeekerAccount(db, hasher, DEMO_ACCOUNTS.seeker);

  if (options.configuredPlatformKey) {
    options.logger.warn(
      'PLATFORM_SIGN_PUBLIC_KEY is set: the demo trust chain is not created (its private half is not here)',
    );
  } else {
    const platform = await generatePlatformSigningKey();
    writePlatformPublicKey(options.dataDir, platform.publicKey);
    await grantPlatformKey(db, platformAdmin.accountId, platformAdmin.identity, platform);
    const adminPublic = await publicIdentity(centerAdmin.identity);
    const counselorPublic = await publicIdentity(counselor.identity);
    const certificate = await certifyCenterAdmin(platform.secretKey, {
      centerId: center.id,
      accountId: centerAdmin.accountId,
      ...adminPublic,
    });
    await db
      .insertInto('admin_certificates')
      .values({ account_id: centerAdmin.accountId, center_id: center.id, ...certificate })
      .execute();
    const epoch = await createTeamKeyEpoch({
      centerId: center.id,
      epoch: 1,
      memberListVersion: 1,
      adminSignSecretKey: centerAdmin.identity.signSecretKey,
      members: [
        { accountId: centerAdmin.accountId, ...adminPublic },
        { accountId: counselor.accountId, ...counselorPublic },
      ],
    });
    await db
      .insertInto('center_team_keys')
      .values({
        center_id: center.id,
        epoch: 1,
        box_public_key: JSON.parse(epoch.teamKey.payload).boxPublicKey,
        statement: epoch.teamKey.payload,
        signature: epoch.teamKey.signature,
        signed_by: centerAdmin.accountId,
      })
      .execute();
    await db
      .insertInto('center_member_lists')
      .values({ center_id: center.id, version: 1, ...epoch.memberList, signed_by: centerAdmin.accountId })
      .execute();
    await db
      .insertInto('team_key_grants')
      .values(
        epoch.grants.map((g) => ({
          center_id: center.id,
          epoch: 1,
          account_id: g.accountId,
          sealed_key: g.sealedKey,
          granted_by: centerAdmin.accountId,
        })),
      )
      .execute();
  }
  options.logger.info({ ms: Date.now() - started, import: result }, 'demo data loaded');
  return true;
}
