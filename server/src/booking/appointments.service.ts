import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type {
  Appointment,
  AppointmentList,
  AppointmentsQuery,
  BulkCancelResult,
} from '@beratung/shared/schemas/booking';
import type { Db } from '../db/database';
import { canAdministerCenter, type Auth } from '../http/access';
import { ConflictError, ForbiddenError, NotFoundError } from '../http/errors';
import { recordAudit } from '../audit/audit.repository';
import { DAY_MS, ZoneCalendar } from '../scheduling/local-time';
import { computeSlots } from '../scheduling/slots';
import { loadService, loadServiceRules } from './slot-input.repository';
import { previewSeries, type SeriesPreviewInput } from './series-preview';
import type { BookingService } from './booking.service';

/**
 * The back office's view of appointments: center admins see and change all of their
 * center's; counselors see their own and mark their attendance.
 */
export class AppointmentsService {
  constructor(
    private readonly db: Db,
    private readonly bookings: BookingService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private async timezone(centerId: string): Promise<string> {
    const center = await this.db
      .selectFrom('centers')
      .select('timezone')
      .where('id', '=', centerId)
      .executeTakeFirst();
    if (!center) throw new NotFoundError('Center');
    return center.timezone;
  }

  /** Local dates [from, to] of the center's zone as instants. */
  private rangeOf(timezone: string, from: string, to: string) {
    return {
      from: sql<Date>`(${from}::date)::timestamp at time zone ${timezone}`,
      to: sql<Date>`(${to}::date + 1)::timestamp at time zone ${timezone}`,
    };
  }

  private selectAppointments(centerId: string) {
    return this.db
      .selectFrom('bookings as b')
      .innerJoin('services as s', 's.id', 'b.service_id')
      .innerJoin('counselors as c', 'c.id', 'b.counselor_id')
      .leftJoin('rooms as r', 'r.id', 'b.room_id')
      .select([
        'b.id',
        'b.code',
        'b.status',
        'b.starts_at',
        'b.ends_at',
        'b.blocked_from',
        'b.blocked_to',
        's.id as service_id',
        's.name as service_name',
        's.mode',
        'c.id as counselor_id',
        'c.display_name',
        'r.id as room_id',
        'r.name as room_name',
        'b.contact_name',
        'b.contact_email',
        'b.contact_phone',
        'b.note',
        'b.cancelled_by',
        'b.cancel_message',
      ])
      .where('b.center_id', '=', centerId)
      .where('b.status', '<>', 'held')
      .orderBy('b.starts_at')
      .limit(5000);
  }

  async list(auth: Auth, centerId: string, query: AppointmentsQuery): Promise<AppointmentList> {
    const timezone = await this.timezone(centerId);
    const range = this.rangeOf(timezone, query.from, query.to);
    let select = this.selectAppointments(centerId)
      .where('b.starts_at', '>=', range.from)
      .where('b.starts_at', '<', range.to);
    if (!canAdministerCenter(auth.account, centerId))
      select = select.where('c.account_id', '=', auth.account.id);
    if (query.counselorId) select = select.where('b.counselor_id', '=', query.counselorId);
    if (query.serviceId) select = select.where('b.service_id', '=', query.serviceId);
    if (query.status) select = select.where('b.status', '=', query.status);
    const rows = await select.execute();
    return { timezone, appointments: rows.map(toAppointment(new ZoneCalendar(timezone))) };
  }

  async previewSeries(centerId: string, input: SeriesPreviewInput) {
    return previewSeries(input, new ZoneCalendar(await this.timezone(centerId)));
  }

  /**
   * Upcoming appointments that the center's current rules no longer allow (opening
   * hours, availability, absences, series, holidays, rooms changed after booking).
   * They stay booked: the admin decides whether to cancel or keep them.
   */
  async conflicts(centerId: string): Promise<AppointmentList> {
    const timezone = await this.timezone(centerId);
    const cal = new ZoneCalendar(timezone);
    const rows = await this.selectAppointments(centerId)
      .where('b.status', '=', 'booked')
      .where('b.starts_at', '>', this.now())
      .execute();
    const groups = new Map<string, typeof rows>();
    for (const row of rows) {
      const key = `${row.service_id}|${cal.formatISO(row.starts_at.getTime()).slice(0, 10)}`;
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    const conflicting: typeof rows = [];
    for (const [key, group] of groups) {
      const [serviceId, date] = key.split('|') as [string, string];
      const service = await loadService(this.db, serviceId);
      if (!service) continue;
      const day = Date.parse(`${date}T00:00:00Z`);
      const rules = await loadServiceRules(
        this.db,
        service,
        new Date(day - 2 * DAY_MS),
        new Date(day + 3 * DAY_MS),
      );
      for (const row of group) {
        const start = row.starts_at.getTime();
        const own = (b: (typeof rules.blocked)[number]) =>
          b.counselorId === row.counselor_id &&
          Number(b.from) === row.blocked_from.getTime() &&
          Number(b.to) === row.blocked_to.getTime();
        const slots = computeSlots({
          ...rules,
          // only this appointment's counselor and room, without the appointment itself
          counselors: rules.counselors.filter((c) => c.id === row.counselor_id),
          rooms: rules.rooms.filter((r) => r.id === row.room_id),
          blocked: rules.blocked.filter((b) => !own(b)),
          service: {
            ...rules.service,
            counselorIds: rules.service.counselorIds.filter((id) => id === row.counselor_id),
            minNoticeMinutes: 0,
            horizonDays: 3650,
          },
          groupBookings: [],
          range: { from: date, to: date },
          now: start - 60_000,
        });
        if (!slots.some((slot) => Date.parse(slot.start) === start)) conflicting.push(row);
      }
    }
    return { timezone, appointments: conflicting.map(toAppointment(cal)) };
  }

  private async appointment(centerId: string, id: string) {
    const row = await this.db
      .selectFrom('bookings as b')
      .innerJoin('counselors as c', 'c.id', 'b.counselor_id')
      .select(['b.id', 'b.status', 'b.starts_at', 'c.account_id'])
      .where('b.id', '=', id)
      .where('b.center_id', '=', centerId)
      .where('b.status', '<>', 'held')
      .executeTakeFirst();
    if (!row) throw new NotFoundError('Appointment');
    return row;
  }

  async cancel(auth: Auth, centerId: string, id: string, message: string | undefined): Promise<void> {
    await this.appointment(centerId, id);
    const updated = await this.db
      .updateTable('bookings')
      .set({
        status: 'cancelled',
        cancelled_at: this.now(),
        cancelled_by: 'center',
        cancel_message: message ?? null,
      })
      .where('id', '=', id)
      .where('status', '=', 'booked')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw new ConflictError('NOT_CANCELLABLE', 'Only a booked appointment can be cancelled.');
    await recordAudit(this.db, {
      actorAccountId: auth.account.id,
      centerId,
      action: 'appointment.cancel',
      targetType: 'booking',
      targetId: id,
    });
    await this.bookings.notify(id, 'cancelled');
  }

  /** Attended / no-show, once the appointment has begun; `booked` undoes a mark. */
  async markAttendance(auth: Auth, centerId: string, id: string, status: 'attended' | 'no_show' | 'booked') {
    const row = await this.appointment(centerId, id);
    if (!canAdministerCenter(auth.account, centerId) && row.account_id !== auth.account.id)
      throw new ForbiddenError();
    if (row.status === 'cancelled')
      throw new ConflictError('APPOINTMENT_CANCELLED', 'A cancelled appointment has no attendance.');
    if (row.starts_at.getTime() > this.now().getTime())
      throw new ConflictError(
        'APPOINTMENT_NOT_STARTED',
        'Attendance can be marked once the appointment has begun.',
      );
    await this.db
      .updateTable('bookings')
      .set({ status, updated_at: this.now() })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Massen-Löschung: cancels every booked appointment in a date range, each person
   * told by mail. The preview's token is a digest of exactly those appointments, so a
   * confirmation cancels nothing that the admin did not see counted.
   */
  async bulkCancel(
    auth: Auth,
    centerId: string,
    input: { from: string; to: string; message?: string; confirm?: string },
  ): Promise<BulkCancelResult> {
    const timezone = await this.timezone(centerId);
    const range = this.rangeOf(timezone, input.from, input.to);
    const rows = await this.db
      .selectFrom('bookings')
      .select('id')
      .where('center_id', '=', centerId)
      .where('status', '=', 'booked')
      .where('starts_at', '>=', range.from)
      .where('starts_at', '<', range.to)
      .orderBy('id')
      .execute();
    const ids = rows.map((r) => r.id);
    const token = createHash('sha256')
      .update(`${centerId}|${input.from}|${input.to}|${ids.join(',')}`)
      .digest('base64url');
    if (input.confirm === undefined) return { count: ids.length, cancelled: false, confirmToken: token };
    if (input.confirm !== token)
      throw new ConflictError(
        'BULK_CHANGED',
        'The appointments in this range have changed since the preview. Please check the preview again.',
      );
    if (ids.length > 0) {
      await this.db
        .updateTable('bookings')
        .set({
          status: 'cancelled',
          cancelled_at: this.now(),
          cancelled_by: 'center',
          cancel_message: input.message ?? null,
        })
        .where('id', 'in', ids)
        .where('status', '=', 'booked')
        .execute();
    }
    await recordAudit(this.db, {
      actorAccountId: auth.account.id,
      centerId,
      action: 'appointments.bulk_cancel',
      details: { from: input.from, to: input.to, count: ids.length },
    });
    for (const id of ids) await this.bookings.notify(id, 'cancelled');
    return { count: ids.length, cancelled: true };
  }
}

type AppointmentRow = {
  id: string;
  code: string | null;
  status: Appointment['status'];
  starts_at: Date;
  ends_at: Date;
  service_id: string;
  service_name: string;
  mode: Appointment['service']['mode'];
  counselor_id: string;
  display_name: string;
  room_id: string | null;
  room_name: string | null;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  note: string | null;
  cancelled_by: 'person' | 'center' | null;
  cancel_message: string | null;
};

const toAppointment =
  (cal: ZoneCalendar) =>
  (r: AppointmentRow): Appointment => ({
    id: r.id,
    code: r.code ?? undefined,
    status: r.status,
    start: cal.formatISO(r.starts_at.getTime()),
    end: cal.formatISO(r.ends_at.getTime()),
    service: { id: r.service_id, name: r.service_name, mode: r.mode },
    counselor: { id: r.counselor_id, name: r.display_name },
    room: r.room_id && r.room_name ? { id: r.room_id, name: r.room_name } : undefined,
    contact: {
      name: r.contact_name ?? undefined,
      email: r.contact_email ?? undefined,
      phone: r.contact_phone ?? undefined,
    },
    note: r.note ?? undefined,
    cancelledBy: r.cancelled_by ?? undefined,
    cancelMessage: r.cancel_message ?? undefined,
  });
