import type { Db } from '../db/database';

export interface AuditEvent {
  actorAccountId: string | null;
  centerId?: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  /** Who/what/when only: never message content, passwords, keys or contact data. */
  details?: Record<string, unknown>;
}

export async function recordAudit(db: Db, event: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_account_id: event.actorAccountId,
      center_id: event.centerId ?? null,
      action: event.action,
      target_type: event.targetType ?? null,
      target_id: event.targetId ?? null,
      details: JSON.stringify(event.details ?? {}),
    })
    .execute();
}

export async function listAudit(db: Db, centerId: string, limit = 200) {
  const rows = await db
    .selectFrom('audit_log')
    .leftJoin('accounts', 'accounts.id', 'audit_log.actor_account_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.actor_account_id',
      'accounts.display_name',
      'audit_log.action',
      'audit_log.target_type',
      'audit_log.target_id',
      'audit_log.details',
    ])
    .where('audit_log.center_id', '=', centerId)
    .orderBy('audit_log.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: Number(row.id),
    at: row.at.toISOString(),
    actorAccountId: row.actor_account_id,
    actorName: row.display_name,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    details: row.details,
  }));
}
