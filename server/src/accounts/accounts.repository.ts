import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../db/database';
import type { AccountsTable, StaffRole } from '../db/schema';

export type AccountRow = Selectable<AccountsTable>;

export function findAccountByLogin(db: Db, login: string): Promise<AccountRow | undefined> {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where('login', '=', login.trim().toLowerCase())
    .executeTakeFirst();
}

export function findAccountById(db: Db, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertAccount(db: Db, values: Insertable<AccountsTable>): Promise<AccountRow> {
  return db.insertInto('accounts').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateAccount(db: Db, id: string, values: Updateable<AccountsTable>): Promise<void> {
  await db.updateTable('accounts').set(values).where('id', '=', id).execute();
}

export async function deleteAccountRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('accounts').where('id', '=', id).execute();
}

export interface MembershipRow {
  centerId: string;
  centerName: string;
  role: StaffRole;
  counselorMfaRequired: boolean;
}

export function findMemberships(db: Db, accountId: string): Promise<MembershipRow[]> {
  return db
    .selectFrom('memberships')
    .innerJoin('centers', 'centers.id', 'memberships.center_id')
    .select([
      'memberships.center_id as centerId',
      'centers.name as centerName',
      'memberships.role as role',
      'centers.counselor_mfa_required as counselorMfaRequired',
    ])
    .where('memberships.account_id', '=', accountId)
    .orderBy('centers.name')
    .execute();
}

export async function addMembership(
  db: Db,
  accountId: string,
  centerId: string,
  role: StaffRole,
): Promise<void> {
  await db
    .insertInto('memberships')
    .values({ account_id: accountId, center_id: centerId, role })
    .onConflict((oc) => oc.columns(['account_id', 'center_id']).doUpdateSet({ role }))
    .execute();
}

export async function replaceTotpRecoveryCodes(
  db: Db,
  accountId: string,
  codeHashes: string[],
): Promise<void> {
  await db.deleteFrom('totp_recovery_codes').where('account_id', '=', accountId).execute();
  if (codeHashes.length === 0) return;
  await db
    .insertInto('totp_recovery_codes')
    .values(codeHashes.map((code_hash) => ({ account_id: accountId, code_hash })))
    .execute();
}

/** Marks a recovery code used; true only for the first use of an existing code. */
export async function consumeTotpRecoveryCode(db: Db, accountId: string, codeHash: string): Promise<boolean> {
  const result = await db
    .updateTable('totp_recovery_codes')
    .set({ used_at: new Date() })
    .where('account_id', '=', accountId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A counselor who exists as a scheduling resource (imported, no login) gets linked to the new account. */
export async function linkCounselorRecords(
  db: Db,
  accountId: string,
  centerId: string,
  email: string,
): Promise<void> {
  await db
    .updateTable('counselors')
    .set({ account_id: accountId })
    .where('center_id', '=', centerId)
    .where('account_id', 'is', null)
    .where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase()))
    .execute();
}
