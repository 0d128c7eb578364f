import type { z } from 'zod';
import type { createCenterRequestSchema } from '@beratung/shared';
import type { Db } from '../db/database';
import type { Auth } from '../http/access';
import { ConflictError, NotFoundError } from '../http/errors';
import { listAudit, recordAudit } from '../audit/audit.repository';

/** Staff of a center, its settings, and creating centers (platform admins). */
export class StaffService {
  constructor(private readonly db: Db) {}

  async list(centerId: string) {
    const rows = await this.db
      .selectFrom('memberships')
      .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
      .select([
        'accounts.id',
        'accounts.display_name',
        'accounts.email',
        'memberships.role',
        'accounts.totp_enabled',
        'accounts.box_public_key',
        'accounts.sign_public_key',
        'accounts.key_signature',
      ])
      .where('memberships.center_id', '=', centerId)
      .orderBy('accounts.display_name')
      .execute();
    return rows.map((row) => ({
      accountId: row.id,
      displayName: row.display_name,
      email: row.email,
      role: row.role,
      mfaEnabled: row.totp_enabled,
      boxPublicKey: row.box_public_key,
      signPublicKey: row.sign_public_key,
      keySignature: row.key_signature,
    }));
  }

  /** Removes a member; their sessions end if this was their last center. */
  async remove(auth: Auth, centerId: string, accountId: string): Promise<{ sessionsEnded: boolean }> {
    return this.db.transaction().execute(async (trx) => {
      const removed = await trx
        .deleteFrom('memberships')
        .where('center_id', '=', centerId)
        .where('account_id', '=', accountId)
        .returning('role')
        .executeTakeFirst();
      if (!removed) throw new NotFoundError('Member');
      await trx
        .updateTable('admin_certificates')
        .set({ revoked_at: new Date() })
        .where('center_id', '=', centerId)
        .where('account_id', '=', accountId)
        .where('revoked_at', 'is', null)
        .execute();
      const remaining = await trx
        .selectFrom('memberships')
        .select('center_id')
        .where('account_id', '=', accountId)
        .execute();
      if (remaining.length === 0)
        await trx.deleteFrom('sessions').where('account_id', '=', accountId).execute();
      await recordAudit(trx, {
        actorAccountId: auth.account.id,
        centerId,
        action: 'staff.removed',
        targetType: 'account',
        targetId: accountId,
        details: { role: removed.role },
      });
      return { sessionsEnded: remaining.length === 0 };
    });
  }

  async settings(centerId: string) {
    const center = await this.db
      .selectFrom('centers')
      .select(['counselor_mfa_required'])
      .where('id', '=', centerId)
      .executeTakeFirst();
    if (!center) throw new NotFoundError('Center');
    return { counselorMfaRequired: center.counselor_mfa_required };
  }

  async updateSettings(auth: Auth, centerId: string, settings: { counselorMfaRequired: boolean }) {
    await this.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('centers')
        .set({ counselor_mfa_required: settings.counselorMfaRequired, updated_at: new Date() })
        .where('id', '=', centerId)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) throw new NotFoundError('Center');
      await recordAudit(trx, {
        actorAccountId: auth.account.id,
        centerId,
        action: 'center.settings.updated',
        details: settings,
      });
    });
    return settings;
  }

  audit(centerId: string) {
    return listAudit(this.db, centerId);
  }

  async createCenter(auth: Auth, input: z.infer<typeof createCenterRequestSchema>) {
    try {
      return await this.db.transaction().execute(async (trx) => {
        const center = await trx
          .insertInto('centers')
          .values({
            organisation: input.organisation,
            name: input.name,
            external_id: input.externalId ?? null,
          })
          .returning(['id', 'name', 'organisation'])
          .executeTakeFirstOrThrow();
        await recordAudit(trx, {
          actorAccountId: auth.account.id,
          centerId: center.id,
          action: 'center.created',
          targetType: 'center',
          targetId: center.id,
        });
        return center;
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505')
        throw new ConflictError('EXTERNAL_ID_TAKEN', 'A center with this external id exists');
      throw error;
    }
  }
}
