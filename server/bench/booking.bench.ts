import { performance } from 'node:perf_hooks';
import { ApiClient } from '@beratung/shared';
import type { SlotsResponse } from '@beratung/shared/schemas/booking';
import type { Db } from '../src/db/database';
import { benchApp, benchDatabase, percentile } from './bench-server';
import type { Row } from './run';

const REQUESTS = 100;
const WARM_UP = 10;
const BOOKINGS = 400;
const CONCURRENCY = 20;
const DAY = 86_400_000;

/** Monday 00:00 UTC at least `days` ahead. */
function mondayAfter(days: number): Date {
  const d = new Date(Date.now() + days * DAY);
  d.setUTCHours(0, 0, 0, 0);
  while (d.getUTCDay() !== 1) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}
const dateOf = (d: Date) => d.toISOString().slice(0, 10);

/**
 * The center: 30 counselors, 10 rooms, 5,000 bookings and 100 absences (30 of
 * them series) over 6 weeks, and a 60-minute service with a room and a 15-minute step.
 */
async function seed(db: Db, first: Date): Promise<{ serviceId: string; freeServiceId: string }> {
  const center = await db
    .insertInto('centers')
    .values({ organisation: 'Bench e. V.', name: 'Benchmark-Beratungsstelle', holidays_state: 'NW' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const location = await db
    .insertInto('center_locations')
    .values({
      center_id: center.id,
      is_main: true,
      street: 'Benchweg 1',
      postal_code: '40210',
      city: 'Düsseldorf',
      latitude: 51.2,
      longitude: 6.8,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  const weekdays = [1, 2, 3, 4, 5];
  await db
    .insertInto('opening_hours')
    .values(
      weekdays.map((weekday) => ({
        location_id: location.id,
        weekday,
        start_time: '08:00',
        end_time: '18:00',
      })) as never,
    )
    .execute();
  const counselors = await db
    .insertInto('counselors')
    .values(Array.from({ length: 30 }, (_, i) => ({ center_id: center.id, display_name: `Berater ${i}` })))
    .returning('id')
    .execute();
  await db
    .insertInto('availability')
    .values(
      counselors.flatMap((c, i) =>
        weekdays.map((weekday) => ({
          counselor_id: c.id,
          weekday,
          start_time: i % 3 === 0 ? '08:00' : '09:00',
          end_time: i % 3 === 0 ? '16:00' : '18:00',
        })),
      ) as never,
    )
    .execute();
  const rooms = await db
    .insertInto('rooms')
    .values(
      Array.from({ length: 10 }, (_, i) => ({
        center_id: center.id,
        name: `Raum ${i}`,
        location_id: location.id,
      })),
    )
    .returning('id')
    .execute();
  const service = async (name: string, needsRoom: boolean) => {
    const s = await db
      .insertInto('services')
      .values({
        center_id: center.id,
        name,
        mode: 'on_site',
        duration_minutes: 60,
        step_minutes: 15,
        buffer_after_minutes: needsRoom ? 15 : 0,
        needs_room: needsRoom,
        horizon_days: 120,
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('service_counselors')
      .values(counselors.map((c) => ({ service_id: s.id, counselor_id: c.id, center_id: center.id })))
      .execute();
    return s.id;
  };
  const serviceId = await service('Beratung vor Ort', true);
  const freeServiceId = await service('Beratung ohne Raum', false);

  // 5,000 bookings of an hour, without overlaps per counselor
  const rows = [];
  for (let day = 0; day < 42 && rows.length < 5_000; day++) {
    const date = new Date(first.getTime() + day * DAY);
    if (date.getUTCDay() === 0 || date.getUTCDay() === 6) continue;
    for (const hour of [8, 10, 12, 14, 16, 9]) {
      for (const [i, c] of counselors.entries()) {
        if (rows.length >= 5_000) break;
        const start = new Date(date.getTime() + (hour - 1) * 3_600_000 + (i % 2) * 1_800_000);
        const end = new Date(start.getTime() + 3_600_000);
        rows.push({
          center_id: center.id,
          service_id: freeServiceId,
          counselor_id: c.id,
          status: 'booked',
          starts_at: start,
          ends_at: end,
          blocked_from: start,
          blocked_to: end,
          session_key: `bench:${rows.length}`,
          code: `B${String(rows.length).padStart(3, '0').slice(-3)}-${String(rows.length).padStart(4, '0')}`,
          manage_token_hash: Buffer.alloc(32),
        });
      }
    }
  }
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('bookings')
      .values(rows.slice(i, i + 500) as never)
      .execute();

  const absences = Array.from({ length: 70 }, (_, i) => {
    const start = new Date(first.getTime() + ((i * 7) % 42) * DAY + (7 + (i % 8)) * 3_600_000);
    return {
      center_id: center.id,
      counselor_id: i < 60 ? counselors[i % 30]!.id : null,
      room_id: i < 60 ? null : rooms[i % 10]!.id,
      starts_at: start,
      ends_at: new Date(start.getTime() + (1 + (i % 24)) * 3_600_000),
    };
  });
  await db.insertInto('absences').values(absences).execute();
  await db
    .insertInto('absence_series')
    .values(
      Array.from({ length: 30 }, (_, i) => ({
        center_id: center.id,
        counselor_id: i < 25 ? counselors[i]!.id : null,
        room_id: i < 25 ? null : rooms[i - 25]!.id,
        rrule: `FREQ=WEEKLY;BYDAY=${['MO', 'TU', 'WE', 'TH', 'FR'][i % 5]}`,
        start_date: dateOf(first),
        end_date: dateOf(new Date(first.getTime() + 120 * DAY)),
        start_time: '12:00',
        end_time: '13:00',
      })) as never,
    )
    .execute();
  return { serviceId, freeServiceId };
}

export async function benchBooking(database: { name: string; url?: string }): Promise<Row[]> {
  const handle = await benchDatabase(database.url);
  const first = mondayAfter(3);
  const { serviceId, freeServiceId } = await seed(handle.db, first);
  // Every request comes from one loopback address: lift the per-client limits of the public API.
  const server = await benchApp(handle, {
    RATE_LIMIT_SLOT_READS_PER_CLIENT: '1000000',
    RATE_LIMIT_HOLDS_PER_CLIENT: '1000000',
    RATE_LIMIT_BOOKINGS_PER_CLIENT: '1000000',
  });
  try {
    const api = new ApiClient({ baseUrl: server.url, nodeOrigin: server.url });
    const query = { serviceId, from: dateOf(first), to: dateOf(new Date(first.getTime() + 41 * DAY)) };
    const times: number[] = [];
    let slots = 0;
    for (let i = 0; i < WARM_UP + REQUESTS; i++) {
      const t0 = performance.now();
      const response = await api.get<SlotsResponse>('/api/slots', query);
      if (i >= WARM_UP) times.push(performance.now() - t0);
      slots = response.slots.length;
    }
    times.sort((a, b) => a - b);

    // bookings per second: concurrent clients book free slots of weeks 7–8 (no room needed)
    const later = new Date(first.getTime() + 42 * DAY);
    const free = await api.get<SlotsResponse>('/api/slots', {
      serviceId: freeServiceId,
      from: dateOf(later),
      to: dateOf(new Date(later.getTime() + 13 * DAY)),
    });
    const starts = free.slots.filter((s) => s.start.slice(14, 16) === '00').map((s) => s.start);
    let next = 0;
    let created = 0;
    let taken = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        const client = new ApiClient({ baseUrl: server.url, nodeOrigin: 'http://127.0.0.1' });
        while (next < BOOKINGS) {
          const start = starts[next++ % starts.length]!;
          try {
            await client.post('/api/bookings', {
              serviceId: freeServiceId,
              start,
              contact: {},
              locale: 'de',
            });
            created++;
          } catch (error) {
            if ((error as { status?: number }).status !== 409) throw error;
            taken++;
          }
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const detail = '30 counselors, 10 rooms, 5,000 bookings, 100 absences (30 series), 6 weeks, step 15 min';
    return [
      {
        benchmark: 'GET /api/slots over HTTP, median',
        database: database.name,
        figure: `${percentile(times, 50).toFixed(1)} ms`,
        detail: `${detail}, ${slots} slots, ${REQUESTS} sequential requests`,
      },
      {
        benchmark: 'GET /api/slots over HTTP, p95',
        database: database.name,
        figure: `${percentile(times, 95).toFixed(1)} ms`,
        detail: '(same)',
      },
      {
        benchmark: 'bookings per second',
        database: database.name,
        figure: `${(created / seconds).toFixed(0)} /s`,
        detail: `${BOOKINGS} POST /api/bookings from ${CONCURRENCY} concurrent clients: ${created} booked, ${taken} × 409 (slot already taken by another client)`,
      },
    ];
  } finally {
    await server.close();
    await handle.close();
  }
}
