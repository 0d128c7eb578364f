import type { z } from 'zod';
import {
  openStatement,
  verifyPublicIdentity,
  type AdminCertificate,
  type CenterKeyChain,
  type MemberListStatement,
  type TeamKeyStatement,
  type adminCertificateRequestSchema,
  type teamKeyRequestSchema,
} from '@beratung/shared';
import type { Db } from '../db/database';
import type { Auth } from '../http/access';
import { AppError, ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { recordAudit } from '../audit/audit.repository';

/**
 * The server side of the trust chain. It checks every signature before it stores a
 * statement (so a broken client cannot publish garbage) — but clients never rely on
 * that: they verify the chain themselves against the platform key they ship with.
 */
export class KeysService {
  constructor(
    private readonly db: Db,
    private readonly platformSignPublicKey: () => string | null,
  ) {}

  private platformKey(): string {
    const key = this.platformSignPublicKey();
    if (!key) throw new AppError(503, 'PLATFORM_KEY_MISSING', 'No platform signing key is configured');
    return key;
  }

  async platformKeyGrant(auth: Auth) {
    const grant = await this.db
      .selectFrom('platform_key_grants')
      .select(['sign_public_key', 'sealed_key'])
      .where('account_id', '=', auth.account.id)
      .executeTakeFirst();
    if (!grant) throw new NotFoundError('Platform key grant');
    return { signPublicKey: grant.sign_public_key, sealedKey: grant.sealed_key };
  }

  /** Center admins whose keys no platform admin has certified yet. */
  async pendingCertificates() {
    const rows = await this.db
      .selectFrom('memberships')
      .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
      .innerJoin('centers', 'centers.id', 'memberships.center_id')
      .select([
        'accounts.id as accountId',
        'centers.id as centerId',
        'centers.name as centerName',
        'accounts.display_name as displayName',
        'accounts.box_public_key as boxPublicKey',
        'accounts.sign_public_key as signPublicKey',
        'accounts.key_signature as keySignature',
      ])
      .where('memberships.role', '=', 'center_admin')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('admin_certificates')
              .select('admin_certificates.id')
              .whereRef('admin_certificates.account_id', '=', 'memberships.account_id')
              .whereRef('admin_certificates.center_id', '=', 'memberships.center_id')
              .where('admin_certificates.revoked_at', 'is', null),
          ),
        ),
      )
      .orderBy('centers.name')
      .execute();
    return rows;
  }

  async addAdminCertificate(
    auth: Auth,
    centerId: string,
    input: z.infer<typeof adminCertificateRequestSchema>,
  ) {
    const certificate = await this.open<AdminCertificate>(input, this.platformKey(), 'center-admin');
    const account = await this.db
      .selectFrom('memberships')
      .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
      .select(['accounts.id', 'accounts.box_public_key', 'accounts.sign_public_key', 'memberships.role'])
      .where('memberships.center_id', '=', centerId)
      .where('memberships.account_id', '=', input.accountId)
      .executeTakeFirst();
    if (!account || account.role !== 'center_admin')
      throw new AppError(422, 'NOT_CENTER_ADMIN', 'This account is not an admin of the center');
    if (
      certificate.centerId !== centerId ||
      certificate.accountId !== input.accountId ||
      certificate.signPublicKey !== account.sign_public_key ||
      certificate.boxPublicKey !== account.box_public_key
    ) {
      throw new AppError(
        422,
        'CERTIFICATE_MISMATCH',
        'The certificate does not match the account and center',
      );
    }
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('admin_certificates')
        .set({ revoked_at: new Date() })
        .where('center_id', '=', centerId)
        .where('account_id', '=', input.accountId)
        .where('revoked_at', 'is', null)
        .execute();
      await trx
        .insertInto('admin_certificates')
        .values({
          account_id: input.accountId,
          center_id: centerId,
          payload: input.payload,
          signature: input.signature,
        })
        .execute();
      await recordAudit(trx, {
        actorAccountId: auth.account.id,
        centerId,
        action: 'keys.admin_certified',
        targetType: 'account',
        targetId: input.accountId,
      });
    });
  }

  private async open<T extends AdminCertificate | TeamKeyStatement | MemberListStatement>(
    signed: { payload: string; signature: string },
    key: string,
    type: T['type'],
  ): Promise<T> {
    try {
      return await openStatement<T>(signed, key, type);
    } catch (error) {
      throw new AppError(422, 'SIGNATURE_INVALID', (error as Error).message);
    }
  }

  private async certifiedSigner(centerId: string, accountId: string): Promise<string> {
    const row = await this.db
      .selectFrom('admin_certificates')
      .innerJoin('accounts', 'accounts.id', 'admin_certificates.account_id')
      .select(['accounts.sign_public_key'])
      .where('admin_certificates.center_id', '=', centerId)
      .where('admin_certificates.account_id', '=', accountId)
      .where('admin_certificates.revoked_at', 'is', null)
      .executeTakeFirst();
    if (!row)
      throw new ForbiddenError('Your keys have not been certified by a platform admin yet', 'NOT_CERTIFIED');
    return row.sign_public_key;
  }

  /**
   * A certified center admin publishes a new team key epoch, the signed member list,
   * and the team private key sealed to each listed member.
   */
  async publishTeamKey(auth: Auth, centerId: string, input: z.infer<typeof teamKeyRequestSchema>) {
    const signer = await this.certifiedSigner(centerId, auth.account.id);
    const teamKey = await this.open<TeamKeyStatement>(input.teamKey, signer, 'team-key');
    const memberList = await this.open<MemberListStatement>(input.memberList, signer, 'member-list');
    if (teamKey.centerId !== centerId || memberList.centerId !== centerId) {
      throw new AppError(422, 'CENTER_MISMATCH', 'The statements are for another center');
    }
    await this.checkListedMembers(centerId, memberList);
    const listed = new Set(memberList.members.map((m) => m.accountId));
    for (const grant of input.grants) {
      if (!listed.has(grant.accountId))
        throw new AppError(
          422,
          'GRANT_NOT_LISTED',
          'A key grant is for an account that is not on the member list',
        );
    }
    await this.db.transaction().execute(async (trx) => {
      const latest = await trx
        .selectFrom('center_team_keys')
        .select(({ fn }) => fn.max('epoch').as('epoch'))
        .where('center_id', '=', centerId)
        .executeTakeFirst();
      const latestList = await trx
        .selectFrom('center_member_lists')
        .select(({ fn }) => fn.max('version').as('version'))
        .where('center_id', '=', centerId)
        .executeTakeFirst();
      if (
        teamKey.epoch !== (latest?.epoch ?? 0) + 1 ||
        memberList.version !== (latestList?.version ?? 0) + 1
      ) {
        throw new ConflictError(
          'STALE_KEY_EPOCH',
          'Another team key was published meanwhile; reload and try again',
        );
      }
      await trx
        .insertInto('center_team_keys')
        .values({
          center_id: centerId,
          epoch: teamKey.epoch,
          box_public_key: teamKey.boxPublicKey,
          statement: input.teamKey.payload,
          signature: input.teamKey.signature,
          signed_by: auth.account.id,
        })
        .execute();
      await trx
        .insertInto('center_member_lists')
        .values({
          center_id: centerId,
          version: memberList.version,
          payload: input.memberList.payload,
          signature: input.memberList.signature,
          signed_by: auth.account.id,
        })
        .execute();
      await trx
        .insertInto('team_key_grants')
        .values(
          input.grants.map((g) => ({
            center_id: centerId,
            epoch: teamKey.epoch,
            account_id: g.accountId,
            sealed_key: g.sealedKey,
            granted_by: auth.account.id,
          })),
        )
        .execute();
      await recordAudit(trx, {
        actorAccountId: auth.account.id,
        centerId,
        action: 'keys.team_key_published',
        details: { epoch: teamKey.epoch, members: memberList.members.length },
      });
    });
    return { epoch: teamKey.epoch };
  }

  /** Every listed member must be a member of the center, with exactly these (self-signed) keys. */
  private async checkListedMembers(centerId: string, memberList: MemberListStatement): Promise<void> {
    const members = await this.db
      .selectFrom('memberships')
      .innerJoin('accounts', 'accounts.id', 'memberships.account_id')
      .select([
        'accounts.id',
        'accounts.box_public_key',
        'accounts.sign_public_key',
        'accounts.key_signature',
      ])
      .where('memberships.center_id', '=', centerId)
      .execute();
    const byId = new Map(members.map((m) => [m.id, m]));
    for (const listed of memberList.members) {
      const member = byId.get(listed.accountId);
      if (
        !member ||
        member.box_public_key !== listed.boxPublicKey ||
        member.sign_public_key !== listed.signPublicKey
      ) {
        throw new AppError(
          422,
          'MEMBER_LIST_INVALID',
          `Account ${listed.accountId} is not a member with these keys`,
        );
      }
      if (
        !(await verifyPublicIdentity({
          boxPublicKey: member.box_public_key,
          signPublicKey: member.sign_public_key,
          keySignature: member.key_signature,
        }))
      ) {
        throw new AppError(
          422,
          'MEMBER_KEYS_INVALID',
          `Account ${listed.accountId} has invalid key signatures`,
        );
      }
    }
  }

  /** Public: everything a help seeker's client needs to verify the center's team key. */
  async keyChain(centerId: string): Promise<CenterKeyChain> {
    const teamKey = await this.db
      .selectFrom('center_team_keys')
      .selectAll()
      .where('center_id', '=', centerId)
      .orderBy('epoch', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!teamKey || !teamKey.signed_by)
      throw new AppError(404, 'NO_TEAM_KEY', 'This center has no team key yet');
    const memberList = await this.db
      .selectFrom('center_member_lists')
      .selectAll()
      .where('center_id', '=', centerId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    const certificates = await this.db
      .selectFrom('admin_certificates')
      .select(['account_id', 'payload', 'signature'])
      .where('center_id', '=', centerId)
      .where('revoked_at', 'is', null)
      .execute();
    return {
      centerId,
      adminCertificates: certificates.map((c) => ({
        accountId: c.account_id,
        payload: c.payload,
        signature: c.signature,
      })),
      teamKey: { payload: teamKey.statement, signature: teamKey.signature, signedBy: teamKey.signed_by },
      ...(memberList?.signed_by
        ? {
            memberList: {
              payload: memberList.payload,
              signature: memberList.signature,
              signedBy: memberList.signed_by,
            },
          }
        : {}),
    };
  }

  /** A member's own sealed copy of the current team private key. */
  async myTeamKeyGrant(auth: Auth, centerId: string) {
    const grant = await this.db
      .selectFrom('team_key_grants')
      .select(['epoch', 'sealed_key'])
      .where('center_id', '=', centerId)
      .where('account_id', '=', auth.account.id)
      .orderBy('epoch', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!grant) throw new AppError(404, 'NO_GRANT', 'The team key has not been shared with you yet');
    return { epoch: grant.epoch, sealedKey: grant.sealed_key };
  }

  /**
   * A certified center admin signs a new member list for the current team key epoch
   * (a counselor joined). The key itself is not changed: a member's client then seals
   * it to the newcomer, who is on a list the server could not have forged.
   */
  async publishMemberList(auth: Auth, centerId: string, input: { payload: string; signature: string }) {
    const signer = await this.certifiedSigner(centerId, auth.account.id);
    const memberList = await this.open<MemberListStatement>(input, signer, 'member-list');
    if (memberList.centerId !== centerId)
      throw new AppError(422, 'CENTER_MISMATCH', 'The statement is for another center');
    await this.checkListedMembers(centerId, memberList);
    await this.db.transaction().execute(async (trx) => {
      const latest = await trx
        .selectFrom('center_member_lists')
        .select(({ fn }) => fn.max('version').as('version'))
        .where('center_id', '=', centerId)
        .executeTakeFirst();
      if (memberList.version !== (latest?.version ?? 0) + 1)
        throw new ConflictError('STALE_MEMBER_LIST', 'Another member list was published meanwhile; reload');
      await trx
        .insertInto('center_member_lists')
        .values({
          center_id: centerId,
          version: memberList.version,
          payload: input.payload,
          signature: input.signature,
          signed_by: auth.account.id,
        })
        .execute();
      await recordAudit(trx, {
        actorAccountId: auth.account.id,
        centerId,
        action: 'keys.member_list_published',
        details: { version: memberList.version, members: memberList.members.length },
      });
    });
    return { version: memberList.version };
  }

  /**
   * Members on the latest signed list who still lack the current team key: the work a
   * member's client holding the key can do. The client checks the list's signature
   * itself before sealing anything.
   */
  async pendingGrants(centerId: string) {
    const epoch = await this.latestEpoch(this.db, centerId);
    const list = await this.db
      .selectFrom('center_member_lists')
      .select('payload')
      .where('center_id', '=', centerId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (epoch === undefined || !list) return { epoch: epoch ?? 0, members: [] };
    const listed = (JSON.parse(list.payload) as MemberListStatement).members;
    const granted = await this.db
      .selectFrom('team_key_grants')
      .select('account_id')
      .where('center_id', '=', centerId)
      .where('epoch', '=', epoch)
      .execute();
    const members = await this.db
      .selectFrom('memberships')
      .select('account_id')
      .where('center_id', '=', centerId)
      .execute();
    const have = new Set(granted.map((g) => g.account_id));
    const current = new Set(members.map((m) => m.account_id));
    return {
      epoch,
      members: listed.filter((m) => current.has(m.accountId) && !have.has(m.accountId)),
    };
  }

  /** A member who holds the team key hands it on to listed members who lack it. */
  async addGrants(
    auth: Auth,
    centerId: string,
    grants: Array<{ accountId: string; epoch: number; sealedKey: string }>,
  ) {
    const pending = await this.pendingGrants(centerId);
    const own = await this.db
      .selectFrom('team_key_grants')
      .select('epoch')
      .where('center_id', '=', centerId)
      .where('account_id', '=', auth.account.id)
      .where('epoch', '=', pending.epoch)
      .executeTakeFirst();
    if (!own) throw new ForbiddenError('You do not hold the current team key', 'NO_GRANT');
    const open = new Set(pending.members.map((m) => m.accountId));
    for (const grant of grants) {
      if (grant.epoch !== pending.epoch || !open.has(grant.accountId))
        throw new AppError(
          422,
          'GRANT_NOT_PENDING',
          'A grant is for an account that is not waiting for the current team key',
        );
    }
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('team_key_grants')
        .values(
          grants.map((g) => ({
            center_id: centerId,
            epoch: g.epoch,
            account_id: g.accountId,
            sealed_key: g.sealedKey,
            granted_by: auth.account.id,
          })),
        )
        .onConflict((oc) => oc.columns(['center_id', 'epoch', 'account_id']).doNothing())
        .execute();
      await recordAudit(trx, {
        actorAccountId: auth.account.id,
        centerId,
        action: 'keys.team_key_granted',
        details: { epoch: pending.epoch, accounts: grants.map((g) => g.accountId) },
      });
    });
    return { granted: grants.length };
  }

  private async latestEpoch(db: Db, centerId: string): Promise<number | undefined> {
    const row = await db
      .selectFrom('center_team_keys')
      .select(({ fn }) => fn.max('epoch').as('epoch'))
      .where('center_id', '=', centerId)
      .executeTakeFirst();
    return row?.epoch ?? undefined;
  }
}
