import type { z } from 'zod';
import type { acceptInviteRequestSchema, inviteRequestSchema } from '@beratung/shared';
import type { Db } from '../db/database';
import type { Auth } from '../http/access';
import { AppError, ConflictError, NotFoundError } from '../http/errors';
import type { PasswordHasher } from '../security/password-hasher';
import { randomToken, sha256 } from '../security/secrets';
import { recordAudit } from '../audit/audit.repository';
import { enqueueMail } from '../mail/outbox';
import { inviteMail } from '../mail/templates';
import {
  addMembership,
  findAccountByLogin,
  findMemberships,
  insertAccount,
  linkCounselorRecords,
} from './accounts.repository';
import { credentialColumns, stageAfterPassword, type NewSession } from './accounts.service';
import { createSession, type SessionPolicy } from './sessions';

export interface InvitesDeps {
  db: Db;
  hasher: PasswordHasher;
  sessionPolicy: SessionPolicy;
  publicUrl: string;
  inviteTtlHours: number;
  now?: () => Date;
}

/** Staff join by invitation only: a one-time, expiring link sent by email. */
export class InvitesService {
  constructor(private readonly deps: InvitesDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  async create(
    auth: Auth,
    centerId: string,
    input: z.infer<typeof inviteRequestSchema>,
  ): Promise<{ id: string; expiresAt: string }> {
    const { db } = this.deps;
    const center = await db
      .selectFrom('centers')
      .select(['id', 'name'])
      .where('id', '=', centerId)
      .executeTakeFirst();
    if (!center) throw new NotFoundError('Center');
    const existing = await findAccountByLogin(db, input.email);
    if (existing) {
      const memberships = await findMemberships(db, existing.id);
      if (memberships.some((m) => m.centerId === centerId)) {
        throw new ConflictError('ALREADY_MEMBER', 'This person is already a member of the center');
      }
      throw new ConflictError('ACCOUNT_EXISTS', 'An account with this email address exists already');
    }
    const token = randomToken();
    const expiresAt = new Date(this.now().getTime() + this.deps.inviteTtlHours * 3600_000);
    const link = `${this.deps.publicUrl.replace(/\/$/, '')}/admin/#/invite/${token}`;
    return db.transaction().execute(async (trx) => {
      const invite = await trx
        .insertInto('invites')
        .values({
          center_id: centerId,
          email: input.email,
          display_name: input.displayName,
          role: input.role,
          token_hash: sha256(token),
          created_by: auth.account.id,
          expires_at: expiresAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await enqueueMail(
        trx,
        inviteMail({
          to: input.email,
          name: input.displayName,
          centerName: center.name,
          role: input.role,
          link,
          expiresAt,
        }),
      );
      await recordAudit(trx, {
        actorAccountId: auth.account.id,
        centerId,
        action: 'staff.invited',
        targetType: 'invite',
        targetId: invite.id,
        details: { role: input.role },
      });
      return { id: invite.id, expiresAt: expiresAt.toISOString() };
    });
  }

  private async findOpen(db: Db, token: string, forUpdate = false) {
    let query = db
      .selectFrom('invites')
      .innerJoin('centers', 'centers.id', 'invites.center_id')
      .select([
        'invites.id',
        'invites.center_id',
        'invites.email',
        'invites.display_name',
        'invites.role',
        'invites.expires_at',
        'invites.accepted_at',
        'centers.name as center_name',
      ])
      .where('invites.token_hash', '=', sha256(token));
    if (forUpdate) query = query.forUpdate();
    const invite = await query.executeTakeFirst();
    if (!invite) throw new AppError(404, 'INVITE_INVALID', 'This invitation link is not valid');
    if (invite.accepted_at) throw new AppError(410, 'INVITE_USED', 'This invitation has already been used');
    if (invite.expires_at.getTime() <= this.now().getTime()) {
      throw new AppError(
        410,
        'INVITE_EXPIRED',
        'This invitation has expired. Ask your center admin for a new one.',
      );
    }
    return invite;
  }

  async view(token: string) {
    const invite = await this.findOpen(this.deps.db, token);
    return {
      centerName: invite.center_name,
      email: invite.email,
      displayName: invite.display_name,
      role: invite.role,
      expiresAt: invite.expires_at.toISOString(),
    };
  }

  /** Creates the staff account with the keys made on the client; the invite is used once. */
  async accept(token: string, input: z.infer<typeof acceptInviteRequestSchema>): Promise<NewSession> {
    const authHash = await this.deps.hasher.hash(input.credentials.authKey);
    return this.deps.db.transaction().execute(async (trx) => {
      const invite = await this.findOpen(trx, token, true);
      if (await findAccountByLogin(trx, invite.email)) {
        throw new ConflictError('ACCOUNT_EXISTS', 'An account with this email address exists already');
      }
      const account = await insertAccount(trx, {
        kind: 'staff',
        login: invite.email,
        display_name: invite.display_name,
        email: invite.email,
        locale: input.locale,
        ...credentialColumns(input.credentials, authHash),
        recovery: JSON.stringify(null),
      });
      await addMembership(trx, account.id, invite.center_id, invite.role);
      await trx
        .updateTable('invites')
        .set({ accepted_at: this.now(), accepted_account_id: account.id })
        .where('id', '=', invite.id)
        .execute();
      await linkCounselorRecords(trx, account.id, invite.center_id, invite.email);
      await recordAudit(trx, {
        actorAccountId: account.id,
        centerId: invite.center_id,
        action: 'staff.joined',
        targetType: 'account',
        targetId: account.id,
        details: { role: invite.role },
      });
      const stage = stageAfterPassword(account, await findMemberships(trx, account.id));
      return createSession(trx, this.deps.sessionPolicy, account, stage, this.now());
    });
  }
}
