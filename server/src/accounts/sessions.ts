import type { Db } from '../db/database';
import { PREPARED } from '../db/prepared';
import type { SessionStage, StaffRole } from '../db/schema';
import type { Auth } from '../http/access';
import { randomToken, sha256 } from '../security/secrets';

export interface SessionPolicy {
  staffIdleTimeoutSeconds: number;
  seekerIdleTimeoutSeconds: number;
  maxAgeSeconds: number;
}

export interface CreatedSession {
  token: string;
  expiresAt: Date;
  csrfToken: string;
  idleTimeoutSeconds: number;
  stage: SessionStage;
  accountId: string;
}

/** The cookie carries a random token; the database holds only its hash. */
export async function createSession(
  db: Db,
  policy: SessionPolicy,
  account: { id: string; kind: 'seeker' | 'staff' },
  stage: SessionStage,
  now = new Date(),
): Promise<CreatedSession> {
  const token = randomToken();
  const csrfToken = randomToken(24);
  const idleTimeoutSeconds =
    account.kind === 'staff' ? policy.staffIdleTimeoutSeconds : policy.seekerIdleTimeoutSeconds;
  const expiresAt = new Date(now.getTime() + policy.maxAgeSeconds * 1000);
  await db
    .insertInto('sessions')
    .values({
      id_hash: sha256(token),
      account_id: account.id,
      stage,
      csrf_token: csrfToken,
      created_at: now,
      last_seen_at: now,
      idle_timeout_seconds: idleTimeoutSeconds,
      expires_at: expiresAt,
    })
    .execute();
  return { token, expiresAt, csrfToken, idleTimeoutSeconds, stage, accountId: account.id };
}

/** Seconds between writes of last_seen_at: every request would be a write otherwise. */
const TOUCH_INTERVAL_SECONDS = 30;

/**
 * Loads a session and the account's roles, enforcing idle and absolute expiry. An
 * expired session is deleted and yields undefined.
 */
export async function loadSession(db: Db, token: string, now = new Date()): Promise<Auth | undefined> {
  const idHash = sha256(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .modifyFront(PREPARED)
    .select([
      'sessions.id_hash',
      'sessions.stage',
      'sessions.csrf_token',
      'sessions.last_seen_at',
      'sessions.idle_timeout_seconds',
      'sessions.expires_at',
      'accounts.id as account_id',
      'accounts.kind',
      'accounts.is_platform_admin',
    ])
    .where('sessions.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row) return undefined;
  const idleDeadline = row.last_seen_at.getTime() + row.idle_timeout_seconds * 1000;
  if (now.getTime() >= row.expires_at.getTime() || now.getTime() >= idleDeadline) {
    await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
    return undefined;
  }
  if (now.getTime() - row.last_seen_at.getTime() > TOUCH_INTERVAL_SECONDS * 1000) {
    await db.updateTable('sessions').set({ last_seen_at: now }).where('id_hash', '=', idHash).execute();
    await db.updateTable('accounts').set({ last_active_at: now }).where('id', '=', row.account_id).execute();
  }
  const memberships = await db
    .selectFrom('memberships')
    .modifyFront(PREPARED)
    .select(['center_id', 'role'])
    .where('account_id', '=', row.account_id)
    .execute();
  return {
    sessionIdHash: idHash,
    stage: row.stage,
    csrfToken: row.csrf_token,
    expiresAt: row.expires_at,
    idleTimeoutSeconds: row.idle_timeout_seconds,
    account: {
      id: row.account_id,
      kind: row.kind,
      isPlatformAdmin: row.is_platform_admin,
      memberships: new Map(memberships.map((m) => [m.center_id, m.role as StaffRole])),
    },
  };
}

export async function setSessionStage(db: Db, idHash: string, stage: SessionStage): Promise<void> {
  await db.updateTable('sessions').set({ stage }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteAccountSessions(db: Db, accountId: string): Promise<void> {
  await db.deleteFrom('sessions').where('account_id', '=', accountId).execute();
}

export async function deleteExpiredSessions(db: Db, now = new Date()): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
