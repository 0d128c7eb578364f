import { sortReminderOffsets, type BookingSettings } from '@beratung/shared/schemas/booking';
import type { Db } from '../db/database';
import type { Auth } from '../http/access';
import { NotFoundError } from '../http/errors';
import { recordAudit } from '../audit/audit.repository';

/** True when both settings say the same (offsets compared as a set). */
export function sameBookingSettings(a: BookingSettings, b: BookingSettings): boolean {
  const x = sortReminderOffsets(a.reminderOffsetsMinutes);
  const y = sortReminderOffsets(b.reminderOffsetsMinutes);
  return (
    a.contactRetentionDays === b.contactRetentionDays &&
    x.length === y.length &&
    x.every((offset, i) => offset === y[i])
  );
}

/**
 * A center's booking settings: when reminders are mailed before an appointment and
 * how long the person's contact data is kept after it. The reminder and retention jobs
 * (BookingService) read the same columns, so a change applies from their next round.
 */
export class BookingSettingsService {
  constructor(private readonly db: Db) {}

  async read(centerId: string): Promise<BookingSettings> {
    const row = await this.db
      .selectFrom('centers')
      .select(['reminder_offsets_minutes', 'booking_contact_retention_days'])
      .where('id', '=', centerId)
      .executeTakeFirst();
    if (!row) throw new NotFoundError('Center');
    return {
      reminderOffsetsMinutes: sortReminderOffsets(row.reminder_offsets_minutes),
      contactRetentionDays: row.booking_contact_retention_days,
    };
  }

  /** Stores validated settings; an audit entry records what changed (nothing when nothing did). */
  async update(auth: Auth, centerId: string, settings: BookingSettings): Promise<BookingSettings> {
    const next: BookingSettings = {
      reminderOffsetsMinutes: sortReminderOffsets(settings.reminderOffsetsMinutes),
      contactRetentionDays: settings.contactRetentionDays,
    };
    await this.db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom('centers')
        .select(['reminder_offsets_minutes', 'booking_contact_retention_days'])
        .where('id', '=', centerId)
        .forUpdate()
        .executeTakeFirst();
      if (!row) throw new NotFoundError('Center');
      const previous: BookingSettings = {
        reminderOffsetsMinutes: sortReminderOffsets(row.reminder_offsets_minutes),
        contactRetentionDays: row.booking_contact_retention_days,
      };
      if (sameBookingSettings(previous, next)) return;
      await trx
        .updateTable('centers')
        .set({
          reminder_offsets_minutes: next.reminderOffsetsMinutes,
          booking_contact_retention_days: next.contactRetentionDays,
          updated_at: new Date(),
        })
        .where('id', '=', centerId)
        .execute();
      await recordAudit(trx, {
        actorAccountId: auth.account.id,
        centerId,
        action: 'center.booking_settings.updated',
        targetType: 'center',
        targetId: centerId,
        details: { before: previous, after: next },
      });
    });
    return next;
  }
}
