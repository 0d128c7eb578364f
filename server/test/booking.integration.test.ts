import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '@beratung/shared';
import { BookingService } from '../src/booking/booking.service';
import { startTestServer, type TestServer } from './support/app';
import { dateIn, seedBookingCenter } from './support/booking-center';

let server: TestServer;
let centerId: string;
let serviceId: string;
let groupServiceId: string;
let phoneServiceId: string;
let roomId: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ centerId, serviceId, groupServiceId, phoneServiceId, roomId } = await seedBookingCenter(server));
}, 60_000);
afterAll(async () => {
  await server?.close();
});

describe('public booking API', () => {
  it('lists the services of a center with their address', async () => {
    const { center, services } = await server.client().booking.services(centerId);
    expect(center).toMatchObject({ id: centerId, timezone: 'Europe/Berlin' });
    expect(services.map((s) => s.name)).toEqual(['Erstgespräch', 'Gruppe', 'Telefonberatung']);
    expect(services[0]!.address).toMatchObject({ street: 'Hauptstraße 1', city: 'Düsseldorf' });
  });

  it('offers hourly slots in the center zone, the calendar days, and a preferred time', async () => {
    const date = dateIn(10);
    const sdk = server.client().booking;
    const { timezone, slots } = await sdk.slots({ serviceId, from: date, to: date });
    expect(timezone).toBe('Europe/Berlin');
    expect(slots.map((s) => s.start.slice(11, 16))).toEqual([
      '09:00',
      '10:00',
      '11:00',
      '12:00',
      '13:00',
      '14:00',
      '15:00',
      '16:00',
    ]);
    expect(slots[0]!.start).toMatch(/^\d{4}-\d\d-\d\dT09:00:00\+0[12]:00$/);
    const days = await sdk.slotDays({ serviceId, from: dateIn(10), to: dateIn(13) });
    expect(days.days).toHaveLength(4);
    expect(days.days[0]).toEqual({ date, slots: 8 });
    const preferred = await sdk.slots({ serviceId, from: dateIn(10), to: dateIn(13), time: '14:00' });
    expect(preferred.days).toHaveLength(4);
    expect(preferred.slots.every((s) => s.start.slice(11, 16) === '14:00')).toBe(true);
  });

  it('holds, books, views, downloads, moves and cancels an appointment', async () => {
    const sdk = server.client().booking;
    const date = dateIn(11);
    const [first, second] = (await sdk.slots({ serviceId, from: date, to: date })).slots;
    const hold = await sdk.hold(serviceId, first!.start);
    expect(Date.parse(hold.expiresAt) - Date.now()).toBeGreaterThan(9 * 60_000);

    const booked = await sdk.book({
      holdId: hold.id,
      contact: { name: 'Mia', email: 'mia@example.org' },
      locale: 'de',
    });
    expect(booked.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(booked.manageUrl).toBe(`${server.url}/#/termin/${booked.code}/${booked.token}`);
    expect(booked.location).toContain('Hauptstraße 1');
    expect(Date.parse(booked.start)).toBe(Date.parse(first!.start));

    const view = await sdk.view(booked.code, booked.token);
    expect(view).toMatchObject({ status: 'booked', changeable: true, contact: { name: 'Mia' } });
    await expect(sdk.view(booked.code, 'wrong-token')).rejects.toMatchObject({ status: 404 });

    const ics = await sdk.ics(booked.code, booked.token);
    expect(ics).toContain('METHOD:REQUEST');
    expect(ics).toContain(`UID:${booked.code}@127.0.0.1`);

    const moved = await sdk.reschedule(booked.code, booked.token, { start: second!.start });
    expect(Date.parse(moved.start)).toBe(Date.parse(second!.start));
    // moving onto a held slot: the hold turns into the appointment, the old time is freed
    const third = (await sdk.slots({ serviceId, from: date, to: date })).slots.find(
      (s) => Date.parse(s.start) > Date.parse(second!.start),
    )!;
    const hold2 = await sdk.hold(serviceId, third.start);
    const movedAgain = await sdk.reschedule(booked.code, booked.token, { holdId: hold2.id });
    expect(Date.parse(movedAgain.start)).toBe(Date.parse(third.start));
    const rows = await server.db.selectFrom('bookings').select('id').where('id', '=', hold2.id).execute();
    expect(rows).toHaveLength(0);
    const cancelled = await sdk.cancel(booked.code, booked.token, 'Termin passt nicht');
    expect(cancelled).toMatchObject({ status: 'cancelled', changeable: false });
    expect(await sdk.ics(booked.code, booked.token)).toContain('METHOD:CANCEL');
    // mails: confirmation, two moves and the cancellation, each once, in German, with iCalendar
    const mails = await server.db
      .selectFrom('mail_outbox')
      .select(['dedupe_key', 'subject', 'text_body', 'html_body', 'attachments', 'to_address'])
      .where('to_address', '=', 'mia@example.org')
      .orderBy('created_at')
      .execute();
    expect(mails.map((m) => m.dedupe_key!.split(':')[2])).toEqual([
      'confirmed',
      'rescheduled',
      'rescheduled',
      'cancelled',
    ]);
    expect(mails[0]!.subject).toMatch(/^Terminbestätigung: Erstgespräch – /);
    expect(mails[0]!.text_body).toContain('Guten Tag Mia,');
    expect(mails[0]!.text_body).toContain(`Buchungscode: ${booked.code}`);
    expect(mails[0]!.text_body).toContain(booked.manageUrl);
    expect(mails[0]!.html_body).toContain('<html lang="de">');
    expect(JSON.stringify(mails[0]!.attachments)).toContain('METHOD:REQUEST');
    expect(JSON.stringify(mails[3]!.attachments)).toContain('METHOD:CANCEL');
    expect(mails[3]!.text_body).toContain('Termin passt nicht');
    expect(mails[3]!.text_body).not.toContain(booked.token);
    expect(await server.app.flushMail()).toBeGreaterThanOrEqual(4);

    await expect(sdk.cancel(booked.code, booked.token)).rejects.toMatchObject({
      status: 409,
      code: 'BOOKING_NOT_CHANGEABLE',
    });
  });

  it('spreads bookings of one slot over the qualified counselors, then answers 409 SLOT_TAKEN', async () => {
    const sdk = server.client().booking;
    const start = (await sdk.slots({ serviceId, from: dateIn(12), to: dateIn(12) })).slots[2]!.start;
    for (let i = 0; i < 3; i++)
      await sdk.book({ serviceId, start, contact: { email: `p${i}@example.org` }, locale: 'en' });
    const english = await server.db
      .selectFrom('mail_outbox')
      .select(['subject', 'text_body'])
      .where('to_address', '=', 'p0@example.org')
      .executeTakeFirstOrThrow();
    expect(english.subject).toMatch(/^Appointment confirmed: Erstgespräch – /);
    expect(english.text_body).toContain('Hello,');
    const rows = await server.db
      .selectFrom('bookings')
      .select('counselor_id')
      .where('service_id', '=', serviceId)
      .where('starts_at', '=', new Date(start))
      .execute();
    expect(new Set(rows.map((r) => r.counselor_id)).size).toBe(3);
    const error = await sdk.book({ serviceId, start, contact: {}, locale: 'en' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'SLOT_TAKEN' });
    const after = await sdk.slots({ serviceId, from: dateIn(12), to: dateIn(12) });
    expect(after.slots.map((s) => s.start)).not.toContain(start);
  });

  it('of 100 concurrent bookings for the last free slot exactly one succeeds', async () => {
    // one counselor left: take the slot from the other two first
    const sdk = server.client().booking;
    const start = (await sdk.slots({ serviceId, from: dateIn(14), to: dateIn(14) })).slots[3]!.start;
    await sdk.book({ serviceId, start, contact: {}, locale: 'de' });
    await sdk.book({ serviceId, start, contact: {}, locale: 'de' });
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, () =>
        server.client().booking.book({ serviceId, start, contact: {}, locale: 'de' }),
      ),
    );
    const ok = results.filter((r) => r.status === 'fulfilled');
    const taken = results.filter(
      (r) =>
        r.status === 'rejected' &&
        (r.reason as ApiError).status === 409 &&
        (r.reason as ApiError).code === 'SLOT_TAKEN',
    );
    expect(ok).toHaveLength(1);
    expect(taken).toHaveLength(99);
    const active = await server.db
      .selectFrom('bookings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('service_id', '=', serviceId)
      .where('starts_at', '=', new Date(start))
      .where('status', '=', 'booked')
      .executeTakeFirstOrThrow();
    expect(Number(active.n)).toBe(3);
  }, 60_000);

  it('a hold keeps the slot from others until it is released', async () => {
    const sdk = server.client().booking;
    const date = dateIn(15);
    const start = (await sdk.slots({ serviceId, from: date, to: date })).slots[5]!.start;
    const holds = await Promise.all([0, 1, 2].map(() => sdk.hold(serviceId, start)));
    await expect(sdk.hold(serviceId, start)).rejects.toMatchObject({ status: 409, code: 'SLOT_TAKEN' });
    await sdk.releaseHold(holds[0]!.id);
    const again = await sdk.hold(serviceId, start);
    expect(again.start).toBe(start);
  });

  it('group appointments fill their seats and share counselor and room', async () => {
    const sdk = server.client().booking;
    const date = dateIn(16);
    const first = (await sdk.slots({ serviceId: groupServiceId, from: date, to: date })).slots[0]!;
    expect(first.seatsLeft).toBe(3);
    for (let i = 0; i < 3; i++)
      await sdk.book({ serviceId: groupServiceId, start: first.start, contact: {}, locale: 'de' });
    const rows = await server.db
      .selectFrom('bookings')
      .select(['counselor_id', 'room_id'])
      .where('service_id', '=', groupServiceId)
      .execute();
    expect(new Set(rows.map((r) => r.counselor_id)).size).toBe(1);
    expect(rows.every((r) => r.room_id === roomId)).toBe(true);
    const after = await sdk.slots({ serviceId: groupServiceId, from: date, to: date });
    expect(after.slots.map((s) => s.start)).not.toContain(first.start);
    await expect(
      sdk.book({ serviceId: groupServiceId, start: first.start, contact: {}, locale: 'de' }),
    ).rejects.toMatchObject({ status: 409, code: 'SLOT_TAKEN' });
  });

  it('rejects bad input with clear 4xx errors', async () => {
    const api = server.client().api;
    const bad = async (promise: Promise<unknown>) => (await promise.catch((e: unknown) => e)) as ApiError;
    expect(
      await bad(api.get('/api/slots', { serviceId, from: '2026-13-01', to: '2026-12-01' })),
    ).toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
    });
    expect(await bad(api.get('/api/slots', { serviceId, from: dateIn(1), to: dateIn(90) }))).toMatchObject({
      status: 400,
    });
    expect(
      await bad(api.get('/api/slots', { serviceId: crypto.randomUUID(), from: dateIn(1), to: dateIn(2) })),
    ).toMatchObject({ status: 404 });
    expect(await bad(api.post('/api/holds', { serviceId, start: '2027-01-01T10:00:00' }))).toMatchObject({
      status: 422,
    });
    expect(await bad(api.post('/api/bookings', { contact: {}, locale: 'de' }))).toMatchObject({
      status: 422,
    });
    expect(
      await bad(
        api.post('/api/bookings', {
          serviceId,
          start: dateIn(3) + 'T09:07:00+01:00',
          contact: { email: 'nope' },
        }),
      ),
    ).toMatchObject({ status: 422 });
    // a start that is no slot (09:07) is refused, like a taken one
    expect(
      await bad(
        api.post('/api/bookings', {
          serviceId,
          start: new Date(Date.parse(`${dateIn(3)}T09:07:00Z`)).toISOString(),
          contact: {},
        }),
      ),
    ).toMatchObject({ status: 409, code: 'SLOT_TAKEN' });
    // a phone appointment needs a phone number
    const phoneSlot = (
      await server.client().booking.slots({ serviceId: phoneServiceId, from: dateIn(4), to: dateIn(4) })
    ).slots[0]!;
    expect(
      await bad(
        api.post('/api/bookings', { serviceId: phoneServiceId, start: phoneSlot.start, contact: {} }),
      ),
    ).toMatchObject({ status: 422, code: 'VALIDATION_FAILED' });
    expect(await bad(api.post('/api/bookings', { holdId: crypto.randomUUID(), contact: {} }))).toMatchObject({
      status: 410,
      code: 'HOLD_EXPIRED',
    });
    expect(await bad(api.get('/api/bookings/not-a-code'))).toMatchObject({ status: 404 });
  });
});

describe('reminders and contact data retention', () => {
  const HOUR = 3_600_000;
  const DAY = 24 * HOUR;
  const at = (ms: number) =>
    new BookingService(server.db, { holdTtlSeconds: 600, publicUrl: server.url, now: () => new Date(ms) });
  const outbox = (bookingId: string, kind: string) =>
    server.db
      .selectFrom('mail_outbox')
      .select(['subject', 'text_body'])
      .where('dedupe_key', 'like', `booking:${bookingId}:${kind}%`)
      .execute();

  it('queues each due reminder once, also with two job runners at once, and deletes contact data later', async () => {
    const sdk = server.client().booking;
    const date = dateIn(20);
    const slot = (await sdk.slots({ serviceId, from: date, to: date })).slots[6]!;
    const booked = await sdk.book({
      serviceId,
      start: slot.start,
      contact: { name: 'Ole', email: 'ole@example.org', phone: '+49 211 123456' },
      locale: 'en',
    });
    const { id } = await server.db
      .selectFrom('bookings')
      .select('id')
      .where('code', '=', booked.code)
      .executeTakeFirstOrThrow();
    await server.db
      .updateTable('centers')
      .set({ reminder_offsets_minutes: [1440, 120] })
      .where('id', '=', centerId)
      .execute();
    const start = Date.parse(slot.start);

    await at(start - 2 * DAY).queueDueReminders();
    expect(await outbox(id, 'reminder')).toHaveLength(0);
    await Promise.all([at(start - 23 * HOUR).queueDueReminders(), at(start - 23 * HOUR).queueDueReminders()]);
    await at(start - 22 * HOUR).queueDueReminders();
    expect(await outbox(id, 'reminder-1440')).toHaveLength(1);
    expect(await outbox(id, 'reminder-120')).toHaveLength(0);
    await Promise.all([at(start - HOUR).queueDueReminders(), at(start - HOUR).queueDueReminders()]);
    const reminders = await outbox(id, 'reminder');
    expect(reminders).toHaveLength(2);
    expect(reminders[1]!.subject).toMatch(/^Reminder of your appointment: Erstgespräch/);
    expect(reminders[1]!.text_body).toContain(booked.code);
    await at(start + HOUR).queueDueReminders();
    expect(await outbox(id, 'reminder')).toHaveLength(2);
    await server.app.flushMail();

    // kept for the center's retention period (default 30 days) after the appointment
    await at(start + 29 * DAY).deleteExpiredContactData();
    let row = await server.db
      .selectFrom('bookings')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.contact_email).toBe('ole@example.org');
    await at(start + 31 * DAY).deleteExpiredContactData();
    row = await server.db.selectFrom('bookings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect([row.contact_name, row.contact_email, row.contact_phone, row.note]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect(row.contact_deleted_at).not.toBeNull();
    expect(await outbox(id, '')).toHaveLength(0);
  });
});
