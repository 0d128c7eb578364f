import { sql, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../db/database';
import type { DB } from '../db/schema';
import type { ServiceMode } from '../db/schema-directory';
import type { AbsenceSeries, SlotInput, WeeklyHours } from '../scheduling/slots';
import { weeklyHoursOf, type WeeklyRow } from '../importexport/mapping';

/** A service with what the booking pages and mails show about it. */
export interface ServiceRecord {
  id: string;
  centerId: string;
  centerName: string;
  timezone: string;
  name: string;
  description: string | null;
  topicKey: string | null;
  mode: ServiceMode;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  stepMinutes: number;
  needsRoom: boolean;
  minNoticeMinutes: number;
  horizonDays: number;
  capacity: number;
  active: boolean;
  /** The service's location, else the center's main location. */
  locationId: string | null;
  address: { name?: string; street: string; postalCode: string; city: string } | undefined;
}

export async function loadService(db: Db, serviceId: string): Promise<ServiceRecord | undefined> {
  const row = await db
    .selectFrom('services as s')
    .innerJoin('centers as c', 'c.id', 's.center_id')
    .leftJoin('center_locations as l', (join) =>
      join.on((eb) =>
        eb.or([
          eb('l.id', '=', eb.ref('s.location_id')),
          eb.and([
            eb('s.location_id', 'is', null),
            eb('l.center_id', '=', eb.ref('s.center_id')),
            eb('l.is_main', '=', true),
          ]),
        ]),
      ),
    )
    .select([
      's.id',
      's.center_id',
      'c.name as center_name',
      'c.timezone',
      's.name',
      's.description',
      's.topic_key',
      's.mode',
      's.duration_minutes',
      's.buffer_before_minutes',
      's.buffer_after_minutes',
      's.step_minutes',
      's.needs_room',
      's.min_notice_minutes',
      's.horizon_days',
      's.capacity',
      's.active',
      'l.id as location_id',
      'l.name as location_name',
      'l.street',
      'l.postal_code',
      'l.city',
    ])
    .where('s.id', '=', serviceId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    centerId: row.center_id,
    centerName: row.center_name,
    timezone: row.timezone,
    name: row.name,
    description: row.description,
    topicKey: row.topic_key,
    mode: row.mode,
    durationMinutes: row.duration_minutes,
    bufferBeforeMinutes: row.buffer_before_minutes,
    bufferAfterMinutes: row.buffer_after_minutes,
    stepMinutes: row.step_minutes,
    needsRoom: row.needs_room,
    minNoticeMinutes: row.min_notice_minutes,
    horizonDays: row.horizon_days,
    capacity: row.capacity,
    active: row.active,
    locationId: row.location_id,
    address:
      row.street && row.postal_code && row.city
        ? {
            name: row.location_name ?? undefined,
            street: row.street,
            postalCode: row.postal_code,
            city: row.city,
          }
        : undefined,
  };
}

/** Weekly rules of several owners (rows carry the owner as `key`), one WeeklyHours each. */
function weeklyHoursByKey(rows: ReadonlyArray<WeeklyRow & { key: string }>): Map<string, WeeklyHours> {
  const byKey = new Map<string, WeeklyRow[]>();
  for (const row of rows) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
  return new Map([...byKey].map(([key, list]) => [key, weeklyHoursOf(list)]));
}

/** Everything the slot engine needs for one service, except `range` and `now`. */
export type ServiceRules = Omit<SlotInput, 'range' | 'now'> & {
  /** Bookings of this group service (capacity > 1) by session start: seats taken, counselor and room. */
  sessions: Map<number, { seats: number; counselorId: string; roomId: string | null; sessionKey: string }>;
};

/**
 * Loads the rules of one service for the instants [windowFrom, windowTo): opening hours
 * of its location, qualified active counselors with their availability, absences and
 * series, the rooms of its location, center absences, and every active booking or
 * unexpired hold that blocks one of those counselors or rooms.
 */
export async function loadServiceRules(
  db: Db,
  service: ServiceRecord,
  windowFrom: Date,
  windowTo: Date,
): Promise<ServiceRules> {
  // The qualified active counselors and the rooms of the service's location, as
  // subqueries: every query below runs in one parallel round (one round trip on a pool).
  const counselorSet = db
    .selectFrom('service_counselors as sc')
    .innerJoin('counselors as c', 'c.id', 'sc.counselor_id')
    .select('c.id')
    .where('sc.service_id', '=', service.id)
    .where('c.active', '=', true);
  const roomSet = db
    .selectFrom('rooms')
    .select('id')
    .where('center_id', '=', service.centerId)
    .where((eb) =>
      service.locationId
        ? eb.or([eb('location_id', '=', service.locationId), eb('location_id', 'is', null)])
        : eb.val(true),
    );
  const [center, opening, counselorRows, roomRows, availabilityRows, absences, series, blockedRows] =
    await Promise.all([
      db
        .selectFrom('centers')
        .select(['holidays_state', 'observe_public_holidays'])
        .where('id', '=', service.centerId)
        .executeTakeFirstOrThrow(),
      service.locationId
        ? db
            .selectFrom('opening_hours')
            .select(['weekday', 'start_time', 'end_time'])
            .where('location_id', '=', service.locationId)
            .execute()
        : [],
      counselorSet.execute(),
      service.needsRoom ? roomSet.execute() : [],
      db
        .selectFrom('availability')
        .select(['counselor_id as key', 'weekday', 'start_time', 'end_time'])
        .where('counselor_id', 'in', counselorSet)
        .execute(),
      db
        .selectFrom('absences')
        .select(['counselor_id', 'room_id', 'starts_at', 'ends_at'])
        .where('center_id', '=', service.centerId)
        .where('starts_at', '<', windowTo)
        .where('ends_at', '>', windowFrom)
        .execute(),
      db
        .selectFrom('absence_series')
        .select([
          'counselor_id',
          'room_id',
          'rrule',
          sql<string>`to_char(start_date, 'YYYY-MM-DD')`.as('start_date'),
          sql<string | null>`to_char(end_date, 'YYYY-MM-DD')`.as('end_date'),
          'whole_day',
          'start_time',
          'end_time',
        ])
        .where('center_id', '=', service.centerId)
        .where(sql<boolean>`start_date <= ${windowTo.toISOString()}::timestamptz::date + 1`)
        .where(
          sql<boolean>`(end_date is null or end_date >= ${windowFrom.toISOString()}::timestamptz::date - 1)`,
        )
        .execute(),
      loadBlocked(db, service, windowFrom, windowTo, counselorSet, service.needsRoom ? roomSet : undefined),
    ]);
  const counselorIds = counselorRows.map((r) => r.id);
  const roomIds = roomRows.map((r) => r.id);
  const availability = weeklyHoursByKey(availabilityRows);

  const absencesOf = (key: { counselor_id: string | null; room_id: string | null }) =>
    key.counselor_id ? `c:${key.counselor_id}` : key.room_id ? `r:${key.room_id}` : 'center';
  const oneOff = new Map<string, Array<{ from: Date; to: Date }>>();
  for (const a of absences) {
    const key = absencesOf(a);
    oneOff.set(key, [...(oneOff.get(key) ?? []), { from: a.starts_at, to: a.ends_at }]);
  }
  const recurring = new Map<string, AbsenceSeries[]>();
  for (const s of series) {
    const key = absencesOf(s);
    const entry: AbsenceSeries = s.whole_day
      ? { rrule: s.rrule, startDate: s.start_date, endDate: s.end_date ?? undefined, allDay: true }
      : {
          rrule: s.rrule,
          startDate: s.start_date,
          endDate: s.end_date ?? undefined,
          startTime: s.start_time ?? undefined,
          endTime: s.end_time ?? undefined,
        };
    recurring.set(key, [...(recurring.get(key) ?? []), entry]);
  }

  const { blocked, sessions } = blockedRows;

  return {
    timezone: service.timezone,
    openingHours: weeklyHoursOf(opening),
    holidays: { state: center.holidays_state ?? undefined, observe: center.observe_public_holidays },
    centerAbsences: oneOff.get('center') ?? [],
    centerAbsenceSeries: recurring.get('center') ?? [],
    rooms: roomIds.map((id) => ({
      id,
      absences: oneOff.get(`r:${id}`) ?? [],
      absenceSeries: recurring.get(`r:${id}`) ?? [],
    })),
    counselors: counselorIds.map((id) => ({
      id,
      availability: availability.get(id) ?? {},
      absences: oneOff.get(`c:${id}`) ?? [],
      absenceSeries: recurring.get(`c:${id}`) ?? [],
    })),
    service: {
      durationMinutes: service.durationMinutes,
      bufferBeforeMinutes: service.bufferBeforeMinutes,
      bufferAfterMinutes: service.bufferAfterMinutes,
      stepMinutes: service.stepMinutes,
      needsRoom: service.needsRoom,
      counselorIds,
      minNoticeMinutes: service.minNoticeMinutes,
      horizonDays: service.horizonDays,
      capacity: service.capacity,
    },
    blocked,
    sessions,
  };
}

type IdSet = SelectQueryBuilder<DB, never, { id: string }>;

/**
 * The ranges blocked by active bookings and unexpired holds of the given counselors or
 * rooms that overlap [windowFrom, windowTo). With thousands of rows the driver's per-row
 * parsing dominates, so unless the service has group sessions (which need each row) the
 * database sends one row per counselor/room pair with its ranges as one text of epoch
 * milliseconds: the same float8 values, in a fraction of the time.
 */
async function loadBlocked(
  db: Db,
  service: ServiceRecord,
  windowFrom: Date,
  windowTo: Date,
  counselorSet: IdSet,
  roomSet: IdSet | undefined,
): Promise<{ blocked: SlotInput['blocked'][number][]; sessions: ServiceRules['sessions'] }> {
  const base = db
    .selectFrom('bookings')
    .where('status', '<>', 'cancelled')
    .where((eb) => eb.or([eb('status', '<>', 'held'), eb('hold_expires_at', '>', sql<Date>`now()`)]))
    .where('blocked_from', '<', windowTo)
    .where('blocked_to', '>', windowFrom)
    .where((eb) =>
      eb.or([eb('counselor_id', 'in', counselorSet), ...(roomSet ? [eb('room_id', 'in', roomSet)] : [])]),
    );
  const blocked: SlotInput['blocked'][number][] = [];
  const sessions: ServiceRules['sessions'] = new Map();
  if (service.capacity <= 1) {
    const ms = (column: 'blocked_from' | 'blocked_to') =>
      sql`(extract(epoch from ${sql.ref(column)}) * 1000)::float8::text`;
    const rows = await base
      .select([
        'counselor_id',
        'room_id',
        sql<string>`string_agg(${ms('blocked_from')} || ',' || ${ms('blocked_to')}, ',')`.as('ranges'),
      ])
      .groupBy(['counselor_id', 'room_id'])
      .execute();
    for (const row of rows) {
      const roomId = row.room_id ?? undefined;
      const parts = row.ranges.split(',');
      for (let i = 0; i + 1 < parts.length; i += 2) {
        blocked.push({
          counselorId: row.counselor_id,
          roomId,
          from: Number(parts[i]),
          to: Number(parts[i + 1]),
        });
      }
    }
    return { blocked, sessions };
  }
  const rows = await base
    // epoch milliseconds as float8: thousands of rows parse much faster than Dates
    .select([
      'service_id',
      'counselor_id',
      'room_id',
      'session_key',
      sql<number>`(extract(epoch from starts_at) * 1000)::float8`.as('start_ms'),
      sql<number>`(extract(epoch from blocked_from) * 1000)::float8`.as('from_ms'),
      sql<number>`(extract(epoch from blocked_to) * 1000)::float8`.as('to_ms'),
    ])
    .execute();
  for (const b of rows) {
    blocked.push({
      counselorId: b.counselor_id,
      roomId: b.room_id ?? undefined,
      from: b.from_ms,
      to: b.to_ms,
    });
    if (b.service_id === service.id) {
      const session = sessions.get(b.start_ms);
      if (session) session.seats++;
      else
        sessions.set(b.start_ms, {
          seats: 1,
          counselorId: b.counselor_id,
          roomId: b.room_id,
          sessionKey: b.session_key,
        });
    }
  }
  return { blocked, sessions };
}
