import type { TestServer } from './app';

/** A local date `days` from today (all days are open, so any date works). */
export function dateIn(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}

export interface BookingCenter {
  centerId: string;
  serviceId: string;
  groupServiceId: string;
  phoneServiceId: string;
  counselorIds: string[];
  roomId: string;
}

/**
 * A center open 09:00–17:00 every day with three counselors, one room, and three
 * services: a 60-minute first talk, a group (capacity 3, with room) and a phone call.
 */
export async function seedBookingCenter(server: TestServer): Promise<BookingCenter> {
  const db = server.db;
  const counselorIds: string[] = [];
  const centerId = await server.createCenter('Suchtberatung Testhausen');
  const location = await db
    .insertInto('center_locations')
    .values({
      center_id: centerId,
      is_main: true,
      street: 'Hauptstraße 1',
      postal_code: '40210',
      city: 'Düsseldorf',
      latitude: 51.22,
      longitude: 6.78,
    } as never)
    .returning('id')
    .executeTakeFirstOrThrow();
  for (let weekday = 1; weekday <= 7; weekday++) {
    await db
      .insertInto('opening_hours')
      .values({ location_id: location.id, weekday, start_time: '09:00', end_time: '17:00' } as never)
      .execute();
  }
  for (const name of ['Frau A', 'Herr B', 'Frau C']) {
    const c = await db
      .insertInto('counselors')
      .values({ center_id: centerId, display_name: name })
      .returning('id')
      .executeTakeFirstOrThrow();
    counselorIds.push(c.id);
    for (let weekday = 1; weekday <= 7; weekday++) {
      await db
        .insertInto('availability')
        .values({ counselor_id: c.id, weekday, start_time: '09:00', end_time: '17:00' } as never)
        .execute();
    }
  }
  const roomId = (
    await db
      .insertInto('rooms')
      .values({ center_id: centerId, name: 'Raum 1', location_id: location.id })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const service = async (values: Record<string, unknown>) => {
    const s = await db
      .insertInto('services')
      .values({
        center_id: centerId,
        mode: 'on_site',
        duration_minutes: 60,
        step_minutes: 60,
        ...values,
      } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const counselorId of counselorIds) {
      await db
        .insertInto('service_counselors')
        .values({ service_id: s.id, counselor_id: counselorId, center_id: centerId })
        .execute();
    }
    return s.id;
  };
  const serviceId = await service({ name: 'Erstgespräch', buffer_after_minutes: 0 });
  const groupServiceId = await service({ name: 'Gruppe', needs_room: true, capacity: 3 });
  const phoneServiceId = await service({
    name: 'Telefonberatung',
    mode: 'phone',
    duration_minutes: 30,
    step_minutes: 30,
  });
  return { centerId, serviceId, groupServiceId, phoneServiceId, counselorIds, roomId };
}
