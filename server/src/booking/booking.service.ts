import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import type {
  BookingView,
  CenterServices,
  PublicSlot,
  SlotDaysResponse,
  SlotsResponse,
} from '@beratung/shared/schemas/booking';
import type { Db } from '../db/database';
import { AppError, ConflictError, NotFoundError } from '../http/errors';
import { computeSlots, type Slot } from '../scheduling/slots';
import { ZoneCalendar } from '../scheduling/local-time';
import { buildIcs } from './ics';
import { bookingMail, type BookingMailKind } from './booking-mails';
import { enqueueMail } from '../mail/outbox';
import {
  loadService,
  loadServiceRules,
  type ServiceRecord,
  type ServiceRules,
} from './slot-input.repository';

const DAY_MS = 86_400_000;
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export class SlotTakenError extends ConflictError {
  constructor() {
    super('SLOT_TAKEN', 'This time is no longer available. Please choose another one.');
  }
}
export class HoldExpiredError extends AppError {
  constructor() {
    super(410, 'HOLD_EXPIRED', 'The reservation has expired. Please choose the time again.');
  }
}

function newCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += CROCKFORD[randomInt(32)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}
const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest();
const pgCode = (error: unknown) => (error as { code?: string }).code;

interface Reservation {
  counselorId: string;
  roomId: string | null;
  start: number;
  end: number;
  sessionKey?: string;
}

/** Public online booking: services, free slots, holds and bookings (ARCHITECTURE §3–4). */
export class BookingService {
  constructor(
    private readonly db: Db,
    private readonly options: { holdTtlSeconds: number; publicUrl: string; now?: () => Date },
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  async centerServices(centerId: string): Promise<CenterServices> {
    const center = await this.db
      .selectFrom('centers')
      .select(['id', 'name', 'timezone'])
      .where('id', '=', centerId)
      .executeTakeFirst();
    if (!center) throw new NotFoundError('Center');
    const ids = await this.db
      .selectFrom('services')
      .select('id')
      .where('center_id', '=', centerId)
      .where('active', '=', true)
      .orderBy('name')
      .execute();
    const services = (await Promise.all(ids.map((r) => loadService(this.db, r.id)))).filter(
      (s): s is ServiceRecord => s !== undefined,
    );
    return {
      center,
      services: services.map((s) => ({
        id: s.id,
        name: s.name,
        description: s.description ?? undefined,
        topic: s.topicKey ?? undefined,
        mode: s.mode,
        durationMinutes: s.durationMinutes,
        capacity: s.capacity,
        minNoticeMinutes: s.minNoticeMinutes,
        horizonDays: s.horizonDays,
        address: s.mode === 'on_site' ? s.address : undefined,
      })),
    };
  }

  private async activeService(serviceId: string): Promise<ServiceRecord> {
    const service = await loadService(this.db, serviceId);
    if (!service || !service.active) throw new NotFoundError('Service');
    return service;
  }

  /** Slots of local dates [from, to] with the counselors and rooms free at each. */
  private async computeFor(
    service: ServiceRecord,
    from: string,
    to: string,
  ): Promise<{ slots: Slot[]; rules: ServiceRules }> {
    const windowFrom = new Date(Date.parse(`${from}T00:00:00Z`) - 2 * DAY_MS);
    const windowTo = new Date(Date.parse(`${to}T00:00:00Z`) + 3 * DAY_MS);
    const rules = await loadServiceRules(this.db, service, windowFrom, windowTo);
    const now = this.now();
    const slots = computeSlots({ ...rules, groupBookings: [], range: { from, to }, now });
    if (service.capacity > 1) this.addOpenSessions(service, rules, slots, from, to, now);
    return { slots, rules };
  }

  /**
   * A group session that already has bookings keeps its counselor and room, so its
   * start stays bookable while seats are left, whatever else blocks those resources.
   */
  private addOpenSessions(
    service: ServiceRecord,
    rules: ServiceRules,
    slots: Slot[],
    from: string,
    to: string,
    now: Date,
  ): void {
    const cal = new ZoneCalendar(service.timezone);
    const earliest = now.getTime() + service.minNoticeMinutes * 60_000;
    const latest = now.getTime() + service.horizonDays * DAY_MS;
    const byStart = new Map(slots.map((s) => [Date.parse(s.start), s]));
    for (const [start, session] of rules.sessions) {
      const iso = cal.formatISO(start);
      const date = iso.slice(0, 10);
      if (date < from || date > to || start < earliest || start > latest) continue;
      const left = service.capacity - session.seats;
      const slot = byStart.get(start);
      if (left <= 0) {
        if (slot) slots.splice(slots.indexOf(slot), 1);
        continue;
      }
      const entry: Slot = {
        start: iso,
        end: cal.formatISO(start + service.durationMinutes * 60_000),
        counselorIds: [session.counselorId],
        roomIds: session.roomId ? [session.roomId] : [],
        seatsLeft: left,
      };
      if (slot) slots[slots.indexOf(slot)] = entry;
      else slots.push(entry);
    }
    slots.sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  }

  async slots(query: { serviceId: string; from: string; to: string; time?: string }): Promise<SlotsResponse> {
    const service = await this.activeService(query.serviceId);
    const { slots } = await this.computeFor(service, query.from, query.to);
    const visible = query.time ? slots.filter((s) => s.start.slice(11, 16) === query.time) : slots;
    const response: SlotsResponse = { timezone: service.timezone, slots: visible.map(publicSlot) };
    if (query.time) response.days = [...new Set(visible.map((s) => s.start.slice(0, 10)))];
    return response;
  }

  async slotDays(query: { serviceId: string; from: string; to: string }): Promise<SlotDaysResponse> {
    const service = await this.activeService(query.serviceId);
    const { slots } = await this.computeFor(service, query.from, query.to);
    const counts = new Map<string, number>();
    for (const s of slots) counts.set(s.start.slice(0, 10), (counts.get(s.start.slice(0, 10)) ?? 0) + 1);
    return { timezone: service.timezone, days: [...counts].map(([date, n]) => ({ date, slots: n })) };
  }

  /** The link in mails and in the booking answer; the token is its secret. */
  manageUrl(code: string, token: string): string {
    return `${this.options.publicUrl.replace(/\/$/, '')}/#/termin/${code}/${token}`;
  }

  /**
   * Queues the mail about a change to the person, if they gave an address. The dedupe
   * key names the booking, the kind and the change's time, so a retry queues nothing twice.
   */
  async notify(id: string, kind: BookingMailKind, token?: string, dedupeKey?: string): Promise<void> {
    const view = await this.view(id);
    if (!view.contact.email) return;
    const row = await this.db
      .selectFrom('bookings')
      .select(['confirmed_at', 'cancelled_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const stamp = (kind === 'cancelled' ? row.cancelled_at : row.confirmed_at)?.getTime() ?? 0;
    await enqueueMail(this.db, {
      ...bookingMail({
        kind,
        to: view.contact.email,
        booking: view,
        manageUrl: token ? this.manageUrl(view.code, token) : undefined,
        ics: await this.ics(id),
      }),
      dedupeKey: dedupeKey ?? `booking:${id}:${kind}:${stamp}`,
    });
  }

  /**
   * Queues the reminders that are due: one per booking, configured offset and start
   * time. The dedupe key (booking, offset, start) is unique in the outbox, so however many
   * processes run this job at once, and however often, each reminder is queued once.
   * A reminder whose time had passed before the booking was confirmed is skipped.
   */
  async queueDueReminders(limit = 200): Promise<number> {
    const now = this.now();
    const due = await sql<{ id: string; offset_minutes: number; start_ms: string }>`
      select b.id, o.offset_minutes, (extract(epoch from b.starts_at) * 1000)::bigint::text as start_ms
      from bookings b
      join centers c on c.id = b.center_id
      cross join lateral unnest(c.reminder_offsets_minutes) as o(offset_minutes)
      where b.status = 'booked'
        and b.contact_email is not null
        and b.starts_at > ${now}
        and b.starts_at - make_interval(mins => o.offset_minutes) <= ${now}
        and b.starts_at - make_interval(mins => o.offset_minutes) > b.confirmed_at
        and not exists (
          select 1 from mail_outbox m
          where m.dedupe_key = 'booking:' || b.id || ':reminder-' || o.offset_minutes || ':'
            || (extract(epoch from b.starts_at) * 1000)::bigint::text)
      order by b.starts_at
      limit ${limit}`.execute(this.db);
    for (const row of due.rows) {
      await this.notify(
        row.id,
        'reminder',
        undefined,
        `booking:${row.id}:reminder-${row.offset_minutes}:${row.start_ms}`,
      );
    }
    return due.rows.length;
  }

  /**
   * Deletes the contact data of appointments that ended more than the center's
   * retention period ago, and the mails sent about them.
   */
  async deleteExpiredContactData(): Promise<number> {
    const now = this.now();
    return this.db.transaction().execute(async (trx) => {
      const cleared = await sql<{ id: string }>`
        update bookings b
        set contact_name = null, contact_email = null, contact_phone = null, note = null,
            cancel_message = null, contact_deleted_at = ${now}
        from centers c
        where c.id = b.center_id
          and b.contact_deleted_at is null
          and b.status <> 'held'
          and b.ends_at < ${now}::timestamptz - make_interval(days => c.booking_contact_retention_days)
        returning b.id`.execute(trx);
      for (const { id } of cleared.rows) {
        await trx
          .deleteFrom('mail_outbox')
          .where('dedupe_key', 'like', `booking:${id}:%`)
          .where('status', '<>', 'pending')
          .execute();
      }
      return cleared.rows.length;
    });
  }

  /** Deletes holds that have run out, so that they no longer block anything. */
  async purgeExpiredHolds(): Promise<number> {
    const result = await this.db
      .deleteFrom('bookings')
      .where('status', '=', 'held')
      .where('hold_expires_at', '<=', this.now())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Counselors ordered by how few upcoming appointments they have (ties at random). */
  private async spread(counselorIds: string[]): Promise<string[]> {
    if (counselorIds.length <= 1) return counselorIds;
    const rows = await this.db
      .selectFrom('bookings')
      .select(['counselor_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('counselor_id', 'in', counselorIds)
      .where('status', 'in', ['held', 'booked'])
      .where('starts_at', '>=', this.now())
      .groupBy('counselor_id')
      .execute();
    const load = new Map(rows.map((r) => [r.counselor_id, Number(r.n)]));
    return counselorIds
      .map((id) => ({ id, n: load.get(id) ?? 0, tie: Math.random() }))
      .sort((a, b) => a.n - b.n || a.tie - b.tie)
      .map((c) => c.id);
  }

  /**
   * The counselor/room pairs that may take `start`, best first; the exclusion
   * constraints, not this check, rule out double booking when two requests race.
   */
  private async candidates(service: ServiceRecord, start: number): Promise<Reservation[]> {
    await this.purgeExpiredHolds();
    const date = new ZoneCalendar(service.timezone).formatISO(start).slice(0, 10);
    const { slots, rules } = await this.computeFor(service, date, date);
    const slot = slots.find((s) => Date.parse(s.start) === start);
    if (!slot) throw new SlotTakenError();
    const end = start + service.durationMinutes * 60_000;
    const session = service.capacity > 1 ? rules.sessions.get(start) : undefined;
    const sessionKey = service.capacity > 1 ? `group:${service.id}:${start}` : undefined;
    const counselors = session ? [session.counselorId] : await this.spread(slot.counselorIds);
    const rooms: Array<string | null> = !service.needsRoom
      ? [null]
      : session
        ? [session.roomId]
        : slot.roomIds;
    return counselors.flatMap((counselorId) =>
      rooms.map((roomId) => ({ counselorId, roomId, start, end, sessionKey })),
    );
  }

  /** Inserts a row with the first candidate the exclusion constraints accept. */
  private async reserve(
    service: ServiceRecord,
    startIso: string,
    row: (r: Reservation) => Parameters<typeof insertBooking>[1],
  ): Promise<{ id: string; reservation: Reservation }> {
    for (const reservation of await this.candidates(service, Date.parse(startIso))) {
      const sessionKey = reservation.sessionKey;
      try {
        const id = await this.db.transaction().execute(async (trx) => {
          if (sessionKey) {
            // seats of one group session are counted under a lock of that session
            await sql`select pg_advisory_xact_lock(hashtextextended(${sessionKey}, 0))`.execute(trx);
            const taken = await trx
              .selectFrom('bookings')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('session_key', '=', sessionKey)
              .where('status', '<>', 'cancelled')
              .executeTakeFirstOrThrow();
            if (Number(taken.n) >= service.capacity) throw new SlotTakenError();
          }
          return insertBooking(trx, row(reservation));
        });
        return { id, reservation };
      } catch (error) {
        if (pgCode(error) === '23P01') continue; // this counselor or room was taken meanwhile
        throw error;
      }
    }
    throw new SlotTakenError();
  }

  private baseRow(service: ServiceRecord, r: Reservation) {
    return {
      center_id: service.centerId,
      service_id: service.id,
      counselor_id: r.counselorId,
      room_id: r.roomId,
      starts_at: new Date(r.start),
      ends_at: new Date(r.end),
      blocked_from: new Date(r.start - service.bufferBeforeMinutes * 60_000),
      blocked_to: new Date(r.end + service.bufferAfterMinutes * 60_000),
      session_key: r.sessionKey ?? `single:${randomBytes(12).toString('base64url')}`,
    };
  }

  async hold(serviceId: string, start: string) {
    const service = await this.activeService(serviceId);
    const expiresAt = new Date(this.now().getTime() + this.options.holdTtlSeconds * 1000);
    const { id, reservation } = await this.reserve(service, start, (r) => ({
      ...this.baseRow(service, r),
      status: 'held',
      hold_expires_at: expiresAt,
    }));
    const cal = new ZoneCalendar(service.timezone);
    return {
      id,
      serviceId,
      start: cal.formatISO(reservation.start),
      end: cal.formatISO(reservation.end),
      expiresAt: expiresAt.toISOString(),
    };
  }

  async releaseHold(holdId: string): Promise<void> {
    await this.db.deleteFrom('bookings').where('id', '=', holdId).where('status', '=', 'held').execute();
  }

  async book(input: {
    holdId?: string;
    serviceId?: string;
    start?: string;
    contact: { name?: string; email?: string; phone?: string };
    note?: string;
    locale: 'de' | 'en';
  }): Promise<{ id: string; token: string }> {
    const token = randomBytes(24).toString('base64url');
    const details = {
      status: 'booked' as const,
      hold_expires_at: null,
      manage_token_hash: hashToken(token),
      locale: input.locale,
      contact_name: input.contact.name ?? null,
      contact_email: input.contact.email ?? null,
      contact_phone: input.contact.phone ?? null,
      note: input.note ?? null,
      confirmed_at: this.now(),
    };
    if (input.holdId) {
      const hold = await this.db
        .selectFrom('bookings')
        .select(['id', 'service_id', 'starts_at', 'hold_expires_at'])
        .where('id', '=', input.holdId)
        .where('status', '=', 'held')
        .executeTakeFirst();
      if (!hold) throw new HoldExpiredError();
      const service = await this.activeService(hold.service_id);
      checkContact(service, input.contact);
      for (let attempt = 0; attempt < 5; attempt++) {
        try {
          const updated = await this.db
            .updateTable('bookings')
            .set({ ...details, code: newCode(), updated_at: this.now() })
            .where('id', '=', hold.id)
            .where('status', '=', 'held')
            .where('hold_expires_at', '>', this.now())
            .executeTakeFirst();
          if (Number(updated.numUpdatedRows) === 1) {
            await this.notify(hold.id, 'confirmed', token);
            return { id: hold.id, token };
          }
          break;
        } catch (error) {
          if (pgCode(error) !== '23505') throw error; // a code collision: draw again
        }
      }
      // The hold ran out: book the same start if it is still free.
      await this.releaseHold(hold.id);
      return this.book({
        ...input,
        holdId: undefined,
        serviceId: service.id,
        start: hold.starts_at.toISOString(),
      });
    }
    const service = await this.activeService(input.serviceId!);
    checkContact(service, input.contact);
    for (let attempt = 0; ; attempt++) {
      try {
        const { id } = await this.reserve(service, input.start!, (r) => ({
          ...this.baseRow(service, r),
          ...details,
          code: newCode(),
        }));
        await this.notify(id, 'confirmed', token);
        return { id, token };
      } catch (error) {
        if (pgCode(error) !== '23505' || attempt >= 4) throw error;
      }
    }
  }

  /** The booking a code and its secret token name; 404 for a wrong pair, without telling which. */
  async findByCode(code: string, token: string): Promise<string> {
    const row = await this.db
      .selectFrom('bookings')
      .select(['id', 'manage_token_hash'])
      .where('code', '=', code)
      .executeTakeFirst();
    const expected = row?.manage_token_hash;
    const given = hashToken(token);
    if (!row || !expected || expected.length !== given.length || !timingSafeEqual(expected, given))
      throw new NotFoundError('Booking');
    return row.id;
  }

  async view(id: string): Promise<BookingView> {
    const row = await this.db
      .selectFrom('bookings as b')
      .innerJoin('counselors as c', 'c.id', 'b.counselor_id')
      .select([
        'b.code',
        'b.status',
        'b.service_id',
        'b.starts_at',
        'b.ends_at',
        'b.contact_name',
        'b.contact_email',
        'b.contact_phone',
        'b.note',
        'b.locale',
        'b.cancel_message',
        'c.display_name',
      ])
      .where('b.id', '=', id)
      .executeTakeFirstOrThrow();
    const service = await loadService(this.db, row.service_id);
    if (!service) throw new NotFoundError('Service');
    const cal = new ZoneCalendar(service.timezone);
    return {
      code: row.code ?? '',
      status: row.status,
      start: cal.formatISO(row.starts_at.getTime()),
      end: cal.formatISO(row.ends_at.getTime()),
      timezone: service.timezone,
      center: { id: service.centerId, name: service.centerName },
      service: {
        id: service.id,
        name: service.name,
        mode: service.mode,
        durationMinutes: service.durationMinutes,
      },
      location: locationText(service, row.locale),
      counselorName: row.display_name,
      contact: {
        name: row.contact_name ?? undefined,
        email: row.contact_email ?? undefined,
        phone: row.contact_phone ?? undefined,
      },
      note: row.note ?? undefined,
      locale: row.locale,
      changeable: row.status === 'booked' && row.starts_at.getTime() > this.now().getTime(),
      cancelMessage: row.cancel_message ?? undefined,
    };
  }

  /** The appointment as iCalendar; a cancelled one as METHOD:CANCEL. */
  async ics(id: string): Promise<string> {
    const view = await this.view(id);
    const updated = await this.db
      .selectFrom('bookings')
      .select(['updated_at', 'created_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const en = view.locale === 'en';
    return buildIcs({
      uid: `${view.code}@${new URL(this.options.publicUrl).hostname}`,
      method: view.status === 'cancelled' ? 'CANCEL' : 'REQUEST',
      sequence: Math.max(0, Math.round((updated.updated_at.getTime() - updated.created_at.getTime()) / 1000)),
      start: new Date(view.start),
      end: new Date(view.end),
      summary: `${view.service.name} – ${view.center.name}`,
      location: view.location,
      description: en
        ? `Booking code ${view.code}. To cancel or move it, use the link in your confirmation.`
        : `Buchungscode ${view.code}. Absagen oder verschieben über den Link in Ihrer Bestätigung.`,
      organizer: { name: view.center.name, email: 'no-reply@' + new URL(this.options.publicUrl).hostname },
      stamp: this.now(),
    });
  }

  async cancelByPerson(id: string, reason: string | undefined): Promise<void> {
    const updated = await this.db
      .updateTable('bookings')
      .set({
        status: 'cancelled',
        cancelled_at: this.now(),
        cancelled_by: 'person',
        cancel_message: reason ?? null,
      })
      .where('id', '=', id)
      .where('status', '=', 'booked')
      .where('starts_at', '>', this.now())
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1)
      throw new ConflictError('BOOKING_NOT_CHANGEABLE', 'This appointment can no longer be cancelled.');
    await this.notify(id, 'cancelled');
  }

  /**
   * Moves a booking in one statement: the row takes the new time (and, if needed,
   * another counselor or room), so the new slot is taken exactly when the old one is
   * released, and a failure leaves the old appointment as it was.
   */
  async reschedule(id: string, to: { holdId?: string; start?: string }, token: string): Promise<void> {
    const booking = await this.db
      .selectFrom('bookings')
      .select(['service_id', 'status', 'starts_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    if (booking.status !== 'booked' || booking.starts_at.getTime() <= this.now().getTime())
      throw new ConflictError('BOOKING_NOT_CHANGEABLE', 'This appointment can no longer be moved.');
    const service = await this.activeService(booking.service_id);
    let candidates: Reservation[];
    if (to.holdId) {
      // the hold's own counselor and room: it is deleted in the same transaction
      const hold = await this.db
        .selectFrom('bookings')
        .select(['starts_at', 'ends_at', 'service_id', 'counselor_id', 'room_id', 'session_key'])
        .where('id', '=', to.holdId)
        .where('status', '=', 'held')
        .executeTakeFirst();
      if (!hold || hold.service_id !== service.id) throw new HoldExpiredError();
      candidates = [
        {
          counselorId: hold.counselor_id,
          roomId: hold.room_id,
          start: hold.starts_at.getTime(),
          end: hold.ends_at.getTime(),
          sessionKey: service.capacity > 1 ? hold.session_key : undefined,
        },
      ];
    } else {
      candidates = await this.candidates(service, Date.parse(to.start!));
    }
    for (const r of candidates) {
      const { center_id: _center, service_id: _service, session_key, ...row } = this.baseRow(service, r);
      try {
        await this.db.transaction().execute(async (trx) => {
          if (to.holdId) await trx.deleteFrom('bookings').where('id', '=', to.holdId).execute();
          await trx
            .updateTable('bookings')
            .set({
              ...row,
              ...(r.sessionKey ? { session_key } : {}),
              confirmed_at: this.now(),
              updated_at: this.now(),
            })
            .where('id', '=', id)
            .execute();
        });
        await this.notify(id, 'rescheduled', token);
        return;
      } catch (error) {
        if (pgCode(error) === '23P01') continue;
        throw error;
      }
    }
    throw new SlotTakenError();
  }
}

type BookingInsert = Parameters<ReturnType<Db['insertInto']>['values']>[0];

async function insertBooking(db: Db, row: BookingInsert & object): Promise<string> {
  const inserted = await db
    .insertInto('bookings')
    .values(row as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

function publicSlot(slot: Slot): PublicSlot {
  return slot.seatsLeft === undefined
    ? { start: slot.start, end: slot.end }
    : { start: slot.start, end: slot.end, seatsLeft: slot.seatsLeft };
}

function checkContact(service: ServiceRecord, contact: { phone?: string; email?: string }): void {
  if (service.mode === 'phone' && !contact.phone)
    throw new AppError(422, 'VALIDATION_FAILED', 'A phone appointment needs a phone number', [
      { path: '$.contact.phone', message: 'is required for a phone appointment' },
    ]);
}

export function locationText(service: ServiceRecord, locale: 'de' | 'en'): string {
  if (service.mode === 'phone') return locale === 'de' ? 'Telefon' : 'Phone';
  if (service.mode === 'video') return locale === 'de' ? 'Video' : 'Video';
  const a = service.address;
  if (!a) return service.centerName;
  return [service.centerName, a.name, a.street, `${a.postalCode} ${a.city}`].filter(Boolean).join(', ');
}
